/**
 * Ingest speed on real reports: each article of ../shared/corpus/unlabelled (results, previews,
 * features, columns, all under 5,000 words) extracted 15 times after a warm-up; each median must
 * be under the 5,000-word target (100 ms). Skipped with a note where ../shared is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDraft } from '../src/ingest/index.js';
import { fmtMs, median, nowMs, repeat, table } from './stats.js';

/** Bench name for `npm run bench -- ingest-real`. */
export const name = 'ingest-real';

const TARGET_MS = 100;
const here = path.dirname(fileURLToPath(import.meta.url));
const UNLABELLED = path.resolve(here, '../../shared/corpus/unlabelled');

/** Runs the benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  if (!existsSync(UNLABELLED)) return `### Ingest: real reports\n\n_${UNLABELLED} not found; skipped._`;
  const rows: string[][] = [];
  let worst = 0;
  for (const file of readdirSync(UNLABELLED)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(path.join(UNLABELLED, file), 'utf8');
    const words = text.split(/\s+/u).filter(Boolean).length;
    extractDraft(text);
    const times = await repeat(15, () => {
      const t = nowMs();
      extractDraft(text);
      return nowMs() - t;
    });
    const med = median(times);
    worst = Math.max(worst, med);
    rows.push([file, String(words), fmtMs(med), fmtMs(Math.max(...times))]);
  }
  return [
    '### Ingest: real reports (../shared/corpus/unlabelled)',
    '',
    `Median of 15 runs per article after one warm-up; slowest median ${fmtMs(worst)} ${worst < TARGET_MS ? '✅' : '❌'} (target: each under ${TARGET_MS} ms).`,
    '',
    table(['article', 'words', 'median', 'max'], rows),
  ].join('\n');
}
