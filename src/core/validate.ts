/**
 * Validating one data file with zod. Kept apart from load.ts so that a start-up served from the
 * validated snapshot (see kb-cache.ts) never loads zod at all.
 */
import type { z } from 'zod';
import { DataError } from './errors.js';
import type { LoadedBundle } from './knowledge-base.js';
import { BundleSchema } from './schema.js';

/** JSON path of a zod issue path: $.quotes[3].speaker */
export function jsonPath(issuePath: ReadonlyArray<PropertyKey>): string {
  return `$${issuePath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/** Describes what a zod issue expected, in words a data editor understands. */
function expectedOf(issue: z.core.$ZodIssue): string {
  return issue.message;
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
