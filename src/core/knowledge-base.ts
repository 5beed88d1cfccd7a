import { bestOf, type Edition, findEdition, isMedalFinal, type MedalCount, medalTable } from './editions.js';
import { DataError } from './errors.js';
import { type EventQuery, fitsQuery, type Narrowed, parseEventQuery, withWords } from './event-query.js';
import { checkReferences } from './kb-checks.js';
import {
  type AthleteResult,
  bucketOf,
  buildEventIndex,
  buildKeywords,
  buildPeopleIndex,
  type EventIndex,
  type KnowledgeBaseSnapshot,
  lazyResults,
  type PeopleIndex,
  personIds,
} from './kb-indexes.js';
import { NameIndex, type NameMatch } from './name-index.js';
import { mergePeople } from './people.js';
import type { ReplySource } from './reply.js';
import type { Athlete, Bundle, Quote, Source, SportEvent } from './schema.js';
import { fold, words } from './text.js';

export type { AthleteResult, KnowledgeBaseSnapshot } from './kb-indexes.js';
export { personIds } from './kb-indexes.js';

/** An event query's outcome: the best event (and how many others also fit), or a miss. */
export type EventMatch =
  | { kind: 'found'; event: SportEvent; others: readonly SportEvent[] }
  | { kind: 'unknown'; discipline: string | null; suggestions: readonly SportEvent[] };

/** How to load: drafts (written by `podium ingest`, awaiting review) are skipped unless asked for. */
export interface LoadOptions {
  /** Serve data marked `draft` too (PODIUM_INCLUDE_DRAFTS=true); never by default. */
  includeDrafts?: boolean;
}
export type { Edition, MedalCount } from './editions.js';
export { isMedalFinal } from './editions.js';

/** A bundle read from disk, with the file it came from (for error messages). */
export interface LoadedBundle {
  file: string;
  bundle: Bundle;
}

/**
 * The knowledge base: validated data plus the indexes every answer uses (athletes by name,
 * events by discipline and by calendar day, quotes by speaker and by word, results by athlete).
 */
export class KnowledgeBase {
  readonly sources = new Map<string, Source>();
  readonly athletes = new Map<string, Athlete>();
  readonly events = new Map<string, SportEvent>();
  readonly quotes = new Map<string, Quote>();
  private nameIndex: NameIndex<Athlete> | null = null;
  private eventIndex: EventIndex | null = null;
  private keywordIndex: Map<string, Set<string>> | null = null;
  /** Discipline buckets read from a snapshot, until the event index is built. */
  private storedBuckets: Map<string, string> | null = null;
  private peopleIndex: PeopleIndex | null = null;
  /** Every data id of a person → the id of their one merged record. */
  private readonly canonicalIds = new Map<string, string>();
  private championshipList: Edition[] | null = null;
  /** Answer-time caches, built on first use: see `narrowed` and `suggestionsFor`. */
  private readonly narrowCache = new Map<string, Narrowed>();
  private readonly suggestionCache = new Map<string, readonly SportEvent[]>();
  private readonly medalTables = new WeakMap<Edition, MedalCount[]>();
  /** The name each data id was recorded under (Rio's "Sandra Perković" for Rio's results). */
  private readonly recordNames = new Map<string, string>();
  private readonly foldedQuotes = new WeakMap<Quote, string>();
  /** Ids of the draft items left out (kind:id), to explain a reference to one. */
  private readonly skipped = new Set<string>();
  /** How many draft items (sources, athletes, events, quotes) were left out at load. */
  draftsSkipped = 0;

  private constructor() {}

