/**
 * Cards: render time per card (p50/p99), bytes per card, the resident memory a connected
 * Discord gateway client adds with cards on (PODIUM_IMAGES=true) against the same client with
 * cards off, both measured in the same run, and native-memory growth over many cold renders
 * against Skia's own PNG encoder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { CARD_SCALE, CARD_WIDTH } from '../src/cards/draw.js';
import { clearCardCache, renderCard } from '../src/cards/index.js';
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
const RSS_PROCESSES = 5;
const LEAK_PROCESSES = 3;
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
  cached = false,
): Promise<{ p50: number; p99: number; p99s: number[]; bytes: number }> {
  const p50s: number[] = [];
  const p99s: number[] = [];
  let bytes = 0;
  await renderCard(reply); // warm-up: fonts, shaping caches
  for (let r = 0; r < RUNS; r++) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS_PER_RUN; i++) {
      if (!cached) clearCardCache(); // a cold render: layout, drawing and encoding every time
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

const FLOOR_W = CARD_WIDTH * CARD_SCALE;
const FLOOR_H = Math.round(466 * CARD_SCALE); // the podium card's height

/** Same-run floor: PNG-encoding a flat canvas of the podium card's size (now and before), nothing drawn. */
async function encodeFloor(width: number, height: number): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const times: number[] = [];
    for (let i = 0; i < RENDERS_PER_RUN; i++) {
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#111827';
      ctx.fillRect(0, 0, width, height);
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
    const once = process.memoryUsage().rss;
    // Native objects (canvas pixels) are freed by finalizers that run after the GC that found
    // them dead, on the next turn of the event loop; a second GC then settles the heap.
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const m = process.memoryUsage();
    say({ rss: m.rss, once, heapUsed: m.heapUsed });
  }
}
process.exit(0);
`;

// Native-memory growth over many cold renders in one process, as the bin runs: the cards' encoder
// (renderCard with the cache cleared) against Skia's encode('png') on a fresh canvas per card with
// the same heading and footer drawn (what every card did before), RSS after settled GCs.
const LEAK_SOURCE = `
import path from 'node:path';
const dist = process.env.BENCH_DIST;
const load = (p) => import(path.join(dist, p));
const { clearCardCache, renderCard } = await load('src/cards/index.js');
const draw = await load('src/cards/draw.js');
const { cardHeading } = await load('src/cards/model.js');
const { createCanvas } = await import('@napi-rs/canvas');
const replies = JSON.parse(process.env.BENCH_REPLIES);
const skia = process.env.BENCH_ENCODER === 'skia';
async function once(reply, heightPx) {
  if (!skia) {
    clearCardCache();
    return renderCard(reply);
  }
  const theme = draw.THEMES.dark;
  const heading = cardHeading(reply);
  const head = draw.layoutHeading(draw.measuringContext(), heading, 'Result');
  const height = heightPx / draw.CARD_SCALE;
  const canvas = createCanvas(draw.CARD_WIDTH * draw.CARD_SCALE, heightPx);
  const ctx = canvas.getContext('2d');
  ctx.scale(draw.CARD_SCALE, draw.CARD_SCALE);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, draw.CARD_WIDTH, height);
  draw.drawHeading(ctx, theme, head);
  draw.drawFooter(ctx, theme, height, heading);
  return canvas.encode('png');
}
async function settledRss() {
  globalThis.gc();
  await new Promise((resolve) => setImmediate(resolve));
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  return process.memoryUsage().rss;
}
const heights = JSON.parse(process.env.BENCH_HEIGHTS); // the cards' heights in pixels
for (let i = 0; i < 4; i++) await once(replies[i % replies.length], heights[i % replies.length]);
const marks = [await settledRss()];
const total = Number(process.env.BENCH_RENDERS);
const podium = [];
for (let i = 1; i <= total; i++) {
  const t = performance.now();
  await once(replies[i % replies.length], heights[i % replies.length]);
  if (i % replies.length === 0) podium.push(performance.now() - t);
  if (i % 100 === 0) marks.push(await settledRss());
}
podium.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ marks, p50: podium[podium.length >> 1] }) + '\\n');
`;

const LEAK_RENDERS = 300;

async function nativeGrowth(encoder: 'cards' | 'skia'): Promise<{ runs: number[][]; p50: number }> {
  const script = path.join(OUT, 'cards-bench-leak.mjs');
  await writeFile(script, LEAK_SOURCE);
  const runs: number[][] = [];
  const p50s: number[] = [];
  const leakReplies = [samples.podium1500, samples.quoteHocker];
  const heights: number[] = [];
  for (const reply of leakReplies) heights.push((await renderCard(reply))?.png.readUInt32BE(20) ?? 0);
  for (let p = 0; p < LEAK_PROCESSES; p++) {
    const run = spawnSync(process.execPath, ['--expose-gc', '--max-semi-space-size=2', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        BENCH_DIST: path.join(OUT, 'cards-dist'),
        BENCH_REPLIES: JSON.stringify(leakReplies),
        BENCH_HEIGHTS: JSON.stringify(heights),
        BENCH_ENCODER: encoder,
        BENCH_RENDERS: String(LEAK_RENDERS),
        MALLOC_MMAP_THRESHOLD_: '131072',
        MIMALLOC_PURGE_DELAY: '0',
      },
    });
    if (run.status !== 0) throw new Error(`leak child (${encoder}) failed: ${run.stderr}`);
    const { marks, p50 } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
      marks: number[];
      p50: number;
    };
    runs.push(marks.map((m) => m - (marks[0] ?? 0)));
    p50s.push(p50);
  }
  return { runs, p50: median(p50s) };
}

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
): Promise<{ idle: number; rss: number; runs: number[]; once: number; onceRuns: number[] }> {
  const idles: number[] = [];
  const runs: number[] = [];
  const onceRuns: number[] = [];
  for (let p = 0; p < RSS_PROCESSES; p++) {
    const fake = await startFakeDiscord({ applicationId: APP_ID });
    // As shipped: the bin runs node --max-semi-space-size=2 with MALLOC_MMAP_THRESHOLD_ and
    // MIMALLOC_PURGE_DELAY set.
    const proc: ChildProcess = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=2', script], {
      cwd: ROOT,
      env: {
        ...process.env,
        BENCH_DIST: path.join(OUT, 'cards-dist'),
        BENCH_DATA: path.join(ROOT, 'data'),
        BENCH_APP_ID: APP_ID,
        BENCH_API_URL: fake.apiUrl,
        BENCH_IMAGES: String(images),
        MALLOC_MMAP_THRESHOLD_: '131072', // as the bin's shebang sets it
        MIMALLOC_PURGE_DELAY: '0', // as the bin's shebang sets it
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
      const after = await next();
      runs.push(after.rss ?? 0);
      onceRuns.push(after.once ?? 0);
    } finally {
      proc.kill();
      await fake.close();
    }
  }
  return { idle: median(idles), rss: median(runs), runs, once: median(onceRuns), onceRuns };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Runs the cards benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const oldFloor = await encodeFloor(2000, 932); // the podium card at 2× before
  const floor = await encodeFloor(FLOOR_W, FLOOR_H);
  const rows: string[][] = [];
  const cases: [string, Reply, boolean][] = [
    ...CARDS.map(([label, reply]): [string, Reply, boolean] => [label, reply, false]),
    ['podium (/podium 1500m), asked again (cached)', samples.podium1500, true],
  ];
  for (const [label, reply, cached] of cases) {
    const r = await renderTimes(reply, cached);
    rows.push([label, fmtMs(r.p50), `${fmtMs(r.p99)} (runs: ${r.p99s.map(fmtMs).join(', ')})`, kb(r.bytes)]);
    // On a busy machine this takes minutes: show progress on stderr (stdout stays the markdown).
    process.stderr.write(`cards: ${rows.at(-1)?.join(' | ')}\n`);
  }
  const script = await prepareChild();
  const off = await connectedRss(script, false);
  const on = await connectedRss(script, true);
  const leakCards = await nativeGrowth('cards');
  const leakSkia = await nativeGrowth('skia');
  const growthRow = (label: string, { runs, p50 }: { runs: number[][]; p50: number }) => {
    const at = (k: number) => median(runs.map((r) => r[k] ?? 0));
    return [
      label,
      mb(at(1)),
      mb(at(2)),
      mb(at(3)),
      runs.map((r) => mb(r.at(-1) ?? 0)).join(', '),
      fmtMs(p50),
    ];
  };
  return [
    '### Cards',
    '',
    `Render = Reply → PNG (layout, drawing on the shared canvas, pixel copy, zlib level 1 on the libuv`,
    `pool), one at a time, cache cleared before each render unless marked cached, in the bench process`,
    `after a warm-up; median over ${RUNS} runs of ${RENDERS_PER_RUN} renders of each run's p50/p99.`,
    `Same-run baseline: Skia's encode('png') of a flat canvas with nothing drawn takes ${fmtMs(floor)} at`,
    `${FLOOR_W}×${FLOOR_H} and ${fmtMs(oldFloor)} at 2000×932 (the 2× size cards had before) (p50).`,
    '',
    table([`card (${FLOOR_W} px wide, ${CARD_SCALE}×)`, 'render p50', 'render p99', 'bytes'], rows),
    '',
    `Target: podium card p50 ≤ 25 ms.`,
    '',
    `RSS of a connected gateway client (compiled, as the bin runs it: \`node --max-semi-space-size=2\`, MALLOC_MMAP_THRESHOLD_=131072,`,
    `MIMALLOC_PURGE_DELAY=0) after`,
    `${RSS_INTERACTIONS} interactions (/podium and /quote alternately, each from a new user), after settled GCs; median of`,
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
    `Cards add **${mb(on.rss - off.rss)}** (target ≤ 40 MB more). Measured right after one GC, before`,
    `finalizers run: ${mb(on.once)} vs ${mb(off.once)} (runs ${on.onceRuns.map(mb).join(', ')} vs ${off.onceRuns.map(mb).join(', ')}).`,
    '',
    `Native memory over ${LEAK_RENDERS} cold renders in one process (podium and quote alternately, as the bin runs),`,
    `RSS growth after settled GCs from after a warm-up; median of ${LEAK_PROCESSES} processes each. Baseline: Skia's`,
    `encode('png') on a fresh canvas per card with the card's heading and footer drawn (what each card did before):`,
    '',
    table(
      ['encoder', 'after 100', 'after 200', 'after 300', 'runs (after 300)', 'podium render p50 there'],
      [growthRow('cards (JS + zlib)', leakCards), growthRow("Skia encode('png') (baseline)", leakSkia)],
    ),
  ].join('\n');
}
