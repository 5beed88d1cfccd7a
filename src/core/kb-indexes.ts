/**
 * The knowledge base's indexes, in two groups built on first use: the event index (what an event,
 * a day or a championship question needs) and the people index (what an athlete or a quote question
 * needs). `podium ask "/podium 1500m"` on a snapshot builds only the first. Also the snapshot's
 * shape: a checked, merged base as plain data (load.ts keeps it in var/cache).
 */
import { disciplineKey } from './disciplines.js';
import { buildEditions, type Edition, isMedalFinal } from './editions.js';
import { eventBucket, eventKeywords } from './event-query.js';
import type { Athlete, Quote, Result, Source, SportEvent } from './schema.js';
import { compareCodes, words } from './text.js';

/** A placing with its event, for an athlete's results (a relay team's, when they ran in it). */
export interface AthleteResult {
  event: SportEvent;
  result: Result;
}

/** Events by discipline, by calendar day and by edition, newest first. */
export interface EventIndex {
  newestFirst: SportEvent[];
  byDiscipline: Map<string, SportEvent[]>;
  byMonthDay: Map<string, SportEvent[]>;
  editions: Edition[];
}

/** A checked, merged knowledge base as plain data: see KnowledgeBase.toSnapshot. */
export interface KnowledgeBaseSnapshot {
  sources: Source[];
  athletes: Athlete[];
  /** Each event with its results as JSON text (or what reads it), parsed when first read. */
  events: StoredEvent[];
  quotes: Quote[];
  /** [data id, merged record's id], where they differ. */
  canonicalIds: Array<[string, string]>;
  /** [data id, name it was recorded under], where that is not its merged record's name. */
  recordNames: Array<[string, string]>;
  skipped: string[];
  draftsSkipped: number;
  /** [event id, discipline bucket] (see bucketOf): finding a discipline is the index's dearest part. */
  buckets?: Array<[string, string]>;
}

/** A snapshot's event: its results as JSON text, or a function that reads that text. */
export type StoredEvent = Omit<SportEvent, 'results'> & { results: string | (() => string) };

/** Results by athlete, quotes by speaker and by word, and how prominent each person is. */
export interface PeopleIndex {
  resultsByAthlete: Map<string, AthleteResult[]>;
  prominence: Map<string, number>;
  bySpeaker: Map<string, Quote[]>;
  quoteWords: Map<string, Quote[]>;
  allQuotes: Quote[];
}

/** Every person a result is about: the athlete, or a relay team's runners. */
export function personIds(r: Result): string[] {
  return r.athlete ? [r.athlete] : (r.team?.runners.map((x) => x.athlete) ?? []);
}

export function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The discipline bucket an event is indexed under ("1500m", "decathlon 100m"). */
export function bucketOf(e: SportEvent): string {
  return eventBucket(e, disciplineKey(e.discipline));
}

/** The event index; `buckets` gives events' buckets computed before (a snapshot keeps them). */
export function buildEventIndex(
  all: Iterable<SportEvent>,
  buckets?: ReadonlyMap<string, string>,
): EventIndex {
  const newestFirst = [...all].sort((a, b) => compareCodes(b.date, a.date));
  const index: EventIndex = {
    newestFirst,
    byDiscipline: new Map(),
    byMonthDay: new Map(),
    editions: buildEditions(newestFirst),
  };
  for (const e of newestFirst) {
    append(index.byDiscipline, buckets?.get(e.id) ?? bucketOf(e), e);
    append(index.byMonthDay, e.date.slice(5), e);
  }
  return index;
}

/** Each event's keywords (sport, competition, venue, city, year …), for queries with extra words. */
export function buildKeywords(events: Iterable<SportEvent>): Map<string, Set<string>> {
  const keywords = new Map<string, Set<string>>();
  for (const e of events) keywords.set(e.id, eventKeywords(e));
  return keywords;
}

/**
 * The people index. It also settles an imported person's country: that of their latest result
 * (Pichardo: Cuba in Rio, Portugal in Rome); curated records keep theirs. Settling it again gives the
 * same countries, so a base built from a snapshot (whose records are already settled) may build it late.
 */
export function buildPeopleIndex(
  newestFirst: readonly SportEvent[],
  quotes: Iterable<Quote>,
  canonical: (id: string) => string,
  athletes: ReadonlyMap<string, Athlete>,
): PeopleIndex {
  const index: PeopleIndex = {
    resultsByAthlete: new Map(),
    prominence: new Map(),
    bySpeaker: new Map(),
    quoteWords: new Map(),
    allQuotes: [],
  };
  const { prominence } = index;
  for (const e of newestFirst) {
    const medalFinal = isMedalFinal(e);
    for (const r of e.results) {
      for (const id of new Set(personIds(r).map(canonical))) {
        append(index.resultsByAthlete, id, { event: e, result: r });
        const medal = medalFinal && r.place !== null && r.place <= 3 ? 4 - r.place : 0;
        prominence.set(id, (prominence.get(id) ?? 0) + medal * 10 + 1);
      }
    }
  }
  for (const [id, list] of index.resultsByAthlete) {
    const a = athletes.get(id);
    const latest = list[0]?.result;
    if (a?.ids?.tilastopaja?.length && latest) a.country = latest.team?.country ?? latest.country;
  }
  for (const q of quotes) {
    index.allQuotes.push(q);
    const speaker = canonical(q.speaker);
    append(index.bySpeaker, speaker, q);
    prominence.set(speaker, (prominence.get(speaker) ?? 0) + 1000);
    for (const w of new Set(words(q.text))) if (w.length >= 3) append(index.quoteWords, w, q);
  }
  return index;
}

/**
 * A snapshot's event with its results parsed on first read: an answer reads a few events' results,
 * and parsing all ~6,000 placings up front is the largest part of loading a snapshot. The first read
 * (or a write) turns `results` into a plain property, so later reads cost nothing.
 */
export function lazyResults(stored: StoredEvent): SportEvent {
  const event = stored as unknown as SportEvent;
  const text = stored.results;
  const settle = (value: SportEvent['results']) => {
    Object.defineProperty(event, 'results', { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(event, 'results', {
    enumerable: true,
    configurable: true,
    get: () => settle(JSON.parse(typeof text === 'string' ? text : text()) as SportEvent['results']),
    set: settle,
  });
  return event;
}