  /**
   * Builds a knowledge base from already-parsed bundles, checking every cross-reference. Anything
   * marked `draft` (a whole bundle or one item) is left out unless `includeDrafts` is set: an
   * unreviewed draft must never be served as fact.
   */
  static fromBundles(bundles: ReadonlyArray<Bundle | LoadedBundle>, opts: LoadOptions = {}): KnowledgeBase {
    const kb = new KnowledgeBase();
    const all = bundles.map((b, i) =>
      'bundle' in b ? b : { file: `bundle #${i + 1}`, bundle: b as Bundle },
    );
    const loaded = opts.includeDrafts ? all : all.map((b) => kb.withoutDrafts(b));
    const owner = new Map<string, string>();
    const records = new Map<string, Athlete>();
    const people: Athlete[] = [];
    const claim = (kind: string, id: string, file: string, jsonPath: string) => {
      const key = `${kind}:${id}`;
      const first = owner.get(key);
      if (first)
        throw new DataError(
          file,
          jsonPath,
          `a unique ${kind} id, but "${id}" is already defined in ${first}`,
        );
      owner.set(key, file);
    };
    for (const { file, bundle } of loaded) {
      bundle.sources?.forEach((s, i) => {
        claim('source', s.id, file, `$.sources[${i}].id`);
        kb.sources.set(s.id, s);
      });
      bundle.athletes?.forEach((a, i) => {
        const before = records.get(a.id);
        // The same person imported from two competitions keeps one id; anything else is a clash.
        const samePerson = before?.ids?.tilastopaja?.some((t) => a.ids?.tilastopaja?.includes(t));
        if (!samePerson) claim('athlete', a.id, file, `$.athletes[${i}].id`);
        records.set(a.id, a);
        people.push(a);
      });
      bundle.events?.forEach((e, i) => {
        claim('event', e.id, file, `$.events[${i}].id`);
        kb.events.set(e.id, e);
      });
      bundle.quotes?.forEach((q, i) => {
        claim('quote', q.id, file, `$.quotes[${i}].id`);
        kb.quotes.set(q.id, q);
      });
    }
    for (const [id, a] of [...records]) {
      kb.canonicalIds.set(id, id);
      kb.recordNames.set(id, a.name);
      // A record saved from a merged base (kb.athletes) still answers for the ids it absorbed.
      for (const former of a.formerIds ?? []) if (!records.has(former)) records.set(former, a);
    }
    for (const { file, bundle } of loaded) {
      checkReferences(file, bundle, {
        sources: kb.sources,
        athletes: records,
        events: kb.events,
        skipped: kb.skipped,
      });
    }
    const newest = new Map<string, string>();
    for (const e of kb.events.values()) {
      for (const id of e.results.flatMap(personIds)) {
        if ((newest.get(id) ?? '') < e.date) newest.set(id, e.date);
      }
    }
    const merged = mergePeople(people, (id) => newest.get(id));
    for (const [id, a] of merged.athletes) kb.athletes.set(id, a);
    for (const [id, c] of merged.canonical) kb.canonicalIds.set(id, c);
    kb.peopleIndexed(); // settles imported people's countries now, before anything reads a record
    return kb;
  }

  /**
   * The base as checked and merged, for a snapshot (see load.ts): the same base comes back from
   * `fromSnapshot` without checking or merging again. Items keep their order (packed button ids
   * rely on it); a data id maps to its merged record only where the two differ.
   */
  toSnapshot(): KnowledgeBaseSnapshot {
    this.peopleIndexed();
    const differ = <V>(map: Map<string, V>, same: (id: string, v: V) => boolean) =>
      [...map].filter(([id, v]) => !same(id, v));
    return {
      sources: [...this.sources.values()],
      athletes: [...this.athletes.values()],
      events: [...this.events.values()].map((e) => ({ ...e, results: JSON.stringify(e.results) })),
      quotes: [...this.quotes.values()],
      canonicalIds: differ(this.canonicalIds, (id, c) => id === c),
      recordNames: differ(this.recordNames, (id, name) => name === this.nameOf(id)),
      skipped: [...this.skipped],
      draftsSkipped: this.draftsSkipped,
      buckets: [...this.events.values()].map((e) => [e.id, bucketOf(e)]),
    };
  }

