import type { Command } from '../src/core/command.js';
import { eventTitle, eventWhere, longDate } from '../src/core/format.js';
import { paginate } from '../src/core/pages.js';
import { missReply } from '../src/core/reply.js';
import { fieldOrder, legendLine, toReplyResult } from '../src/core/results-view.js';
import { echo } from '../src/core/text.js';

/** Entrants on one page of the answer (a marathon has 150): "Previous"/"Next" page through the rest. */
const MAX_ROWS = 24;

/** `/results <event> [round]` — the whole field of a final or of one heat, non-finishers last. */
export const resultsCommand: Command = {
  name: 'results',
  description: 'The whole field of a final or a heat: places, marks, records, wind',
  options: [
    {
      name: 'event',
      description: 'The event and, optionally, the round: 100m rio, 800m heat 2 rome, 10000m race b',
      type: 'string',
      required: true,
      autocomplete: 'event',
      maxLength: 100,
    },
    {
      name: 'round',
      description: 'Optional round: final, semi-final 2, heat 3, qualification, race b',
      type: 'string',
      required: false,
      maxLength: 40,
      rest: true,
    },
  ],
  examples: ['/results 100m rio 2016', "/results women's 400m semi-final 2 rome", '/results decathlon rio'],
  run(ctx, args) {
    // Typed as one line, the round's words may land in either option: read them together.
    const text = [args.event, args.round].filter((v) => typeof v === 'string').join(' ');
    const match = ctx.kb.resolveEvent(text);
    if (match.kind === 'unknown') {
      return missReply(
        match.discipline
          ? `I have no ${match.discipline} round matching “${echo(text)}”`
          : `I can't tell which event “${echo(text)}” is`,
        match.suggestions.length
          ? ['Events I know:', ...match.suggestions.map(eventTitle)]
          : ['Try an event such as 100m rio 2016.'],
        true,
      );
    }
    const e = match.event;
    const field = fieldOrder(e.results);
    // The buttons ask for this very round by its id, so a page never lands on another round.
    const paged = paginate(field, ctx.cursor, `/results ${e.id}`, MAX_ROWS);
    const shown = paged.items;
    const lines: string[] = [];
    const legend = legendLine(shown);
    if (legend) lines.push(legend);
    if (e.results.some((r) => r.qualification))
      lines.push('Q = qualified by place; q = qualified by time or mark.');
    const rounds = match.others.filter((o) => o.edition === e.edition).length;
    if (rounds)
      lines.push(
        `${rounds} other round${rounds === 1 ? '' : 's'} of this event: add heat 2, semi-final 1, final…`,
      );
    const wind = e.wind ? ` · wind ${e.wind}` : '';
    return {
      tone: 'result',
      title: eventTitle(e),
      summary: `${eventWhere(e)} · ${longDate(e.date)}${wind} · ${e.results.length} entrants`,
      results: shown.map((r) => toReplyResult(ctx.kb, r, { withWind: !e.wind })),
      lines,
      sources: ctx.kb.citations([...e.sources, ...shown.flatMap((r) => r.sources)]),
      ephemeral: false,
      ...(paged.page ? { page: paged.page, actions: paged.actions } : {}),
    };
  },
};
