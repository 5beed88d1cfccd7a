/**
 * Turns a draft into a data file of the knowledge base: marked `draft: true`, the article cited by
 * headline and date (never its prose), known athletes and events referenced by their ids instead
 * of copied, new ones created with kebab-case ids.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { disciplineKey } from '../core/disciplines.js';
import {
  type Athlete,
  type Bundle,
  isTimeZone,
  type Quote,
  ResultSchema,
  type Source,
  type SportEvent,
} from '../core/schema.js';
import { CITY_TIME_ZONES, VENUES } from './lexicon.js';
import { foldName, slugify } from './text.js';
import type { Draft, DraftResult } from './types.js';

/** The parts of the knowledge base draftToBundle reads; the lead's KnowledgeBase has them all. */
export interface KnowledgeBaseView {
  readonly athletes: ReadonlyMap<string, Athlete>;
  readonly events: ReadonlyMap<string, SportEvent>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly quotes: ReadonlyMap<string, Quote>;
}

/** Options for draftToBundle. */
export interface DraftToBundleOptions {
  /** The article file (its base name stands in for a missing headline). */
  articlePath: string;
  /** City of the venue when the article names it (extractArticle's extras). */
  city?: string | null;
  /** Publisher for the citation, when known. */
  publisher?: string | null;
  /** Told about everything left out for the reviewer to add by hand. */
  notes?: (message: string) => void;
}

/** A draft that cannot become a data file (no date to cite it by). */
export class IngestError extends Error {
  override name = 'IngestError';
}

const OLYMPIC_EDITIONS: Record<number, string> = {
  2008: 'Beijing 2008',
  2012: 'London 2012',
  2016: 'Rio 2016',
  2021: 'Tokyo 2020',
  2024: 'Paris 2024',
  2028: 'Los Angeles 2028',
  2032: 'Brisbane 2032',
};

const MARK = ResultSchema.shape.mark;

/** The source id a draft gets when the knowledge base does not know its article yet. */
export function draftSourceId(draft: Draft, articlePath: string): string | null {
  const published = draft.source.published ?? draft.event.date;
  if (!published) return null;
  const title = draft.source.title ?? path.basename(articlePath).replace(/\.[^.]+$/u, '');
  return `${slugify(title, 8) || 'article'}-${published}`;
}

function uniqueId(base: string, taken: (id: string) => boolean): string {
  const root = base || 'item';
  if (!taken(root)) return root;
  for (let n = 2; ; n++) if (!taken(`${root}-${n}`)) return `${root}-${n}`;
}

