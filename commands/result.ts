import type { Command } from '../src/core/command.js';
import { eventTitle, longDate } from '../src/core/format.js';
import { athleteMissReply } from '../src/core/misses.js';
import { paginate } from '../src/core/pages.js';
import { medalFor } from '../src/core/presentation.js';
import { missReply } from '../src/core/reply.js';

const ORDINAL = ['th', 'st', 'nd', 'rd'];
function ordinal(n: number): string {
  const v = n % 100;
  return `${n}${ORDINAL[(v - 20) % 10] ?? ORDINAL[v] ?? 'th'}`;
}

/** `/result <athlete>` — where an athlete finished, with mark, records and medal. */
export const resultCommand: Command = {
  name: 'result',
  description: 'Where an athlete finished: place, mark, records, medal',
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
  examples: ['/result kerr', '/result ingebrigtsen'],
  run(ctx, args) {
    const text = String(args.athlete ?? '');
    const match = ctx.kb.resolveAthlete(text);
    if (match.kind !== 'found') return athleteMissReply(match, text, '/result');
    const a = match.item;
    const results = ctx.kb.resultsOf(a.id);
    if (results.length === 0) {
      return missReply(`I have no results for ${a.name} yet`, [
        `${a.name} (${a.country}) is in my records, but no placing is.`,
      ]);
    }
    const only = results.length === 1 ? results[0] : undefined;
    if (only) {
      const { event, result } = only;
      const medal = medalFor(result.place);
      return {
        tone: 'result',
        title: `${a.name} (${a.country})`,
        summary: `${ordinal(result.place)}${medal ? ` — ${medal}` : ''} in the ${eventTitle(event)} · ${longDate(event.date)}`,
        results: [
          {
            place: result.place,
            athlete: a.name,
            country: result.country,
            mark: result.mark,
            records: result.records,
          },
        ],
        sources: ctx.kb.citations(result.sources),
        ephemeral: false,
      };
    }
    const shown = paginate(results, ctx.cursor, `/result ${a.id}`);
    const lines = shown.items.map(({ event, result }) => {
      const medal = medalFor(result.place);
      const records = result.records.length ? ` (${result.records.join(', ')})` : '';
      return `${eventTitle(event)}: ${ordinal(result.place)}${medal ? ` — ${medal}` : ''}${result.mark ? ` in ${result.mark}` : ''}${records}, ${longDate(event.date)}`;
    });
    return {
      tone: 'result',
      title: `${a.name} (${a.country})`,
      lines,
      sources: ctx.kb.citations(shown.items.flatMap((r) => r.result.sources)),
      ephemeral: false,
      ...(shown.page ? { page: shown.page, actions: shown.actions } : {}),
    };
  },
};
