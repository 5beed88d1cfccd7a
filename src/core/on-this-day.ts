import { dayMonth, eventName, eventTitle, eventWhere, longDate } from './format.js';
import { isMedalFinal, type KnowledgeBase } from './knowledge-base.js';
import type { Reply } from './reply.js';
import { entrantName, podiumOf, toReplyResult } from './results-view.js';
import type { SportEvent } from './schema.js';
import { compareCodes } from './text.js';

/** How many events one "on this day" answer lists before "… and N more". */
export const ON_THIS_DAY_LIMIT = 10;

/** True for a leap year of the Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Finals to remember on a local date (heats and combined-event parts are not anniversaries):
 * same month and day in earlier years. A 29 February event
 * is remembered on 28 February in years without a 29th. With `includeSameYear`, the date's own
 * year counts too (for `/onthisday 2024-08-06`).
 */
export function anniversariesOn(kb: KnowledgeBase, localDate: string, includeSameYear = false): SportEvent[] {
  const year = Number(localDate.slice(0, 4));
  const monthDay = localDate.slice(5);
  const days = [monthDay];
  if (monthDay === '02-28' && !isLeapYear(year)) days.push('02-29');
  const out: SportEvent[] = [];
  for (const d of days) {
    for (const e of kb.eventsOnMonthDay(d)) {
      const y = Number(e.date.slice(0, 4));
      if (isMedalFinal(e) && (y < year || (includeSameYear && y === year))) out.push(e);
    }
  }
  return out.sort((a, b) => compareCodes(b.date, a.date));
}

/** One line for an event: "2024 — Men's 1500m, Paris 2024: Cole Hocker (USA) won in 3:27.65 (OR)". */
export function anniversaryLine(kb: KnowledgeBase, e: SportEvent): string {
  const winners = e.results.filter((r) => r.place === 1);
  const winner = winners[0];
  const head = `${e.date.slice(0, 4)} — ${eventName(e)} ${e.round}, ${e.edition}`;
  if (!winner) return head;
  // A shared title names every winner.
  const name = winners.map((w) => entrantName(kb, w)).join(' and ');
  const records = winner.records.length ? ` (${winner.records.join(', ')})` : '';
  const country = winners.every((w) => w.country === winner.country) ? winner.country : null;
  return `${head}: ${name}${country ? ` (${country})` : ''} won${winner.mark ? ` in ${winner.mark}` : ''}${records}`;
}

/**
 * The "on this day" reply for a local date, or null when there is nothing to remember (quiet days
 * stay quiet: the scheduler posts nothing).
 */
export function onThisDay(kb: KnowledgeBase, localDate: string, includeSameYear = false): Reply | null {
  const events = anniversariesOn(kb, localDate, includeSameYear);
  if (events.length === 0) return null;
  const month = Number(localDate.slice(5, 7));
  const day = Number(localDate.slice(8, 10));
  const shown = events.slice(0, ON_THIS_DAY_LIMIT);
  const lines = shown.map((e) => anniversaryLine(kb, e));
  if (events.length > shown.length) lines.push(`… and ${events.length - shown.length} more`);
  const headline = shown.find((e) => podiumOf(e).length > 0);
  return {
    tone: 'info',
    title: `On this day: ${dayMonth(month, day)}`,
    lines,
    sources: kb.citations(shown.flatMap((e) => e.sources)),
    ephemeral: false,
    ...(headline ? { card: podiumCardReply(kb, headline) } : {}),
  };
}

/** The podium of an event as a reply of its own, for the card an "on this day" post carries. */
export function podiumCardReply(kb: KnowledgeBase, e: SportEvent): Reply {
  return {
    tone: 'result',
    title: eventTitle(e),
    summary: `${eventWhere(e)} · ${longDate(e.date)}`,
    results: podiumOf(e).map((r) => toReplyResult(kb, r)),
    sources: kb.citations([...e.sources, ...e.results.flatMap((r) => r.sources)]),
    ephemeral: false,
  };
}
