/**
 * Cards: render time per card (p50/p99), bytes per card, and the resident memory a connected
 * Discord gateway client adds with cards on (PODIUM_IMAGES=true) against the same client with
 * cards off, both measured in the same run.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { renderCard } from '../src/cards/index.js';
import type { Reply } from '../src/core/reply.js';
import * as samples from '../tests/cards/replies.js';
import { startFakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import { chatInputInteraction, str } from '../tests/fakes/discord/interactions.js';
import { fmtMs, median, nowMs, quantile, table } from './stats.js';

export const name = 'cards';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'bench', 'out');
const RUNS = 3;
const RENDERS_PER_RUN = 20;
const RSS_PROCESSES = 2;
const RSS_INTERACTIONS = 100;
const APP_ID = '800000000000000001';

const CARDS: [string, Reply][] = [
  ['podium (/podium 1500m)', samples.podium1500],
  ['podium, hard names (RTL, CJK, emoji)', samples.podiumHardNames],
  ['podium, relay', samples.podiumRelay],
  ['results, page 1 of 2 (12 rows)', samples.resultsLong],
  ['quote (/quote hocker)', samples.quoteHocker],
];

async function renderTimes(
  reply: Reply,
): Promise<{ p50: number; p99: number; p99s: number[]; bytes: number }> {
  const p50s: number[] = [];
  const p99s: number[] = [];
  let bytes = 0;
  await renderCard(reply); // warm-up: fonts, shaping caches
  for (let r = 0; r < RUNS; r++) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS_PER_RUN; i++) {
      const t = nowMs();
      const card = await renderCard(reply);
      times.push(nowMs() - t);
      bytes = card?.png.length ?? 0;
    }
    p50s.push(quantile(times, 0.5));
    p99s.push(quantile(times, 0.99));
  }
  return { p50: median(p50s), p99: median(p99s), p99s, bytes };
}

/** Same-run floor: PNG-encoding a flat canvas of the podium card's size, with nothing drawn. */
async function encodeFloor(): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS_PER_RUN; i++) {
      const canvas = createCanvas(2000, 932);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#111827';
      ctx.fillRect(0, 0, 2000, 932);
      const t = nowMs();
      await canvas.encode('png');
      times.push(nowMs() - t);
    }
    runs.push(quantile(times, 0.5));
  }
  return median(runs);
}

// ---------------------------------------------------------------- RSS child

const CHILD_SOURCE = `
import path from 'node:path';
import { createInterface } from 'node:readline';
const dist = process.env.BENCH_DIST;
const load = (p) => import(path.join(dist, p));
const { loadConfig } = await load('src/config.js');
const { loadKnowledgeBase } = await load('src/core/load.js');
const { createLogger } = await load('src/logger.js');
const { createCardMaker } = await load('src/adapters/cards.js');
const config = loadConfig({
  DISCORD_TOKEN: 'bench-token',
  DISCORD_APPLICATION_ID: process.env.BENCH_APP_ID,
  DISCORD_API_URL: process.env.BENCH_API_URL,
  PODIUM_STORE: 'memory://',
  PODIUM_IMAGES: process.env.BENCH_IMAGES,
});
const kb = await loadKnowledgeBase(process.env.BENCH_DATA);
const logger = createLogger('silent');
const cards = createCardMaker({ enabled: config.images.enabled, logger });
const say = (msg) => process.stdout.write(JSON.stringify(msg) + '\\n');
const { startDiscordGateway } = await load('src/adapters/discord/gateway.js');
await startDiscordGateway({ config, kb, logger, subscriptions: null, cards, deferBudgetMs: 2800 });
say({ ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'memory') {
    globalThis.gc?.();
    const m = process.memoryUsage();
    say({ rss: m.rss, heapUsed: m.heapUsed });
  }
}
process.exit(0);
`;