  /** A base from `toSnapshot`'s output, trusted as checked; its indexes are built on first use. */
  static fromSnapshot(s: KnowledgeBaseSnapshot): KnowledgeBase {
    const kb = new KnowledgeBase();
    for (const x of s.sources) kb.sources.set(x.id, x);
    for (const x of s.athletes) kb.athletes.set(x.id, x);
    for (const x of s.events) kb.events.set(x.id, lazyResults(x));
    for (const x of s.quotes) kb.quotes.set(x.id, x);
    for (const [id, c] of s.canonicalIds) kb.canonicalIds.set(id, c);
    for (const [id, name] of s.recordNames) kb.recordNames.set(id, name);
    for (const x of s.skipped) kb.skipped.add(x);
    kb.draftsSkipped = s.draftsSkipped;
    if (s.buckets) kb.storedBuckets = new Map(s.buckets);
    return kb;
  }

  /** The bundle without its draft items (all of it when the bundle itself is a draft). */
  private withoutDrafts(loaded: LoadedBundle): LoadedBundle {
    const { bundle } = loaded;
    const whole = bundle.draft === true;
    const keep = <T extends { id: string; draft?: boolean | undefined }>(kind: string, list?: T[]) => {
      if (!list) return undefined;
      return list.filter((item) => {
        if (!whole && item.draft !== true) return true;
        this.skipped.add(`${kind}:${item.id}`);
        this.draftsSkipped++;
        return false;
      });
    };
    return {
      file: loaded.file,
      bundle: {
        ...bundle,
        sources: keep('source', bundle.sources),
        athletes: keep('athlete', bundle.athletes),
        events: keep('event', bundle.events),
        quotes: keep('quote', bundle.quotes),
      },
    };
  }

  /** Events by discipline, day and edition, built on first use. */
  private eventsIndexed(): EventIndex {
    if (!this.eventIndex) {
      this.eventIndex = buildEventIndex(this.events.values(), this.storedBuckets ?? undefined);
      this.storedBuckets = null;
    }
    return this.eventIndex;
  }

  /** Events' keywords, for queries with extra words ("race b", "rio"): built the first time one comes. */
  private keywords(): Map<string, Set<string>> {
    this.keywordIndex ??= buildKeywords(this.events.values());
    return this.keywordIndex;
  }

  /** Results by athlete, quotes by speaker and word, prominence: built on first use. */
  private peopleIndexed(): PeopleIndex {
    this.peopleIndex ??= buildPeopleIndex(
      this.eventsIndexed().newestFirst,
      this.quotes.values(),
      (id) => this.canonicalIds.get(id) ?? id,
      this.athletes,
    );
    return this.peopleIndex;
  }

  /** The athlete with this id. */
  athlete(id: string): Athlete | undefined {
    return this.athletes.get(this.canonicalIds.get(id) ?? id);
  }

  /** Display name of a person id ("Usain Bolt"), or the id itself if unknown. */
  nameOf(id: string): string {
    return this.athlete(id)?.name ?? id;
  }

  /** The name a data id was recorded under: a result shows the name its athlete competed as. */
  nameAsRecorded(id: string): string {
    return this.recordNames.get(id) ?? this.nameOf(id);
  }

  /** The event with this id. */
  event(id: string): SportEvent | undefined {
    return this.events.get(id);
  }

  /** The source with this id. */
  source(id: string): Source | undefined {
    return this.sources.get(id);
  }

  /** A citation for a source id (headline, publisher, date). */
  citation(sourceId: string): ReplySource {
    const s = this.sources.get(sourceId);
    if (!s) throw new Error(`unknown source ${sourceId}`);
    return { title: s.title, publisher: s.publisher, date: s.published };
  }

  /** Citations for several source ids, without repeats, in order. */
  citations(sourceIds: Iterable<string>): ReplySource[] {
    return [...new Set(sourceIds)].map((id) => this.citation(id));
  }

  /**
   * The name index, built on first use: thousands of names take longer to index than the rest of
   * loading, and a question about an event (`podium ask "/podium 1500m"`) never needs it.
   */
  private get names(): NameIndex<Athlete> {
    if (!this.nameIndex) {
      const index = new NameIndex<Athlete>();
      for (const a of this.athletes.values()) index.add(a, a.name, a.familyName, a.givenName, a.aliases);
      this.nameIndex = index;
    }
    return this.nameIndex;
  }