/** Finds a known athlete by name or alias (accents and case ignored). */
function findAthlete(kb: KnowledgeBaseView, name: string): Athlete | null {
  const key = foldName(name);
  const hits = [...kb.athletes.values()].filter(
    (a) =>
      foldName(a.name) === key ||
      foldName(`${a.givenName} ${a.familyName}`) === key ||
      a.aliases.some((alias) => foldName(alias) === key),
  );
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

/** Finds the known event a draft describes: same discipline and sex, and same date or competition year. */
function findEvent(kb: KnowledgeBaseView, draft: Draft): SportEvent | null {
  const { discipline, sex, date, competition } = draft.event;
  if (!discipline) return null;
  const key = disciplineKey(discipline);
  const hits = [...kb.events.values()].filter((e) => {
    if (disciplineKey(e.discipline) !== key || (sex && e.sex !== sex)) return false;
    if (date) return e.date === date;
    return competition !== null && foldName(e.competition) === foldName(competition);
  });
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

function occasionOf(channel: string | null, round: string | null): string | null {
  if (channel === 'social media') return 'on social media';
  if (channel === 'press conference') return 'at the press conference';
  if (channel === 'statement') return 'in a statement';
  return round ? `after the ${round}` : null;
}

/** Builds the data file for a draft, merging with what the knowledge base already holds. */
export function draftToBundle(draft: Draft, kb: KnowledgeBaseView, opts: DraftToBundleOptions): Bundle {
  const note = opts.notes ?? (() => {});
  const published = draft.source.published ?? draft.event.date;
  if (!published) {
    throw new IngestError('the article has no publication date: pass --published YYYY-MM-DD');
  }
  const title = draft.source.title ?? path.basename(opts.articlePath).replace(/\.[^.]+$/u, '');
  const usedIds = new Set<string>();
  const taken = (map: ReadonlyMap<string, unknown>) => (id: string) => map.has(id) || usedIds.has(id);
  const claim = (id: string) => {
    usedIds.add(id);
    return id;
  };

  // The article as a citation: reuse a known one with the same headline and date.
  const knownSource = [...kb.sources.values()].find(
    (s) => s.published === published && foldName(s.title) === foldName(title),
  );
  const sources: Source[] = [];
  let sourceId: string;
  if (knownSource) {
    sourceId = knownSource.id;
  } else {
    sourceId = claim(uniqueId(draftSourceId(draft, opts.articlePath) ?? 'article', taken(kb.sources)));
    sources.push({
      id: sourceId,
      title: title.slice(0, 300),
      publisher: opts.publisher ?? null,
      published,
      draft: true,
    });
  }

  // People: known ones by id, new ones created when the draft knows their country.
  const athletes: Athlete[] = [];
  const ids = new Map<string, string | null>();
  const resultOf = new Map<string, DraftResult>(draft.results.map((r) => [r.athlete, r]));
  const athleteId = (name: string): string | null => {
    if (ids.has(name)) return ids.get(name) ?? null;
    let id: string | null = null;
    const known = findAthlete(kb, name);
    const words = name.split(/\s+/u).filter(Boolean);
    const country = resultOf.get(name)?.country ?? null;
    if (known) {
      id = known.id;
    } else if (words.length < 2) {
      note(`left out ${name}: only one name is known; add the person by hand`);
    } else if (!country) {
      note(`left out ${name}: country unknown; add the person by hand`);
    } else {
      id = claim(uniqueId(slugify(name), taken(kb.athletes)));
      const sex =
        resultOf.has(name) && (draft.event.sex === 'men' || draft.event.sex === 'women')
          ? draft.event.sex
          : null;
      athletes.push({
        id,
        name,
        givenName: words[0] as string,
        familyName: words.slice(1).join(' '),
        country,
        sex,
        aliases: [],
        draft: true,
      });
    }
    ids.set(name, id);
    return id;
  };

  // The event: reference a known one; otherwise create it when everything it needs is known.
  const events: SportEvent[] = [];
  let eventId: string | null = null;
  let round: string | null = null;
  const knownEvent = findEvent(kb, draft);
  if (knownEvent) {
    eventId = knownEvent.id;
    round = knownEvent.round;
    for (const r of draft.results) {
      const id = athleteId(r.athlete);
      const shipped = knownEvent.results.find((x) => x.athlete === id);
      if (!shipped)
        note(`${knownEvent.id} has no result for ${r.athlete} (place ${r.place}); add it by hand if right`);
      else if (shipped.place !== r.place || (r.mark && shipped.mark !== r.mark)) {
        note(
          `${knownEvent.id}: the article gives ${r.athlete} place ${r.place} ${r.mark ?? ''}, the data ${shipped.place} ${shipped.mark ?? ''}`,
        );
      }
    }
  } else {
    const { discipline, sex, competition, venue, date } = draft.event;
    const venueInfo = venue ? VENUES.get(venue) : undefined;
    const city = venueInfo?.city ?? opts.city ?? null;
    const timeZone = venueInfo?.timeZone ?? (city ? CITY_TIME_ZONES.get(city) : undefined) ?? null;
    const missing = [
      !discipline && 'discipline',
      !sex && 'sex',
      !competition && 'competition',
      !venue && 'venue',
      !date && 'date',
      !city && 'city',
      !(timeZone && isTimeZone(timeZone)) && 'time zone',
    ].filter(Boolean);
    if (missing.length > 0 || !discipline || !sex || !competition || !venue || !date || !city || !timeZone) {
      note(`no event written: the article does not give its ${missing.join(', ')}; results left out`);
    } else {
      const year = Number(date.slice(0, 4));
      const edition = /olympic/iu.test(competition)
        ? (OLYMPIC_EDITIONS[year] ?? `${competition} ${year}`)
        : `${competition} ${year}`;
      eventId = claim(uniqueId(slugify(`${competition} ${year} ${sex} ${discipline}`, 16), taken(kb.events)));
      round = 'final';
      const results = draft.results.flatMap((r) => {
        const id = athleteId(r.athlete);
        const country = r.country;
        if (!id || !country) return [];
        const mark = r.mark !== null && MARK.safeParse(r.mark).success ? r.mark : null;
        return [{ place: r.place, athlete: id, country, mark, records: r.records, sources: [sourceId] }];
      });
      events.push({
        id: eventId,
        sport: 'Athletics',
        discipline,
        sex,
        round: 'final',
        competition,
        edition,
        venue,
        city,
        country: venueInfo?.country ?? null,
        date,
        timeZone,
        results,
        facts: [],
        sources: [sourceId],
        draft: true,
      });
      note(`${eventId}: round assumed "final", sport "Athletics"; check them`);
    }
  }

  // Quotes: only with a speaker the data can name, and not already known.
  const quotes: Quote[] = [];
  // What each speaker already says in the data, so a quotation the data splits by paragraph (or
  // quotes only in part) still counts as known.
  const said = new Map<string, string[]>();
  for (const q of [...kb.quotes.values()].sort(
    (a, b) => a.source.localeCompare(b.source) || (a.paragraph ?? 0) - (b.paragraph ?? 0),
  )) {
    said.set(q.speaker, [...(said.get(q.speaker) ?? []), foldName(q.text)]);
  }
  const isKnown = (speaker: string, text: string) => {
    const t = foldName(text);
    const texts = said.get(speaker) ?? [];
    return texts.join(' ').includes(t) || texts.some((k) => k.includes(t));
  };
  for (const q of draft.quotes) {
    if (!q.speaker) {
      note(`left out a quote with no clear speaker (paragraph ${q.paragraph})`);
      continue;
    }
    const speaker = athleteId(q.speaker);
    if (!speaker) continue;
    if (isKnown(speaker, q.text)) continue;
    if (q.text.length > 2000) {
      note(`left out a quote by ${q.speaker} longer than 2000 characters (paragraph ${q.paragraph})`);
      continue;
    }
    const id = claim(uniqueId(`${speaker}-${slugify(q.text, 6)}`, taken(kb.quotes)));
    quotes.push({
      id,
      speaker,
      text: q.text,
      occasion: occasionOf(q.channel, round),
      channel: q.channel,
      event: eventId,
      source: sourceId,
      paragraph: q.paragraph,
      draft: true,
    });
  }

  const bundle: Bundle = { $schema: '../schema/bundle.schema.json', draft: true };
  if (sources.length > 0) bundle.sources = sources;
  if (athletes.length > 0) bundle.athletes = athletes;
  if (events.length > 0) bundle.events = events;
  if (quotes.length > 0) bundle.quotes = quotes;
  return bundle;
}

/** The file name a bundle is written under: its source id. */
export function bundleSlug(bundle: Bundle): string {
  return bundle.sources?.[0]?.id ?? bundle.events?.[0]?.sources[0] ?? bundle.quotes?.[0]?.source ?? 'draft';
}

/** Writes the bundle as `<dir>/drafts/<slug>.json` and returns the path written. */
export async function writeDraftBundle(
  bundle: Bundle,
  dir: string,
  slug: string = bundleSlug(bundle),
): Promise<string> {
  const folder = path.join(dir, 'drafts');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, `${slug}.json`);
  await writeFile(file, `${JSON.stringify(bundle, null, 2)}\n`, 'utf8');
  return file;
}
