/**
 * Slack benchmark, all over loopback against the fake Slack with the real Bolt app:
 * HTTP-mode ack latency (p50/p99) and throughput under 100 concurrent signed slash commands, and
 * Socket Mode envelope-to-ack latency (one at a time, and 100 in flight). Medians of RUNS runs.
 * The client signs every request before the clock starts; it shares the process (and the CPU) with
 * the app, so the figures are an upper bound of what the adapter itself costs.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { stringify } from 'node:querystring';
import { Worker } from 'node:worker_threads';
import { renderSlackMessage } from '../src/adapters/slack/render.js';
import type { Reply } from '../src/core/reply.js';
import type { FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { startSlackHarness, TEST_SIGNING_SECRET } from '../tests/fakes/slack/harness.js';
import { slackSignature } from '../tests/fakes/slack/signed-request.js';
import { fmtMs, median, nowMs, quantile, table } from './stats.js';

export const name = 'slack';
const RUNS = 5;
const CONCURRENCY = 100;
const REQUESTS_PER_RUN = 2000;
const SOCKET_SEQUENTIAL = 500;
const SOCKET_BURST = 1000;

// What people type, rotated: answers in the ack for all of them.
const MIX: Array<[string, string]> = [
  ['/podium', '1500m'],
  ['/quote', 'hocker'],
  ['/quote', 'kerr silver'],
  ['/result', 'kerr'],
  ['/onthisday', '08-06'],
  ['/help', ''],
];

interface RunFigures {
  p50: number;
  p99: number;
  throughput: number;
  /** Milliseconds the app's event loop was busy per request (its CPU cost, whatever the concurrency). */
  busyPerRequest: number;
}

interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

