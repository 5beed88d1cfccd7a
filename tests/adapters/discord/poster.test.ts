import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster, postOutcomeFromError } from '../../../src/adapters/discord/poster.js';
import type { ChannelPoster } from '../../../src/core/platform.js';
import type { Reply } from '../../../src/core/reply.js';
import {
  type FakeDiscord,
  missingAccess,
  missingPermissions,
  rateLimited,
  serverError,
  startFakeDiscord,
  unknownChannel,
} from '../../fakes/discord/fake-discord.js';
import { capturingLogger, discordConfig } from './helpers.js';

const reply: Reply = {
  tone: 'info',
  title: 'On this day: 6 August',
  lines: ['2024 — Cole Hocker (USA) won the 1500m in 3:27.65 (OR)'],
  sources: [{ title: 'Cole Hocker takes gold', publisher: null, date: '2024-08-06' }],
  ephemeral: false,
};

let fake: FakeDiscord;
let poster: ChannelPoster;

beforeAll(async () => {
  fake = await startFakeDiscord();
  poster = createDiscordPoster({ config: discordConfig(fake.apiUrl), logger: capturingLogger().logger });
});

afterAll(async () => {
  await fake?.close();
});

const postsTo = (channel: string) => fake.calls.filter((c) => c.path === `/channels/${channel}/messages`);

describe('Discord channel poster', () => {
  it('posts the embed with the bot token and returns the message id', async () => {
    const outcome = await poster.post('100000000000000001', reply);
    expect(outcome.kind).toBe('sent');
    const [call] = postsTo('100000000000000001');
    expect(call?.authorization).toBe('Bot fake-bot-token');
    expect(call?.body).toMatchObject({
      embeds: [{ title: 'On this day: 6 August' }],
      allowed_mentions: { parse: [] },
    });
    expect(outcome).toEqual({ kind: 'sent', messageId: expect.stringMatching(/^\d+$/) });
  });

  it('sends the delivery key as an enforced nonce, so a post repeated after a crash shows once', async () => {
    await poster.post('100000000000000009', reply, { idempotencyKey: 'otd-abc123' });
    const [call] = postsTo('100000000000000009');
    expect(call?.body).toMatchObject({ nonce: 'otd-abc123', enforce_nonce: true });
    await poster.post('100000000000000010', reply);
    expect(postsTo('100000000000000010')[0]?.body).not.toHaveProperty('nonce');
  });

  it('returns retry with Retry-After on a 429 at once, keeps other channels flowing, and succeeds after the wait', async () => {
    fake.fail({ method: 'POST', path: '/channels/100000000000000002/messages', failure: rateLimited(1) });
    const limited = await poster.post('100000000000000002', reply);
    expect(limited).toMatchObject({ kind: 'retry', reason: 'rate_limited' });
    if (limited.kind !== 'retry') throw new Error('expected retry');
    expect(limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(limited.retryAfterMs).toBeLessThan(2000);
    // The limited channel does not hold up others.
    expect((await poster.post('100000000000000003', reply)).kind).toBe('sent');
    await new Promise((r) => setTimeout(r, limited.retryAfterMs));
    expect((await poster.post('100000000000000002', reply)).kind).toBe('sent');
    expect(postsTo('100000000000000002')).toHaveLength(2);
  });

  it('returns retry on a server error without retrying on its own', async () => {
    fake.fail({ method: 'POST', path: '/channels/100000000000000005/messages', failure: serverError(502) });
    expect(await poster.post('100000000000000005', reply)).toMatchObject({
      kind: 'retry',
      reason: 'http_502',
    });
    expect(postsTo('100000000000000005')).toHaveLength(1);
  });

  it.each([
    ['a deleted channel (Unknown Channel)', unknownChannel, 'unknown_channel'],
    ['a removed bot (Missing Access)', missingAccess, 'missing_access'],
    ['a muted bot (Missing Permissions)', missingPermissions, 'missing_permissions'],
    ['any other 404', { status: 404, body: { message: '404: Not Found', code: 0 } }, 'not_found'],
  ])('returns gone for %s', async (_what, failure, reason) => {
    const channel = `2000000000000000${String(reason.length).padStart(2, '0')}`;
    fake.fail({ method: 'POST', path: `/channels/${channel}/messages`, failure });
    expect(await poster.post(channel, reply)).toEqual({ kind: 'gone', reason });
  });

  it('returns gone for a channel id that cannot exist, without calling Discord', async () => {
    const before = fake.calls.length;
    expect(await poster.post('not-a-channel', reply)).toEqual({ kind: 'gone', reason: 'invalid_channel_id' });
    expect(fake.calls.length).toBe(before);
  });

  it('holds every channel back during a global rate limit, answering retry at once', async () => {
    // A poster of its own: a global limit rightly stops all of that client's posts.
    const own = createDiscordPoster({ config: discordConfig(fake.apiUrl), logger: capturingLogger().logger });
    fake.fail({
      method: 'POST',
      path: '/channels/100000000000000004/messages',
      failure: rateLimited(1, true),
    });
    expect(await own.post('100000000000000004', reply)).toMatchObject({
      kind: 'retry',
      reason: 'rate_limited_global',
    });
    const before = fake.calls.length;
    expect(await own.post('100000000000000007', reply)).toMatchObject({
      kind: 'retry',
      reason: 'rate_limited_global',
    });
    expect(fake.calls.length).toBe(before);
  });

  it('returns retry when Discord cannot be reached', async () => {
    const offline = createDiscordPoster({
      config: discordConfig('http://127.0.0.1:9/api'),
      logger: capturingLogger().logger,
    });
    expect(await offline.post('100000000000000006', reply)).toMatchObject({
      kind: 'retry',
      reason: 'network',
    });
  });

  it('maps unknown failures to a long retry rather than gone', () => {
    expect(postOutcomeFromError(new Error('odd'))).toMatchObject({ kind: 'retry' });
  });
});
