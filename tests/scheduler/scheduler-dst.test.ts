import { describe, expect, it } from 'vitest';
import { addDays, localDate, zonedInstant } from '../../src/core/zoned-time.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore } from '../../src/store/index.js';
import { calendar, emptyKb, manualClock, recordingScheduler } from './helpers.js';

const MINUTE = 60_000;

/** DST changes of 2025: [zone, local date of the change, what happens]. */
const CHANGES = [
  ['Europe/Paris', '2025-03-30', 'spring forward 02:00 → 03:00'],
  ['Europe/Paris', '2025-10-26', 'fall back 03:00 → 02:00'],
  ['America/New_York', '2025-03-09', 'spring forward 02:00 → 03:00'],
  ['America/New_York', '2025-11-02', 'fall back 02:00 → 01:00'],
  ['Australia/Lord_Howe', '2025-10-05', 'spring forward 02:00 → 02:30'],
  ['Australia/Lord_Howe', '2025-04-06', 'fall back 02:00 → 01:30'],
] as const;

describe('the scheduler across DST changes', () => {
  it.each(CHANGES)('posts once a local day at the hour in %s around %s (%s)', async (zone, day) => {
    const first = addDays(day, -1);
    const start = zonedInstant(first, 0, zone);
    const end = zonedInstant(addDays(day, 2), 0, zone);
    const clock = manualClock(start);
    const store = await openStore('memory://');
    const anniversary = calendar();
    const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary, clock: clock.now });
    const hours = [0, 1, 2, 3, 23];
    for (const hour of hours) {
      await port.subscribe({
        platform: 'discord',
        channelId: `h${hour}`,
        hour,
        timeZone: zone,
        createdBy: 'u',
      });
    }
    const { poster, scheduler } = recordingScheduler(store, clock, 'discord', { anniversary });
    // A whole simulated minute-by-minute run of three local days.
    for (let t = start; t < end; t += MINUTE) {
      clock.set(t);
      await scheduler.tick();
    }
    for (const hour of hours) {
      const posts = poster.posts.filter((p) => p.channelId === `h${hour}`);
      const dates = [first, day, addDays(day, 1)];
      expect(posts.map((p) => p.title)).toEqual(dates.map((d) => `On this day: ${d}`));
      // Each at the first instant the local clock reads the hour (or the jump past a missing hour).
      expect(posts.map((p) => p.at)).toEqual(dates.map((d) => zonedInstant(d, hour, zone)));
      for (const p of posts) expect(localDate(p.at, zone)).toBe(p.title.slice(-10));
    }
    await store.close();
  });
});
