/**
 * What Podium sends to Discord, validated against Discord's official OpenAPI document
 * (../shared/specs/discord-openapi.json, read in place, never copied): the registration body that
 * `podium discord commands` prints, and every body the fake Discord captured from the real
 * discord.js client, the HTTP interactions endpoint and the poster.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { runDiscordCli } from '../../src/adapters/discord/cli.js';
import { type DiscordGatewayHandle, startDiscordGateway } from '../../src/adapters/discord/gateway.js';
import { type DiscordHttpHandle, startDiscordHttp } from '../../src/adapters/discord/http.js';
import { createLogger } from '../../src/logger.js';
import {
  capturingLogger,
  discordConfig,
  explodingCommand,
  gatedCommand,
  until,
} from '../adapters/discord/helpers.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import {
  autocompleteInteraction,
  chatInputInteraction,
  pingInteraction,
  type RawInteraction,
  str,
} from '../fakes/discord/interactions.js';
import { discordSigner } from '../fakes/discord/signer.js';
import { addFormats, loadShippedKb, REPO_ROOT, sharedAvailable } from '../helpers.js';

const SPEC_FILE = path.resolve(REPO_ROOT, '../shared/specs/discord-openapi.json');
// The spec is only beside the checkout (global-setup says so once); in CI it is required.
const SHARED = sharedAvailable();
// OpenAPI 3.1 schemas are JSON Schema 2020-12; strict off for OpenAPI's own keywords (x-discord-union …),
// and the whole document is registered so its #/components/schemas/… references resolve. Formats
// (uri, date-time …) are checked too; OpenAPI's own (int64, snowflake …) are not JSON Schema's, so
// logger: false keeps ajv quiet about them.
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false }));
if (SHARED) ajv.addSchema(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as object, 'discord');
/** Stands in for a validator when the spec is absent: the tests using it are skipped. */
const absent = (() => {
  throw new Error(`${SPEC_FILE} is missing`);
}) as unknown as ValidateFunction;
const compile = (s: object): ValidateFunction => (SHARED ? ajv.compile(s) : absent);
const schema = (name: string): ValidateFunction => {
  if (!SHARED) return absent;
  const v = ajv.getSchema(`discord#/components/schemas/${name}`);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
};
/** The JSON request-body schema of a route, by JSON pointer into the document. */
const requestBody = (route: string, method: string): ValidateFunction => {
  const pointer = ['paths', route, method, 'requestBody', 'content', 'application/json', 'schema']
    .map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
  return compile({ $ref: `discord#/${pointer}` });
};

function expectValid(validate: ValidateFunction, data: unknown, label: string): void {
  const ok = validate(data);
  expect(ok, `${label}: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`).toBe(true);
}

