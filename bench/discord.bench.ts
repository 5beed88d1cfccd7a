/**
 * Discord benchmark. The bot runs in a child process (so neither the fake Discord nor the load
 * generator shares its event loop or counts towards its memory):
 * - interaction-to-callback latency through the fake gateway (the real discord.js client),
 * - HTTP interactions throughput and latency under concurrent Ed25519-signed requests,
 * - resident memory (RSS) of a connected gateway client after answering interactions.
 * The child runs the compiled project with plain Node, as `npm start` does.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type FakeDiscord, startFakeDiscord } from '../tests/fakes/discord/fake-discord.js';
import { chatInputInteraction, type RawInteraction, str } from '../tests/fakes/discord/interactions.js';
import { discordSigner } from '../tests/fakes/discord/signer.js';
import { fmtMs, median, nowMs, quantile, table } from './stats.js';

export const name = 'discord';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const OUT = path.join(HERE, 'out');
const RUNS = 5;
const GATEWAY_WARMUP = 200;
const GATEWAY_PER_RUN = 400;
const HTTP_WARMUP = 500;
const HTTP_PER_RUN = 3000;
const HTTP_CONCURRENCY = 32;
const RSS_PROCESSES = 3;
const RSS_INTERACTIONS = 1000;
const APP_ID = '800000000000000001';
const LEAN_FLAGS = ['--max-semi-space-size=2'];

// ---------------------------------------------------------------- child side

/**
 * The bot process: plain Node on the compiled project (as `npm start` runs it), not tsx, whose
 * loader alone would add ~30 MB of RSS. Prints JSON lines; answers "memory" on stdin with its usage.
 */
const CHILD_SOURCE = `
import path from 'node:path';
import { createInterface } from 'node:readline';
const dist = process.env.BENCH_DIST;
const load = (p) => import(path.join(dist, p));
const { loadConfig } = await load('src/config.js');
const { loadKnowledgeBase } = await load('src/core/load.js');
const { createLogger } = await load('src/logger.js');
const config = loadConfig({
  DISCORD_TOKEN: 'bench-token',
  DISCORD_APPLICATION_ID: process.env.BENCH_APP_ID,
  DISCORD_API_URL: process.env.BENCH_API_URL,
  DISCORD_PUBLIC_KEY: process.env.BENCH_PUBLIC_KEY,
  PODIUM_STORE: 'memory://',
});
const kb = await loadKnowledgeBase(process.env.BENCH_DATA);
const logger = createLogger('silent');
const say = (msg) => process.stdout.write(JSON.stringify(msg) + '\\n');
if (process.env.BENCH_MODE === 'gateway') {
  const { startDiscordGateway } = await load('src/adapters/discord/gateway.js');
  await startDiscordGateway({ config, kb, logger, subscriptions: null });
  say({ ready: true });
} else {
  const { startDiscordHttp } = await load('src/adapters/discord/http.js');
  const http = await startDiscordHttp({ config, kb, logger, subscriptions: null, port: 0, host: '127.0.0.1' });
  say({ ready: true, url: http.url });
}
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'memory') {
    globalThis.gc?.();
    const m = process.memoryUsage();
    say({ rss: m.rss, heapUsed: m.heapUsed });
  }
}
process.exit(0);
`;

/** Compiles the project (tsconfig.build.json) into bench/out and writes the child script beside it. */
async function prepareChild(): Promise<string> {
  const dist = path.join(OUT, 'discord-dist');
  await rm(dist, { recursive: true, force: true });
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere in the tree must not stop the bench: tsc still emits, so only its output counts.
  spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', dist], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const script = path.join(OUT, 'discord-bench-child.mjs');
  await mkdir(OUT, { recursive: true });
  await writeFile(script, CHILD_SOURCE);
  return script;
}

// ---------------------------------------------------------------- parent side

interface Child {
  proc: ChildProcess;
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
  stop(): Promise<void>;
}

let childScript: string | null = null;

