/**
 * Answers per second for one and for three `podium start` processes sharing one Redis (Slack HTTP
 * mode against the fake Slack): signed /podium requests spread round-robin over the instances by
 * a fixed pool of concurrent clients for a fixed time. Three runs each; medians.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { stringify } from 'node:querystring';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { slackSignature } from '../tests/fakes/slack/signed-request.js';
import { freePort } from '../tests/ops/redis-server.js';
import { median, table } from './stats.js';

export const name = 'instances';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'bench-instances-secret';
const SECONDS = Number(process.env.INSTANCES_BENCH_SECONDS ?? 5);
const CLIENTS = 32;
const RUNS = 3;

async function startInstance(slack: FakeSlack): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/bin.ts'), 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
      PODIUM_STORE: REDIS_URL,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { child, port };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('instance did not become ready');
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function ask(port: number, n: number): Promise<number> {
  const body = stringify({
    command: '/podium',
    text: '1500m',
    channel_id: 'C1',
    user_id: 'U1',
    team_id: 'T1',
    trigger_id: `b${n}-${Math.random()}`,
  });
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(SECRET, ts, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(ports: readonly number[]): Promise<number> {
  let ok = 0;
  let n = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const i = n++;
        if ((await ask(ports[i % ports.length] as number, i)) === 200) ok += 1;
      }
    }),
  );
  return ok / SECONDS;
}

/** Runs the benchmark; returns its markdown section. */
export async function run(): Promise<string> {
  const slack = await FakeSlack.start();
  const rows: string[][] = [];
  try {
    for (const count of [1, 3]) {
      const procs = await Promise.all(Array.from({ length: count }, () => startInstance(slack)));
      try {
        await measure(procs.map((p) => p.port)); // warm-up
        const rates: number[] = [];
        for (let r = 0; r < RUNS; r++) rates.push(await measure(procs.map((p) => p.port)));
        rows.push([String(count), median(rates).toFixed(0), rates.map((x) => x.toFixed(0)).join(', ')]);
      } finally {
        for (const p of procs) {
          const exited = new Promise((r) => p.child.once('exit', r));
          p.child.kill('SIGTERM');
          await exited;
        }
      }
    }
  } finally {
    agent.destroy();
    await slack.stop();
  }
  return [
    '### Instances: answers per second (Slack HTTP, /podium 1500m, one Redis)',
    '',
    `${CLIENTS} concurrent keep-alive clients, round-robin over the instances, ${SECONDS} s per run, median of ${RUNS} runs after a warm-up. Command: \`npm run bench -- instances\`.`,
    '',
    table(['instances', 'answers/s (median)', 'runs'], rows),
  ].join('\n');
}
