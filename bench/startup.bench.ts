/**
 * Start-up benchmark, all in one run so the machine's load is the same for every figure:
 * `node -e 0` (the floor), one `podium ask "/podium 1500m"` from dist/, and a second `npm start`
 * (nothing to compile) until the REPL prompt. Targets: ask ≤ 3× node -e 0; the second start to the
 * prompt ≤ 2.5× one ask. Runs are interleaved, so a burst of load hits all three alike.
 * BENCH_BEFORE=<another checkout, built> adds its `podium ask` to the same run, for a before/after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/config.js';
import { fmtMs, median, nowMs, table } from './stats.js';

export const name = 'startup';
const RUNS = 9;
const BIN = path.join(PACKAGE_ROOT, 'dist', 'src', 'bin.js');

/** Wall time of a process that runs to its end. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = nowMs();
  const run = spawnSync(command, args, { cwd: PACKAGE_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return nowMs() - started;
}

/** Wall time from `npm start` to the REPL's prompt on stdout; then the REPL is left with EOF. */
function toPrompt(env: NodeJS.ProcessEnv): Promise<number> {
  const started = nowMs();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: PACKAGE_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let at = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!at && out.includes('podium> ')) {
        at = nowMs() - started;
        child.stdin.end();
      }
    });
    child.on('close', (code) =>
      at ? resolve(at) : reject(new Error(`npm start ended (${code}) before its prompt`)),
    );
  });
}

export async function run(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-startup-'));
  // No .env, no tokens: the console REPL with its own SQLite file, no history file.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PODIUM_STORE: `sqlite://${path.join(dir, 'podium.sqlite')}`,
    PODIUM_HISTORY: 'off',
    NO_COLOR: '1',
  };
  try {
    // Compile once if needed, so every measured start is a "second" start.
    const build = spawnSync(process.execPath, [path.join(PACKAGE_ROOT, 'scripts/build-if-stale.mjs')], {
      cwd: PACKAGE_ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('build failed');
    const floor: number[] = [];
    const ask: number[] = [];
    const start: number[] = [];
    const before: number[] = [];
    // As a user runs it: the bin itself, through its shebang's Node flags (POSIX only).
    const asBin: number[] = [];
    const shebang = process.platform !== 'win32';
    const beforeBin = process.env.BENCH_BEFORE
      ? path.join(process.env.BENCH_BEFORE, 'dist/src/bin.js')
      : null;
    await toPrompt(env); // warm-up: the SQLite file is created once
    for (let i = 0; i < RUNS; i++) {
      floor.push(timed(process.execPath, ['-e', '0'], env));
      ask.push(timed(process.execPath, [BIN, 'ask', '/podium 1500m'], env));
      if (shebang) asBin.push(timed(BIN, ['ask', '/podium 1500m'], env));
      if (beforeBin) before.push(timed(process.execPath, [beforeBin, 'ask', '/podium 1500m'], env));
      start.push(await toPrompt(env));
    }
    const f = median(floor);
    const a = median(ask);
    const s = median(start);
    return [
      '### Start-up (medians of interleaved runs)',
      '',
      table(
        ['what', `median of ${RUNS}`, 'ratio', 'target'],
        [
          ['`node -e 0`', fmtMs(f), '1×', '—'],
          ['`podium ask "/podium 1500m"` (dist)', fmtMs(a), `${(a / f).toFixed(2)}× node -e 0`, '≤ 3×'],
          ...(shebang
            ? [
                [
                  '`dist/src/bin.js ask "/podium 1500m"` (its shebang: small young generation)',
                  fmtMs(median(asBin)),
                  `${(median(asBin) / f).toFixed(2)}× node -e 0`,
                  '—',
                ],
              ]
            : []),
          ['second `npm start` to the prompt', fmtMs(s), `${(s / a).toFixed(2)}× ask`, '≤ 2.5×'],
          ...(beforeBin
            ? [
                [
                  `before: \`podium ask\` of ${process.env.BENCH_BEFORE}`,
                  fmtMs(median(before)),
                  `${(median(before) / f).toFixed(2)}× node -e 0`,
                  '—',
                ],
              ]
            : []),
        ],
      ),
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