// The load generator runs on its own thread (its own core when there is one), like Slack would on
// its own machine; it only sends pre-signed requests and times them. Plain JS: it runs with eval.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, requests, concurrency, keepAlive } = workerData;
const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : false;
const times = new Array(requests.length);
let next = 0;
let failures = 0;
function one(i) {
  return new Promise((resolve) => {
    const r = requests[i];
    const t0 = performance.now();
    const req = http.request(url, { method: 'POST', headers: r.headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => {
        times[i] = performance.now() - t0;
        if (res.statusCode !== 200 || bytes === 0) failures++;
        resolve();
      });
    });
    req.on('error', () => { failures++; times[i] = performance.now() - t0; resolve(); });
    req.end(r.body);
  });
}
async function loop() { while (next < requests.length) await one(next++); }
(async () => {
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const elapsed = performance.now() - start;
  if (agent) agent.destroy();
  parentPort.postMessage({ times, elapsed, failures });
})();
`;

function signedRequests(fake: FakeSlack, n: number): SignedRequest[] {
  const ts = Math.floor(Date.now() / 1000);
  return Array.from({ length: n }, (_, i) => {
    const [command, text] = MIX[i % MIX.length] as [string, string];
    const body = stringify(fake.slashCommand(command, text));
    return {
      body,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, ts, body),
      },
    };
  });
}

async function httpRun(
  url: string,
  fake: FakeSlack,
  n: number,
  keepAlive: boolean,
  concurrency = CONCURRENCY,
): Promise<RunFigures> {
  const requests = signedRequests(fake, n);
  const elu0 = performance.eventLoopUtilization();
  const res = await new Promise<{ times: number[]; elapsed: number; failures: number }>((resolve, reject) => {
    const worker = new Worker(CLIENT, {
      eval: true,
      workerData: { url, requests, concurrency, keepAlive },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const elu = performance.eventLoopUtilization(elu0);
  if (res.failures > 0) throw new Error(`${res.failures} HTTP requests were not answered in the ack`);
  return {
    p50: quantile(res.times, 0.5),
    p99: quantile(res.times, 0.99),
    throughput: (n / res.elapsed) * 1000,
    busyPerRequest: elu.active / n,
  };
}

async function socketRun(
  fake: FakeSlack,
  n: number,
  inFlight: number,
): Promise<{ p50: number; p99: number }> {
  const sentAt = new Map<string, number>();
  const times: number[] = [];
  let waiting: (() => void) | null = null;
  fake.onAck = (ack) => {
    const t0 = sentAt.get(ack.envelope_id);
    if (t0 === undefined) return;
    times.push(nowMs() - t0);
    sentAt.delete(ack.envelope_id);
    waiting?.();
  };
  let sent = 0;
  while (times.length < n) {
    while (sent < n && sentAt.size < inFlight) {
      const [command, text] = MIX[sent % MIX.length] as [string, string];
      const payload = fake.slashCommand(command, text);
      const id = `bench-${sent}-${Math.random()}`;
      sentAt.set(id, nowMs());
      fake.sendEnvelope('slash_commands', payload, { envelopeId: id });
      sent++;
    }
    await new Promise<void>((resolve) => {
      waiting = resolve;
    });
  }
  fake.onAck = null;
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/** Runs the Slack benchmark and returns its markdown section. */
/**
 * Baseline measured in the same run: a bare node:http server that only checks the Slack signature
 * (HMAC-SHA256, timing-safe compare) and answers a JSON body of the same size as an answer. It
 * shows what the machine itself allows at this concurrency, whatever the framework.
 */
async function startBareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const body = JSON.stringify(renderSlackMessage(BASELINE_REPLY));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-slack-request-timestamp']);
      const want = Buffer.from(slackSignature(TEST_SIGNING_SECRET, Number(ts), raw));
      const got = Buffer.from(String(req.headers['x-slack-signature']));
      const ok = want.length === got.length && timingSafeEqual(want, got);
      new URLSearchParams(raw).get('text');
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? body : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const BASELINE_REPLY: Reply = {
  tone: 'quote',
  title: 'Cole Hocker (USA)',
  quote: { text: 'I can’t even put it into words', speaker: 'Cole Hocker', occasion: 'after the final' },
  sources: [
    {
      title: 'Josh Kerr was beaten to 1500m gold by surprise winner Cole Hocker',
      publisher: null,
      date: '2024-08-06',
    },
  ],
  ephemeral: false,
};

export async function run(): Promise<string> {
  const loadBefore = os.loadavg()[0] ?? 0;
  const http = await startSlackHarness({ mode: 'http', logLevel: 'silent' });
  const fresh: RunFigures[] = [];
  const kept: RunFigures[] = [];
  const single: RunFigures[] = [];
  try {
    await httpRun(http.eventsUrl, http.fake, 500, true); // warm-up (JIT)
    for (let i = 0; i < RUNS; i++) {
      fresh.push(await httpRun(http.eventsUrl, http.fake, REQUESTS_PER_RUN, false));
      kept.push(await httpRun(http.eventsUrl, http.fake, REQUESTS_PER_RUN, true));
      single.push(await httpRun(http.eventsUrl, http.fake, SOCKET_SEQUENTIAL, true, 1));
    }
  } finally {
    await http.stop();
  }

  const bare = await startBareServer();
  const bareKept: RunFigures[] = [];
  const signer = await startSlackHarness({ mode: 'http', logLevel: 'silent' });
  try {
    await httpRun(bare.url, signer.fake, 500, true);
    for (let i = 0; i < RUNS; i++)
      bareKept.push(await httpRun(bare.url, signer.fake, REQUESTS_PER_RUN, true));
  } finally {
    await bare.close();
    await signer.stop();
  }

  const socket = await startSlackHarness({ mode: 'socket', logLevel: 'silent' });
  socket.fake.recordAcks = false;
  const sequential: Array<{ p50: number; p99: number }> = [];
  const burst: Array<{ p50: number; p99: number }> = [];
  try {
    await socketRun(socket.fake, 200, 1); // warm-up
    for (let i = 0; i < RUNS; i++) {
      sequential.push(await socketRun(socket.fake, SOCKET_SEQUENTIAL, 1));
      burst.push(await socketRun(socket.fake, SOCKET_BURST, CONCURRENCY));
    }
  } finally {
    await socket.stop();
  }

  const med = (xs: number[]) => median(xs);
  const httpRow = (label: string, runs: RunFigures[]) => [
    label,
    fmtMs(med(runs.map((r) => r.p50))),
    fmtMs(med(runs.map((r) => r.p99))),
    `${Math.round(med(runs.map((r) => r.throughput)))} req/s`,
    fmtMs(med(runs.map((r) => r.busyPerRequest))),
  ];
  const best = Math.min(med(fresh.map((r) => r.p99)), med(kept.map((r) => r.p99)));
  return [
    '### Slack adapter (Bolt, loopback, fake Slack)',
    '',
    `Medians of ${RUNS} runs; ${CONCURRENCY} requests in flight (closed loop) unless said, ${REQUESTS_PER_RUN} signed slash commands per run,`,
    `mixed (${MIX.map(([c, t]) => `${c} ${t}`.trim()).join(', ')}), every one answered in the ack.`,
    'The load generator runs on its own thread; "app busy" is the app event loop’s busy time per request.',
    '',
    table(
      ['measure', 'p50', 'p99', 'throughput', 'app busy / request'],
      [
        httpRow('HTTP ack, a new connection per request', fresh),
        httpRow('HTTP ack, keep-alive connections', kept),
        httpRow(`HTTP ack, one request at a time (${SOCKET_SEQUENTIAL}/run)`, single),
        httpRow('baseline: bare node:http + signature check, keep-alive (no Bolt, no commands)', bareKept),
        [
          `Socket Mode envelope → ack, one at a time (${SOCKET_SEQUENTIAL}/run)`,
          fmtMs(med(sequential.map((r) => r.p50))),
          fmtMs(med(sequential.map((r) => r.p99))),
          '',
          '',
        ],
        [
          `Socket Mode envelope → ack, ${CONCURRENCY} in flight (${SOCKET_BURST}/run)`,
          fmtMs(med(burst.map((r) => r.p50))),
          fmtMs(med(burst.map((r) => r.p99))),
          '',
          '',
        ],
      ],
    ),
    '',
    `Load average (1 min) at start: ${loadBefore.toFixed(1)} on ${os.cpus().length} CPUs; the figures scale with it.`,
    '',
    `Target: HTTP p99 ≤ 50 ms at ${CONCURRENCY} concurrent (Slack allows 3,000 ms): ${best <= 50 ? 'met' : 'not met'} (best p99 ${fmtMs(best)}).`,
    `Against the bare-server baseline of this run (p99 ${fmtMs(med(bareKept.map((r) => r.p99)))}), Bolt + Podium's keep-alive p99 is ${(med(kept.map((r) => r.p99)) / med(bareKept.map((r) => r.p99))).toFixed(2)}× and its throughput ${(med(kept.map((r) => r.throughput)) / med(bareKept.map((r) => r.throughput))).toFixed(2)}×.`,
  ].join('\n');
}
