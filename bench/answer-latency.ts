/**
 * Quick answer-latency check (loaded once): p50/p99 per command on the shipped data/ and on the
 * large generated base, as `npm run bench -- core` measures them, without the load and start-up
 * phases. Run: node --expose-gc --import tsx bench/answer-latency.ts [command…]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeBase } from '../src/core/load.js';
import { latency, workload } from './core.bench.js';
import { generateKb, LARGE } from './generate-kb.js';
import { fmtMs } from './stats.js';

const only = process.argv.slice(2);

/** Prints p50/p99 of each command's workload on one base. */
async function measure(label: string, dir: string, calls: number): Promise<void> {
  const kb = await loadKnowledgeBase(dir);
  const lines = workload(kb, calls);
  for (const [cmd, ls] of Object.entries(lines)) {
    if (only.length && !only.includes(cmd)) continue;
    const { p50, p99 } = await latency(kb, ls);
    process.stdout.write(
      `${label.padEnd(8)} ${cmd.padEnd(10)} p50 ${fmtMs(p50).padStart(10)}  p99 ${fmtMs(p99).padStart(10)}\n`,
    );
  }
}

await measure('shipped', path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data'), 500);
const tmp = await mkdtemp(path.join(os.tmpdir(), 'podium-bench-answers-'));
try {
  for (const [file, bundle] of Object.entries(generateKb(LARGE, 2024)))
    await writeFile(path.join(tmp, `${file}.json`), JSON.stringify(bundle));
  await measure('large', tmp, 2000);
} finally {
  await rm(tmp, { recursive: true, force: true });
}
