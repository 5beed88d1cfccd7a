#!/usr/bin/env node
/**
 * `npm start` runs this before the bot: it builds only when a source changed since the last build,
 * so a second start costs a few file stats. "Changed" means a file under src/ or commands/, a
 * tsconfig or package.json newer than the stamp written after the last successful build, or a
 * different list of source files (added, removed). `--always` builds regardless (that is
 * `npm run build`, and `prepare` after `npm ci`).
 *
 * The build bundles src/bin.ts with esbuild into dist/src/bin.js and a few chunks (each platform's
 * SDK glue stays in a chunk loaded only when that platform starts). An answer loads 16 files instead
 * of ~60 modules to resolve and compile, ~50 ms sooner (BENCHMARKS.md, Start-up);
 * esbuild also builds in a fraction of a second where tsc took ~10 s. Types are checked by
 * `npm run typecheck` (CI runs it), not here. Packages stay external: node_modules is loaded as is.
 */
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join(root, 'dist', '.build-stamp.json');
const INPUTS = ['src', 'commands'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** Every source file under the input folders, relative to the root, sorted. */
function sources() {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.(ts|mts|json)$/.test(entry.name)) out.push(rel);
    }
  };
  for (const dir of INPUTS) walk(dir);
  return out.sort();
}

function isStale(files) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return 'no previous build';
  }
  if (stamp.files?.join('\n') !== files.join('\n')) return 'source files added or removed';
  const changed = [...files, ...CONFIGS].find((f) => statSync(path.join(root, f)).mtimeMs > stamp.builtAt);
  return changed ? `${changed} changed` : null;
}

/** A hash of every source's content: the build's id, which the knowledge-base snapshot is keyed on. */
function buildId(files) {
  const hash = createHash('sha256');
  for (const f of [...files, 'package.json'])
    hash.update(`\0${f}\0`).update(readFileSync(path.join(root, f)));
  return hash.digest('hex').slice(0, 16);
}

/** Builds when stale (or always); exits the process with a message if the build fails. */
export function buildIfStale(always = false) {
  const files = sources();
  const reason = always ? 'npm run build' : isStale(files);
  if (!reason) return;
  if (!always) process.stderr.write(`podium: building (${reason})…\n`);
  const startedAt = Date.now();
  const out = path.join(root, 'dist', 'src');
  // Chunk names carry a content hash: old ones would pile up, so the output folder starts empty.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  // Loaded only when building: a start with nothing to build never pays for esbuild.
  const { buildSync } = createRequire(import.meta.url)('esbuild');
  try {
    buildSync({
      absWorkingDir: root,
      entryPoints: ['src/bin.ts'],
      outdir: out,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      define: { PODIUM_BUILD_ID: JSON.stringify(buildId(files)) },
      logLevel: 'error',
    });
  } catch {
    process.stderr.write("podium: the build failed (esbuild's messages above)\n");
    process.exit(1);
  }
  // The bin must be executable for npx podium and its shebang.
  chmodSync(path.join(out, 'bin.js'), 0o755);
  // The start time, not the end: a file saved during the build makes the next start build again.
  writeFileSync(STAMP, `${JSON.stringify({ builtAt: startedAt, files })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfStale(process.argv.includes('--always'));
}
