import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardMaker } from '../../src/adapters/cards.js';
import { type DiscordGatewayHandle, startDiscordGateway } from '../../src/adapters/discord/gateway.js';
import { type DiscordHttpHandle, startDiscordHttp } from '../../src/adapters/discord/http.js';
import { createDiscordPoster } from '../../src/adapters/discord/poster.js';
import { loadConfig } from '../../src/config.js';
import { onThisDay } from '../../src/core/on-this-day.js';
import { capturingLogger, discordConfig } from '../adapters/discord/helpers.js';
import { type FakeDiscord, type RecordedCall, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { chatInputInteraction, type RawInteraction, str } from '../fakes/discord/interactions.js';
import { discordSigner } from '../fakes/discord/signer.js';
import { loadShippedKb, REPO_ROOT, sharedAvailable } from '../helpers.js';

/**
 * Cards on Discord, end to end: the real discord.js client (gateway), the HTTP interactions
 * endpoint and the scheduled poster upload the card as multipart/form-data (payload_json +
 * files[0]) to the fake Discord, with the embed's image at attachment://card.png; each captured
 * payload is checked against Discord's OpenAPI document where ../shared is present.
 */

const hasSpec = sharedAvailable();
let multipartBody: (route: string, method: string) => ValidateFunction = () => {
  throw new Error('no spec');
};
if (hasSpec) {
  const spec = JSON.parse(
    readFileSync(path.resolve(REPO_ROOT, '../shared/specs/discord-openapi.json'), 'utf8'),
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false });
  ajv.addSchema(spec, 'discord');
  multipartBody = (route, method) => {
    const pointer = ['paths', route, method, 'requestBody', 'content', 'multipart/form-data', 'schema']
      .map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    return ajv.compile({ $ref: `discord#/${pointer}` });
  };
}

function expectValid(route: string, method: string, body: unknown): void {
  if (!hasSpec) return;
  const validate = multipartBody(route, method);
  expect(validate(body), JSON.stringify(validate.errors?.slice(0, 5), null, 1)).toBe(true);
}

/** The uploaded card: one PNG part named card.png, and the embed showing it. */
function expectCardUpload(call: RecordedCall, embeds: Array<Record<string, unknown>> | undefined): void {
  expect(call.contentType).toMatch(/^multipart\/form-data; boundary=/);
  expect(call.files).toHaveLength(1);
  const [file] = call.files;
  expect(file?.field).toBe('files[0]');
  expect(file?.filename).toBe('card.png');
  expect(file?.contentType).toBe('image/png');
  const png = PNG.sync.read(file?.data ?? Buffer.alloc(0));
  expect(png.width).toBe(2000);
  expect(embeds?.[0]?.image).toEqual({ url: 'attachment://card.png' });
  // The text embed stays for screen readers and search.
  expect(embeds?.[0]?.title).toBeTruthy();
}

let fake: FakeDiscord;
const log = capturingLogger();

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 1000 });
});
afterAll(async () => {
  await fake?.close();
});

