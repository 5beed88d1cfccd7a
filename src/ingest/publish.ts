/**
 * Publishing a reviewed draft: validate it, check it against the published knowledge base, and
 * merge it into the data folder above `drafts/` — all or nothing. Every check runs before the first
 * write; files are written to a temporary name and renamed into place.
 */
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../core/errors.js';
import { KnowledgeBase, type LoadedBundle } from '../core/knowledge-base.js';
import type { Bundle, Result, ReviewResult, SportEvent } from '../core/schema.js';
import { parseBundle } from '../core/validate.js';
import { foldName } from './text.js';

/** A draft that cannot be published as it stands; the message says what to change. */
export class PublishError extends Error {
  override name = 'PublishError';
}

/** A placing for a known event, compared with what the data already says. */
export interface PlacingCheck {
  placing: ReviewResult;
  state: 'new' | 'same' | 'differs' | 'unlinked';
  known: Result | null;
  event: SportEvent | null;
}

/** Compares the draft's placings for known events with the knowledge base. */
export function checkPlacings(kb: KnowledgeBase, results: readonly ReviewResult[]): PlacingCheck[] {
  return results.map((placing) => {
    const event = placing.event ? (kb.event(placing.event) ?? null) : null;
    if (!event || !placing.athlete) return { placing, state: 'unlinked', known: null, event };
    const known = event.results.find((r) => r.athlete === placing.athlete) ?? null;
    if (!known) return { placing, state: 'new', known, event };
    const differs = known.place !== placing.place || (placing.mark !== null && known.mark !== placing.mark);
    return { placing, state: differs ? 'differs' : 'same', known, event };
  });
}