async function printedCommands(): Promise<unknown> {
  let out = '';
  const code = await runDiscordCli(['commands'], {
    config: discordConfig('http://127.0.0.1:9/api'),
    logger: createLogger('silent'),
    io: { stdout: (s) => (out += s), stderr: () => undefined },
  });
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe.runIf(SHARED)('discord commands contract', () => {
  const create = schema('ApplicationCommandCreateRequest');
  const bulk = compile({
    type: 'array',
    maxItems: 130,
    items: { $ref: 'discord#/components/schemas/ApplicationCommandUpdateRequest' },
  });

  it('prints one valid ApplicationCommandCreateRequest per command', async () => {
    const body = (await printedCommands()) as Array<{ name: string }>;
    expect(body.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    for (const command of body) expectValid(create, command, command.name);
  });

  it('prints a valid bulk-overwrite body', async () => {
    expectValid(bulk, await printedCommands(), 'bulk PUT');
  });

  it('rejects a broken command (the validator has teeth)', async () => {
    const [first] = (await printedCommands()) as Array<Record<string, unknown>>;
    expect(create({ ...first, name: 'x'.repeat(33) })).toBe(false);
    expect(create({ ...first, options: [{ type: 3, name: 'event' }] })).toBe(false);
    expect(bulk([{ ...first, description: 'x'.repeat(101) }])).toBe(false);
  });
});

describe.runIf(SHARED)('captured bodies contract', () => {
  const messageCallback = schema('CreateMessageInteractionCallbackRequest');
  const autocompleteCallback = schema('ApplicationCommandAutocompleteCallbackRequest');
  const pong = schema('PongInteractionCallbackRequest');
  const webhookEdit = schema('IncomingWebhookUpdateRequestPartial');
  const channelMessage = schema('MessageCreateRequest');
  // The route's own request schema, to make sure the component names above are the right ones.
  const callbackRoute = requestBody('/interactions/{interaction_id}/{interaction_token}/callback', 'post');
  const webhookEditRoute = requestBody('/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch');
  const followUpRoute = requestBody('/webhooks/{webhook_id}/{webhook_token}', 'post');

  let fake: FakeDiscord;
  let bot: DiscordGatewayHandle;
  let http: DiscordHttpHandle;
  const signer = discordSigner();
  const interactions: RawInteraction[] = [];
  const httpAnswers: Array<{ interaction: RawInteraction; body: unknown }> = [];

  beforeAll(async () => {
    fake = await startFakeDiscord();
    const kb = await loadShippedKb();
    const logger = capturingLogger().logger;
    const served = [
      ...commands,
      explodingCommand,
      gatedCommand('slowpublic', Promise.resolve('public'), true),
      gatedCommand('slowprivate', Promise.resolve('private'), true),
    ];
    bot = await startDiscordGateway({
      config: discordConfig(fake.apiUrl),
      kb,
      logger,
      subscriptions: null,
      commands: served,
    });
    http = await startDiscordHttp({
      config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
      kb,
      logger,
      subscriptions: null,
      commands: served,
      port: 0,
      host: '127.0.0.1',
    });
    const place = { applicationId: fake.applicationId };
    interactions.push(
      chatInputInteraction('podium', [str('event', '1500m')], place),
      chatInputInteraction('podium', [str('event', 'curling')], place),
      chatInputInteraction('quote', [str('athlete', 'kerr'), str('keyword', 'silver')], place),
      chatInputInteraction('quote', [], place),
      chatInputInteraction('result', [str('athlete', 'kerr')], place),
      chatInputInteraction('result', [str('athlete', '@everyone <@&1> **x**')], place),
      chatInputInteraction('onthisday', [str('date', '08-06')], place),
      chatInputInteraction('onthisday', [str('date', '01-01')], place),
      chatInputInteraction('help', [], place),
      chatInputInteraction('help', [str('command', 'quote')], place),
      chatInputInteraction('explode', [], place),
      chatInputInteraction('slowpublic', [], place),
      chatInputInteraction('slowprivate', [], place),
      autocompleteInteraction('podium', [str('event', '')], 'event', place),
      autocompleteInteraction('podium', [str('event', '1500')], 'event', place),
      autocompleteInteraction('quote', [str('athlete', 'kerr')], 'athlete', place),
    );
    for (const interaction of interactions) {
      fake.interact(interaction);
      await fake.waitForCall(
        (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
      );
      const body = JSON.stringify({
        ...interaction,
        id: `${interaction.id}1`,
        token: `${interaction.token}h`,
      });
      const res = await fetch(`${http.url}/discord/interactions`, {
        method: 'POST',
        headers: signer.headers(body),
        body,
      });
      httpAnswers.push({ interaction, body: await res.json() });
    }
    const ping = JSON.stringify(pingInteraction(place));
    const res = await fetch(`${http.url}/discord/interactions`, {
      method: 'POST',
      headers: signer.headers(ping),
      body: ping,
    });
    httpAnswers.push({ interaction: pingInteraction(place), body: await res.json() });
    await bot.poster.post('900000000000000077', {
      tone: 'info',
      title: 'On this day: 6 August',
      lines: ['2024 — Cole Hocker won'],
      sources: [{ title: 'Hocker takes gold', publisher: null, date: '2024-08-06' }],
      ephemeral: false,
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await http?.stop();
    await fake?.close();
  });

  it('captured a callback for every gateway interaction', () => {
    const callbacks = fake.calls.filter((c) => c.path.endsWith('/callback'));
    expect(callbacks).toHaveLength(interactions.length);
  });

  it('sends callback bodies from discord.js that match Discord’s schemas', () => {
    for (const call of fake.calls.filter((c) => c.path.endsWith('/callback'))) {
      const body = call.body as { type: number };
      expectValid(body.type === 8 ? autocompleteCallback : messageCallback, body, call.path);
      expectValid(callbackRoute, body, `${call.path} (route)`);
    }
  });

  it('answers HTTP interactions with bodies that match Discord’s schemas', () => {
    for (const { interaction, body } of httpAnswers) {
      const type = (body as { type: number }).type;
      const validate = type === 1 ? pong : type === 8 ? autocompleteCallback : messageCallback;
      expectValid(
        validate,
        body,
        `HTTP ${interaction.type} ${String((interaction.data as { name?: string })?.name)}`,
      );
      expectValid(callbackRoute, body, 'HTTP (route)');
    }
  });

  it('posts channel messages that match MessageCreateRequest', () => {
    const posts = fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/channels/'));
    expect(posts).toHaveLength(1);
    for (const call of posts) expectValid(channelMessage, call.body, call.path);
  });

  it('edits deferred answers and sends follow-ups with bodies that match the webhook schemas', async () => {
    const edits = () => fake.calls.filter((c) => c.method === 'PATCH');
    const followUps = () => fake.calls.filter((c) => c.method === 'POST' && c.path.startsWith('/webhooks/'));
    // Deferred answers arrive after the callback: one edit and one follow-up from each transport.
    await until(() => edits().length >= 2 && followUps().length >= 2);
    for (const call of edits()) {
      expectValid(webhookEdit, call.body, call.path);
      expectValid(webhookEditRoute, call.body, `${call.path} (route)`);
    }
    for (const call of followUps()) expectValid(followUpRoute, call.body, call.path);
  });

  it('rejects a broken callback (the validator has teeth)', () => {
    expect(messageCallback({ type: 4, data: { embeds: [{ title: 'x'.repeat(257) }] } })).toBe(false);
    expect(callbackRoute({ type: 4, data: { embeds: [{ description: 'x'.repeat(4097) }] } })).toBe(false);
    expect(callbackRoute({ type: 4, data: { allowed_mentions: { parse: ['everyone', 'everyone'] } } })).toBe(
      false,
    );
    expect(webhookEditRoute({ embeds: [{ color: -1 }] })).toBe(false);
    expect(
      autocompleteCallback({ type: 8, data: { choices: new Array(26).fill({ name: 'a', value: 'a' }) } }),
    ).toBe(false);
  });
});
