import { describe, expect, it } from 'vitest';
import { openOnThisDay } from '../../src/scheduler/index.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore } from '../../src/store/index.js';
import { calendar, emptyKb, quietLogger, recordingPoster } from './helpers.js';

describe('a started scheduler', () => {
  it('catches up at start, honours a short Retry-After with its own wake-up, and stops cleanly', async () => {
    // Simulated time runs at real speed from 09:30 Paris, half an hour after the subscribed hour.
    const base = Date.parse('2025-06-02T07:30:00Z');
    const t0 = Date.now();
    const clock = () => new Date(base + (Date.now() - t0));
    const store = await openStore('memory://');
    const anniversary = calendar();
    const port = createSubscriptionsPort({
      store,
      kb: emptyKb,
      anniversary,
      clock: () => new Date('2025-06-02T06:00:00Z'),
    });
    await port.subscribe({
      platform: 'discord',
      channelId: 'ok',
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
    await port.subscribe({
      platform: 'discord',
      channelId: 'limited',
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
    const poster = recordingPoster('discord', clock, (channel, attempt) =>
      channel === 'limited' && attempt === 1
        ? { kind: 'retry', retryAfterMs: 1000, reason: '429' }
        : { kind: 'sent', messageId: `m-${channel}` },
    );
    const scheduler = createScheduler({
      store,
      kb: emptyKb,
      anniversary,
      posters: [poster],
      clock,
      logger: quietLogger,
    });
    await scheduler.start();
    await expect
      .poll(() => poster.posts.map((p) => p.channelId).sort(), { timeout: 10_000, interval: 50 })
      .toEqual(['limited', 'ok']);
    await scheduler.stop();
    expect((await port.status('discord', 'limited'))?.lastDelivery?.messageId).toBe('m-limited');
    await store.close();
  });
});

describe('openOnThisDay', () => {
  it('opens the store, gives the subscriptions port and stops cleanly', async () => {
    const service = await openOnThisDay({ storeUrl: 'memory://', kb: emptyKb, logger: quietLogger });
    await service.start([recordingPoster('console', () => new Date())]);
    expect(service.scheduler).not.toBeNull();
    const info = await service.subscriptions?.subscribe({
      platform: 'console',
      channelId: 'console',
      hour: 9,
      timeZone: 'UTC',
      createdBy: null,
    });
    expect(info?.timeZone).toBe('UTC');
    await service.stop();
  });

  it('keeps the bot up when the store cannot be opened, and keeps trying to open it', async () => {
    const service = await openOnThisDay({
      storeUrl: 'redis://127.0.0.1:1',
      kb: emptyKb,
      logger: quietLogger,
    });
    await service.start([]);
    // Not "off for life" (issue 12): the store reports why, and settings say they are unavailable.
    expect(service.store.isOpen()).toBe(false);
    expect(await service.store.ping()).toMatch(/unavailable/);
    await expect(service.subscriptions.status('slack', 'C1')).rejects.toMatchObject({ name: 'StoreError' });
    expect(service.scheduler).toBeNull();
    await service.stop();
  });
});
