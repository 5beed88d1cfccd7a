/**
 * Button presses end to end on both Discord transports: the real discord.js client on the fake
 * gateway, and signed HTTP interactions. A press is answered as the command it carries: paging
 * replaces the message (UPDATE_MESSAGE), "Full results" adds a new one, refusals are private.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { type DiscordGatewayHandle, startDiscordGateway } from '../../../src/adapters/discord/gateway.js';
import { type DiscordHttpHandle, startDiscordHttp } from '../../../src/adapters/discord/http.js';
import { EPHEMERAL_FLAG } from '../../../src/adapters/discord/render.js';
import type { Command } from '../../../src/core/command.js';
import { PressLimiter } from '../../../src/core/press-limit.js';
import { type FakeDiscord, type RecordedCall, startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import {
  botMessage,
  chatInputInteraction,
  componentInteraction,
  type RawInteraction,
  str,
} from '../../fakes/discord/interactions.js';
import { type DiscordSigner, discordSigner } from '../../fakes/discord/signer.js';
import { buttonsKb } from '../../fixtures/buttons-kb.js';
import { REPO_ROOT, sharedAvailable } from '../../helpers.js';
import { capturingLogger, deferred, discordConfig } from './helpers.js';

interface Button {
  type: number;
  style: number;
  label: string;
  custom_id: string;
}
interface Callback {
  type: number;
  data?: {
    embeds?: Array<{ title?: string; description?: string; footer?: { text: string } }>;
    components?: Array<{ type: number; components: Button[] }>;
    flags?: number;
    allowed_mentions?: unknown;
  };
}

let gate = deferred<void>();
/** Pages slowly past page 1, so a press must be acknowledged before its answer is ready. */
const slowPager: Command = {
  name: 'slowpager',
  description: 'Pages slowly',
  options: [],
  examples: ['/slowpager'],
  async run(ctx) {
    const page = ctx.cursor?.page ?? 1;
    if (page > 1) await gate.promise;
    return {
      tone: 'info',
      title: `Slow page ${page}`,
      sources: [],
      ephemeral: false,
      page: { index: page, count: 3 },
      actions: [{ label: 'Next ▶', style: 'secondary', mode: 'update', line: '/slowpager', page: page + 1 }],
    };
  },
};
// /results is a real command of the registry now (issue 10), no stub needed.
const served = [...commands, slowPager];
const LIMITED_USER = '900000000000000099';
let fake: FakeDiscord;
let bot: DiscordGatewayHandle;
let http: DiscordHttpHandle;
let signer: DiscordSigner;
const captured: Callback[] = [];

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
  signer = discordSigner();
  const kb = await buttonsKb();
  // Generous for everyone; the limit test uses its own user, who gets three presses.
  const strict = new PressLimiter({ burst: 3, refillMs: 60_000 });
  class TestLimiter extends PressLimiter {
    override take(user: string) {
      return user === LIMITED_USER ? strict.take(user) : super.take(user);
    }
  }
  const pressLimiter = new TestLimiter({ burst: 1000 });
  const deps = {
    kb,
    logger: capturingLogger().logger,
    subscriptions: null,
    now: () => new Date('2026-08-06T10:00:00Z'),
    random: () => 0.3,
    commands: served,
    pressLimiter,
    // Short, so the slow pager is deferred without a long wait (quick commands answer in ~1 ms).
    deferBudgetMs: 500,
  };
  bot = await startDiscordGateway({ ...deps, config: discordConfig(fake.apiUrl) });
  http = await startDiscordHttp({
    ...deps,
    // The signature check reads this clock: it must be the real one.
    now: () => new Date(),
    config: discordConfig(fake.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
    port: 0,
    host: '127.0.0.1',
  });
});

afterAll(async () => {
  await bot?.stop();
  await http?.stop();
  await fake?.close();
});

const place = () => ({ applicationId: fake.applicationId });

