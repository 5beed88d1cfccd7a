import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import {
  type DiscordHttpHandle,
  discordPublicKey,
  startDiscordHttp,
  verifyDiscordSignature,
} from '../../../src/adapters/discord/http.js';
import { EPHEMERAL_FLAG, TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import {
  autocompleteInteraction,
  chatInputInteraction,
  pingInteraction,
  type RawInteraction,
  str,
} from '../../fakes/discord/interactions.js';
import { type DiscordSigner, discordSigner } from '../../fakes/discord/signer.js';
import { loadShippedKb } from '../../helpers.js';
import { capturingLogger, deferred, discordConfig, explodingCommand, gatedCommand } from './helpers.js';

let fake: FakeDiscord;
let http: DiscordHttpHandle;
let signer: DiscordSigner;
const log = capturingLogger();
const slowGate = deferred<'public' | 'private' | 'throw'>();
const settingGate = deferred<'public' | 'private' | 'throw'>();

beforeAll(async () => {
  fake = await startFakeDiscord();
  signer = discordSigner();
  http = await startDiscordHttp({
    config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex, DISCORD_TOKEN: '' }),
    kb: await loadShippedKb(),
    logger: log.logger,
    subscriptions: null,
    now: () => new Date(),
    random: () => 0,
    commands: [
      ...commands,
      explodingCommand,
      gatedCommand('slow', slowGate.promise, true),
      gatedCommand('setting', settingGate.promise, true, true),
    ],
    port: 0,
    host: '127.0.0.1',
  });
});

afterAll(async () => {
  await http?.stop();
  await fake?.close();
});