describe('Discord gateway with cards on', () => {
  let bot: DiscordGatewayHandle;
  beforeAll(async () => {
    bot = await startDiscordGateway({
      config: discordConfig(fake.apiUrl),
      kb: await loadShippedKb(),
      logger: log.logger,
      subscriptions: null,
      cards: createCardMaker({ enabled: true, logger: log.logger }),
      deferBudgetMs: 2500,
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /**
   * The message that carries the answer: the callback itself, or, when drawing outran the defer
   * budget on a busy machine, the edit of @original after the "thinking…" deferral.
   */
  async function answerOf(
    i: RawInteraction,
    call: RecordedCall,
  ): Promise<{ call: RecordedCall; embeds: Array<Record<string, unknown>> }> {
    const body = call.body as { type: number; data?: { embeds: Array<Record<string, unknown>> } };
    if (body.type !== 5) return { call, embeds: body.data?.embeds ?? [] };
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' && c.path === `/webhooks/${fake.applicationId}/${i.token}/messages/@original`,
      15_000,
    );
    return { call: edit, embeds: (edit.body as { embeds: Array<Record<string, unknown>> }).embeds };
  }

  async function ask(name: string, value: string): Promise<{ i: RawInteraction; call: RecordedCall }> {
    const i = chatInputInteraction(name, value ? [str(name === 'podium' ? 'event' : 'athlete', value)] : [], {
      applicationId: fake.applicationId,
    });
    fake.interact(i);
    const call = await fake
      .waitForCall((c) => c.path.startsWith(`/interactions/${i.id}/`), 15_000)
      .catch((err) => {
        console.log(JSON.stringify(log.lines.filter((l) => (l.level as number) >= 40)).slice(0, 3000));
        throw err;
      });
    return { i, call };
  }

  it('uploads the podium card with /podium 1500m, the embed pointing at it', async () => {
    const asked = await ask('podium', '1500m');
    const { call, embeds } = await answerOf(asked.i, asked.call);
    expectCardUpload(call, embeds);
    expect(embeds[0]?.title).toContain('1500m');
    if (call === asked.call)
      expectValid('/interactions/{interaction_id}/{interaction_token}/callback', 'post', call.body);
    else expectValid('/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch', call.body);
  });

  it('uploads the quote card with /quote hocker', async () => {
    const asked = await ask('quote', 'hocker');
    const { call, embeds } = await answerOf(asked.i, asked.call);
    expectCardUpload(call, embeds);
  });

  it('sends help as plain JSON: no card for an answer that is only text', async () => {
    const { call } = await ask('help', '');
    expect(call.contentType).toMatch(/^application\/json/);
    expect(call.files).toEqual([]);
  });
});

describe('Discord HTTP interactions with cards on', () => {
  let http: DiscordHttpHandle;
  const signer = discordSigner();
  beforeAll(async () => {
    http = await startDiscordHttp({
      config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex, DISCORD_TOKEN: '' }),
      kb: await loadShippedKb(),
      logger: log.logger,
      subscriptions: null,
      cards: createCardMaker({ enabled: true, logger: log.logger }),
      port: 0,
      host: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await http?.stop();
  });

  it('answers with the text at once, then edits the card into @original as a multipart upload', async () => {
    const i = chatInputInteraction('podium', [str('event', '1500m')], { applicationId: fake.applicationId });
    const raw = JSON.stringify(i);
    const res = await fetch(`${http.url}/discord/interactions`, {
      method: 'POST',
      headers: signer.headers(raw),
      body: raw,
    });
    const json = (await res.json()) as { type: number; data: { embeds: Array<Record<string, unknown>> } };
    expect(json.type).toBe(4);
    expect(json.data.embeds[0]?.image).toBeUndefined();
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' && c.path === `/webhooks/${fake.applicationId}/${i.token}/messages/@original`,
      15_000,
    );
    const body = edit.body as { embeds: Array<Record<string, unknown>>; attachments: unknown[] };
    expectCardUpload(edit, body.embeds);
    expect(body.attachments).toEqual([{ id: '0', filename: 'card.png', description: expect.any(String) }]);
    expectValid('/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch', body);
  });
});

describe('Discord scheduled posts', () => {
  it('carry the podium card of the day’s headline event', async () => {
    const kb = await loadShippedKb();
    const reply = onThisDay(kb, '2026-08-06');
    expect(reply).not.toBeNull();
    const poster = createDiscordPoster({
      config: discordConfig(fake.apiUrl),
      logger: log.logger,
      cards: createCardMaker({ enabled: true, logger: log.logger }),
    });
    const outcome = await poster.post('900000000000000123', reply ?? onThisDayMissing());
    expect(outcome.kind).toBe('sent');
    const call = await fake.waitForCall((c) => c.path === '/channels/900000000000000123/messages');
    const body = call.body as { embeds: Array<Record<string, unknown>> };
    expectCardUpload(call, body.embeds);
    expect(body.embeds[0]?.title).toContain('On this day');
    expectValid('/channels/{channel_id}/messages', 'post', body);
  });

  it('carry no card with PODIUM_IMAGES=false', async () => {
    const config = loadConfig({ PODIUM_IMAGES: 'false', PODIUM_STORE: 'memory://' });
    expect(config.images.enabled).toBe(false);
    expect(createCardMaker({ enabled: config.images.enabled, logger: log.logger })).toBeNull();
    const kb = await loadShippedKb();
    const poster = createDiscordPoster({
      config: discordConfig(fake.apiUrl),
      logger: log.logger,
      cards: null,
    });
    await poster.post('900000000000000124', onThisDay(kb, '2026-08-06') ?? onThisDayMissing());
    const call = await fake.waitForCall((c) => c.path === '/channels/900000000000000124/messages');
    expect(call.contentType).toMatch(/^application\/json/);
    expect((call.body as { embeds: Array<Record<string, unknown>> }).embeds[0]?.image).toBeUndefined();
  });
});

function onThisDayMissing(): never {
  throw new Error('the shipped data has an anniversary on 6 August');
}
