/**
 * The whole bot as operators run it: `podium start` in a child process with Discord HTTP
 * interactions and Slack HTTP mode on one PORT, against the fakes. Bad request targets, /readyz,
 * /metrics after a few commands, and SIGTERM with a request still arriving.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { chatInputInteraction, str } from '../fakes/discord/interactions.js';
import { type DiscordSigner, discordSigner } from '../fakes/discord/signer.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { postSlashCommand, slackSignature } from '../fakes/slack/signed-request.js';
import { PODIUM_FROM_SOURCE, REPO_ROOT, runPodium } from '../helpers.js';
import { tempDir } from '../scheduler/helpers.js';
import { BAD_TARGETS, openRaw, rawRequest, statusOf } from './raw-http.js';
import { freePort } from './redis-server.js';

const SECRET = 'process-test-signing-secret';
let discord: FakeDiscord;
let slack: FakeSlack;
let signer: DiscordSigner;
let dir: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await FakeSlack.start();
  signer = discordSigner();
  dir = await tempDir();
});
afterAll(async () => {
  await discord?.close();
  await slack?.stop();
  await dir?.cleanup();
});

interface Bot {
  child: ChildProcess;
  port: number;
  base: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `podium start` from source with both HTTP receivers; resolves once /healthz answers. */
async function startBot(extraEnv: Record<string, string> = {}): Promise<Bot> {
  const port = await freePort();
  const child = spawn(process.execPath, [...PODIUM_FROM_SOURCE, 'start'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
      PODIUM_STORE: `sqlite://${path.join(dir.dir, 'podium.sqlite')}`,
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`podium start exited: ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`podium start did not listen: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, base, stderr: () => stderr, exited };
}

const slashCommand = (base: string, command: string, text: string, trigger: string) =>
  postSlashCommand(`${base}/slack/events`, SECRET, {
    command,
    text,
    channel_id: 'C1',
    user_id: 'U1',
    team_id: 'T1',
    trigger_id: trigger,
    response_url: `${slack.apiUrl.replace(/\/api\/?$/, '')}/response/1`,
  });

describe('podium start', () => {
  let bot: Bot;
  beforeAll(async () => {
    bot = await startBot();
  }, 60_000);
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGKILL');
      await bot.exited;
    }
  });

  it('answers 400 to request targets that are not URLs and keeps running', async () => {
    for (const target of BAD_TARGETS) {
      const answer = await rawRequest(
        bot.port,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(statusOf(answer), target).toBe(400);
    }
    expect(bot.child.exitCode).toBeNull();
    expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
  });

  it('is ready with knowledge, store and both adapters', async () => {
    const res = await fetch(`${bot.base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true });
  });

  it('counts answers by command, platform and outcome in /metrics', async () => {
    const body = JSON.stringify(
      chatInputInteraction('podium', [str('event', '1500m')], { applicationId: discord.applicationId }),
    );
    expect(
      (
        await fetch(`${bot.base}/discord/interactions`, {
          method: 'POST',
          headers: signer.headers(body),
          body,
        })
      ).status,
    ).toBe(200);
    expect((await slashCommand(bot.base, '/podium', '1500m', 'm1')).status).toBe(200);
    expect((await slashCommand(bot.base, '/quote', 'nuguse', 'm2')).status).toBe(200);
    const metrics = await (await fetch(`${bot.base}/metrics`)).text();
    expect(metrics).toMatch(/podium_answers_total\{command="podium",platform="discord",outcome="ok"\} 1/);
    expect(metrics).toMatch(/podium_answers_total\{command="podium",platform="slack",outcome="ok"\} 1/);
    expect(metrics).toMatch(/podium_answers_total\{command="quote",platform="slack",outcome="miss"\} 1/);
    expect(metrics).toMatch(/podium_answer_duration_seconds_bucket\{le="0.5",platform="slack"\} 2/);
    expect(metrics).toContain('podium_scheduler_lag_seconds');
    expect(metrics).toContain('process_resident_memory_bytes');
  });

  it('on SIGTERM finishes a request still arriving, refuses new connections, and exits 0', async () => {
    const text = 'command=%2Fpodium&text=1500m&channel_id=C1&user_id=U1&team_id=T1&trigger_id=term';
    const ts = Math.floor(Date.now() / 1000);
    const half = Math.floor(text.length / 2);
    const conn = await openRaw(
      bot.port,
      `POST /slack/events HTTP/1.1\r\nHost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${text.length}\r\nx-slack-request-timestamp: ${ts}\r\nx-slack-signature: ${slackSignature(SECRET, ts, text)}\r\n\r\n${text.slice(0, half)}`,
    );
    await new Promise((r) => setTimeout(r, 100));
    bot.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // Draining: no new connections…
    const late = await fetch(`${bot.base}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(late).toBe('refused');
    // …but the request already arriving is answered.
    conn.socket.write(text.slice(half));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (conn.answer().includes('1500m') || bot.child.exitCode !== null) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    expect(statusOf(conn.answer())).toBe(200);
    expect(conn.answer()).toContain('1500m');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr()).toContain('"msg":"stopped"');
  }, 30_000);
});

describe('podium ask with the store unusable', () => {
  it('prints one clear line on stderr, no JSON or stack, and exits 0', async () => {
    const result = await runPodium(['ask', '/subscription'], {
      PODIUM_STORE: `sqlite://${path.join(REPO_ROOT, 'package.json', 'x.sqlite')}`,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Settings are unavailable');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^podium: store unavailable \(sqlite .*x\.sqlite: open failed: .*\)/);
    expect(result.stderr).not.toContain('{');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
