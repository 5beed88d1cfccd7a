/**
 * A read results file → the knowledge base's own files for that competition: one source citing
 * the dataset, one record per person (matched within the file by Tilastopaja id, then by name and
 * country), and every round with every entrant. Output depends on the file alone, so re-importing
 * gives the same bytes.
 */
import {
  type Athlete,
  type Bundle,
  BundleSchema,
  type Result,
  type Source,
  type SportEvent,
} from '../core/schema.js';
import { fold } from '../core/text.js';
import {
  fanCase,
  ImportError,
  parseFlags,
  parsePerformance,
  placeOf,
  type RawCompetition,
  type RawPerson,
  slugify,
  Tally,
} from './model.js';

/** The files of one imported competition, and what the summary reports. */
export interface ImportedCompetition {
  slug: string;
  edition: string;
  raw: RawCompetition;
  sources: Source[];
  athletes: Athlete[];
  events: SportEvent[];
  /** What could not be used, and why. */
  unused: string[];
}

interface PersonNode {
  occurrences: Array<{ p: RawPerson; date: string }>;
}

/** Union-find over person occurrences. */
class People {
  private readonly parent: number[] = [];
  private readonly occ: Array<{ p: RawPerson; date: string }> = [];
  private readonly byKey = new Map<string, number>();

  add(p: RawPerson, date: string): number {
    const n = this.occ.length;
    this.occ.push({ p, date });
    this.parent.push(n);
    return n;
  }

