/**
 * Championship editions (Rio 2016, Rome 2024): which finals decide their medals, their medal
 * tables, and finding one from the words fans use ("olympics", "rome 2024", "euros").
 */
import type { SportEvent } from './schema.js';
import { compareCodes, words } from './text.js';

/** Medals of one country at one championship. */
export interface MedalCount {
  country: string;
  gold: number;
  silver: number;
  bronze: number;
}

/** A championship the knowledge base holds: its edition and where and when. */
export interface Edition {
  edition: string;
  competition: string;
  city: string;
  venue: string;
  start: string;
  end: string;
  /** Finals (no combined-event parts, no second races), newest first. */
  finals: SportEvent[];
  sources: string[];
}

/** True for the final that decides a championship's medals (no combined-event part, no race B). */
export function isMedalFinal(e: SportEvent): boolean {
  return e.round === 'final' && !e.partOf;
}

/** Editions from events (newest first in, newest first out). */
export function buildEditions(events: readonly SportEvent[]): Edition[] {
  const editions = new Map<string, Edition>();
  for (const e of events) {
    const ed = editions.get(e.edition) ?? {
      edition: e.edition,
      competition: e.competition,
      city: e.city,
      venue: e.venue,
      start: e.date,
      end: e.date,
      finals: [],
      sources: [],
    };
    if (e.date < ed.start) ed.start = e.date;
    if (e.date > ed.end) ed.end = e.date;
    if (isMedalFinal(e)) ed.finals.push(e);
    for (const s of e.sources) if (!ed.sources.includes(s)) ed.sources.push(s);
    editions.set(e.edition, ed);
  }
  return [...editions.values()].sort((a, b) => compareCodes(b.start, a.start));
}

/** The medal table of an edition: gold, then silver, then bronze, then country code. Ties share. */
export function medalTable(edition: Edition): MedalCount[] {
  const table = new Map<string, MedalCount>();
  for (const e of edition.finals) {
    for (const r of e.results) {
      if (r.place === null || r.place > 3) continue;
      const row = table.get(r.country) ?? { country: r.country, gold: 0, silver: 0, bronze: 0 };
      if (r.place === 1) row.gold++;
      else if (r.place === 2) row.silver++;
      else row.bronze++;
      table.set(r.country, row);
    }
  }
  return [...table.values()].sort(
    (a, b) =>
      b.gold - a.gold || b.silver - a.silver || b.bronze - a.bronze || compareCodes(a.country, b.country),
  );
}

const SYNONYMS: Record<string, string> = {
  olympics: 'olympic',
  og: 'olympic',
  euros: 'european',
  europeans: 'european',
  roma: 'rome',
};
const FILLER = new Set(['the', 'games', 'of', 'in', 'at', 'athletics', 'championships', 'championship']);
const keysOf = new WeakMap<Edition, Set<string>>();

/**
 * The edition a text names ("rio", "rome 2024", "olympics 2016", "european championships"), the
 * most recent of `among` when several fit; null when it names none.
 */
export function findEdition(text: string, among: readonly Edition[]): Edition | null {
  const ws = words(text).map((w) => SYNONYMS[w] ?? w);
  if (ws.length === 0) return null;
  return (
    among.find((ed) => {
      let keys = keysOf.get(ed);
      if (!keys) {
        keys = new Set(words(`${ed.edition} ${ed.competition} ${ed.city} ${ed.venue}`));
        keysOf.set(ed, keys);
      }
      return ws.every((w) => keys.has(w) || FILLER.has(w));
    }) ?? null
  );
}

/** Of fitting events, newest first: the championship final beats heats and second races; other finals, then rounds. */
export function bestOf(fits: readonly SportEvent[]): { event: SportEvent; others: SportEvent[] } {
  const event = fits.find(isMedalFinal) ?? (fits[0] as SportEvent);
  const finals: SportEvent[] = [];
  const rounds: SportEvent[] = [];
  for (const e of fits) if (e !== event) (isMedalFinal(e) ? finals : rounds).push(e);
  return { event, others: finals.concat(rounds) };
}
