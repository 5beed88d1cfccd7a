/**
 * `podium import`: read a results file in any known dialect (detected from its content, byte-order
 * mark or not), build the competition's knowledge-base files, summarise, and write them atomically.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAthlib, readAthlib } from './athlib.js';
import { buildCompetition, bundlesOf, type ImportedCompetition } from './build.js';
import { ImportError, type RawCompetition } from './model.js';
import { isTilastopajaExport, readTilastopajaExport } from './tilastopaja.js';

export { ImportError } from './model.js';

/** Known dialects, tried in order. */
const DIALECTS: Array<{ test: (json: unknown) => boolean; read: (json: unknown) => RawCompetition }> = [
  { test: isAthlib, read: readAthlib },
  { test: isTilastopajaExport, read: readTilastopajaExport },
];

/** Parses the text of a results file and builds its competition. Throws ImportError with one line. */
export function importText(text: string): ImportedCompetition {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ImportError(`not JSON (${(err as Error).message.slice(0, 100)})`);
  }
  const dialect = DIALECTS.find((d) => d.test(json));
  if (!dialect)
    throw new ImportError(
      'unknown dialect: expected a Tilastopaja results file (athlib "events[].result[]" or export "events[].results[]")',
    );
  return buildCompetition(dialect.read(json));
}

/** Reads a results file from disk and builds its competition. */
export async function importFile(file: string): Promise<ImportedCompetition> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ImportError(`cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return importText(text);
}

/**
 * Serialises a data file the same way every time: containers on their own lines down to each
 * record, and each result, athlete or source on one line, so diffs stay readable.
 */
export function stringifyData(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!value.some((v) => v !== null && typeof v === 'object')) return JSON.stringify(value);
    const inner = `${indent}  `;
    return `[\n${value.map((v) => `${inner}${stringifyData(v, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const expand = entries.some(
      ([k]) => ['sources', 'athletes', 'events', 'results'].includes(k) && indent.length < 6,
    );
    if (!expand) return JSON.stringify(Object.fromEntries(entries));
    const inner = `${indent}  `;
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyData(v, inner)}`);
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** The files to write for a competition: name → exact text. */
export function filesOf(c: ImportedCompetition): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, bundle] of Object.entries(bundlesOf(c))) out[name] = `${stringifyData(bundle)}\n`;
  out['LICENSE.md'] = c.raw.dataset.licenceNote;
  return out;
}

/**
 * Writes `dir/<slug>/` atomically: everything goes to a temporary folder beside it, which then
 * replaces the old folder by rename, so an error leaves the old data (or nothing) in place.
 */
export async function writeCompetition(c: ImportedCompetition, dir: string): Promise<string> {
  const target = path.join(dir, c.slug);
  const tmp = path.join(dir, `.${c.slug}.tmp-${process.pid}`);
  const old = path.join(dir, `.${c.slug}.old-${process.pid}`);
  await mkdir(dir, { recursive: true });
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp);
    for (const [name, text] of Object.entries(filesOf(c))) await writeFile(path.join(tmp, name), text);
    await rm(old, { recursive: true, force: true });
    await rename(target, old).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  await rm(old, { recursive: true, force: true });
  return target;
}

/** The human summary of an import. */
export function summarise(c: ImportedCompetition): string {
  const rounds = new Map<string, number>();
  let results = 0;
  let nonFinishers = 0;
  let teams = 0;
  for (const e of c.events) {
    const kind = e.partOf ? `${e.partOf} parts` : e.round;
    rounds.set(kind, (rounds.get(kind) ?? 0) + 1);
    results += e.results.length;
    for (const r of e.results) {
      if (r.status) nonFinishers++;
      if (r.team) teams++;
    }
  }
  const finals = c.events.filter((e) => e.round === 'final' && !e.partOf).length;
  const lines = [
    `${c.edition} — ${c.raw.competition}, ${c.raw.venue}, ${c.raw.city} (${c.raw.dialect})`,
    `Dates: ${c.raw.startDate} to ${c.raw.endDate} (${c.raw.timeZone})`,
    `Rounds: ${c.events.length} (${[...rounds].map(([k, n]) => `${n} ${k}`).join(', ')}); finals: ${finals}`,
    `Results: ${results} (${nonFinishers} without a place: DNF, DNS, DQ, NM, NH; ${teams} relay teams)`,
    `Athletes: ${c.athletes.length}`,
    `Source: ${c.sources[0]?.title}`,
  ];
  if (c.unused.length) lines.push('Not used:', ...c.unused.map((u) => `  - ${u}`));
  return lines.join('\n');
}

export type { ImportedCompetition };