async function startChild(
  mode: 'gateway' | 'http',
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<Child> {
  childScript ??= await prepareChild();
  const proc = spawn(process.execPath, ['--expose-gc', ...nodeFlags, childScript], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      BENCH_MODE: mode,
      BENCH_DIST: path.join(OUT, 'discord-dist'),
      BENCH_DATA: path.join(ROOT, 'data'),
      BENCH_APP_ID: APP_ID,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  const c: Child = {
    proc,
    async next() {
      const { value, done } = await lines.next();
      if (done) throw new Error(`discord bench child (${mode}) exited`);
      return JSON.parse(String(value)) as Record<string, unknown>;
    },
    send(line) {
      proc.stdin?.write(`${line}\n`);
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.stdin?.end();
      await exited;
    },
  };
  const first = await c.next();
  if (!first.ready) throw new Error('discord bench child did not start');
  return Object.assign(c, { info: first });
}

function podiumInteraction(): RawInteraction {
  return chatInputInteraction('podium', [str('event', '1500m')], { applicationId: APP_ID });
}

async function interactOnce(fake: FakeDiscord): Promise<number> {
  const interaction = podiumInteraction();
  const t0 = nowMs();
  fake.interact(interaction);
  await fake.waitForCall((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
  return nowMs() - t0;
}

async function gatewayLatency(): Promise<{ p50: number; p99: number; p50s: number[]; p99s: number[] }> {
  const fake = await startFakeDiscord({ applicationId: APP_ID });
  const bot = await startChild('gateway', { BENCH_API_URL: fake.apiUrl });
  try {
    for (let i = 0; i < GATEWAY_WARMUP; i++) await interactOnce(fake);
    const p50s: number[] = [];
    const p99s: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const times: number[] = [];
      for (let i = 0; i < GATEWAY_PER_RUN; i++) times.push(await interactOnce(fake));
      p50s.push(quantile(times, 0.5));
      p99s.push(quantile(times, 0.99));
      fake.calls.length = 0;
    }
    return { p50: median(p50s), p99: median(p99s), p50s, p99s };
  } finally {
    await bot.stop();
    await fake.close();
  }
}

async function httpLoad(): Promise<{ rps: number; p50: number; p99: number; rpsRuns: number[] }> {
  const fake = await startFakeDiscord({ applicationId: APP_ID });
  const signer = discordSigner();
  const server = (await startChild('http', {
    BENCH_API_URL: fake.apiUrl,
    BENCH_PUBLIC_KEY: signer.publicKeyHex,
  })) as Child & { info: { url: string } };
  const endpoint = `${server.info.url}/discord/interactions`;
  // Sign ahead of time: the client's signing cost is not the server's.
  const signed = (n: number) =>
    Array.from({ length: n }, () => {
      const body = JSON.stringify(podiumInteraction());
      return { body, headers: signer.headers(body) };
    });
  // node:http with keep-alive: a lighter client than fetch, so the 2 cores go to the server, not the load.
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
  const target = new URL(endpoint);
  const postOnce = (body: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { agent, method: 'POST', host: target.hostname, port: target.port, path: target.pathname, headers },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const fire = async (requests: ReturnType<typeof signed>) => {
    const times: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++];
        if (!r) break;
        const t0 = nowMs();
        const status = await postOnce(r.body, r.headers);
        if (status !== 200) throw new Error(`HTTP interactions answered ${status}`);
        times.push(nowMs() - t0);
      }
    };
    const t0 = nowMs();
    await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, worker));
    return { times, seconds: (nowMs() - t0) / 1000 };
  };
  try {
    await fire(signed(HTTP_WARMUP));
    const rpsRuns: number[] = [];
    const p50s: number[] = [];
    const p99s: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { times, seconds } = await fire(signed(HTTP_PER_RUN));
      rpsRuns.push(times.length / seconds);
      p50s.push(quantile(times, 0.5));
      p99s.push(quantile(times, 0.99));
    }
    return { rps: median(rpsRuns), p50: median(p50s), p99: median(p99s), rpsRuns };
  } finally {
    agent.destroy();
    await server.stop();
    await fake.close();
  }
}

