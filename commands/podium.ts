import type { ReplyAction } from '../src/core/actions.js';
import type { Command } from '../src/core/command.js';
import { eventName, eventTitle, eventWhere, longDate } from '../src/core/format.js';
import { isMedalFinal, type KnowledgeBase } from '../src/core/knowledge-base.js';
import { missReply, type ReplyResult } from '../src/core/reply.js';
import { entrantName, legendLine, partsLine, podiumOf, toReplyResult } from '../src/core/results-view.js';
import { roundsOf } from '../src/core/rounds.js';
import type { SportEvent } from '../src/core/schema.js';
import { compareNatural, echo } from '../src/core/text.js';

/** Earlier rounds worth a button, in the order a championship runs them. */
const ROUND_BUTTONS: ReadonlyArray<{ round: SportEvent['round']; label: string }> = [
  { round: 'heat', label: 'Heats' },
  { round: 'semi-final', label: 'Semi-finals' },
];

/**
 * "Full results" (the whole field, when there is more than the podium) and one button per earlier
 * round the data has for the same event (its first race: /results pages on from there). They point at
 * /results, so they show only where an adapter serves that command.
 */
function followUps(kb: KnowledgeBase, e: SportEvent): ReplyAction[] {
  const actions: ReplyAction[] = [];
  if (e.results.length > 3) {
    actions.push({ label: 'Full results', style: 'primary', mode: 'new', line: `/results ${e.id}` });
  }
  const siblings = roundsOf(kb, e);
  for (const { round, label } of ROUND_BUTTONS) {
    if (round === e.round) continue;
    let first: SportEvent | undefined;
    for (const other of siblings) {
      if (other.round === round && (!first || compareNatural(other.id, first.id) < 0)) {
        first = other;
      }
    }
    if (first) actions.push({ label, style: 'secondary', mode: 'new', line: `/results ${first.id}` });
  }
  return actions;
}

/** `/podium <event>` — gold, silver and bronze with marks, records, date and venue. */
export const podiumCommand: Command = {
  name: 'podium',
  description: 'Gold, silver and bronze of an event, with marks and records',
  options: [
    {
      name: 'event',
      description: 'The event, e.g. 1500m, men’s 1500 m, 1500m paris 2024',
      type: 'string',
      required: true,
      autocomplete: 'event',
      maxLength: 100,
      rest: true,
    },
  ],
  examples: ['/podium 1500m', "/podium men's 1500 m paris 2024", "/podium women's 4x100m relay rio"],
  run(ctx, args) {
    const text = String(args.event ?? '');
    const match = ctx.kb.resolveEvent(text);
    if (match.kind === 'unknown') {
      const known = match.suggestions.map((e) => `${eventTitle(e)}`);
      return missReply(
        match.discipline
          ? `I have no ${match.discipline} race matching “${echo(text)}”`
          : `I can't tell which event “${echo(text)}” is`,
        known.length ? ['Events I know:', ...known] : ['Try an event such as 1500m.'],
        true,
      );
    }
    const e = match.event;
    const medallists = podiumOf(e);
    const results: ReplyResult[] = medallists.map((r) => toReplyResult(ctx.kb, r));
    const lines = e.facts.map((f) => f.text);
    if (!isMedalFinal(e) && medallists.length) {
      lines.unshift(`This is not a medal final: the top three of the ${eventTitle(e)}.`);
    }
    const legend = legendLine(medallists);
    if (legend) lines.push(legend);
    // Other finals first (other editions by name; the other sex's in full), else other rounds.
    const otherFinals = match.others.filter(isMedalFinal);
    if (otherFinals.length) {
      const label = (o: SportEvent) =>
        o.sex === e.sex && o.discipline === e.discipline ? o.edition : `${eventName(o)}, ${o.edition}`;
      const names = otherFinals.slice(0, 4).map(label);
      const more = otherFinals.length > 4 ? ` and ${otherFinals.length - 4} more` : '';
      lines.push(`Also: ${names.join('; ')}${more} — add a year, city or men/women to pick one.`);
    } else if (match.others.length) {
      lines.push(
        `Also in my records: ${match.others.slice(0, 3).map(eventTitle).join('; ')} — add a year or city to pick one.`,
      );
    }
    if (e.discipline === 'decathlon' || e.discipline === 'heptathlon') {
      for (const r of medallists)
        if (r.parts?.length) lines.push(`${entrantName(ctx.kb, r)}: ${partsLine(r.parts)}`);
    }
    return {
      tone: results.length ? 'result' : 'miss',
      title: eventTitle(e),
      summary: `${eventWhere(e)} · ${longDate(e.date)}`,
      results,
      lines: results.length ? lines : ['No placings are recorded for this event yet.', ...lines],
      sources: ctx.kb.citations([
        ...e.sources,
        ...medallists.flatMap((r) => r.sources),
        ...e.facts.flatMap((f) => f.sources),
      ]),
      ephemeral: false,
      actions: followUps(ctx.kb, e),
    };
  },
};
