/**
 * A platform that cannot be reached or refuses the credentials stops `podium start` once, fast and
 * clearly: one line naming the platform, the host and what to check; exit 1; no stack, no hang.
 * Run as a real process against closed ports and the fakes refusing.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fakes/discord/fake-discord.js';
import { FakeSlack } from './fakes/slack/fake-slack.js';
import { REPO_ROOT } from './helpers.js';

const BIN = [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'src/bin.ts')];

/** Runs `podium start` with only these variables (plus PATH/HOME) and collects what it says. */
function start(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [...BIN, 'start'], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PODIUM_STORE: 'memory://',
      LOG_LEVEL: 'warn',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    }),
  );
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |"stack"|\{"level"/);

describe('podium start with a platform it cannot use', { timeout: 120_000 }, () => {
  let discord: FakeDiscord;
  let slack: FakeSlack;
  beforeAll(async () => {
    discord = await startFakeDiscord();
    slack = await FakeSlack.start();
  });
  afterAll(async () => {
    await discord.close();
    await slack.stop();
  });

  it('discord: names the host it cannot reach (closed port)', async () => {
    const port = await closedPort();
    const run = await start({
      DISCORD_TOKEN: 'fake-bot-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `discord: cannot reach 127.0.0.1:${port} (ECONNREFUSED): check the network or DISCORD_API_URL\n`,
    );
    expect(run.ms).toBeLessThan(20_000);
  });

  it('discord: says the token was refused (the fake answers 401)', async () => {
    discord.fail({
      path: '/gateway/bot',
      times: 5,
      failure: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    });
    const run = await start({
      DISCORD_TOKEN: 'wrong-token',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: discord.apiUrl,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^discord: 127\.0\.0\.1:\d+ refused DISCORD_TOKEN \(401 Unauthorized\): check the token\n$/,
    );
    expect(discord.identifies).toHaveLength(0);
  });

  it('slack: names the host it cannot reach (closed port)', async () => {
    const port = await closedPort();
    const run = await start({
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_APP_TOKEN: 'xapp-fake',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `slack: cannot reach 127.0.0.1:${port} (ECONNREFUSED): check the network or SLACK_API_URL\n`,
    );
    noStack(run.stderr);
  });

  it('slack: says which token was refused (the fake answers invalid_auth)', async () => {
    const bot = await start({
      SLACK_BOT_TOKEN: 'xoxb-not-this-one',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
    });
    expect(bot.code).toBe(1);
    expect(bot.stderr).toMatch(
      /^slack: 127\.0\.0\.1:\d+ refused SLACK_BOT_TOKEN \(invalid_auth\): check the token\n$/,
    );
    const app = await start({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: 'xapp-not-this-one',
      SLACK_API_URL: slack.apiUrl,
    });
    expect(app.code).toBe(1);
    expect(app.stderr).toMatch(
      /^slack: 127\.0\.0\.1:\d+ refused SLACK_APP_TOKEN \(invalid_auth\): check the token\n$/,
    );
  });
});
