import type { CompletionSource } from './command.js';
import { eventTitle, roundLabel } from './format.js';
import { isMedalFinal, type KnowledgeBase } from './knowledge-base.js';
import type { SportEvent } from './schema.js';
import { fold } from './text.js';

/** Discord's and Slack's cap on suggestions. */
export const MAX_CHOICES = 25;
/** Discord's limit on a choice's name and value. */
export const MAX_CHOICE_LENGTH = 100;

/** One suggestion: what the user sees and what is sent back as the option's value. */
export interface Choice {
  name: string;
  value: string;
}

let zones: string[] | null = null;
function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

const clip = (s: string) => (s.length > MAX_CHOICE_LENGTH ? `${s.slice(0, MAX_CHOICE_LENGTH - 1)}…` : s);

/** Suggestions for a partly typed option value, best first, at most `limit`; typos tolerated. */
export function complete(
  kb: KnowledgeBase,
  source: CompletionSource,
  partial: string,
  limit = MAX_CHOICES,
): Choice[] {
  const n = Math.min(limit, MAX_CHOICES);
  const typed = partial.slice(0, 200);
  if (source === 'athlete') {
    return kb
      .completeAthletes(typed, n)
      .map((a) => ({ name: clip(`${a.name} (${a.country})`), value: clip(a.name) }));
  }
  if (source === 'timezone') {
    const q = fold(typed).replace(/ /g, '');
    const all = timeZones();
    const key = (z: string) => fold(z).replace(/ /g, '');
    const starts = all.filter((z) => key(z).startsWith(q) || key(z.split('/').pop() ?? '').startsWith(q));
    const contains = all.filter((z) => !starts.includes(z) && key(z).includes(q));
    return [...starts, ...contains].slice(0, n).map((z) => ({ name: z, value: z }));
  }
  // The name reads as fans say it; the value is text `resolveEvent` reads back to this very round.
  const toChoice = (e: SportEvent) => ({
    name: clip(eventTitle(e)),
    value: clip(
      [e.sex, e.discipline, e.partOf, e.edition, roundLabel(e).replace(/^semi-final/, 'semi')]
        .filter(Boolean)
        .join(' '),
    ),
  });
  const finalsFirst = (list: readonly SportEvent[]) => [
    ...list.filter(isMedalFinal),
    ...list.filter((e) => !isMedalFinal(e)),
  ];
  if (fold(typed) === '') return finalsFirst(kb.eventList()).slice(0, n).map(toChoice);
  const match = kb.resolveEvent(typed);
  if (match.kind === 'found') return [match.event, ...match.others].slice(0, n).map(toChoice);
  // Half-typed words ("women 4x4") match the starts of the title's words.
  const qs = fold(typed).split(' ');
  const byText = kb.eventList().filter((e) => {
    const ws = fold(`${eventTitle(e)} ${e.city} ${e.date}`).split(' ');
    return qs.every((q) => ws.some((w) => w.startsWith(q)));
  });
  return finalsFirst(byText.length ? byText : match.suggestions)
    .slice(0, n)
    .map(toChoice);
}
