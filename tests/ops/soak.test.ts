/**
 * Soak: one process, both fake platforms behind the real posters, 1,000 subscribed channels in
 * eight time zones, a simulated week (injected clock, a tick every 10 minutes) with 5xx and 429
 * bursts from both platforms, on the shipped knowledge base's anniversaries. Exactly one post per
 * channel per local day that has an anniversary, none on the others, none lost, none doubled.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../src/adapters/discord/poster.js';
import { onThisDay } from '../../src/core/on-this-day.js';
import type { ChannelPoster, PostOptions, PostOutcome } from '../../src/core/platform.js';
import type { Reply } from '../../src/core/reply.js';
import { localDate } from '../../src/core/zoned-time.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { discordConfig } from '../adapters/discord/helpers.js';
import {
  type FakeDiscord,
  rateLimited,
  serverError,
  startFakeDiscord,
} from '../fakes/discord/fake-discord.js';
import { type SlackHarness, startSlackHarness } from '../fakes/slack/harness.js';
import { loadShippedKb } from '../helpers.js';
import { manualClock, quietLogger, tempDir } from '../scheduler/helpers.js';

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Pacific/Auckland',
];
const CHANNELS = 1000;
const START = '2026-08-02T00:00:00Z';
const END = '2026-08-10T12:00:00Z';

let discord: FakeDiscord;
let slack: SlackHarness;
let store: PodiumStore;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startSlackHarness({ mode: 'http', logLevel: 'silent' });
  const dir = await tempDir();
  cleanup = dir.cleanup;
  store = await openStore(`sqlite://${path.join(dir.dir, 'soak.sqlite')}`);
});
afterAll(async () => {
  await store?.close();
  await slack?.stop();
  await discord?.close();
  await cleanup?.();
});

/** Wraps a real poster to record which local date each sent post belongs to. */
function recording(poster: ChannelPoster, zoneOf: (channel: string) => string, now: () => Date) {
  const sent: Array<{ channel: string; date: string }> = [];
  const limits = { hit: false };
  const wrapped: ChannelPoster = {
    platform: poster.platform,
    async post(channelId: string, reply: Reply, options?: PostOptions): Promise<PostOutcome> {
      const outcome = await poster.post(channelId, reply, options);
      if (outcome.kind === 'retry' && /rate/i.test(outcome.reason)) limits.hit = true;
      if (outcome.kind === 'sent')
        sent.push({ channel: channelId, date: localDate(now().getTime(), zoneOf(channelId)) });
      return outcome;
    },
  };
  return { poster: wrapped, sent, limits };
}

describe('soak: 1,000 channels, a simulated week, both platforms with failure bursts', () => {
  it('posts exactly once per channel per local day with an anniversary', async () => {
    const kb = await loadShippedKb();
    const clock = manualClock(START);
    const port = createSubscriptionsPort({ store, kb, clock: clock.now });
    const zone = new Map<string, string>();
    const channels: Array<{ platform: 'discord' | 'slack'; id: string }> = [];
    for (let i = 0; i < CHANNELS; i++) {
      const platform = i % 2 === 0 ? 'discord' : 'slack';
      const id =
        platform === 'discord' ? String(200000000000000000n + BigInt(i)) : `C${String(i).padStart(6, '0')}`;
      const timeZone = ZONES[i % ZONES.length] as string;
      zone.set(id, timeZone);
      channels.push({ platform, id });
      await port.subscribe({ platform, channelId: id, hour: (i * 7) % 23, timeZone, createdBy: 'soak' });
    }
    const zoneOf = (c: string) => zone.get(c) ?? 'UTC';
    const d = recording(
      createDiscordPoster({ config: discordConfig(discord.apiUrl), logger: quietLogger }),
      zoneOf,
      clock.now,
    );
    const s = recording(slack.slack.poster, zoneOf, clock.now);
    const scheduler = createScheduler({
      store,
      kb,
      posters: [d.poster, s.poster],
      clock: clock.now,
      logger: quietLogger,
      rateLimits: { discord: { postsPerSecond: 5000 }, slack: { postsPerSecond: 5000 } },
    });

    let slackFailures = 0;
    let ticks = 0;
    for (let t = Date.parse(START); t <= Date.parse(END); t += 10 * 60_000) {
      clock.set(t);
      // Every twelve hours a burst: Discord 5xx and 429s, Slack 429s and 5xx, on the next posts.
      if (ticks % 72 === 0) {
        discord.fail({
          method: 'POST',
          path: /\/channels\/\d+\/messages/,
          times: 15,
          failure: serverError(502),
        });
        discord.fail({
          method: 'POST',
          path: /\/channels\/\d+\/messages/,
          times: 15,
          failure: rateLimited(1),
        });
        slack.fake.failNext(
          'chat.postMessage',
          ...Array.from({ length: 10 }, () => ({ kind: 'ratelimited' as const, retryAfterSec: 2 })),
          ...Array.from({ length: 10 }, () => ({ kind: 'http' as const, status: 503 })),
        );
        slackFailures += 20;
      }
      d.limits.hit = false;
      await scheduler.tick();
      ticks += 1;
      // discord.js honours a 429 in real time (its REST queue stays closed for Retry-After and
      // rejects at once meanwhile), while this test's clock jumps ten minutes a tick: after a rate
      // limit, let real time pass the limit before the next tick.
      if (d.limits.hit) await new Promise((r) => setTimeout(r, 2100));
    }

    // Expected: every local date in the week whose anniversary exists, once per channel.
    const dates: string[] = [];
    for (
      let day = Date.parse('2026-08-03T12:00:00Z');
      day <= Date.parse('2026-08-09T12:00:00Z');
      day += 86_400_000
    )
      dates.push(new Date(day).toISOString().slice(0, 10));
    const withAnniversary = dates.filter((date) => onThisDay(kb, date) !== null);
    expect(withAnniversary.length).toBeGreaterThan(0);

    const sent = [...d.sent, ...s.sent];
    const perKey = new Map<string, number>();
    for (const p of sent)
      perKey.set(`${p.channel}|${p.date}`, (perKey.get(`${p.channel}|${p.date}`) ?? 0) + 1);
    const doubled = [...perKey.entries()].filter(([, n]) => n > 1);
    expect(doubled).toEqual([]);
    const missing: string[] = [];
    const unexpected: string[] = [];
    for (const c of channels) {
      for (const date of dates) {
        const n = perKey.get(`${c.id}|${date}`) ?? 0;
        if (withAnniversary.includes(date) && n !== 1) missing.push(`${c.id}|${date}`);
        if (!withAnniversary.includes(date) && n !== 0) unexpected.push(`${c.id}|${date}`);
      }
    }
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);

    // What the fakes received agrees: no post the scheduler does not know about.
    const discordCreated = discord.calls.filter(
      (c) => c.method === 'POST' && /\/messages$/.test(c.path) && c.status === 200,
    );
    expect(discordCreated.length).toBe(d.sent.length);
    expect(slack.fake.callsTo('chat.postMessage').length - slackFailures).toBeLessThanOrEqual(s.sent.length);
    expect(slack.fake.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(s.sent.length);
  }, 300_000);
});
