import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from '../../src/core/zoned-time.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { redisAvailable } from '../helpers.js';
import {
  calendar,
  dropPrefix,
  duplicates,
  emptyKb,
  freshPrefix,
  manualClock,
  quietLogger,
  REDIS_URL,
  recordingPoster,
} from './helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];

describe.skipIf(!redisAvailable())('three scheduler instances sharing one Redis', () => {
  it('post every delivery exactly once through one recording platform', async () => {
    const prefix = freshPrefix('three');
    cleanups.push(() => dropPrefix(prefix));
    const start = Date.parse('2025-10-04T00:00:00Z');
    const end = Date.parse('2025-10-06T12:00:00Z');
    const clock = manualClock(start);
    const anniversary = calendar(['10-05']);
    const stores: PodiumStore[] = [];
    for (let i = 0; i < 3; i++) {
      const store = await openStore(REDIS_URL, { prefix });
      stores.push(store);
      cleanups.push(() => store.close());
    }
    const [first] = stores;
    if (!first) throw new Error('no store');
    const port = createSubscriptionsPort({ store: first, kb: emptyKb, anniversary, clock: clock.now });
    const channels: Array<{ id: string; hour: number; zone: string }> = [];
    for (let i = 0; i < 60; i++) {
      const zone = ZONES[i % ZONES.length] as string;
      const hour = (i * 7) % 24;
      channels.push({ id: `c${i}`, hour, zone });
      await port.subscribe({ platform: 'discord', channelId: `c${i}`, hour, timeZone: zone, createdBy: 'u' });
    }
    // One platform: every instance posts into the same recorder, with a little latency so they overlap.
    const poster = recordingPoster('discord', clock.now, async () => {
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      return { kind: 'sent', messageId: `m${Math.random()}` };
    });
    const schedulers = stores.map((store, i) =>
      createScheduler({
        store,
        kb: emptyKb,
        anniversary,
        posters: [poster],
        clock: clock.now,
        logger: quietLogger,
        instanceId: `instance-${i}`,
        rateLimits: { discord: { postsPerSecond: 1000, concurrency: 4 } },
      }),
    );
    let busy = 0;
    for (let t = start; t < end; t += 5 * 60_000) {
      clock.set(t);
      const reports = await Promise.all(schedulers.map((s) => s.tick()));
      busy += reports.reduce((n, r) => n + r.busy + r.already, 0);
    }
    const delivered = poster.posts.map((p) => `${p.channelId} ${p.title.slice(-10)}`);
    expect(duplicates(delivered)).toEqual([]);
    // Expected: every channel, every local date whose slot falls in the run (after subscribing), except 5 October.
    const expected: string[] = [];
    for (const c of channels) {
      for (let d = localDate(start, c.zone); ; d = addDays(d, 1)) {
        const at = zonedInstant(d, c.hour, c.zone);
        if (at >= end) break;
        if (at >= start && !d.endsWith('10-05')) expected.push(`${c.id} ${d}`);
      }
    }
    expect(delivered.sort()).toEqual(expected.sort());
    // The instances really competed (some found the delivery claimed or done by another).
    expect(busy).toBeGreaterThan(0);
  });
});
