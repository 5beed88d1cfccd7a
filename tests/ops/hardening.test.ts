/**
 * Attacks on the real receivers over loopback: request targets `new URL` cannot parse, oversized
 * and unsigned Slack bodies, skewed timestamps, replayed and malformed Discord interactions, and
 * interaction tokens in logs. Each of these once crashed the process or misbehaved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { type DiscordHttpHandle, startDiscordHttp } from '../../src/adapters/discord/http.js';
import type { Command } from '../../src/core/command.js';
import { createOpsServer, type OpsServer } from '../../src/ops/http-server.js';
import {
  capturingLogger,
  deferred,
  discordConfig,
  gatedCommand,
  until,
} from '../adapters/discord/helpers.js';
import { type FakeDiscord, serverError, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { chatInputInteraction, type RawInteraction, str } from '../fakes/discord/interactions.js';
import { type DiscordSigner, discordSigner } from '../fakes/discord/signer.js';
import { type SlackHarness, startSlackHarness, TEST_SIGNING_SECRET } from '../fakes/slack/harness.js';
import { postSlashCommand, slackSignature } from '../fakes/slack/signed-request.js';
import { loadShippedKb } from '../helpers.js';
import { BAD_TARGETS, rawRequest, statusOf } from './raw-http.js';

let fake: FakeDiscord;
let discord: DiscordHttpHandle;
let slack: SlackHarness;
let ops: OpsServer;
let opsPort: number;
let signer: DiscordSigner;
const log = capturingLogger();
let runs = 0;
const gate = deferred<'public' | 'private' | 'throw'>();

const counting: Command = {
  name: 'count',
  description: 'counts its runs',
  options: [{ name: 'what', description: 'anything', type: 'string', required: false }],
  examples: [],
  run: () => {
    runs += 1;
    return { tone: 'info', title: `run ${runs}`, sources: [], ephemeral: false };
  },
};

const portOf = (url: string) => Number(new URL(url).port);

beforeAll(async () => {
  fake = await startFakeDiscord();
  signer = discordSigner();
  discord = await startDiscordHttp({
    config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex, DISCORD_TOKEN: '' }),
    kb: await loadShippedKb(),
    logger: log.logger,
    subscriptions: null,
    commands: [...commands, counting, gatedCommand('slow', gate.promise, true)],
    port: 0,
    host: '127.0.0.1',
  });
  slack = await startSlackHarness({ mode: 'http' });
  ops = createOpsServer({
    handlers: [discord.handleRequest, slack.slack.handleRequest ?? (() => false)],
    readiness: {},
    metrics: null,
    logger: log.logger,
  });
  opsPort = portOf(await ops.listen(0, '127.0.0.1'));
});

afterAll(async () => {
  await ops?.close(1000);
  await discord?.stop();
  await slack?.stop();
  await fake?.close();
});

describe('request targets that are not URLs', () => {
  const servers = () =>
    [
      ['shared server', opsPort],
      ['Discord receiver', portOf(discord.url ?? '')],
      ['Slack receiver', portOf(slack.baseUrl)],
    ] as const;

  it('answers 400 on every server and keeps serving', async () => {
    for (const [name, port] of servers()) {
      for (const target of BAD_TARGETS) {
        for (const method of ['GET', 'POST']) {
          const answer = await rawRequest(
            port,
            `${method} ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
          );
          expect(statusOf(answer), `${name}: ${method} ${target}`).toBe(400);
        }
      }
      const health = await rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(statusOf(health), name).toBe(200);
    }
  });
});

describe('Slack receiver guards', () => {
  const head = (headers: Record<string, string>) =>
    `POST /slack/events HTTP/1.1\r\nHost: x\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n`;

  it('refuses a 4 MB unsigned body from its headers, before reading it', async () => {
    const started = performance.now();
    // Headers only: a receiver that waits for the body would hang until the timeout.
    const answer = await rawRequest(
      opsPort,
      head({
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(4 * 1024 * 1024),
      }),
      2000,
    );
    expect(statusOf(answer)).toBe(401);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a signed-looking body over the cap as 413, by its length or while streaming', async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${'0'.repeat(64)}`;
    const byLength = await rawRequest(
      opsPort,
      head({
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(4 * 1024 * 1024),
        'x-slack-request-timestamp': ts,
        'x-slack-signature': sig,
      }),
      2000,
    );
    expect(statusOf(byLength)).toBe(413);
    const chunk = 'a'.repeat(16 * 1024);
    let chunked = head({
      'content-type': 'application/x-www-form-urlencoded',
      'transfer-encoding': 'chunked',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': sig,
    });
    for (let i = 0; i < 8; i++) chunked += `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
    expect(statusOf(await rawRequest(opsPort, chunked, 2000))).toBe(413);
  });

  it('refuses timestamps more than five minutes in the future or past, even correctly signed', async () => {
    for (const skew of [6 * 60, -6 * 60]) {
      const res = await postSlashCommand(
        `http://127.0.0.1:${opsPort}/slack/events`,
        TEST_SIGNING_SECRET,
        {
          command: '/podium',
          text: '1500m',
          channel_id: 'C1',
          user_id: 'U1',
          team_id: 'T1',
          trigger_id: `t${skew}`,
        },
        { timestampSec: Math.floor(Date.now() / 1000) + skew },
      );
      expect(res.status).toBe(401);
    }
  });

  it('answers a signed body without a command at once with a 4xx', async () => {
    const body = 'text=hello&channel_id=C1';
    const ts = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${opsPort}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, ts, body),
      },
      body,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('still answers a correctly signed slash command', async () => {
    const res = await postSlashCommand(`http://127.0.0.1:${opsPort}/slack/events`, TEST_SIGNING_SECRET, {
      command: '/podium',
      text: '1500m',
      channel_id: 'C1',
      user_id: 'U1',
      team_id: 'T1',
      trigger_id: 'ok-1',
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('1500m');
  });
});

describe('Discord receiver guards', () => {
  const place = () => ({ applicationId: fake.applicationId });
  const send = async (body: string) => {
    const res = await fetch(`http://127.0.0.1:${opsPort}/discord/interactions`, {
      method: 'POST',
      headers: signer.headers(body),
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  it('runs a replayed signed interaction only once', async () => {
    const body = JSON.stringify(chatInputInteraction('count', [], place()));
    const before = runs;
    const first = await send(body);
    const replay = await send(body);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(409);
    expect(runs - before).toBe(1);
  });

  it('answers 400 to signed payloads with wrongly typed fields, and logs no stack', async () => {
    const good = chatInputInteraction('podium', [str('event', '1500m')], place()) as RawInteraction & {
      data: Record<string, unknown>;
    };
    const variants: unknown[] = [
      { ...good, data: { ...good.data, options: 'event=1500m' } },
      { ...good, data: { ...good.data, options: [{ name: 5, type: 3, value: '1500m' }] } },
      { ...good, data: { ...good.data, options: [{ name: 'event', type: 3, value: { x: 1 } }] } },
      { ...good, data: { ...good.data, options: [null] } },
      { ...good, data: { ...good.data, name: ['podium'] } },
      { ...good, data: 'podium' },
      { ...good, member: 'admin' },
      { ...good, member: { user: 'me' } },
      { ...good, token: 42 },
      { ...good, id: { a: 1 } },
      { ...good, type: '2' },
      [good],
      'podium',
    ];
    for (const [i, v] of variants.entries()) {
      const before = log.lines.length;
      const res = await send(JSON.stringify(v));
      expect(res.status, `variant ${i}`).toBe(400);
      const errors = log.lines
        .slice(before)
        .filter((l) => Number(l.level) >= 50 || JSON.stringify(l).includes('stack'));
      expect(errors, `variant ${i}`).toEqual([]);
    }
  });

  it('never logs the interaction token of a failed follow-up', async () => {
    fake.fail({ path: /\/webhooks\//, times: 20, failure: serverError(500) });
    const interaction = chatInputInteraction('slow', [], place());
    const before = log.lines.length;
    const res = await send(JSON.stringify(interaction));
    expect(res.status).toBe(200);
    gate.resolve('throw');
    await until(
      () => log.lines.slice(before).some((l) => String(l.msg).includes('could not report')),
      15_000,
    );
    const written = JSON.stringify(log.lines.slice(before));
    expect(written).toContain('[redacted]');
    expect(written).not.toContain(interaction.token);
  }, 20_000);
});