  /** Finds an athlete by full name, surname, given name or alias; typos tolerated. */
  resolveAthlete(text: string): NameMatch<Athlete> {
    // An exact id is what buttons carry ("/quote cole-hocker"): it names one person, whatever their name.
    const byId = this.athlete(text.trim());
    if (byId) return { kind: 'found', item: byId, exact: true };
    const match = this.names.resolve(text);
    if (match.kind !== 'ambiguous') return match;
    // A bare surname several people share means the one fans talk about: the one with quotes,
    // else clearly more medals. Equal standing stays a question.
    const { prominence } = this.peopleIndexed();
    const ranked = [...match.candidates].sort(
      (a, b) => (prominence.get(b.id) ?? 0) - (prominence.get(a.id) ?? 0),
    );
    const [first, second] = ranked.map((a) => prominence.get(a.id) ?? 0);
    if (first !== undefined && second !== undefined && first >= 20 && first >= 2 * second)
      return { kind: 'found', item: ranked[0] as Athlete, exact: false };
    return { kind: 'ambiguous', candidates: ranked };
  }

  /** True when the text names someone exactly (full name, surname, given name or alias). */
  isExactAthleteName(text: string): boolean {
    return this.athletes.has(text.trim()) || this.names.hasExact(text);
  }

  /** Athletes whose names start like the text, best first (autocomplete). */
  completeAthletes(text: string, limit: number): Athlete[] {
    return this.names.complete(text, limit);
  }

  /** All quotes by a speaker, in data order. */
  quotesBy(athleteId: string): readonly Quote[] {
    return this.peopleIndexed().bySpeaker.get(this.canonicalIds.get(athleteId) ?? athleteId) ?? [];
  }

  /**
   * Quotes containing every keyword (folded, accents optional; a keyword also matches words it
   * begins, so "medal" finds "medalled"), optionally by one speaker. Uses the word index: the
   * posting lists of each keyword's words are merged, then intersected, smallest first.
   */
  quotesMatching(keyword: string, speakerId?: string): readonly Quote[] {
    const kws = words(keyword);
    if (kws.length === 0) return speakerId ? this.quotesBy(speakerId) : this.peopleIndexed().allQuotes;
    if (speakerId) {
      return this.quotesBy(speakerId).filter((q) => {
        const text = this.foldedQuote(q);
        return kws.every((k) => text.includes(` ${k}`));
      });
    }
    const sets = kws.map((k) => this.quotesWithWordPrefix(k)).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    if (!smallest) return [];
    return [...smallest].filter((q) => rest.every((set) => set.has(q)));
  }

  /** " folded text" of a quote, computed on first use (most quotes are never searched by keyword). */
  private foldedQuote(q: Quote): string {
    let text = this.foldedQuotes.get(q);
    if (text === undefined) {
      text = ` ${fold(q.text)}`;
      this.foldedQuotes.set(q, text);
    }
    return text;
  }

  private quotesWithWordPrefix(prefix: string): Set<Quote> {
    const { quoteWords } = this.peopleIndexed();
    const out = new Set<Quote>(quoteWords.get(prefix) ?? []);
    // Longer words that start with the keyword; the vocabulary is scanned once per keyword.
    if (prefix.length >= 3) {
      for (const [w, list] of quoteWords) {
        if (w.length > prefix.length && w.startsWith(prefix)) for (const q of list) out.add(q);
      }
    }
    return out;
  }

  /** Every placing of an athlete, most recent event first. */
  resultsOf(athleteId: string): readonly AthleteResult[] {
    return this.peopleIndexed().resultsByAthlete.get(this.canonicalIds.get(athleteId) ?? athleteId) ?? [];
  }

  /** Championships held, most recent first. */
  editions(): readonly Edition[] {
    return this.eventsIndexed().editions;
  }

  /** Editions with a medal table to speak of (more than one final), most recent first. */
  championships(): readonly Edition[] {
    this.championshipList ??= this.editions().filter((ed) => ed.finals.length > 1);
    return this.championshipList;
  }

