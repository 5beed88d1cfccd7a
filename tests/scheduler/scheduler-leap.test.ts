import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { BundleSchema } from '../../src/core/schema.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore } from '../../src/store/index.js';
import { manualClock, quietLogger, recordingPoster } from './helpers.js';

/** A knowledge base with one event, on 29 February 2024. */
function leapKb(): KnowledgeBase {
  const bundle = BundleSchema.parse({
    sources: [{ id: 'leap-report', title: 'A leap-day final', publisher: null, published: '2024-02-29' }],
    athletes: [
      {
        id: 'ada-leap',
        name: 'Ada Leap',
        givenName: 'Ada',
        familyName: 'Leap',
        country: 'FRA',
        sex: 'women',
        aliases: [],
      },
    ],
    events: [
      {
        id: 'leap-day-women-800m-final',
        sport: 'Athletics',
        discipline: '800m',
        sex: 'women',
        round: 'final',
        competition: 'Leap Meeting',
        edition: 'Leap 2024',
        venue: 'Stade Bissextile',
        city: 'Paris',
        country: 'FRA',
        date: '2024-02-29',
        timeZone: 'Europe/Paris',
        results: [
          {
            place: 1,
            athlete: 'ada-leap',
            country: 'FRA',
            mark: '1:58.00',
            records: [],
            sources: ['leap-report'],
          },
        ],
        sources: ['leap-report'],
      },
    ],
  });
  return KnowledgeBase.fromBundles([bundle]);
}

describe('29 February anniversaries', () => {
  it('are posted on 28 February in years without a 29th, once, and listed by /subscription', async () => {
    const kb = leapKb();
    const clock = manualClock('2025-02-20T12:00:00Z');
    const store = await openStore('memory://');
    const port = createSubscriptionsPort({ store, kb, clock: clock.now });
    await port.subscribe({
      platform: 'console',
      channelId: 'console',
      hour: 9,
      timeZone: 'Europe/Paris',
      createdBy: null,
    });
    const status = await port.status('console', 'console');
    expect(status?.upcoming.map((u) => u.date)).toEqual(['2025-02-28']);
    expect(status?.upcoming[0]?.label).toContain('Ada Leap');
    expect(status?.nextPostLocal).toBe('2025-02-28 09:00 UTC+01:00');

    const poster = recordingPoster('console', clock.now);
    const scheduler = createScheduler({
      store,
      kb,
      posters: [poster],
      clock: clock.now,
      logger: quietLogger,
    });
    // Every hour from 20 February to 3 March 2025: quiet days stay quiet, 28 February posts.
    for (let t = Date.parse('2025-02-20T12:00:00Z'); t < Date.parse('2025-03-03T00:00:00Z'); t += 3_600_000) {
      clock.set(t);
      await scheduler.tick();
    }
    expect(poster.posts.map((p) => [p.title, new Date(p.at).toISOString()])).toEqual([
      ['On this day: 28 February', '2025-02-28T08:00:00.000Z'],
    ]);
    await store.close();
  });
});