async function post(body: string, headers: Record<string, string>, url = `${http.url}/discord/interactions`) {
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

function signed(interaction: RawInteraction) {
  const body = JSON.stringify(interaction);
  return post(body, signer.headers(body));
}

const place = () => ({ applicationId: fake.applicationId });

describe('HTTP interactions endpoint', () => {
  it('answers PING with PONG', async () => {
    expect(await signed(pingInteraction(place()))).toEqual({ status: 200, json: { type: 1 } });
  });

  it('answers a signed /podium 1500m with the embed in the response', async () => {
    const { status, json } = await signed(chatInputInteraction('podium', [str('event', '1500m')], place()));
    expect(status).toBe(200);
    expect(json.type).toBe(4);
    const data = json.data as {
      embeds: Array<{ title: string; color: number; description: string }>;
      allowed_mentions: unknown;
      flags?: number;
    };
    expect(data.embeds[0]?.title).toBe("Men's 1500m final — Paris 2024");
    expect(data.embeds[0]?.color).toBe(TONE_COLOURS.result);
    expect(data.embeds[0]?.description).toContain('🥇 **Cole Hocker** (USA) — 3:27.65 `OR` `PB`');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags).toBeUndefined();
  });

  it('answers /help privately', async () => {
    const { json } = await signed(chatInputInteraction('help', [], place()));
    expect((json.data as { flags?: number }).flags).toBe(EPHEMERAL_FLAG);
  });

  it('answers autocomplete with at most 25 choices, best first', async () => {
    const { json } = await signed(
      autocompleteInteraction('result', [str('athlete', 'kerr')], 'athlete', place()),
    );
    expect(json.type).toBe(8);
    const choices = (json.data as { choices: Array<{ name: string; value: string }> }).choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toEqual({ name: 'Josh Kerr (GBR)', value: 'Josh Kerr' });
  });

  it('rejects a bad signature with 401', async () => {
    const body = JSON.stringify(pingInteraction(place()));
    const headers = signer.headers(body);
    const good = headers['x-signature-ed25519'] ?? '';
    // Flip one bit of R (the first half), so the signature is wrong whatever its bytes were.
    headers['x-signature-ed25519'] =
      (Number.parseInt(good.slice(0, 2), 16) ^ 1).toString(16).padStart(2, '0') + good.slice(2);
    expect((await post(body, headers)).status).toBe(401);
  });

  it('rejects a body that was changed after signing with 401', async () => {
    const body = JSON.stringify(pingInteraction(place()));
    expect((await post(body.replace('"type":1', '"type":2'), signer.headers(body))).status).toBe(401);
  });

  it('rejects a signature by another key with 401', async () => {
    const body = JSON.stringify(pingInteraction(place()));
    expect((await post(body, discordSigner().headers(body))).status).toBe(401);
  });

  it('rejects a stale or future timestamp with 401, even when correctly signed', async () => {
    const body = JSON.stringify(pingInteraction(place()));
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, signer.headers(body, now - 301))).status).toBe(401);
    expect((await post(body, signer.headers(body, now + 301))).status).toBe(401);
    expect((await post(body, signer.headers(body, now - 240))).status).toBe(200);
  });

  it('rejects a request without signature headers with 401', async () => {
    expect((await post('{"type":1}', { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('turns a throwing command into a private "something went wrong" and logs it', async () => {
    const interaction = chatInputInteraction('explode', [], place());
    const { status, json } = await signed(interaction);
    expect(status).toBe(200);
    const data = json.data as { flags: number; embeds: Array<{ title: string }> };
    expect(data.flags).toBe(EPHEMERAL_FLAG);
    expect(data.embeds[0]?.title).toBe('Something went wrong');
    expect(JSON.stringify(json)).not.toMatch(/kaboom|db\.ts/);
    expect(log.lines.some((l) => l.interactionId === interaction.id && l.level === 50)).toBe(true);
  });

  it('defers a slow command (type 5) and edits the answer into @original', async () => {
    const interaction = chatInputInteraction('slow', [], place());
    const { json } = await signed(interaction);
    expect(json).toEqual({ type: 5, data: {} });
    slowGate.resolve('public');
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`,
    );
    expect(edit.authorization).toBeNull();
    expect(edit.body).toMatchObject({ embeds: [{ title: 'Done slow' }], allowed_mentions: { parse: [] } });
  });

  it('defers a slow settings command privately and edits its private answer in', async () => {
    const interaction = chatInputInteraction('setting', [], place());
    const { json } = await signed(interaction);
    expect(json).toEqual({ type: 5, data: { flags: EPHEMERAL_FLAG } });
    settingGate.resolve('private');
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`,
    );
    expect(edit.body).toMatchObject({ embeds: [{ title: 'Done setting' }] });
  });

  it('sends a private answer after a public deferral as an ephemeral follow-up and deletes the placeholder', async () => {
    const gate = deferred<'public' | 'private' | 'throw'>();
    const own = await startDiscordHttp({
      config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
      kb: await loadShippedKb(),
      logger: log.logger,
      subscriptions: null,
      commands: [gatedCommand('private', gate.promise, true)],
      port: 0,
      host: '127.0.0.1',
    });
    const interaction = chatInputInteraction('private', [], place());
    const body = JSON.stringify(interaction);
    const { json } = await post(body, signer.headers(body), `${own.url}/discord/interactions`);
    expect(json).toEqual({ type: 5, data: {} });
    gate.resolve('throw');
    const followUp = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === `/webhooks/${fake.applicationId}/${interaction.token}`,
    );
    expect(followUp.body).toMatchObject({
      flags: EPHEMERAL_FLAG,
      embeds: [{ title: 'Something went wrong' }],
    });
    await fake.waitForCall(
      (c) =>
        c.method === 'DELETE' &&
        c.path === `/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`,
    );
    await own.stop();
  });

  it('serves /healthz and refuses other methods and paths', async () => {
    const health = await fetch(`${http.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${http.url}/discord/interactions`)).status).toBe(405);
    expect((await fetch(`${http.url}/elsewhere`)).status).toBe(404);
  });

  it('refuses an oversized body with 413', async () => {
    const body = JSON.stringify({ type: 1, pad: 'x'.repeat(300 * 1024) });
    expect((await post(body, signer.headers(body))).status).toBe(413);
  });

  it('serves the same endpoint from a server shared with other receivers', async () => {
    const shared = await startDiscordHttp({
      config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
      kb: await loadShippedKb(),
      logger: log.logger,
      subscriptions: null,
      listen: false,
    });
    expect(shared.server).toBeNull();
    const server = createServer((req, res) => {
      if (!shared.handleRequest(req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    const body = JSON.stringify(pingInteraction(place()));
    expect(
      (await post(body, signer.headers(body), `http://127.0.0.1:${port}/discord/interactions`)).json,
    ).toEqual({
      type: 1,
    });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(418);
    await new Promise<void>((r) => server.close(() => r()));
    await shared.stop();
  });
});

describe('verifyDiscordSignature', () => {
  it('accepts only Ed25519 signatures over timestamp + body from the configured key', () => {
    const s = discordSigner();
    const key = discordPublicKey(s.publicKeyHex);
    const now = 1_800_000_000;
    const h = s.headers('{"type":1}', now);
    const ok = (body: string, sig = h['x-signature-ed25519'], ts = h['x-signature-timestamp']) =>
      verifyDiscordSignature(key, sig, ts, Buffer.from(body), now * 1000);
    expect(ok('{"type":1}')).toBe(true);
    expect(ok('{"type":1} ')).toBe(false);
    expect(ok('{"type":1}', 'zz')).toBe(false);
    expect(
      verifyDiscordSignature(
        key,
        undefined,
        h['x-signature-timestamp'],
        Buffer.from('{"type":1}'),
        now * 1000,
      ),
    ).toBe(false);
    expect(ok('{"type":1}', h['x-signature-ed25519'], String(now + 1))).toBe(false);
  });
});
