import type { Command } from '../src/core/command.js';
import { countryOf } from '../src/core/countries.js';
import { eventName } from '../src/core/format.js';
import type { Edition } from '../src/core/knowledge-base.js';
import { paginate } from '../src/core/pages.js';
import { medalFor } from '../src/core/presentation.js';
import { missReply, type Reply } from '../src/core/reply.js';
import { countryLabel, entrantName } from '../src/core/results-view.js';
import { compareCodes, echo, fold } from '../src/core/text.js';

/** Rows of a medal table one answer shows. */
const MAX_ROWS = 20;

/** Splits "rio 2016 kenya" into the competition words and a country (name, demonym or IOC code). */
function readCountry(text: string): { rest: string; country: string | null } {
  const ws = text.trim().split(/\s+/).filter(Boolean);
  // The longest run of trailing or leading words that names a country ("great britain").
  for (let n = Math.min(4, ws.length); n >= 1; n--) {
    for (const [from, to] of [
      [ws.length - n, ws.length],
      [0, n],
    ] as const) {
      const phrase = ws.slice(from, to).join(' ');
      const code = countryOf(/^[a-z]{3}$/i.test(phrase) ? phrase.toUpperCase() : phrase);
      if (code) return { rest: [...ws.slice(0, from), ...ws.slice(to)].join(' '), country: code };
    }
  }
  return { rest: text, country: null };
}

function countryMedals(ctx: Parameters<Command['run']>[0], ed: Edition, country: string): Reply {
  const lines: string[] = [];
  const order = { gold: 0, silver: 1, bronze: 2 } as const;
  const wins = ed.finals
    .flatMap((e) =>
      e.results.filter((r) => r.country === country).map((r) => ({ e, r, medal: medalFor(r.place) })),
    )
    .filter((x) => x.medal !== null)
    .sort(
      (a, b) => order[a.medal ?? 'bronze'] - order[b.medal ?? 'bronze'] || compareCodes(a.e.date, b.e.date),
    );
  const paged = paginate(wins, ctx.cursor, `/medals ${ed.edition} ${country}`, MAX_ROWS);
  for (const { e, r, medal } of paged.items) {
    lines.push(`${medal} — ${eventName(e)}: ${entrantName(ctx.kb, r)}${r.mark ? `, ${r.mark}` : ''}`);
  }
  const title = `${countryLabel(country)} at ${ed.edition}`;
  if (lines.length === 0) {
    return missReply(`${title}: no medals`, [`No ${country} athlete finished in the top three of a final.`]);
  }
  const row = ctx.kb.medalTable(ed).find((m) => m.country === country);
  return {
    tone: 'result',
    title,
    summary: `${ed.competition} · ${row?.gold ?? 0} gold, ${row?.silver ?? 0} silver, ${row?.bronze ?? 0} bronze`,
    lines,
    sources: ctx.kb.citations(ed.sources),
    ephemeral: false,
    ...(paged.page ? { page: paged.page, actions: paged.actions } : {}),
  };
}

/** `/medals [competition] [country]` — a championship's medal table, or one country's medallists. */
export const medalsCommand: Command = {
  name: 'medals',
  description: 'Medal table of a championship, or one country’s medallists there',
  options: [
    {
      name: 'competition',
      description: 'The championship, e.g. rio 2016, rome 2024, olympics (default: the latest)',
      type: 'string',
      required: false,
      maxLength: 100,
    },
    {
      name: 'country',
      description: 'A country, e.g. Kenya, GBR, Italian — its medallists there',
      type: 'string',
      required: false,
      maxLength: 60,
      rest: true,
    },
  ],
  examples: ['/medals rio 2016', '/medals rome 2024 italy', '/medals'],
  run(ctx, args) {
    // Typed as one line, the words land in either option: read them together.
    const text = [args.competition, args.country].filter((v) => typeof v === 'string').join(' ');
    const { rest, country } = readCountry(text);
    const editions = ctx.kb.championships();
    const ed = fold(rest) === '' ? editions[0] : ctx.kb.resolveEdition(rest, editions);
    if (!ed || !editions.includes(ed)) {
      return missReply(
        `I have no championship matching “${echo(rest)}”`,
        ['Championships I know:', ...editions.map((e) => `${e.edition} — ${e.competition}`)],
        true,
      );
    }
    if (country) return countryMedals(ctx, ed, country);
    const table = ctx.kb.medalTable(ed);
    // Ranks are counted over the whole table, then paged, so page 2 starts at the right number.
    const ranked = table.map(
      (m, i) =>
        `${i + 1}. ${countryLabel(m.country)} — ${m.gold} gold, ${m.silver} silver, ${m.bronze} bronze`,
    );
    const paged = paginate(ranked, ctx.cursor, `/medals ${ed.edition}`, MAX_ROWS);
    const lines = paged.items;
    const others = editions.filter((e) => e !== ed).map((e) => e.edition);
    if (others.length && fold(rest) === '')
      lines.push(`Also: ${others.join(', ')} — e.g. /medals ${others[0]}`);
    return {
      tone: 'result',
      title: `Medal table — ${ed.edition}`,
      summary: `${ed.competition} · athletics · ${ed.finals.length} finals`,
      lines,
      sources: ctx.kb.citations(ed.sources),
      ephemeral: false,
      ...(paged.page ? { page: paged.page, actions: paged.actions } : {}),
    };
  },
};
