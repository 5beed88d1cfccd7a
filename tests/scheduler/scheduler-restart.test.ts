import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import {
  calendar,
  duplicates,
  emptyKb,
  manualClock,
  type Recorded,
  recordingScheduler,
  tempDir,
} from './helpers.js';

const MINUTE = 60_000;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** One "process lifetime": open the SQLite file, tick from `from` to `to` every `step`, close. */
async function runProcess(
  file: string,
  clock: ReturnType<typeof manualClock>,
  from: string,
  to: string,
  posts: Recorded[],
  step = 5 * MINUTE,
) {
  const store: PodiumStore = await openStore(`sqlite://${file}`);
  const { poster, scheduler } = recordingScheduler(store, clock, 'slack');
  for (let t = Date.parse(from); t < Date.parse(to); t += step) {
    clock.set(t);
    await scheduler.tick();
  }
  await store.close();
  posts.push(...poster.posts);
}

describe('the scheduler on a SQLite file across restarts', () => {
  it('delivers each channel once a day whether it restarts before, during or after the hour', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    const file = path.join(tmp.dir, 'var', 'podium.sqlite');
    const clock = manualClock('2025-03-29T00:00:00Z');
    const setup = await openStore(`sqlite://${file}`);
    const port = createSubscriptionsPort({
      store: setup,
      kb: emptyKb,
      anniversary: calendar(),
      clock: clock.now,
    });
    await port.subscribe({
      platform: 'slack',
      channelId: 'paris',
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
    await port.subscribe({
      platform: 'slack',
      channelId: 'ny',
      hour: 2,
      timeZone: 'America/New_York',
      createdBy: 'u',
    });
    await port.subscribe({
      platform: 'slack',
      channelId: 'lordhowe',
      hour: 2,
      timeZone: 'Australia/Lord_Howe',
      createdBy: 'u',
    });
    await setup.close();

    const posts: Recorded[] = [];
    // Four lives of the bot with restarts in between (one right inside Paris's 09:00 on the 30th).
    await runProcess(file, clock, '2025-03-29T00:00:00Z', '2025-03-29T20:00:00Z', posts);
    await runProcess(file, clock, '2025-03-29T20:00:00Z', '2025-03-30T07:00:00Z', posts);
    await runProcess(file, clock, '2025-03-30T07:00:00Z', '2025-03-30T07:01:00Z', posts, MINUTE);
    await runProcess(file, clock, '2025-03-30T07:01:00Z', '2025-03-31T12:00:00Z', posts);

    const delivered = posts.map((p) => `${p.channelId} ${p.title.slice(-10)}`);
    expect(duplicates(delivered)).toEqual([]);
    expect(delivered.sort()).toEqual(
      [
        // Subscribed at 11:00 on the 29th in Lord Howe: its first post is the 30th at 02:00.
        'lordhowe 2025-03-30',
        'lordhowe 2025-03-31',
        'ny 2025-03-29',
        'ny 2025-03-30',
        'ny 2025-03-31',
        'paris 2025-03-29',
        'paris 2025-03-30',
        'paris 2025-03-31',
      ].sort(),
    );
  });

  it('catches up the same local day after downtime and skips a day that ended while down', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    const file = path.join(tmp.dir, 'podium.sqlite');
    const clock = manualClock('2025-06-01T05:00:00Z');
    const setup = await openStore(`sqlite://${file}`);
    await createSubscriptionsPort({
      store: setup,
      kb: emptyKb,
      anniversary: calendar(),
      clock: clock.now,
    }).subscribe({
      platform: 'slack',
      channelId: 'paris',
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: 'u',
    });
    await setup.close();
    const posts: Recorded[] = [];
    // Down from 06:00 to 13:17 UTC on 1 June (09:00 Paris is 07:00 UTC): posts on return.
    await runProcess(file, clock, '2025-06-01T05:00:00Z', '2025-06-01T06:00:00Z', posts);
    expect(posts).toHaveLength(0);
    await runProcess(file, clock, '2025-06-01T13:17:00Z', '2025-06-01T13:18:00Z', posts, MINUTE);
    expect(posts.map((p) => [p.title, new Date(p.at).toISOString()])).toEqual([
      ['On this day: 2025-06-01', '2025-06-01T13:17:00.000Z'],
    ]);
    // Down from 2 June 00:00 to 3 June 08:00 UTC: 2 June is gone, 3 June posts at once.
    await runProcess(file, clock, '2025-06-03T08:00:00Z', '2025-06-03T08:01:00Z', posts, MINUTE);
    expect(posts.map((p) => p.title)).toEqual(['On this day: 2025-06-01', 'On this day: 2025-06-03']);
  });
});
