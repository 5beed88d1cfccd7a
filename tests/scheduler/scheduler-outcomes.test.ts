import { describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../src/core/platform.js';
import { zonedInstant } from '../../src/core/zoned-time.js';
import type { SchedulerOptions } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore } from '../../src/store/index.js';
import { calendar, emptyKb, manualClock, recordingScheduler } from './helpers.js';

const MINUTE = 60_000;
const NINE = '2025-06-02T07:00:00Z'; // 09:00 in Paris

async function setup(
  answer: (channelId: string, attempt: number) => PostOutcome | Promise<PostOutcome>,
  extra: Partial<SchedulerOptions> = {},
) {
  const clock = manualClock('2025-06-02T06:00:00Z');
  const store = await openStore('memory://');
  const anniversary = calendar(['06-05']);
  const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary, clock: clock.now });
  for (const channelId of ['ok', 'bad']) {
    await port.subscribe({
      platform: 'discord',
      channelId,
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
  }
  const { poster, scheduler } = recordingScheduler(store, clock, 'discord', { anniversary, answer, extra });
  return { clock, store, port, poster, scheduler };
}

const sent = (): PostOutcome => ({ kind: 'sent', messageId: `m${Math.random()}` });

describe('the scheduler with failing channels', () => {
  it('pauses a channel after three "gone" answers in a row and says why, without holding up others', async () => {
    const { clock, port, poster, scheduler, store } = await setup((channel) =>
      channel === 'bad' ? { kind: 'gone', reason: 'Unknown Channel (10003)' } : sent(),
    );
    clock.set(NINE);
    const first = await scheduler.tick();
    expect(first).toMatchObject({ posted: 1, gone: 1, paused: 0 });
    expect(poster.posts.map((p) => p.channelId)).toEqual(['ok']);
    expect((await port.status('discord', 'bad'))?.failures).toBe(1);
    clock.advance(9 * MINUTE);
    expect((await scheduler.tick()).gone).toBe(0); // not before the 10-minute wait
    clock.advance(MINUTE);
    expect((await scheduler.tick()).gone).toBe(1);
    clock.advance(10 * MINUTE);
    expect(await scheduler.tick()).toMatchObject({ gone: 1, paused: 1 });
    const status = await port.status('discord', 'bad');
    expect(status?.paused?.reason).toBe('Unknown Channel (10003) (3 failed attempts in a row)');
    expect(status?.nextPostAt).toBeNull();
    expect(await store.due.get('discord:bad')).toBeUndefined();
    // Paused channels cost nothing on later days.
    clock.set('2025-06-03T07:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ due: 1, posted: 1, gone: 0 });
    // Subscribing again resumes it.
    await port.subscribe({
      platform: 'discord',
      channelId: 'bad',
      hour: 10,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
    expect((await port.status('discord', 'bad'))?.paused).toBeNull();
    expect(await store.due.get('discord:bad')).toBe(zonedInstant('2025-06-03', 10, 'Europe/Paris'));
  });

  it('retries a rate-limited channel after Retry-After, once, while the others go out', async () => {
    const { clock, poster, scheduler } = await setup((channel, attempt) =>
      channel === 'bad' && attempt === 1
        ? { kind: 'retry', retryAfterMs: 30_000, reason: '429 Too Many Requests' }
        : sent(),
    );
    clock.set(NINE);
    const first = await scheduler.tick();
    expect(first).toMatchObject({ posted: 1, retried: 1, nextWakeAt: '2025-06-02T07:00:30.000Z' });
    clock.advance(20_000);
    expect((await scheduler.tick()).due).toBe(0);
    clock.advance(10_000);
    expect((await scheduler.tick()).posted).toBe(1);
    clock.advance(MINUTE);
    expect((await scheduler.tick()).due).toBe(0);
    expect(poster.posts.map((p) => [p.channelId, new Date(p.at).toISOString()])).toEqual([
      ['ok', NINE.replace('Z', '.000Z')],
      ['bad', '2025-06-02T07:00:30.000Z'],
    ]);
  });

  it('retries after a minute when the poster throws instead of answering', async () => {
    const { clock, poster, scheduler } = await setup((channel, attempt) => {
      if (channel === 'bad' && attempt === 1) throw new Error('socket hang up');
      return sent();
    });
    clock.set(NINE);
    expect(await scheduler.tick()).toMatchObject({ posted: 1, retried: 1 });
    clock.advance(MINUTE);
    expect(await scheduler.tick()).toMatchObject({ posted: 1 });
    expect(poster.posts).toHaveLength(2);
  });

  it('stays quiet on a day with nothing to remember and does not look at it again that day', async () => {
    const { clock, poster, scheduler, store } = await setup(sent);
    clock.set('2025-06-05T07:00:00Z');
    expect(await scheduler.tick()).toMatchObject({ due: 2, quiet: 2, posted: 0 });
    expect(await store.deliveries.get('discord:ok@2025-06-05')).toMatchObject({ kind: 'quiet' });
    clock.advance(MINUTE);
    expect((await scheduler.tick()).due).toBe(0);
    expect(await store.due.get('discord:ok')).toBe(zonedInstant('2025-06-06', 9, 'Europe/Paris'));
    expect(poster.posts).toHaveLength(0);
  });

  it('takes over a delivery whose claimer crashed before posting once the lease runs out, and never posts it twice', async () => {
    const { clock, poster, scheduler, store } = await setup(sent, { leaseMs: 2 * MINUTE, instanceId: 'b' });
    // Instance "a" claimed both deliveries at 09:00 and died before posting.
    expect(await store.claims.acquire('discord:ok@2025-06-02', 'a/1', Date.parse(NINE), 2 * MINUTE)).toBe(
      true,
    );
    expect(await store.claims.acquire('discord:bad@2025-06-02', 'a/2', Date.parse(NINE), 2 * MINUTE)).toBe(
      true,
    );
    clock.set(NINE);
    expect(await scheduler.tick()).toMatchObject({ due: 2, busy: 2, posted: 0 });
    clock.advance(MINUTE);
    expect(await scheduler.tick()).toMatchObject({ busy: 2 });
    clock.advance(MINUTE);
    expect(await scheduler.tick()).toMatchObject({ posted: 2 });
    clock.advance(MINUTE);
    expect((await scheduler.tick()).due).toBe(0);
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual(['bad', 'ok']);
    // As if an instance crashed after recording but before advancing: the ledger wins, nothing is posted.
    const state = await store.channels.get('discord:ok');
    if (!state) throw new Error('no state');
    await store.channels.set('discord:ok', {
      ...state,
      next: { localDate: '2025-06-02', dueAt: Date.parse(NINE) },
    });
    await store.due.set('discord:ok', Date.parse(NINE));
    expect(await scheduler.tick()).toMatchObject({ due: 1, already: 1, posted: 0 });
    expect(poster.posts).toHaveLength(2);
  });

  it('hands posters a stable per-delivery key for platform deduplication', async () => {
    const { clock, poster, scheduler } = await setup(sent);
    clock.set(NINE);
    await scheduler.tick();
    const keys = poster.posts.map((p) => p.key ?? '');
    expect(keys.every((k) => /^[A-Za-z0-9_-]{25}$/.test(k))).toBe(true);
    expect(new Set(keys).size).toBe(2);
  });
});

describe('subscription status', () => {
  it('shows the next post in local time, the next five anniversaries skipping quiet days, and the last delivery', async () => {
    const { clock, port, scheduler } = await setup(() => ({ kind: 'sent', messageId: 'msg-1' }));
    clock.set(NINE);
    await scheduler.tick();
    const status = await port.status('discord', 'ok');
    expect(status).toMatchObject({
      subscription: {
        platform: 'discord',
        channelId: 'ok',
        hour: 9,
        timeZone: 'Europe/Paris',
        createdBy: 'u',
      },
      nextPostAt: '2025-06-03T07:00:00.000Z',
      nextPostLocal: '2025-06-03 09:00 UTC+02:00',
      lastDelivery: { localDate: '2025-06-02', messageId: 'msg-1', at: '2025-06-02T07:00:00.000Z' },
      failures: 0,
      paused: null,
    });
    expect(status?.upcoming.map((u) => u.date)).toEqual([
      '2025-06-03',
      '2025-06-04',
      '2025-06-06',
      '2025-06-07',
      '2025-06-08',
    ]);
    expect(status?.upcoming[0]?.label).toBe('Anniversary of 2025-06-03');
    expect(await port.status('discord', 'nobody')).toBeNull();
  });

  it('answers unsubscribe with whether the channel was subscribed and stops its posts', async () => {
    const { clock, port, poster, scheduler } = await setup(sent);
    expect(await port.unsubscribe('discord', 'bad')).toBe(true);
    expect(await port.unsubscribe('discord', 'bad')).toBe(false);
    clock.set(NINE);
    expect(await scheduler.tick()).toMatchObject({ due: 1, posted: 1 });
    expect(poster.posts.map((p) => p.channelId)).toEqual(['ok']);
  });

  it('rejects a bad hour or zone at the port', async () => {
    const { port } = await setup(sent);
    await expect(
      port.subscribe({ platform: 'slack', channelId: 'C1', hour: 24, timeZone: 'UTC', createdBy: null }),
    ).rejects.toThrow(RangeError);
    await expect(
      port.subscribe({ platform: 'slack', channelId: 'C1', hour: 9, timeZone: 'Mars/Base', createdBy: null }),
    ).rejects.toThrow(/unknown time zone/);
  });
});
