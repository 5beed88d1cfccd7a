/**
 * Turns a draft into a data file of the knowledge base: marked `draft: true`, the article cited by
 * headline and date (never its prose), known athletes and events referenced by their ids instead
 * of copied, new ones created with kebab-case ids.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Athlete,
  type Bundle,
  isTimeZone,
  type Quote,
  ResultSchema,
  type Review,
  type Source,
  type SportEvent,
} from '../core/schema.js';
import { CITY_TIME_ZONES, VENUES } from './lexicon.js';
import { linkEvent, PersonLinker } from './link.js';
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
  /** Countries the article gives for people by name (extractArticle's extras): a quoted person's too. */
  countries?: Readonly<Record<string, string>>;
  /** The text of a paragraph by its 1-based number, shown to the reviewer beside each quote. */
  paragraphText?: (paragraph: number) => string | null;
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

function occasionOf(channel: string | null, round: string | null): string | null {
  if (channel === 'social media') return 'on social media';
  if (channel === 'press conference') return 'at the press conference';
  if (channel === 'statement') return 'in a statement';
  return round ? `after the ${round}` : null;
}

/** Builds the data file for a draft, merging with what the knowledge base already holds. */
export function draftToBundle(draft: Draft, kb: KnowledgeBaseView, opts: DraftToBundleOptions): Bundle {
  const leftOut: string[] = [];
  const linked: string[] = [];
  const note = (message: string) => {
    leftOut.push(message);
    opts.notes?.(message);
  };
  const people = new PersonLinker(kb);
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
  const eventLink = linkEvent(kb, draft, people);
  const knownEvent = eventLink.kind === 'known' ? eventLink.event : null;
  if (eventLink.kind === 'known') linked.push(`event: ${eventLink.event.id} (same ${eventLink.why})`);
  if (eventLink.kind === 'ambiguous') {
    note(
      `event: several known events fit (${eventLink.candidates.map((e) => e.id).join(', ')}); none linked — set the quotes' "event" by hand`,
    );
  }
  const athleteId = (name: string): string | null => {
    if (ids.has(name)) return ids.get(name) ?? null;
    let id: string | null = null;
    const words = name.split(/\s+/u).filter(Boolean);
    const country = resultOf.get(name)?.country ?? opts.countries?.[name] ?? null;
    const known = people.link(name, { country, event: knownEvent });
    if (known) {
      id = known.id;
      linked.push(`${name}: ${known.id} (${known.name}, ${known.country})`);
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
  const reviewResults: Review['results'] = [];
  if (knownEvent) {
    eventId = knownEvent.id;
    round = knownEvent.round;
    for (const r of draft.results) {
      const id = athleteId(r.athlete);
      const mark = r.mark !== null && MARK.safeParse(r.mark).success ? r.mark : null;
      reviewResults.push({
        place: r.place,
        name: r.athlete,
        athlete: id,
        country: r.country,
        mark,
        records: r.records,
        event: knownEvent.id,
      });
      const shipped = knownEvent.results.find((x) => x.athlete === id);
      if (shipped && (shipped.place !== r.place || (mark && shipped.mark !== mark))) {
        note(
          `${knownEvent.id}: the article gives ${r.athlete} place ${r.place} ${mark ?? ''}, the data ${shipped.place} ${shipped.mark ?? ''}: publish will stop on this until you fix or delete review.results entry`,
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
    const list = said.get(q.speaker);
    if (list) list.push(foldName(q.text));
    else said.set(q.speaker, [foldName(q.text)]);
  }
  const isKnown = (speaker: string, text: string) => {
    const t = foldName(text);
    const texts = said.get(speaker) ?? [];
    return texts.join(' ').includes(t) || texts.some((k) => k.includes(t));
  };
  const excerpt = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;
  for (const q of draft.quotes) {
    if (!q.speaker) {
      note(`left out a quote with no clear speaker (paragraph ${q.paragraph}): ${excerpt(q.text)}`);
      continue;
    }
    const speaker = athleteId(q.speaker);
    if (!speaker) {
      note(
        `left out a quote by ${q.speaker} (paragraph ${q.paragraph}), who could not be added: ${excerpt(q.text)}`,
      );
      continue;
    }
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

  const reviewQuotes = draft.quotes.flatMap((q) => {
    const made = quotes.find((x) => x.text === q.text && x.paragraph === q.paragraph);
    return made
      ? [
          {
            id: made.id,
            confidence: q.confidence,
            paragraph: (opts.paragraphText?.(q.paragraph) ?? '').slice(0, 4000),
          },
        ]
      : [];
  });
  const review: Review = {
    article: opts.articlePath.slice(0, 1000),
    quotes: reviewQuotes,
    results: reviewResults,
    linked: [...new Set(linked)].map((l) => l.slice(0, 500)),
    leftOut: leftOut.map((l) => l.slice(0, 2000)),
  };
  const bundle: Bundle = { $schema: '../schema/bundle.schema.json', draft: true, review };
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
