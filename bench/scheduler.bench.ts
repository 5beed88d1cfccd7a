/**
 * Scheduler benchmark: fan-out of many due subscriptions into a fake platform that enforces a
 * posts-per-second limit (share of the limit used, duplicates, 429s), and the cost of a tick with
 * 100,000 subscriptions in SQLite and in Redis (a quiet minute, and the top of an hour).
 *
 * SCHEDULER_BENCH=quick shrinks it (2,000 channels at 50/s, 20,000 subscriptions) for a fast look.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import type { ChannelPoster, PostOutcome } from '../src/core/platform.js';
import type { Reply } from '../src/core/reply.js';
import type { SubscriptionInfo } from '../src/core/subscriptions.js';
import { localDate } from '../src/core/zoned-time.js';
import { channelKey, slotOn } from '../src/scheduler/schedule.js';
import { createScheduler } from '../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../src/scheduler/subscriptions.js';
import { type ChannelState, openStore, type PodiumStore } from '../src/store/index.js';
import { fmtMs, median, nowMs, table } from './stats.js';

export const name = 'scheduler';

const QUICK = process.env.SCHEDULER_BENCH === 'quick';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
const kb = KnowledgeBase.fromBundles([]);
const anniversary = (date: string): Reply => ({
  tone: 'info',
  title: `On this day: ${date}`,
  lines: [`Anniversary of ${date}`],
  sources: [],
  ephemeral: false,
});

/** A platform that allows `limit` posts per second (token bucket, one second of burst) and answers after `latencyMs`. */
function limitedPlatform(limit: number, latencyMs: number) {
  let tokens = limit;
  let last = nowMs();
  const perChannel = new Map<string, number>();
  let accepted = 0;
  let rejected = 0;
  let firstAt = 0;
  let lastAt = 0;
  const poster: ChannelPoster = {
    platform: 'discord',
    async post(channelId: string): Promise<PostOutcome> {
      const t = nowMs();
      tokens = Math.min(limit, tokens + ((t - last) * limit) / 1000);
      last = t;
      await sleep(latencyMs);
      if (tokens < 1) {
        rejected += 1;
        return { kind: 'retry', retryAfterMs: Math.ceil(((1 - tokens) * 1000) / limit), reason: '429' };
      }
      tokens -= 1;
      accepted += 1;
      if (firstAt === 0) firstAt = t;
      lastAt = t;
      perChannel.set(channelId, (perChannel.get(channelId) ?? 0) + 1);
      return { kind: 'sent', messageId: `m${accepted}` };
    },
  };
  return {
    poster,
    stats: () => ({
      accepted,
      rejected,
      duplicates: [...perChannel.values()].filter((n) => n > 1).length,
      channels: perChannel.size,
      spanMs: lastAt - firstAt,
    }),
  };
}

