/** Small statistics helpers shared by the benchmarks. */

/** The q-quantile (0..1) of a sample, nearest-rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Median of a sample. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Nanosecond-resolution timer in milliseconds. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs fn `runs` times (after one warm-up) and returns each run's result. */
export async function repeat<T>(runs: number, fn: (i: number) => Promise<T> | T): Promise<T[]> {
  await fn(-1);
  const out: T[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

/** Formats milliseconds with sensible precision. */
export function fmtMs(ms: number): string {
  if (ms < 0.01) return `${(ms * 1000).toFixed(2)} µs`;
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 100) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(0)} ms`;
}

/** A markdown table from a header row and rows. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** What a benchmark module exports; bench/run.ts discovers every bench/*.bench.ts. */
export interface BenchModule {
  /** Short name used to select it: `npm run bench -- core`. */
  name: string;
  /** Runs the benchmark and returns a markdown section (starting with a ### heading). */
  run(): Promise<string>;
}
