/**
 * Runs every bench/*.bench.ts (or those named on the command line: `npm run bench -- core slack`)
 * one after another and prints their markdown sections, ready for BENCHMARKS.md.
 */
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts')).sort();

console.log(
  `## Run of ${new Date().toISOString().slice(0, 10)} — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`,
);
let failed = false;
for (const file of files) {
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as BenchModule;
  if (wanted.length > 0 && !wanted.includes(mod.name)) continue;
  const started = Date.now();
  try {
    console.log(await mod.run());
    console.log(`\n_(${mod.name}: ${((Date.now() - started) / 1000).toFixed(1)} s)_\n`);
  } catch (err) {
    failed = true;
    console.error(`bench ${mod.name} failed:`, err);
  }
}
process.exitCode = failed ? 1 : 0;
