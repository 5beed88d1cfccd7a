/**
 * Reading the knowledge base from disk: every *.json data file under a folder (recursively, but
 * not the editors' JSON Schemas), parsed and validated with zod, then built into a KnowledgeBase.
 * A bad file stops loading with its path, the JSON path and what was expected.
 *
 * Validation is paid once: with `cacheDir`, the validated bundles are written to a snapshot keyed
 * by a hash of every data file's path, size and mtime (and of the schema's source), and a later start
 * whose data hash to the same key reads the snapshot without importing zod (~50 ms of module
 * loading plus ~150 ms of parsing on the shipped data). Any change to the data or the schema
 * misses the key, so the files are validated again and bad data still stops start-up.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from './errors.js';
import { KnowledgeBase, type LoadedBundle, type LoadOptions } from './knowledge-base.js';

/** Options of loadKnowledgeBase: the knowledge base's own, plus where the validated snapshot lives. */
export interface LoadFromDiskOptions extends LoadOptions {
  /** Folder for the validated snapshot (never committed, e.g. var/cache); none: validate every time. */
  cacheDir?: string;
}

/** Bumped when the snapshot's layout changes, so old snapshots are never read as new ones. */
const SNAPSHOT_FORMAT = 1;
const HERE = fileURLToPath(import.meta.url);
/** The validator's own sources: a schema change must invalidate every snapshot. */
const VALIDATOR_SOURCES = ['schema', 'validate'].map((n) =>
  path.join(path.dirname(HERE), n + path.extname(HERE)),
);

/** Every *.json data file under dir (recursively), except the editors' JSON Schemas in schema/. */
async function dataFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'schema' && !entry.name.startsWith('.')) out.push(...(await dataFiles(full)));
    } else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/**
 * Key of a snapshot: each data file's path (as reported), size and modification time, the
 * validator's sources and the options. Stat rather than contents, so that a hit reads no data file
 * at all; an edit changes the mtime (and usually the size), which misses the key.
 */
async function snapshotKey(files: string[], rels: string[], includeDrafts: boolean): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ SNAPSHOT_FORMAT, includeDrafts, node: process.versions.node }));
  for (const source of VALIDATOR_SOURCES) {
    // A missing source (an unusual install) only means the key cannot vouch for it: hash a marker.
    hash.update(await readFile(source).catch(() => Buffer.from(`missing ${source}`)));
  }
  const stats = await Promise.all(files.map((f) => stat(f)));
  stats.forEach((st, i) => {
    hash.update(`\0${rels[i]}\0${st.size}\0${st.mtimeMs}\0${st.ino}`);
  });
  return hash.digest('hex').slice(0, 32);
}

/** The snapshot's bundles, or null when there is none for this key or it cannot be read. */
async function readSnapshot(file: string): Promise<LoadedBundle[] | null> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown; bundles?: unknown };
    return json.format === SNAPSHOT_FORMAT && Array.isArray(json.bundles)
      ? (json.bundles as LoadedBundle[])
      : null;
  } catch {
    return null;
  }
}

/** Writes the snapshot atomically and drops older ones; a read-only install just keeps validating. */
async function writeSnapshot(dir: string, prefix: string, key: string, snapshot: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, snapshot);
    await rename(tmp, file);
    for (const name of await readdir(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.json') && name !== path.basename(file)) {
        await rm(path.join(dir, name), { force: true });
      }
    }
  } catch {
    // The snapshot only saves time; failing to write it must never stop the bot.
  }
}

/** Validates every file with zod (loaded only now); drafts that fail are left out unless asked for. */
async function validateAll(rels: string[], texts: string[], includeDrafts: boolean): Promise<LoadedBundle[]> {
  const { parseBundle } = await import('./validate.js');
  const out: LoadedBundle[] = [];
  rels.forEach((rel, i) => {
    const text = texts[i] ?? '';
    try {
      out.push(parseBundle(rel, text));
    } catch (err) {
      // A draft half-way through an operator's edits is not served, so it must not stop the
      // bot either: `podium publish` is where a draft is validated.
      if (!includeDrafts && isDraftFile(text)) return;
      throw err;
    }
  });
  return out;
}

/**
 * Loads, validates and indexes every data file in a folder (drafts left out unless
 * `opts.includeDrafts`). Throws DataError on the first problem.
 */
export async function loadKnowledgeBase(dir: string, opts: LoadFromDiskOptions = {}): Promise<KnowledgeBase> {
  let files: string[];
  try {
    files = await dataFiles(dir);
  } catch {
    throw new DataError(dir, '$', 'a readable data folder (set PODIUM_DATA_DIR)');
  }
  if (files.length === 0) throw new DataError(dir, '$', 'at least one *.json data file');
  const rels = files.map((f) => path.relative(process.cwd(), f) || f);
  const includeDrafts = opts.includeDrafts === true;
  const { cacheDir, ...kbOpts } = opts;
  let bundles: LoadedBundle[] | null = null;
  let key: string | null = null;
  // One snapshot per data folder (its name starts with the folder's hash), so two folders sharing
  // a cache (tests, a draft folder) never evict each other.
  const prefix = `kb-${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12)}-`;
  if (cacheDir) {
    key = `${prefix}${await snapshotKey(files, rels, includeDrafts)}`;
    bundles = await readSnapshot(path.join(cacheDir, `${key}.json`));
  }
  if (!bundles) {
    const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    bundles = await validateAll(rels, texts, includeDrafts);
    // Serialised before building (indexing sets imported people's current country on the
    // records), written after, so data failing the cross-file checks is never snapshotted. A hit
    // still runs those checks in fromBundles.
    const snapshot = cacheDir && key ? JSON.stringify({ format: SNAPSHOT_FORMAT, bundles }) : null;
    const kb = KnowledgeBase.fromBundles(bundles, kbOpts);
    if (cacheDir && key && snapshot) await writeSnapshot(cacheDir, prefix, key, snapshot);
    return kb;
  }
  return KnowledgeBase.fromBundles(bundles, kbOpts);
}

/** True when the text is JSON whose top level says `"draft": true`. */
function isDraftFile(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && (json as { draft?: unknown }).draft === true;
  } catch {
    return false;
  }
}
