/**
 * Reading the knowledge base from disk: every *.json data file under a folder (recursively, but
 * not the editors' JSON Schemas), parsed and validated with zod, then built into a KnowledgeBase.
 * A bad file stops loading with its path, the JSON path and what was expected.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { DataError } from './errors.js';
import { KnowledgeBase, type LoadedBundle, type LoadOptions } from './knowledge-base.js';
import { BundleSchema } from './schema.js';

/** JSON path of a zod issue path: $.quotes[3].speaker */
export function jsonPath(issuePath: ReadonlyArray<PropertyKey>): string {
  return `$${issuePath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/** Describes what a zod issue expected, in words a data editor understands. */
function expectedOf(issue: z.core.$ZodIssue): string {
  return issue.message;
}

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

/** Reads and validates one data file. */
export function parseBundle(file: string, text: string): LoadedBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataError(file, '$', `valid JSON (${(err as Error).message})`);
  }
  const parsed = BundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new DataError(file, jsonPath(issue.path), expectedOf(issue));
  }
  return { file, bundle: parsed.data };
}

/**
 * Loads, validates and indexes every data file in a folder (drafts left out unless
 * `opts.includeDrafts`). Throws DataError on the first problem.
 */
export async function loadKnowledgeBase(dir: string, opts: LoadOptions = {}): Promise<KnowledgeBase> {
  let files: string[];
  try {
    files = await dataFiles(dir);
  } catch {
    throw new DataError(dir, '$', 'a readable data folder (set PODIUM_DATA_DIR)');
  }
  if (files.length === 0) throw new DataError(dir, '$', 'at least one *.json data file');
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const read = await Promise.all(
    files.map(async (f): Promise<LoadedBundle | null> => {
      const text = await readFile(f, 'utf8');
      try {
        return parseBundle(rel(f), text);
      } catch (err) {
        // A draft half-way through an operator's edits is not served, so it must not stop the
        // bot either: `podium publish` is where a draft is validated.
        if (!opts.includeDrafts && isDraftFile(text)) return null;
        throw err;
      }
    }),
  );
  return KnowledgeBase.fromBundles(
    read.filter((b): b is LoadedBundle => b !== null),
    opts,
  );
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