async function prepareChild(): Promise<string> {
  const dist = path.join(OUT, 'cards-dist');
  await rm(dist, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dist], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  // The compiled code finds its fonts beside package.json, as in an install: link them in.
  await symlink(path.join(ROOT, 'assets'), path.join(dist, 'assets'), 'dir');
  await mkdir(OUT, { recursive: true });
  const script = path.join(OUT, 'cards-bench-child.mjs');
  await writeFile(script, CHILD_SOURCE);
  return script;
}

async function connectedRss(
  script: string,
  images: boolean,
): Promise<{ idle: number; rss: number; runs: number[] }> {
  const idles: number[] = [];
  const runs: number[] = [];
  for (let p = 0; p < RSS_PROCESSES; p++) {
    const fake = await startFakeDiscord({ applicationId: APP_ID });
    // As shipped: `npm start` and the bin run node --max-semi-space-size=2.
    const proc: ChildProcess = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=2', script], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_DIST: path.join(OUT, 'cards-dist'),
        BENCH_DATA: path.join(ROOT, 'data'),
        BENCH_APP_ID: APP_ID,
        BENCH_API_URL: fake.apiUrl,
        BENCH_IMAGES: String(images),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    const next = async () => JSON.parse(String((await lines.next()).value)) as Record<string, number>;
    try {
      await next(); // ready
      proc.stdin?.write('memory\n');
      idles.push((await next()).rss ?? 0);
      for (let i = 0; i < RSS_INTERACTIONS; i++) {
        const quote = i % 2 === 1;
        const interaction = chatInputInteraction(
          quote ? 'quote' : 'podium',
          [quote ? str('athlete', 'hocker') : str('event', '1500m')],
          { applicationId: APP_ID, userId: String(900000000000100000n + BigInt(i)) },
        );
        fake.interact(interaction);
        await fake.waitForCall(
          (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
          30_000,
        );
        if (i % 50 === 0) fake.calls.length = 0;
      }
      proc.stdin?.write('memory\n');
      runs.push((await next()).rss ?? 0);
    } finally {
      proc.kill();
      await fake.close();
    }
  }
  return { idle: median(idles), rss: median(runs), runs };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Runs the cards benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const floor = await encodeFloor();
  const rows: string[][] = [];
  for (const [label, reply] of CARDS) {
    const r = await renderTimes(reply);
    rows.push([label, fmtMs(r.p50), `${fmtMs(r.p99)} (runs: ${r.p99s.map(fmtMs).join(', ')})`, kb(r.bytes)]);
    // On a busy machine this takes minutes: show progress on stderr (stdout stays the markdown).
    process.stderr.write(`cards: ${rows.at(-1)?.join(' | ')}\n`);
  }
  const script = await prepareChild();
  const off = await connectedRss(script, false);
  const on = await connectedRss(script, true);
  return [
    '### Cards',
    '',
    `Render = Reply → PNG (layout, drawing, Skia's PNG encoder on the libuv pool), one at a time, in the bench`,
    `process after a warm-up; median over ${RUNS} runs of ${RENDERS_PER_RUN} renders of each run's p50/p99.`,
    `Same-run floor: PNG-encoding a flat 2000×932 canvas with nothing drawn takes ${fmtMs(floor)} (p50).`,
    '',
    table(['card (2000 px wide, 2×)', 'render p50', 'render p99', 'bytes'], rows),
    '',
    `Target: podium card p50 ≤ 25 ms.`,
    '',
    `RSS of a connected gateway client (compiled, \`node --max-semi-space-size=2\` as shipped) after`,
    `${RSS_INTERACTIONS} interactions (/podium and /quote alternately, each from a new user), after GC; median of`,
    `${RSS_PROCESSES} processes each:`,
    '',
    table(
      ['PODIUM_IMAGES', 'RSS after READY', 'RSS after the interactions', 'runs'],
      [
        ['false (baseline)', mb(off.idle), mb(off.rss), off.runs.map(mb).join(', ')],
        ['true', mb(on.idle), mb(on.rss), on.runs.map(mb).join(', ')],
      ],
    ),
    '',
    `Cards add **${mb(on.rss - off.rss)}** (target ≤ 40 MB more).`,
  ].join('\n');
}
