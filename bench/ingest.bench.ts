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

/** The hostile inputs of issue 11: each must ingest in under 10× the normal report's time. */
export function hostileInputs(): Array<[string, string]> {
  const codes = ['WR', 'OR', 'AR', 'NR', 'CR', 'MR', 'PB', 'SB', 'WL'];
  const line = Array.from({ length: 100 }, (_, i) => codes[i % codes.length]).join(' ');
  const mb = 1_000_000;
  return [
    ['a results line with 100 record codes', `Result\n\n1. Ann Lee (KEN) 3:51.29 ${line} and more\n`],
    ['1 MB of nested quotations', '“He said ‘'.repeat(mb / 20) + 'x’ end”'.repeat(mb / 20)],
    ['1 MB of unbalanced quotation marks', '“a '.repeat(mb / 3)],
    ['1 MB of straight quotes, mixed', '"a" \'b '.repeat(mb / 8)],
    [
      '200 KB of text before a quote',
      `${'The race went on. '.repeat(200_000 / 18)}\n\n"I won," said Ann Lee.`,
    ],
    // One paragraph of many short attributed quotations: each quote's context must not rescan it.
    ['100 KB paragraph of attributed quotes', `Result\n\n${'Ann Lee said: “I ran.” '.repeat(100_000 / 22)}`],
    ['100 KB run of capitalised words', `Result\n\n${'Of The '.repeat(100_000 / 7)}won.`],
  ];
}

/** Median time of `runs` extractions of one text (after a warm-up). */
async function timeIt(text: string, runs: number): Promise<number> {
  const times = await repeat(runs, () => {
    const t = nowMs();
    extractDraft(text, { published: '2025-07-07' });
    return nowMs() - t;
  });
  return median(times);
}

/** Runs the benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const hostile = await hostileSection();
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
    '',
    hostile,
  ].join('\n');
}

/** Hostile inputs against the normal report, timed in the same run, medians of 5. */
async function hostileSection(): Promise<string> {
  const report = buildReport();
  const base = await timeIt(report, 5);
  const rows: string[][] = [
    ['normal 5,000-word report (baseline)', `${report.length} chars`, fmtMs(base), '1.0×', ''],
  ];
  for (const [label, text] of hostileInputs()) {
    const t = await timeIt(text, 5);
    const ratio = t / base;
    rows.push([
      label,
      `${text.length} chars`,
      fmtMs(t),
      `${ratio.toFixed(1)}×`,
      ratio < 10 ? '✅ < 10×' : '❌ ≥ 10×',
    ]);
  }
  return [
    '### Ingest: hostile input (linear time)',
    '',
    'Each input and the 5,000-word baseline measured in the same run, median of 5 runs after a warm-up; extraction reads at most the first 400,000 characters.',
    '',
    table(['input', 'size', 'median', 'vs report', 'target'], rows),
  ].join('\n');
}