/** Reads and validates a draft file: its path and its JSON path on any problem. */
export async function readDraft(file: string): Promise<LoadedBundle> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PublishError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}`,
    );
  }
  return parseBundle(file, text);
}

/** The data folder a draft belongs to: the folder above its `drafts/` folder. */
export function dataFolderOf(file: string): string {
  const folder = path.dirname(path.resolve(file));
  if (path.basename(folder) !== 'drafts') {
    throw new PublishError(
      `${file} is not in a drafts/ folder: publish merges a draft into the folder above drafts/`,
    );
  }
  return path.dirname(folder);
}

/** Every data file under dir (recursively, but schema/ and drafts/), parsed and validated. */
async function publishedBundles(dir: string): Promise<LoadedBundle[]> {
  const out: LoadedBundle[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!['schema', 'drafts'].includes(entry.name) && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.name.endsWith('.json')) {
        out.push(parseBundle(full, await readFile(full, 'utf8')));
      }
    }
  };
  await walk(dir);
  return out;
}

/** What publishing added, for the operator. */
export interface PublishSummary {
  /** The new data file. */
  file: string | null;
  sources: string[];
  athletes: string[];
  events: string[];
  quotes: number;
  /** Placings added to known events: "Ann Lee 4th in <event id>". */
  placings: string[];
  /** Files of known events rewritten to add placings. */
  updated: string[];
}

/** Without the draft flags and the review notes: what the knowledge base keeps. */
function published(bundle: Bundle): Bundle {
  const { draft: _d, review: _r, $schema: _s, ...rest } = bundle;
  const out: Bundle = { $schema: './schema/bundle.schema.json' };
  const strip = <T extends { draft?: boolean | undefined }>(list?: T[]) =>
    list?.map(({ draft: _x, ...item }) => item as T);
  if (rest.sources?.length) out.sources = strip(rest.sources);
  if (rest.athletes?.length) out.athletes = strip(rest.athletes);
  if (rest.events?.length) out.events = strip(rest.events);
  if (rest.quotes?.length) out.quotes = strip(rest.quotes);
  return out;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Publishes a draft file into its data folder. Throws PublishError (a conflict, nothing changed)
 * or DataError (a bad edit: file and JSON path) before writing anything.
 */
export async function publishDraft(draftFile: string): Promise<PublishSummary> {
  const dir = dataFolderOf(draftFile);
  const { bundle: draft } = await readDraft(draftFile);
  const existing = await publishedBundles(dir);
  const kb = KnowledgeBase.fromBundles(existing);
  const conflicts: string[] = [];
  const incoming = published(draft);

  // Items already published under the same id must say the same thing; then they are not repeated.
  const drop = new Set<unknown>();
  const same = <T extends { id: string }>(
    kind: string,
    list: T[] | undefined,
    known: ReadonlyMap<string, T>,
  ) => {
    list?.forEach((item, i) => {
      const had = known.get(item.id);
      if (!had) return;
      if (sameJson(had, item)) drop.add(item);
      else
        conflicts.push(
          `$.${kind}[${i}]: ${kind.slice(0, -1)} "${item.id}" is already published with different facts`,
        );
    });
  };
  same('sources', incoming.sources, kb.sources);
  same('athletes', incoming.athletes, kb.athletes);
  same('events', incoming.events, kb.events);
  same('quotes', incoming.quotes, kb.quotes);
  // A new person who is already known under another id would split one athlete in two.
  incoming.athletes?.forEach((a, i) => {
    if (drop.has(a)) return;
    const twin = [...kb.athletes.values()].find(
      (k) => k.id !== a.id && k.country === a.country && foldName(k.name) === foldName(a.name),
    );
    if (twin) {
      conflicts.push(
        `$.athletes[${i}]: ${a.name} (${a.country}) is already known as "${twin.id}": use that id instead`,
      );
    }
  });

  // Placings for known events: new ones are added, different ones stop the publish.
  const checks = checkPlacings(kb, draft.review?.results ?? []);
  checks.forEach((c, i) => {
    const p = c.placing;
    if (c.state === 'differs' && c.known) {
      conflicts.push(
        `$.review.results[${i}]: ${p.name} in ${p.event}: the draft says place ${p.place}${p.mark ? ` in ${p.mark}` : ''}, the data says place ${c.known.place}${c.known.mark ? ` in ${c.known.mark}` : ''}`,
      );
    } else if (c.state === 'new' && c.event?.results.some((r) => r.place === p.place)) {
      conflicts.push(
        `$.review.results[${i}]: ${p.name} in ${p.event}: place ${p.place} is already someone else's in the data`,
      );
    } else if (c.state === 'new' && !p.country) {
      conflicts.push(`$.review.results[${i}]: ${p.name}: a country (IOC code) is needed to add the placing`);
    }
  });
  if (conflicts.length > 0) {
    throw new PublishError(
      `${draftFile} conflicts with the data in ${dir}; nothing was changed:\n${conflicts.map((c) => `  ${c}`).join('\n')}\nEdit the draft (fix or delete those entries) and publish again.`,
    );
  }

  const keep = <T>(list?: T[]) => list?.filter((x) => !drop.has(x));
  const bundle: Bundle = { ...incoming };
  for (const key of ['sources', 'athletes', 'events', 'quotes'] as const) {
    const list = keep(incoming[key] as unknown[] | undefined);
    if (list && list.length > 0) (bundle as Record<string, unknown>)[key] = list;
    else delete bundle[key];
  }

  // Placings added to the files that hold their events.
  const sourceId = incoming.sources?.[0]?.id ?? incoming.quotes?.[0]?.source ?? null;
  const changed = new Map<string, LoadedBundle>();
  const placings: string[] = [];
  for (const c of checks) {
    if (c.state !== 'new' || !c.event || !c.placing.athlete || !c.placing.country) continue;
    if (!sourceId) throw new PublishError(`${draftFile}: a placing needs the draft's source to cite`);
    const owner = existing.find((b) => b.bundle.events?.some((e) => e.id === c.event?.id));
    if (!owner) continue;
    const copy = changed.get(owner.file) ?? { file: owner.file, bundle: structuredClone(owner.bundle) };
    changed.set(owner.file, copy);
    const event = copy.bundle.events?.find((e) => e.id === c.event?.id);
    const p = c.placing;
    event?.results.push({
      place: p.place,
      athlete: p.athlete as string,
      country: p.country as string,
      mark: p.mark,
      records: p.records,
      sources: [sourceId],
    });
    event?.results.sort((a, b) => (a.place ?? 9999) - (b.place ?? 9999));
    placings.push(`${p.name} (${p.place}) in ${c.event.id}`);
  }

  const empty = !bundle.sources && !bundle.athletes && !bundle.events && !bundle.quotes;
  const target = empty ? null : await freeName(dir, path.basename(draftFile));
  // The merged knowledge base must load: dangling ids and bad edits stop here, naming the draft.
  KnowledgeBase.fromBundles([
    ...existing.map((b) => changed.get(b.file) ?? b),
    ...(target ? [{ file: draftFile, bundle }] : []),
  ]);

  // All checks passed: write each file beside itself, then rename (atomic per file), then the draft goes.
  const writes: [string, Bundle][] = [...changed.values()].map((b) => [b.file, b.bundle]);
  if (target) writes.push([target, bundle]);
  const temps: [string, string][] = [];
  try {
    for (const [file, content] of writes) {
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      await writeFile(tmp, `${JSON.stringify(content, null, 2)}\n`, 'utf8');
      temps.push([tmp, file]);
    }
  } catch (err) {
    for (const [tmp] of temps) await rm(tmp, { force: true });
    throw err;
  }
  for (const [tmp, file] of temps) await rename(tmp, file);
  await rm(draftFile);
  return {
    file: target,
    sources: bundle.sources?.map((s) => s.id) ?? [],
    athletes: bundle.athletes?.map((a) => `${a.name} (${a.country})`) ?? [],
    events: bundle.events?.map((e) => e.id) ?? [],
    quotes: bundle.quotes?.length ?? 0,
    placings,
    updated: [...changed.keys()],
  };
}

/** `dir/name`, or `dir/<stem>-2.json`… when a published file already has that name. */
async function freeName(dir: string, name: string): Promise<string> {
  const names = new Set(await readdir(dir));
  const stem = name.replace(/\.json$/u, '');
  if (!names.has(name)) return path.join(dir, name);
  for (let n = 2; ; n++) if (!names.has(`${stem}-${n}.json`)) return path.join(dir, `${stem}-${n}.json`);
}

export { DataError };