/** Dispatches an interaction on the gateway and returns the callback discord.js sent. */
async function viaGateway(interaction: RawInteraction): Promise<Callback> {
  fake.interact(interaction);
  const call: RecordedCall = await fake.waitForCall(
    (c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
  );
  const body = call.body as Callback;
  captured.push(body);
  return body;
}

/** POSTs a signed interaction to the HTTP endpoint and returns its JSON answer. */
async function viaHttp(interaction: RawInteraction): Promise<{ status: number; body: Callback }> {
  const raw = JSON.stringify(interaction);
  const res = await fetch(`${http.url}/discord/interactions`, {
    method: 'POST',
    headers: signer.headers(raw),
    body: raw,
  });
  const body = (await res.json()) as Callback;
  if (res.status === 200) captured.push(body);
  return { status: res.status, body };
}

function buttonsOf(callback: Callback): Button[] {
  return (callback.data?.components ?? []).flatMap((row) => row.components);
}

function pressOf(callback: Callback, label: string, who: Partial<{ userId: string }> = {}): RawInteraction {
  const button = buttonsOf(callback).find((b) => b.label.includes(label));
  if (!button) throw new Error(`no ${label} button in ${JSON.stringify(callback.data?.components)}`);
  return componentInteraction(button.custom_id, botMessage(callback.data ?? {}, place()), {
    ...place(),
    ...who,
  });
}

describe('gateway presses', () => {
  it('pages /onthisday by updating the message, Next then Previous', async () => {
    const first = await viaGateway(chatInputInteraction('onthisday', [str('date', '08-06')], place()));
    expect(first.type).toBe(4);
    expect(first.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 1 of 3/);
    expect(buttonsOf(first).map((b) => [b.type, b.style, b.label])).toEqual([[2, 2, 'Next ▶']]);

    const second = await viaGateway(pressOf(first, 'Next'));
    expect(second.type).toBe(7);
    expect(second.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 3/);
    expect(second.data?.allowed_mentions).toEqual({ parse: [] });
    expect(buttonsOf(second).map((b) => b.label)).toEqual(['◀ Previous', 'Next ▶']);

    const back = await viaGateway(pressOf(second, 'Previous'));
    expect(back.type).toBe(7);
    expect(back.data?.embeds?.[0]?.description).toBe(first.data?.embeds?.[0]?.description);
  });

  it('answers Full results with a new message, as /results would', async () => {
    const podium = await viaGateway(chatInputInteraction('podium', [str('event', '1500m')], place()));
    expect(buttonsOf(podium).map((b) => b.label)).toEqual(['Full results', 'Heats', 'Semi-finals']);
    const pressed = await viaGateway(pressOf(podium, 'Full results'));
    const typed = await viaGateway(
      chatInputInteraction('results', [str('event', 'paris-2024-athletics-men-1500m-final')], place()),
    );
    expect(pressed.type).toBe(4);
    expect(pressed.data).toEqual(typed.data);
  });

  it('offers another quote from the same speaker, replacing the message', async () => {
    const first = await viaGateway(chatInputInteraction('quote', [str('athlete', 'kerr')], place()));
    const next = await viaGateway(pressOf(first, 'Another quote'));
    expect(next.type).toBe(7);
    expect(next.data?.embeds?.[0]?.title).toBe(first.data?.embeds?.[0]?.title);
    expect(next.data?.embeds?.[0]?.description).not.toBe(first.data?.embeds?.[0]?.description);
  });

  it('answers someone else’s press on a public answer privately, leaving the message alone', async () => {
    const first = await viaGateway(chatInputInteraction('onthisday', [str('date', '08-06')], place()));
    const other = await viaGateway(pressOf(first, 'Next', { userId: '900000000000000055' }));
    expect(other.type).toBe(4);
    expect(other.data?.flags).toBe(EPHEMERAL_FLAG);
    expect(other.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 3/);
  });

  it('answers a foreign or garbled button with a private message', async () => {
    const message = botMessage({}, place());
    for (const id of ['not-ours', 'p1|zzzz|_|0|1||onthisday 08-06', 'p9|x']) {
      const answer = await viaGateway(componentInteraction(id, message, place()));
      expect(answer.type).toBe(4);
      expect(answer.data?.flags).toBe(EPHEMERAL_FLAG);
      expect(answer.data?.embeds?.[0]?.title).toMatch(/can’t answer that button|out of date/);
    }
  });

  it('limits presses per person with a clear private message', async () => {
    const first = await viaGateway(
      chatInputInteraction('onthisday', [str('date', '08-06')], { ...place(), userId: LIMITED_USER }),
    );
    let last: Callback = first;
    for (let i = 0; i < 3; i++) {
      last = await viaGateway(
        pressOf(i === 0 ? first : last, i % 2 ? 'Previous' : 'Next', { userId: LIMITED_USER }),
      );
      expect(last.type).toBe(7);
    }
    const limited = await viaGateway(pressOf(last, 'Previous', { userId: LIMITED_USER }));
    expect(limited.type).toBe(4);
    expect(limited.data?.flags).toBe(EPHEMERAL_FLAG);
    expect(limited.data?.embeds?.[0]?.title).toBe('Easy on the buttons');
  });
});

describe('slow presses', () => {
  it('gateway: acknowledges with a deferred update, then edits the pressed message', async () => {
    gate = deferred<void>();
    const first = await viaGateway(chatInputInteraction('slowpager', [], place()));
    const press = pressOf(first, 'Next');
    const ack = await viaGateway(press);
    expect(ack.type).toBe(6);
    gate.resolve();
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/webhooks/${fake.applicationId}/${press.token}/messages/@original`,
    );
    const body = edit.body as Callback['data'];
    expect(body?.embeds?.[0]?.title).toBe('Slow page 2');
    expect(body?.components?.[0]?.components.map((b) => b.label)).toEqual(['Next ▶']);
  });

  it('HTTP: answers DEFERRED_UPDATE_MESSAGE, then edits the pressed message', async () => {
    gate = deferred<void>();
    const first = await viaHttp(chatInputInteraction('slowpager', [], place()));
    const press = pressOf(first.body, 'Next');
    const ack = await viaHttp(press);
    expect(ack.body).toEqual({ type: 6 });
    gate.resolve();
    const edit = await fake.waitForCall(
      (c) =>
        c.method === 'PATCH' &&
        c.path === `/webhooks/${fake.applicationId}/${press.token}/messages/@original`,
    );
    expect((edit.body as Callback['data'])?.embeds?.[0]?.title).toBe('Slow page 2');
  });
});

describe('HTTP interaction presses', () => {
  it('pages by answering UPDATE_MESSAGE in the response', async () => {
    const first = await viaHttp(chatInputInteraction('onthisday', [str('date', '08-06')], place()));
    expect(first.status).toBe(200);
    const second = await viaHttp(pressOf(first.body, 'Next'));
    expect(second.status).toBe(200);
    expect(second.body.type).toBe(7);
    expect(second.body.data?.flags).toBeUndefined();
    expect(second.body.data?.embeds?.[0]?.footer?.text).toMatch(/^Page 2 of 3/);
  });

  it('answers Heats with a new message', async () => {
    const podium = await viaHttp(chatInputInteraction('podium', [str('event', '1500m')], place()));
    const heats = await viaHttp(pressOf(podium.body, 'Heats'));
    expect(heats.body.type).toBe(4);
    expect(heats.body.data?.embeds?.[0]?.title).toBe("Men's 1500m heat — Paris 2024");
  });

  it('rejects an unsigned press', async () => {
    const raw = JSON.stringify(componentInteraction('p1|x', botMessage({}, place()), place()));
    const res = await fetch(`${http.url}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(401);
  });

  it('answers a press with no custom_id privately, never a 500', async () => {
    const press = componentInteraction('x', botMessage({}, place()), place());
    press.data = { component_type: 2 };
    const answer = await viaHttp(press);
    expect(answer.status).toBe(200);
    expect(answer.body.data?.flags).toBe(EPHEMERAL_FLAG);
  });
});

describe.skipIf(!sharedAvailable())('press callbacks against Discord’s OpenAPI', () => {
  it('sent only valid interaction callbacks', () => {
    const spec = JSON.parse(
      readFileSync(path.resolve(REPO_ROOT, '../shared/specs/discord-openapi.json'), 'utf8'),
    ) as object;
    const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false });
    ajv.addSchema(spec, 'discord');
    const route = ajv.compile({
      $ref: 'discord#/paths/~1interactions~1%7Binteraction_id%7D~1%7Binteraction_token%7D~1callback/post/requestBody/content/application~1json/schema',
    }) as ValidateFunction;
    expect(captured.length).toBeGreaterThan(10);
    expect(captured.some((c) => c.type === 7)).toBe(true);
    for (const body of captured) expect(route(body), JSON.stringify(route.errors?.slice(0, 3))).toBe(true);
  });
});
