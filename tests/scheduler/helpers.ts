import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { KnowledgeBase as KB } from '../../src/core/knowledge-base.js';
import type { ChannelPoster, PlatformName, PostOptions, PostOutcome } from '../../src/core/platform.js';
import type { Reply } from '../../src/core/reply.js';
import { createScheduler, type Scheduler, type SchedulerOptions } from '../../src/scheduler/scheduler.js';
import type { PodiumStore } from '../../src/store/index.js';

/** The Redis the tests use (REDIS_URL, default the local one). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test uses. */
export function freshPrefix(label = 'test'): string {
  return `podium-${label}-${randomUUID().slice(0, 8)}:`;
}

/** A logger that says nothing. */
export const quietLogger = pino({ level: 'silent' });

/** An empty knowledge base (tests pass their own anniversary calendar). */
export const emptyKb: KnowledgeBase = KB.fromBundles([]);

/** A temp folder removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-sched-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A calendar with something to post every day except the listed quiet dates (MM-DD or YYYY-MM-DD). */
export function calendar(quiet: readonly string[] = []): (date: string) => Reply | null {
  return (date) =>
    quiet.includes(date) || quiet.includes(date.slice(5))
      ? null
      : {
          tone: 'info',
          title: `On this day: ${date}`,
          lines: [`Anniversary of ${date}`],
          sources: [],
          ephemeral: false,
        };
}

/** One post a recording poster saw. */
export interface Recorded {
  platform: PlatformName;
  channelId: string;
  title: string;
  key: string | undefined;
  at: number;
}

/** A poster that records every post (with the clock's time) and answers with `answer` (default: sent). */
export function recordingPoster(
  platform: PlatformName,
  clock: () => Date,
  answer: (channelId: string, attempt: number) => PostOutcome | Promise<PostOutcome> = () => ({
    kind: 'sent',
    messageId: `m-${randomUUID().slice(0, 8)}`,
  }),
): ChannelPoster & { posts: Recorded[] } {
  const posts: Recorded[] = [];
  const attempts = new Map<string, number>();
  return {
    platform,
    posts,
    async post(channelId: string, reply: Reply, options?: PostOptions) {
      const n = (attempts.get(channelId) ?? 0) + 1;
      attempts.set(channelId, n);
      const outcome = await answer(channelId, n);
      if (outcome.kind === 'sent') {
        posts.push({
          platform,
          channelId,
          title: reply.title,
          key: options?.idempotencyKey,
          at: clock().getTime(),
        });
      }
      return outcome;
    },
  };
}

/** A settable clock. */
export function manualClock(start: string | number): {
  now: () => Date;
  set: (t: string | number) => void;
  advance: (ms: number) => void;
} {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => new Date(t),
    set: (v) => {
      t = typeof v === 'string' ? Date.parse(v) : v;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Counts of a list of strings that occur more than once. */
export function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Deletes every Redis key under a test prefix. */
export async function dropPrefix(prefix: string): Promise<void> {
  const { createClient } = await import('@keyv/redis');
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...batch);
    for (let i = 0; i < keys.length; i += 500) await client.del(keys.slice(i, i + 500));
  } finally {
    await client.close();
  }
}

/**
 * A scheduler on the empty base with one recording poster: posts `anniversary` (default: a post
 * every day), answers as `answer` says (default: sent), with any other option in `extra`.
 */
export function recordingScheduler(
  store: PodiumStore,
  clock: { now: () => Date },
  platform: PlatformName,
  opts: {
    anniversary?: SchedulerOptions['anniversary'];
    answer?: Parameters<typeof recordingPoster>[2];
    extra?: Partial<SchedulerOptions>;
  } = {},
): { poster: ChannelPoster & { posts: Recorded[] }; scheduler: Scheduler } {
  const poster = recordingPoster(platform, clock.now, opts.answer);
  const scheduler = createScheduler({
    store,
    kb: emptyKb,
    anniversary: opts.anniversary ?? calendar(),
    posters: [poster],
    clock: clock.now,
    logger: quietLogger,
    ...opts.extra,
  });
  return { poster, scheduler };
}
