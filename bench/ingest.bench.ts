/**
 * Ingest speed: time to extract the draft from a 5,000-word report, built by concatenating the
 * fictional reports of the evaluation corpus and varied copies of them (names changed, so the
 * people registry grows as in a long round-up). Target: median under 100 ms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDraft } from '../src/ingest/index.js';
import { fmtMs, median, nowMs, quantile, repeat, table } from './stats.js';

/** Bench name for `npm run bench -- ingest`. */
export const name = 'ingest';

const TARGET_MS = 100;
const WORDS = 5000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** A report of at least `words` words made from the fictional corpus. */
export function buildReport(words = WORDS): string {
  const root = path.resolve(here, '../tests/fixtures/ingest');
  const texts = ['fictional', 'held-out'].flatMap((dir) =>
    readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(path.join(root, dir, f), 'utf8')),
  );
  const parts: string[] = [];
  const count = () => parts.join('\n\n').split(/\s+/u).filter(Boolean).length;
  for (let round = 0; count() < words; round++) {
    // Each round renames people ("Okafor" → "Okaforb") so the text is not the same report again.
    const suffix = round === 0 ? '' : String.fromCharCode(97 + (round % 26));
    for (const t of texts) {
      const body = round === 0 ? t : t.replace(/\b(\p{Lu}\p{Ll}{3,})\b/gu, `$1${suffix}`);
      parts.push(round === 0 ? body : body.split('\n').slice(1).join('\n'));
      if (count() >= words) break;
    }
  }
  return parts.join('\n\n');
}

/** Runs the benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const report = buildReport();
  const wordCount = report.split(/\s+/u).filter(Boolean).length;
  let quotes = 0;
  let results = 0;
  const times = await repeat(25, () => {
    const t = nowMs();
    const d = extractDraft(report, { published: '2025-07-07' });
    const elapsed = nowMs() - t;
    quotes = d.quotes.length;
    results = d.results.length;
    return elapsed;
  });
  const med = median(times);
  const load = os.loadavg()[0] ?? 0;
  const rows = [
    [
      `${wordCount} words, ${report.length} chars`,
      String(times.length),
      fmtMs(Math.min(...times)),
      fmtMs(med),
      fmtMs(quantile(times, 0.95)),
      fmtMs(Math.max(...times)),
      `${quotes} quotes, ${results} results`,
      med < TARGET_MS ? `✅ < ${TARGET_MS} ms` : `❌ ≥ ${TARGET_MS} ms`,
    ],
  ];
  return [
    '### Ingest: 5,000-word report',
    '',
    `extractDraft on the fictional corpus concatenated (and varied) to 5,000+ words; one warm-up, then 25 runs (load average ${load.toFixed(1)} on ${os.cpus().length} CPUs — other work on the machine stretches the times).`,
    '',
    table(['input', 'runs', 'min', 'median', 'p95', 'max', 'extracted', 'target (median)'], rows),
  ].join('\n');
}
