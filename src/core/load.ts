/**
 * Reading the knowledge base from disk: every *.json data file under a folder (recursively, but
 * not the editors' JSON Schemas), parsed and validated with zod, then built into a KnowledgeBase.
 * A bad file stops loading with its path, the JSON path and what was expected.
 *
 * Validation is paid once: with `cacheDir`, the checked and merged base (KnowledgeBase.toSnapshot)
 * is written to a snapshot keyed by a hash of every data file's path, size and mtime (and of the
 * sources that validate, check and merge), and a later start whose data hash to the same key reads
 * the snapshot without importing zod, checking references or merging people again (~50 ms of module
 * loading plus ~250 ms of work on the shipped data). Any change to the data or to that code misses
 * the key, so the files are validated again and bad data still stops start-up.
 *
 * File access is synchronous: loading happens once, before anything is served, and node:fs/promises
 * would link ~30 of Node's own modules (streams, readline) that a one-shot answer otherwise never needs.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adoptDataFingerprint, dataFingerprint } from './actions.js';
import { DataError } from './errors.js';
import {
  KnowledgeBase,
  type KnowledgeBaseSnapshot,
  type LoadedBundle,
  type LoadOptions,
} from './knowledge-base.js';

/** Options of loadKnowledgeBase: the knowledge base's own, plus where the validated snapshot lives. */
export interface LoadFromDiskOptions extends LoadOptions {
  /** Folder for the validated snapshot (never committed, e.g. var/cache); none: validate every time. */
  cacheDir?: string;
}

/** Bumped when the snapshot's layout changes, so old snapshots are never read as new ones. */
const SNAPSHOT_FORMAT = 5;
const HERE = fileURLToPath(import.meta.url);
/**
 * What the snapshot's code is. The bundled build (scripts/build-if-stale.mjs) defines
 * PODIUM_BUILD_ID, a hash of every source. Run from source (tests, tsx), every file of this folder
 * (the knowledge base's core: schema, checks, merging, indexes, buttons' fingerprint) is hashed, so
 * no list of what the snapshot depends on has to be kept up to date by hand.
 */
declare const PODIUM_BUILD_ID: string | undefined;

function codeHash(hash: Hash): void {
  if (typeof PODIUM_BUILD_ID === 'string') {
    hash.update(`build ${PODIUM_BUILD_ID}`);
    return;
  }
  const dir = path.dirname(HERE);
  const ext = path.extname(HERE);
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(ext))
    .sort()) {
    hash.update(`\0${name}\0`).update(readFileSync(path.join(dir, name)));
  }
}

/** Every *.json data file under dir (recursively), except the editors' JSON Schemas in schema/. */
function dataFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'schema' && !entry.name.startsWith('.')) out.push(...dataFiles(full));
    } else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/**
 * Key of a snapshot: each data file's path (as reported), size and modification time, the
 * validator's sources and the options. Stat rather than contents, so that a hit reads no data file
 * at all; an edit changes the mtime (and usually the size), which misses the key.
 */
function snapshotKey(files: string[], rels: string[], includeDrafts: boolean): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ SNAPSHOT_FORMAT, includeDrafts, node: process.versions.node }));
  codeHash(hash);
  const stats = files.map((f) => statSync(f));
  stats.forEach((st, i) => {
    hash.update(`\0${rels[i]}\0${st.size}\0${st.mtimeMs}\0${st.ino}`);
  });
  return hash.digest('hex').slice(0, 32);
}

/**
 * What a snapshot file holds, as its first line: the base, and the buttons' fingerprint of its data.
 * Each event's results are not in that line but after it, all in a row: `results` gives where
 * ([offset, length] after the line's end), so a start decodes and parses only the first line, and an
 * event's results when they are first read.
 */
interface Snapshot {
  format: number;
  kb: Omit<KnowledgeBaseSnapshot, 'events'> & {
    events: Array<Omit<KnowledgeBaseSnapshot['events'][number], 'results'> & { results: [number, number] }>;
  };
  fingerprint: string;
}

/** The snapshot's base, or null when there is none for this key or it cannot be read. */
function readSnapshot(file: string): KnowledgeBase | null {
  try {
    // The file is ASCII (see snapshotText): decoding it as Latin-1 is a copy, not a UTF-8 decode.
    const bytes = readFileSync(file);
    const end = bytes.indexOf(10);
    if (end < 0) return null;
    const json = JSON.parse(bytes.toString('latin1', 0, end)) as Partial<Snapshot>;
    if (json.format !== SNAPSHOT_FORMAT || !json.kb || !Array.isArray(json.kb.events)) return null;
    for (const e of json.kb.events as Array<{ results: unknown }>) {
      const [at, length] = e.results as [number, number];
      if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || end + 1 + at + length > bytes.length)
        throw new Error('snapshot cut short');
      // Where the results are becomes how to read them (see lazyResults).
      e.results = () => bytes.toString('latin1', end + 1 + at, end + 1 + at + length);
    }
    const kb = KnowledgeBase.fromSnapshot(json.kb as unknown as KnowledgeBaseSnapshot);
    if (typeof json.fingerprint === 'string') adoptDataFingerprint(kb, json.fingerprint);
    return kb;
  } catch {
    return null;
  }
}

/** Text with every non-ASCII character as a JSON escape: the same JSON value, one byte a character. */
function ascii(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The snapshot file's text: its first line, then every event's results (see Snapshot). */
function snapshotText(kb: KnowledgeBase): string {
  const { events, ...rest } = kb.toSnapshot();
  const tail: string[] = [];
  let at = 0;
  const placed = events.map((e) => {
    const results = ascii(typeof e.results === 'string' ? e.results : e.results());
    tail.push(results);
    at += results.length;
    return { ...e, results: [at - results.length, results.length] as [number, number] };
  });
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    kb: { ...rest, events: placed },
    fingerprint: dataFingerprint(kb),
  };
  return `${ascii(JSON.stringify(snapshot))}\n${tail.join('')}`;
}

/** Writes the snapshot atomically and drops older ones; a read-only install just keeps validating. */
function writeSnapshot(dir: string, prefix: string, key: string, snapshot: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, snapshot);
    renameSync(tmp, file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith('.json') && name !== path.basename(file)) {
        rmSync(path.join(dir, name), { force: true });
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
    files = dataFiles(dir);
  } catch {
    throw new DataError(dir, '$', 'a readable data folder (set PODIUM_DATA_DIR)');
  }
  if (files.length === 0) throw new DataError(dir, '$', 'at least one *.json data file');
  const rels = files.map((f) => path.relative(process.cwd(), f) || f);
  const includeDrafts = opts.includeDrafts === true;
  const { cacheDir, ...kbOpts } = opts;
  let key: string | null = null;
  // One snapshot per data folder (its name starts with the folder's hash), so two folders sharing
  // a cache (tests, a draft folder) never evict each other.
  const prefix = `kb-${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 12)}-`;
  if (cacheDir) {
    key = `${prefix}${snapshotKey(files, rels, includeDrafts)}`;
    const snapshot = readSnapshot(path.join(cacheDir, `${key}.json`));
    if (snapshot) return snapshot;
  }
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const kb = KnowledgeBase.fromBundles(await validateAll(rels, texts, includeDrafts), kbOpts);
  // Written only once every check has passed, so bad data is never snapshotted.
  if (cacheDir && key) writeSnapshot(cacheDir, prefix, key, snapshotText(kb));
  return kb;
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
