import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { type DiscordGatewayHandle, startDiscordGateway } from '../../../src/adapters/discord/gateway.js';
import { EPHEMERAL_FLAG, TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { type FakeDiscord, type RecordedCall, startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import {
  autocompleteInteraction,
  chatInputInteraction,
  MANAGER_PERMISSIONS,
  type RawInteraction,
  type RawOption,
  str,
} from '../../fakes/discord/interactions.js';
import { loadShippedKb } from '../../helpers.js';
import {
  capturingLogger,
  deferred,
  discordConfig,
  explodingCommand,
  gatedCommand,
  until,
  whoamiCommand,
} from './helpers.js';

interface CallbackBody {
  type: number;
  data?: {
    embeds?: Array<{
      title?: string;
      description?: string;
      color?: number;
      footer?: { text: string };
      fields?: unknown[];
    }>;
    allowed_mentions?: unknown;
    flags?: number;
    choices?: Array<{ name: string; value: string }>;
  };
}

let fake: FakeDiscord;
let bot: DiscordGatewayHandle;
const log = capturingLogger();
const gates = {
  slowPublic: deferred<'public' | 'private' | 'throw'>(),
  slowPrivate: deferred<'public' | 'private' | 'throw'>(),
  slowThrow: deferred<'public' | 'private' | 'throw'>(),
  lateQuick: deferred<'public' | 'private' | 'throw'>(),
  slowSetting: deferred<'public' | 'private' | 'throw'>(),
};

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
  bot = await startDiscordGateway({
    config: discordConfig(fake.apiUrl),
    kb: await loadShippedKb(),
    logger: log.logger,
    subscriptions: null,
    now: () => new Date('2026-08-06T10:00:00Z'),
    random: () => 0,
    deferBudgetMs: 100,
    commands: [
      ...commands,
      explodingCommand,
      whoamiCommand,
      gatedCommand('slowpublic', gates.slowPublic.promise, true),
      gatedCommand('slowprivate', gates.slowPrivate.promise, true),
      gatedCommand('slowthrow', gates.slowThrow.promise, true),
      gatedCommand('latequick', gates.lateQuick.promise, false),
      gatedCommand('slowsetting', gates.slowSetting.promise, true, true),
    ],
  });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

function place(extra: Partial<Parameters<typeof chatInputInteraction>[2]> = {}) {
  return { applicationId: fake.applicationId, ...extra };
}

/** Sends a slash command through the gateway and returns the interaction and its callback body. */
async function ask(
  name: string,
  options: RawOption[] = [],
  extra: Partial<Parameters<typeof chatInputInteraction>[2]> = {},
): Promise<{ interaction: RawInteraction; body: CallbackBody; call: RecordedCall }> {
  const interaction = chatInputInteraction(name, options, place(extra));
  fake.interact(interaction);
  const call = await fake.waitForCall(
    (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
  );
  return { interaction, body: call.body as CallbackBody, call };
}

const webhookPath = (i: RawInteraction) => `/webhooks/${fake.applicationId}/${i.token}`;

describe('gateway bot against the fake Discord', () => {
  it('identifies with only the Guilds intent and keeps the heartbeat going', async () => {
    expect(fake.identifies).toHaveLength(1);
    expect(fake.identifies[0]?.intents).toBe(1);
    expect(fake.identifies[0]?.token).toBe('fake-bot-token');
    expect(bot.client.user.id).toBe(fake.botUserId);
    await until(() => fake.heartbeats >= 2);
    expect(bot.client.ws.status).toBe(0);
  });

  it('answers /podium 1500m with the medal embed, public, and no mentions', async () => {
    const { body, call } = await ask('podium', [str('event', '1500m')]);
    expect(call.authorization).toBeNull();
    expect(body.type).toBe(4);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe("Men's 1500m final — Paris 2024");
    expect(embed?.color).toBe(TONE_COLOURS.result);
    expect(embed?.description).toContain('🥇 **Cole Hocker** (USA) — 3:27.65 `OR` `PB`');
    expect(embed?.description).toContain('🥈 **Josh Kerr** (GBR) — 3:27.79 `NR`');
    expect(embed?.description).toContain('🥉 **Yared Nuguse** (USA) — 3:27.80');
    expect(embed?.footer?.text).toMatch(/^Sources: .*6 Aug 2024/);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
    expect((body.data?.flags ?? 0) & EPHEMERAL_FLAG).toBe(0);
  });

  it('answers /quote kerr silver with the quote and its speaker', async () => {
    const { body } = await ask('quote', [str('athlete', 'kerr'), str('keyword', 'silver')]);
    const embed = body.data?.embeds?.[0];
    expect(body.type).toBe(4);
    expect(embed?.title).toBe('Josh Kerr (GBR)');
    expect(embed?.color).toBe(TONE_COLOURS.quote);
    expect(embed?.description).toMatch(/^> .*silver/i);
    expect(embed?.description).toContain('— **Josh Kerr**');
    expect(embed?.footer?.text).toMatch(/^Source: /);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /result kerr with his placing', async () => {
    const { body } = await ask('result', [str('athlete', 'kerr')]);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe('Josh Kerr (GBR)');
    expect(embed?.description).toContain('🥈 **Josh Kerr** (GBR) — 3:27.79 `NR`');
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /onthisday 08-06 with the anniversaries of the day', async () => {
    const { body } = await ask('onthisday', [str('date', '08-06')]);
    const embed = body.data?.embeds?.[0];
    expect(embed?.title).toBe('On this day: 6 August');
    expect(embed?.description).toContain('Cole Hocker');
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /help privately', async () => {
    const { body } = await ask('help');
    expect(body.data?.embeds?.[0]?.description).toContain('/podium \\<event\\>');
    expect(body.data?.flags).toBe(EPHEMERAL_FLAG);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a miss as a normal reply, and shows typed mentions as text', async () => {
    const { body } = await ask('result', [str('athlete', '@everyone <@&123>')]);
    const embed = body.data?.embeds?.[0];
    expect(JSON.stringify(embed)).not.toMatch(/@everyone/);
    expect(JSON.stringify(embed)).not.toMatch(/[^\\]<@&123>/);
    expect(body.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('autocompletes events from the knowledge base, best first, at most 25', async () => {
    const interaction = autocompleteInteraction('podium', [str('event', '1500')], 'event', place());
    fake.interact(interaction);
    const call = await fake.waitForCall((c) => c.path.startsWith(`/interactions/${interaction.id}/`));
    const body = call.body as CallbackBody;
    expect(body.type).toBe(8);
    const choices = body.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toMatch(/1500m/);
  });

  it('autocompletes athletes with typos tolerated', async () => {
    const interaction = autocompleteInteraction('quote', [str('athlete', 'hockr')], 'athlete', place());
    fake.interact(interaction);
    const call = await fake.waitForCall((c) => c.path.startsWith(`/interactions/${interaction.id}/`));
    const body = call.body as CallbackBody;
    expect(body.type).toBe(8);
    expect(body.data?.choices?.[0]).toEqual({ name: 'Cole Hocker (USA)', value: 'Cole Hocker' });
  });

  it('turns a throwing command into a private "something went wrong" without internals, and logs it', async () => {
    const { body, interaction } = await ask('explode');
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(EPHEMERAL_FLAG);
    expect(body.data?.embeds?.[0]?.title).toBe('Something went wrong');
    expect(JSON.stringify(body)).not.toMatch(/kaboom|db\.ts|\n\s+at /);
    const logged = log.lines.find((l) => l.interactionId === interaction.id && l.level === 50);
    expect(logged?.msg).toBe('discord: interaction failed');
    expect(String((logged?.err as { stack?: string })?.stack)).toContain('kaboom');
  });

  it('answers a command it does not serve privately', async () => {
    const { body } = await ask('retired');
    expect(body.data?.flags).toBe(EPHEMERAL_FLAG);
    expect(body.data?.embeds?.[0]?.title).toBe("I don't know /retired");
  });

  it('gives commands the Discord context: channel, user, Manage Channels, no time zone', async () => {
    const member = await ask('whoami', [str('note', 'hi')]);
    const fields = (member.body.data?.embeds?.[0]?.fields ?? []) as Array<{ name: string; value: string }>;
    expect(Object.fromEntries(fields.map((f) => [f.name, f.value]))).toEqual({
      platform: 'discord',
      channel: '900000000000000002',
      user: '900000000000000003',
      manage: 'false',
      zone: 'null',
      note: 'hi',
    });
    const manager = await ask('whoami', [], { permissions: MANAGER_PERMISSIONS });
    const managerFields = (manager.body.data?.embeds?.[0]?.fields ?? []) as Array<{
      name: string;
      value: string;
    }>;
    expect(managerFields.find((f) => f.name === 'manage')?.value).toBe('true');
  });

  it('defers a slow command first, then edits the answer in', async () => {
    const { body, interaction } = await ask('slowpublic');
    expect(body.type).toBe(5);
    gates.slowPublic.resolve('public');
    const edit = await fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `${webhookPath(interaction)}/messages/@original`,
    );
    const data = edit.body as CallbackBody['data'];
    expect(data?.embeds?.[0]?.title).toBe('Done slowpublic');
    expect(data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('defers a command that outruns the budget, then edits the answer in', async () => {
    const { body, interaction } = await ask('latequick');
    expect(body.type).toBe(5);
    gates.lateQuick.resolve('public');
    const edit = await fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `${webhookPath(interaction)}/messages/@original`,
    );
    expect((edit.body as CallbackBody['data'])?.embeds?.[0]?.title).toBe('Done latequick');
  });

  it('sends a private answer of a deferred command as an ephemeral follow-up and removes the placeholder', async () => {
    const { body, interaction } = await ask('slowprivate');
    expect(body.type).toBe(5);
    gates.slowPrivate.resolve('private');
    const followUp = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === webhookPath(interaction),
    );
    expect((followUp.body as CallbackBody['data'])?.flags).toBe(EPHEMERAL_FLAG);
    await fake.waitForCall(
      (c) => c.method === 'DELETE' && c.path === `${webhookPath(interaction)}/messages/@original`,
    );
  });

  it('defers a slow settings command privately and edits its private answer in', async () => {
    const { body, interaction } = await ask('slowsetting');
    expect(body).toMatchObject({ type: 5, data: { flags: EPHEMERAL_FLAG } });
    gates.slowSetting.resolve('private');
    const edit = await fake.waitForCall(
      (c) => c.method === 'PATCH' && c.path === `${webhookPath(interaction)}/messages/@original`,
    );
    expect((edit.body as CallbackBody['data'])?.embeds?.[0]?.title).toBe('Done slowsetting');
    expect(fake.calls.some((c) => c.method === 'POST' && c.path === webhookPath(interaction))).toBe(false);
  });

  it('reports a failure after deferring privately, respecting the deferral', async () => {
    const { body, interaction } = await ask('slowthrow');
    expect(body.type).toBe(5);
    gates.slowThrow.resolve('throw');
    const followUp = await fake.waitForCall(
      (c) => c.method === 'POST' && c.path === webhookPath(interaction),
    );
    const data = followUp.body as CallbackBody['data'];
    expect(data?.flags).toBe(EPHEMERAL_FLAG);
    expect(data?.embeds?.[0]?.title).toBe('Something went wrong');
    await fake.waitForCall(
      (c) => c.method === 'DELETE' && c.path === `${webhookPath(interaction)}/messages/@original`,
    );
    // Only one callback: the error path never tried to answer the interaction a second time.
    expect(fake.calls.filter((c) => c.path.startsWith(`/interactions/${interaction.id}/`))).toHaveLength(1);
  });

  it('posts scheduled replies into a channel through its poster', async () => {
    const outcome = await bot.poster.post('900000000000000010', {
      tone: 'info',
      title: 'On this day: 6 August',
      lines: ['2024 — Cole Hocker won the 1500m'],
      sources: [],
      ephemeral: true,
    });
    expect(outcome.kind).toBe('sent');
    const call = fake.calls.find((c) => c.path === '/channels/900000000000000010/messages');
    expect(call?.authorization).toBe('Bot fake-bot-token');
    expect(call?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect((call?.body as { flags?: number } | undefined)?.flags).toBeUndefined();
  });
});

describe('gateway start-up', () => {
  it('rejects, and leaves nothing running, when Discord refuses the token', async () => {
    const refusing = await startFakeDiscord();
    refusing.fail({
      path: '/gateway/bot',
      times: 10,
      failure: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
    });
    await expect(
      startDiscordGateway({
        config: discordConfig(refusing.apiUrl),
        kb: await loadShippedKb(),
        logger: capturingLogger().logger,
        subscriptions: null,
      }),
    ).rejects.toThrow(/token/i);
    expect(refusing.identifies).toHaveLength(0);
    await refusing.close();
  });
});