async function openBenchStore(
  kind: 'sqlite' | 'redis',
): Promise<{ store: PodiumStore; url: string; done: () => Promise<void> }> {
  if (kind === 'redis') {
    const prefix = `podium-bench-${Date.now()}:`;
    const store = await openStore(REDIS_URL, { prefix, opTimeoutMs: 30_000 });
    return {
      store,
      url: REDIS_URL,
      done: async () => {
        const { createClient } = await import('@keyv/redis');
        const client = createClient({ url: REDIS_URL });
        await client.connect();
        const keys: string[] = [];
        for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 5000 }))
          keys.push(...batch);
        for (let i = 0; i < keys.length; i += 1000) await client.unlink(keys.slice(i, i + 1000));
        await client.close();
        await store.close();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-bench-'));
  const url = `sqlite://${path.join(dir, 'podium.sqlite')}`;
  const store = await openStore(url, { opTimeoutMs: 30_000 });
  return {
    store,
    url,
    done: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Writes subscriptions, their state and due entries in bulk (what /subscribe does, minus the per-call checks). */
async function seed(store: PodiumStore, subs: SubscriptionInfo[], nowMs: number): Promise<void> {
  for (let i = 0; i < subs.length; i += 1000) {
    const chunk = subs.slice(i, i + 1000);
    const states = chunk.map((s) => {
      let slot = slotOn(s, localDate(nowMs, s.timeZone));
      if (slot.dueAt < nowMs) slot = slotOn(s, localDate(nowMs + 86_400_000, s.timeZone));
      const state: ChannelState = {
        next: slot,
        failures: 0,
        lastFailure: null,
        paused: null,
        lastDelivery: null,
      };
      return { key: channelKey(s.platform, s.channelId), state };
    });
    await store.subscriptions.setMany(
      chunk.map((s) => ({ key: channelKey(s.platform, s.channelId), value: s })),
    );
    await store.channels.setMany(states.map((x) => ({ key: x.key, value: x.state })));
    await store.due.setMany(states.map((x) => ({ key: x.key, dueAt: x.state.next?.dueAt ?? 0 })));
  }
}

interface FanOut {
  label: string;
  channels: number;
  limit: number;
  seconds: number;
  rate: number;
  used: number;
  duplicates: number;
  rejected: number;
  missing: number;
  ticks: number;
}

/** N channels all due at 09:00 UTC, delivered through a platform limited to `limit`/s; the scheduler is told the same limit. */
async function fanOut(kind: 'sqlite' | 'redis', channels: number, limit: number): Promise<FanOut> {
  const { store, done } = await openBenchStore(kind);
  try {
    const base = Date.parse('2025-06-02T08:00:00Z');
    const port = createSubscriptionsPort({ store, kb, anniversary, clock: () => new Date(base) });
    for (let i = 0; i < channels; i++) {
      await port.subscribe({
        platform: 'discord',
        channelId: `c${i}`,
        hour: 9,
        timeZone: 'UTC',
        createdBy: null,
      });
    }
    const platform = limitedPlatform(limit, 15);
    // Simulated time starts at 09:00 and runs at real speed, so Retry-After waits are real.
    const t0 = nowMs();
    const clock = () => new Date(Date.parse('2025-06-02T09:00:00Z') + (nowMs() - t0));
    const scheduler = createScheduler({
      store,
      kb,
      anniversary,
      posters: [platform.poster],
      clock,
      logger,
      rateLimits: { discord: { postsPerSecond: limit } },
    });
    let ticks = 0;
    for (;;) {
      const report = await scheduler.tick();
      ticks += 1;
      if (platform.stats().channels >= channels || !report.nextWakeAt) break;
      await sleep(Math.max(0, Date.parse(report.nextWakeAt) - clock().getTime()));
    }
    const seconds = (nowMs() - t0) / 1000;
    const s = platform.stats();
    const rate = s.accepted / seconds;
    return {
      label: kind,
      channels,
      limit,
      seconds,
      rate,
      used: rate / limit,
      duplicates: s.duplicates,
      rejected: s.rejected,
      missing: channels - s.channels,
      ticks,
    };
  } finally {
    await done();
  }
}

const ZONES = [
  'UTC',
  'Europe/Paris',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
];

interface TickCost {
  label: string;
  subscriptions: number;
  seedSeconds: number;
  quietMedian: number;
  quietMax: number;
  hourlyDue: number;
  hourlyMedian: number;
  hourlyPerDelivery: number;
}

/** Tick cost with `n` subscriptions spread over hours and zones: quiet minutes, then tops of hours with an instant poster. */
async function tickCost(kind: 'sqlite' | 'redis', n: number): Promise<TickCost> {
  const { store, done } = await openBenchStore(kind);
  try {
    const start = Date.parse('2025-06-02T00:00:00Z');
    const subs: SubscriptionInfo[] = Array.from({ length: n }, (_, i) => ({
      platform: 'discord',
      channelId: `s${i}`,
      hour: i % 24,
      timeZone: ZONES[Math.floor(i / 24) % ZONES.length] as string,
      createdBy: null,
      createdAt: new Date(start).toISOString(),
    }));
    const seedStart = nowMs();
    await seed(store, subs, start);
    const seedSeconds = (nowMs() - seedStart) / 1000;
    let now = start;
    const poster: ChannelPoster = {
      platform: 'discord',
      post: async () => ({ kind: 'sent', messageId: 'm' }),
    };
    const scheduler = createScheduler({
      store,
      kb,
      anniversary,
      posters: [poster],
      clock: () => new Date(now),
      logger,
      rateLimits: { discord: { postsPerSecond: 1_000_000, concurrency: 64 } },
      prepareConcurrency: 32,
    });
    // Quiet minutes: :07 to :13 past each hour (no zone here has a :00/:15/:30/:45 offset falling there).
    const quiet: number[] = [];
    const hourly: number[] = [];
    let hourlyDue = 0;
    let delivered = 0;
    for (let h = 1; h <= 5; h++) {
      now = start + h * 3_600_000;
      const t = nowMs();
      const r = await scheduler.tick();
      hourly.push(nowMs() - t);
      hourlyDue = Math.max(hourlyDue, r.due);
      delivered += r.posted;
      for (let m = 7; m <= 13; m++) {
        now = start + h * 3_600_000 + m * 60_000;
        const q = nowMs();
        const quietReport = await scheduler.tick();
        quiet.push(nowMs() - q);
        if (quietReport.due !== 0) throw new Error(`expected a quiet minute, found ${quietReport.due} due`);
      }
    }
    const hourlyMedian = median(hourly);
    return {
      label: kind,
      subscriptions: n,
      seedSeconds,
      quietMedian: median(quiet),
      quietMax: Math.max(...quiet),
      hourlyDue,
      hourlyMedian,
      hourlyPerDelivery: hourly.reduce((a, b) => a + b, 0) / Math.max(1, delivered),
    };
  } finally {
    await done();
  }
}

/** Runs the benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const fanOuts: FanOut[] = [];
  const main = QUICK ? 2_000 : 10_000;
  // The case, measured once (10,000 at 50/s is 200 s of wall time).
  fanOuts.push(await fanOut('sqlite', main, 50));
  // Faster limit, three runs each on SQLite and Redis, for medians.
  const repeats = QUICK ? 1 : 3;
  const fast: Record<'sqlite' | 'redis', FanOut[]> = { sqlite: [], redis: [] };
  for (const kind of ['sqlite', 'redis'] as const) {
    for (let i = 0; i < repeats; i++) fast[kind].push(await fanOut(kind, main, 250));
  }
  const medianOf = (runs: FanOut[]): FanOut => {
    const sorted = [...runs].sort((a, b) => a.used - b.used);
    return sorted[Math.floor(sorted.length / 2)] as FanOut;
  };
  const rows = [
    ...fanOuts.map((f) => ({ ...f, runs: 1 })),
    { ...medianOf(fast.sqlite), runs: repeats },
    { ...medianOf(fast.redis), runs: repeats },
  ];
  const fanTable = table(
    [
      'store',
      'channels',
      'platform limit',
      'runs',
      'wall time',
      'posts/s',
      'limit used',
      '429s',
      'duplicates',
      'missing',
      'ticks',
    ],
    rows.map((f) => [
      f.label,
      f.channels.toLocaleString('en-US'),
      `${f.limit}/s`,
      String(f.runs),
      `${f.seconds.toFixed(1)} s`,
      f.rate.toFixed(1),
      `${(f.used * 100).toFixed(1)}%`,
      String(f.rejected),
      String(f.duplicates),
      String(f.missing),
      String(f.ticks),
    ]),
  );

  const n = QUICK ? 20_000 : 100_000;
  const costs = [await tickCost('sqlite', n), await tickCost('redis', n)];
  const costTable = table(
    [
      'store',
      'subscriptions',
      'seed',
      'quiet tick median (35)',
      'quiet tick max',
      'due at top of hour',
      'top-of-hour tick median (5)',
      'per delivery',
    ],
    costs.map((c) => [
      c.label,
      c.subscriptions.toLocaleString('en-US'),
      `${c.seedSeconds.toFixed(1)} s`,
      fmtMs(c.quietMedian),
      fmtMs(c.quietMax),
      c.hourlyDue.toLocaleString('en-US'),
      fmtMs(c.hourlyMedian),
      fmtMs(c.hourlyPerDelivery),
    ]),
  );

  return [
    '### Scheduler',
    '',
    `Fan-out: every channel due at the same minute, posted through a fake platform that allows the stated posts/s (token bucket, one second of burst, 15 ms per post) and answers 429 with Retry-After beyond it; the scheduler is configured with the same limit. "Limit used" is accepted posts per second of wall time (from the first tick to the last post, including claiming) over the limit. The 250/s rows are medians of ${repeats} runs${QUICK ? ' (quick mode: smaller runs)' : ''}.`,
    '',
    fanTable,
    '',
    `Tick cost: ${n.toLocaleString('en-US')} subscriptions spread over 24 hours and ${ZONES.length} zones (including +05:30, +05:45 and Lord Howe). A quiet minute reads only the due index (nothing due); a top-of-hour tick delivers everything due then through an instant poster (claim, ledger, state, index per delivery).`,
    '',
    costTable,
  ].join('\n');
}