  /**
   * The edition a text names ("rio", "rome 2024", "olympics 2016", "european championships"), the
   * most recent when several fit; null when it names none.
   */
  resolveEdition(text: string, among: readonly Edition[] = this.editions()): Edition | null {
    return findEdition(text, among);
  }

  /** The medal table of an edition: gold, then silver, then bronze, then country code. */
  medalTable(edition: Edition): readonly MedalCount[] {
    // Counted once per edition: the finals never change once loaded.
    const table = this.medalTables.get(edition) ?? medalTable(edition);
    this.medalTables.set(edition, table);
    return table;
  }

  /** Events held on a calendar day (MM-DD) in any year, most recent first. */
  eventsOnMonthDay(monthDay: string): readonly SportEvent[] {
    return this.eventsIndexed().byMonthDay.get(monthDay) ?? [];
  }

  /** Every event, most recent first (for autocomplete). */
  eventList(): readonly SportEvent[] {
    return this.eventsIndexed().newestFirst;
  }

  /**
   * Finds an event from free text: "1500m", "men's 1500 m", "1,500 metres paris 2024", "women's
   * 4x100m relay rio", "10,000m race b". The discipline is required; sex, round, heat, year,
   * city and competition words narrow it down, in any order. Finals first, then the most recent;
   * `others` lists the other fits, other editions' finals first.
   */
  resolveEvent(text: string): EventMatch {
    // An exact id is what buttons carry ("/results paris-2024-…-final"): one event, no guessing.
    const byId = this.events.get(text.trim());
    if (byId) return { kind: 'found', event: byId, others: [] };
    const q = parseEventQuery(text);
    if (!q) return { kind: 'unknown', discipline: null, suggestions: this.eventList().slice(0, 5) };
    const narrowed = this.narrowed(q);
    // Only heat names and place words are left to check, on the few events of that discipline,
    // sex and round; a query without them is answered from the cache as it is.
    const plain = q.soft.length === 0 && q.roundName === null && !q.prelim;
    if (plain && narrowed.match) return narrowed.match;
    const pool = plain ? narrowed.events : withWords(narrowed, q.soft, this.keywords());
    const fits = plain ? pool : pool.filter((e) => fitsQuery(e, q, this.keywords().get(e.id)));
    if (fits.length === 0)
      return { kind: 'unknown', discipline: q.key, suggestions: this.suggestionsFor(q.key) };
    const match: EventMatch = { kind: 'found', ...bestOf(fits) };
    if (plain) narrowed.match = match;
    return match;
  }

  /**
   * The events of a query's discipline with its sex and round (either may be open), newest first,
   * filtered once and kept: at most four lists hold any one event, so the cache stays within four
   * times the event count however many queries come.
   */
  private narrowed(q: EventQuery): Narrowed {
    const id = `${q.key}\u0000${q.sex ?? ''}\u0000${q.round ?? ''}`;
    let hit = this.narrowCache.get(id);
    if (!hit) {
      const all = this.eventsIndexed().byDiscipline.get(q.key) ?? [];
      const events =
        q.sex === null && q.round === null
          ? all
          : all.filter(
              (e) => (q.sex === null || e.sex === q.sex) && (q.round === null || e.round === q.round),
            );
      hit = { events, match: null, words: null };
      this.narrowCache.set(id, hit);
    }
    return hit;
  }

  /** What to offer when nothing fits: that discipline's newest finals (else rounds), else any. */
  private suggestionsFor(key: string): readonly SportEvent[] {
    let list = this.suggestionCache.get(key);
    if (!list) {
      const candidates = this.eventsIndexed().byDiscipline.get(key) ?? [];
      const near = candidates.length ? candidates : this.eventList();
      const finals: SportEvent[] = [];
      for (const e of near) {
        if (!isMedalFinal(e)) continue;
        finals.push(e);
        if (finals.length === 5) break;
      }
      list = finals.length ? finals : near.slice(0, 5);
      this.suggestionCache.set(key, list);
    }
    return list;
  }
}
