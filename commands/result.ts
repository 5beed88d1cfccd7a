import type { Command } from '../src/core/command.js';
import { eventName, eventTitle, longDate, roundLabel } from '../src/core/format.js';
import { type AthleteResult, isMedalFinal } from '../src/core/knowledge-base.js';
import { athleteMissReply } from '../src/core/misses.js';
import { paginate } from '../src/core/pages.js';
import { medalFor } from '../src/core/presentation.js';
import { missReply } from '../src/core/reply.js';
import { runnersOf, toReplyResult } from '../src/core/results-view.js';
import { compareCodes } from '../src/core/text.js';

const ORDINAL = ['th', 'st', 'nd', 'rd'];
function ordinal(n: number): string {
  const v = n % 100;
  return `${n}${ORDINAL[(v - 20) % 10] ?? ORDINAL[v] ?? 'th'}`;
}

const ROUND_ORDER = ['final', 'race', 'semi-final', 'repechage', 'heat', 'qualification'];

/** "1st — gold", "4th", "DNF". */
function placing({ event, result }: AthleteResult): string {
  if (result.place === null) return result.status ?? 'no place';
  const medal = isMedalFinal(event) ? medalFor(result.place) : null;
  return `${ordinal(result.place)}${medal ? ` — ${medal}` : ''}`;
}

/** `/result <athlete>` — every result of a person, newest first, grouped by competition. */
export const resultCommand: Command = {
  name: 'result',
  description: 'Where an athlete finished: every result, newest first, medals marked',
  options: [
    {
      name: 'athlete',
      description: 'Surname or full name, e.g. Kerr',
      type: 'string',
      required: true,
      autocomplete: 'athlete',
      maxLength: 100,
      rest: true,
    },
  ],
  examples: ['/result kerr', '/result usain bolt'],
  run(ctx, args) {
    const text = String(args.athlete ?? '');
    const match = ctx.kb.resolveAthlete(text);
    if (match.kind !== 'found') return athleteMissReply(match, text, '/result');
    const a = match.item;
    const all = ctx.kb.resultsOf(a.id);
    // Decathlon and heptathlon parts live inside the total's line.
    const results = all
      .filter((x) => !x.event.partOf)
      .sort(
        (x, y) =>
          compareCodes(y.event.date, x.event.date) ||
          ROUND_ORDER.indexOf(x.event.round) - ROUND_ORDER.indexOf(y.event.round),
      );
    if (results.length === 0) {
      return missReply(`I have no results for ${a.name} yet`, [
        `${a.name} (${a.country}) is in my records, but no placing is.`,
      ]);
    }
    const only = results.length === 1 ? results[0] : undefined;
    if (only) {
      const { event, result } = only;
      return {
        tone: 'result',
        title: `${a.name} (${a.country})`,
        summary: `${placing(only)} in the ${eventTitle(event)} · ${longDate(event.date)}`,
        results: [{ ...toReplyResult(ctx.kb, result), athlete: a.name }],
        sources: ctx.kb.citations(result.sources),
        ephemeral: false,
      };
    }
    const shown = paginate(results, ctx.cursor, `/result ${a.id}`);
    const lines: string[] = [];
    let edition = '';
    for (const x of shown.items) {
      const { event, result } = x;
      if (event.edition !== edition) {
        edition = event.edition;
        lines.push(`${event.edition} — ${event.competition}`);
      }
      const records = result.records.length ? ` (${result.records.join(', ')})` : '';
      const mark = result.mark && !result.status ? ` in ${result.mark}` : '';
      const team = result.team ? ` with ${runnersOf(ctx.kb, result) ?? result.team.name}` : '';
      const country = result.country !== a.country ? ` for ${result.country}` : '';
      // Under the name of that day: Rio's results are Sandra Perković's.
      const asName = result.athlete ? ctx.kb.nameAsRecorded(result.athlete) : a.name;
      const as = asName !== a.name ? ` (as ${asName})` : '';
      lines.push(
        `  ${eventName(event)} ${roundLabel(event)}: ${placing(x)}${mark}${records}${team}${country}${as}, ${longDate(event.date)}`,
      );
    }
    const medals = results.filter((x) => isMedalFinal(x.event) && medalFor(x.result.place)).length;
    return {
      tone: 'result',
      title: `${a.name} (${a.country})`,
      summary: `${results.length} results${medals ? `, ${medals} medal${medals === 1 ? '' : 's'}` : ''}`,
      lines,
      sources: ctx.kb.citations(shown.items.flatMap((r) => r.result.sources)),
      ephemeral: false,
      ...(shown.page ? { page: shown.page, actions: shown.actions } : {}),
    };
  },
};