interface RssResult {
  /** Median RSS just after READY, and after the interactions; heap after the interactions. */
  idle: number;
  rss: number;
  heap: number;
  rssRuns: number[];
}

async function connectedRss(nodeFlags: readonly string[] = []): Promise<RssResult> {
  const idles: number[] = [];
  const rssRuns: number[] = [];
  const heaps: number[] = [];
  for (let p = 0; p < RSS_PROCESSES; p++) {
    const fake = await startFakeDiscord({ applicationId: APP_ID });
    const bot = await startChild('gateway', { BENCH_API_URL: fake.apiUrl }, nodeFlags);
    try {
      bot.send('memory');
      idles.push(Number((await bot.next()).rss));
      // Interactions from many different users fill the user cache the way a busy server would.
      for (let i = 0; i < RSS_INTERACTIONS; i++) {
        const interaction = chatInputInteraction('podium', [str('event', '1500m')], {
          applicationId: APP_ID,
          userId: String(900000000000100000n + BigInt(i)),
        });
        fake.interact(interaction);
        await fake.waitForCall(
          (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
        );
        if (i % 200 === 0) fake.calls.length = 0;
      }
      bot.send('memory');
      const m = await bot.next();
      rssRuns.push(Number(m.rss));
      heaps.push(Number(m.heapUsed));
    } finally {
      await bot.stop();
      await fake.close();
    }
  }
  return { idle: median(idles), rss: median(rssRuns), heap: median(heaps), rssRuns };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs the Discord benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const gw = await gatewayLatency();
  const http = await httpLoad();
  const mem = await connectedRss();
  // V8 keeps its young generation's pages after a GC; a smaller semi-space trades a little GC time for RSS.
  const lean = await connectedRss(LEAN_FLAGS);
  return [
    '### Discord',
    '',
    `The bot runs in a child process on the compiled project (plain Node ${process.version}, as \`npm start\`); the fake`,
    `Discord and the load generator run in the bench process, over loopback. Medians of ${RUNS} runs; RSS is the`,
    `median of ${RSS_PROCESSES} processes.`,
    '',
    table(
      ['measure', 'result', 'target'],
      [
        [`interaction → callback, gateway (p50), /podium 1500m × ${GATEWAY_PER_RUN}`, fmtMs(gw.p50), ''],
        [
          'interaction → callback, gateway (p99)',
          `${fmtMs(gw.p99)} (runs: ${gw.p99s.map(fmtMs).join(', ')})`,
          '≤ 20 ms',
        ],
        [
          `HTTP interactions throughput, ${HTTP_CONCURRENCY} concurrent signed requests × ${HTTP_PER_RUN}`,
          `${http.rps.toFixed(0)} req/s (runs: ${http.rpsRuns.map((r) => r.toFixed(0)).join(', ')})`,
          '',
        ],
        [
          'HTTP interactions latency under that load (p50 / p99)',
          `${fmtMs(http.p50)} / ${fmtMs(http.p99)}`,
          '',
        ],
        [
          `RSS of a connected gateway client after ${RSS_INTERACTIONS} interactions from as many users (after GC)`,
          `${mb(mem.rss)} (heap ${mb(mem.heap)}; runs: ${mem.rssRuns.map(mb).join(', ')}; just after READY: ${mb(mem.idle)})`,
          '≤ 120 MB',
        ],
        [
          `the same as shipped: \`npm start\` and the \`podium\` bin run \`node ${LEAN_FLAGS.join(' ')}\``,
          `${mb(lean.rss)} (heap ${mb(lean.heap)}; runs: ${lean.rssRuns.map(mb).join(', ')}; just after READY: ${mb(lean.idle)})`,
          '≤ 120 MB',
        ],
      ],
    ),
  ].join('\n');
}
