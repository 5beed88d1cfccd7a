#!/usr/bin/env node
/**
 * `npm start` runs this before the bot: it compiles (tsc -p tsconfig.build.json) only when a source
 * changed since the last build, so a second start costs a few file stats instead of a full tsc run.
 * "Changed" means a file under src/ or commands/, a tsconfig or package.json newer than the stamp
 * written after the last successful build, or a different list of source files (added, removed).
 * `--always` builds regardless (that is `npm run build`, and `prepare` after `npm ci`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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

/** Builds when stale (or always); exits the process with tsc's status if the build fails. */
export function buildIfStale(always = false) {
  const files = sources();
  const reason = always ? 'npm run build' : isStale(files);
  if (!reason) return;
  if (!always) process.stderr.write(`podium: building (${reason})…\n`);
  const startedAt = Date.now();
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  // tsc writes files without the execute bit: the bin must have it for npx podium and the shebang.
  const bin = path.join(root, 'dist', 'src', 'bin.js');
  if (existsSync(bin)) chmodSync(bin, 0o755);
  // The start time, not the end: a file saved during the build makes the next start build again.
  writeFileSync(STAMP, `${JSON.stringify({ builtAt: startedAt, files })}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfStale(process.argv.includes('--always'));
}