  find(n: number): number {
    let r = n;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    let c = n;
    while (this.parent[c] !== r) {
      const next = this.parent[c] as number;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }

  /** Joins every occurrence sharing a key with the first one seen under it. */
  link(n: number, key: string): void {
    const first = this.byKey.get(key);
    if (first === undefined) this.byKey.set(key, n);
    else this.union(first, n);
  }

  groups(): PersonNode[] {
    const out = new Map<number, PersonNode>();
    this.occ.forEach((o, n) => {
      const r = this.find(n);
      const g = out.get(r) ?? { occurrences: [] };
      g.occurrences.push(o);
      out.set(r, g);
    });
    return [...out.values()];
  }
}

// Host cities as editions are named ("Rio 2016", not "Rio de Janeiro 2016").
const EDITION_CITIES: Record<string, string> = { 'rio de janeiro': 'Rio', 'ciudad de mexico': 'Mexico City' };
function editionCity(city: string): string {
  return EDITION_CITIES[fold(city)] ?? city;
}

const nameOf = (p: RawPerson) => `${fanCase(p.givenName)} ${fanCase(p.familyName)}`.trim();

/** Builds the competition's files from a read file. Throws ImportError for a file it cannot use. */
export function buildCompetition(raw: RawCompetition): ImportedCompetition {
  const unused = new Tally();
  for (const line of raw.unused) unused.add(line);
  const edition = `${editionCity(raw.city)} ${raw.year}`;
  const slug = slugify(edition);
  const sourceId = raw.dataset.sourceId;
  if (raw.events.length === 0) throw new ImportError('the file has no events');
  for (const e of raw.events) {
    if (e.entries.length === 0) throw new ImportError(`event “${e.label.slice(0, 60)}” has no results`);
  }

  // 1. People: every occurrence, joined by name + country, and by Tilastopaja id unless the file
  //    uses one id for clearly different people (then the id is kept by none of them).
  const people = new People();
  const nodeOf = new Map<RawPerson, number>();
  const each = (fn: (p: RawPerson, date: string) => void) => {
    for (const e of raw.events) {
      for (const x of e.entries) {
        if (x.person) fn(x.person, e.date);
        for (const r of x.team?.runners ?? []) fn(r.person, e.date);
      }
    }
  };
  const namesById = new Map<string, Set<string>>();
  const countriesById = new Map<string, Set<string>>();
  each((p) => {
    if (!p.tp) return;
    namesById.set(p.tp, (namesById.get(p.tp) ?? new Set()).add(fold(nameOf(p)).replace(/ /g, '')));
    countriesById.set(p.tp, (countriesById.get(p.tp) ?? new Set()).add(p.country));
  });
  const badIds = new Set<string>();
  for (const [id, names] of namesById) {
    if (names.size > 1 && (countriesById.get(id)?.size ?? 0) > 1) {
      badIds.add(id);
      unused.add(
        `Tilastopaja id ${id} names different people; they are kept apart and the id is recorded for none`,
      );
    }
  }
  each((p, date) => {
    const n = people.add(p, date);
    nodeOf.set(p, n);
    people.link(n, `name:${fold(nameOf(p))}|${p.country}`);
    if (p.tp && !badIds.has(p.tp)) people.link(n, `tp:${p.tp}`);
  });

  const athletes: Athlete[] = [];
  const idOfNode = new Map<number, string>();
  const taken = new Set<string>();
  const groups = people.groups();
  for (const g of groups) {
    const latest = [...g.occurrences].sort((a, b) => b.date.localeCompare(a.date))[0] as {
      p: RawPerson;
      date: string;
    };
    const name = nameOf(latest.p);
    const tps = [
      ...new Set(g.occurrences.map((o) => o.p.tp).filter((t): t is string => !!t && !badIds.has(t))),
    ].sort((a, b) => a.length - b.length || a.localeCompare(b));
    const was = [...new Set(g.occurrences.map((o) => o.p.wa).filter((t): t is string => !!t))].sort();
    const base = slugify(name) || 'athlete';
    let id = `${base}-${tps[0] ?? latest.p.country.toLowerCase()}`;
    for (let k = 2; taken.has(id); k++) id = `${base}-${tps[0] ?? latest.p.country.toLowerCase()}-${k}`;
    taken.add(id);
    const aliases = [...new Set(g.occurrences.map((o) => nameOf(o.p)))].filter((n) => n !== name).sort();
    const ids: NonNullable<Athlete['ids']> = {};
    if (tps.length) ids.tilastopaja = tps;
    if (was.length) ids.worldAthletics = was;
    athletes.push({
      id,
      name,
      givenName: fanCase(latest.p.givenName) || name,
      familyName: fanCase(latest.p.familyName) || name,
      country: latest.p.country,
      sex: g.occurrences.find((o) => o.p.sex)?.p.sex ?? null,
      aliases,
      born: g.occurrences.find((o) => o.p.born)?.p.born ?? null,
      ...(tps.length || was.length ? { ids } : {}),
    });
    for (const o of g.occurrences) idOfNode.set(people.find(nodeOf.get(o.p) as number), id);
  }
  const personId = (p: RawPerson) => idOfNode.get(people.find(nodeOf.get(p) as number)) as string;
  athletes.sort((a, b) => a.id.localeCompare(b.id));

  // 2. Events, every entrant kept.
  const events: SportEvent[] = [];
  const eventIds = new Set<string>();
  for (const e of raw.events) {
    const roundName = e.roundName && slugify(e.roundName) !== slugify(e.round) ? e.roundName : null;
    const base = [slug, e.sex, slugify(e.discipline), e.partOf, e.round, roundName && slugify(roundName)]
      .filter(Boolean)
      .join('-');
    let id = base;
    for (let k = 2; eventIds.has(id); k++) id = `${base}-${k}`;
    eventIds.add(id);
    const results: Result[] = e.entries.map((x) => {
      const perf = parsePerformance(x.performance);
      if (perf.note?.startsWith('unreadable')) unused.add(`${e.label}: ${perf.note} left without a mark`);
      const records = parseFlags(x.flags, (line) => unused.add(line));
      const r: Result = {
        place: placeOf(x.rank, perf.status),
        ...(perf.status ? { status: perf.status } : {}),
        ...(x.person ? { athlete: personId(x.person) } : {}),
        ...(x.team
          ? {
              team: {
                country: x.team.country,
                name: x.team.name,
                runners: x.team.runners.map((r) => ({ athlete: personId(r.person), leg: r.leg })),
              },
            }
          : {}),
        country: x.country,
        mark: perf.mark,
        records,
        ...(x.wind ? { wind: x.wind } : {}),
        ...(x.qualification ? { qualification: x.qualification } : {}),
        ...(x.parts?.length ? { parts: x.parts.map((p) => ({ ...p, wind: p.wind })) } : {}),
        ...(x.points !== null ? { points: x.points } : {}),
        ...(perf.note && !perf.note.startsWith('unreadable') ? { note: perf.note } : {}),
        sources: [sourceId],
      };
      if (r.place === null && !r.status && r.mark !== null)
        unused.add(`${e.label}: a result with a mark but no rank is kept without a place`);
      return r;
    });
    events.push({
      id,
      sport: 'Athletics',
      discipline: e.discipline,
      sex: e.sex,
      round: e.round,
      roundName,
      ...(e.partOf ? { partOf: e.partOf } : {}),
      ...(e.wind ? { wind: e.wind } : {}),
      competition: raw.competition,
      edition,
      venue: raw.venue,
      city: raw.city,
      country: raw.country,
      date: e.date,
      timeZone: raw.timeZone,
      results,
      facts: [],
      sources: [sourceId],
    });
  }
  const sources: Source[] = [
    {
      id: sourceId,
      title: raw.dataset.title,
      publisher: raw.dataset.publisher,
      published: raw.dataset.published,
    },
  ];
  // The importer never writes what the loader would refuse.
  for (const [name, bundle] of Object.entries(bundlesOf({ sources, athletes, events }))) {
    const parsed = BundleSchema.safeParse(bundle);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ImportError(`would write invalid ${name}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
  }
  return { slug, edition, raw, sources, athletes, events, unused: unused.lines() };
}

/** The three data files of a competition. */
export function bundlesOf(
  c: Pick<ImportedCompetition, 'sources' | 'athletes' | 'events'>,
): Record<string, Bundle> {
  return {
    'sources.json': { $schema: '../schema/bundle.schema.json', sources: c.sources },
    'athletes.json': { $schema: '../schema/bundle.schema.json', athletes: c.athletes },
    'events.json': { $schema: '../schema/bundle.schema.json', events: c.events },
  };
}
