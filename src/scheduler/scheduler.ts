import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import PQueue from 'p-queue';
import type { Logger } from 'pino';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import { onThisDay } from '../core/on-this-day.js';
import type { PlatformName, PostOutcome } from '../core/platform.js';
import type { Reply } from '../core/reply.js';
import type { SubscriptionInfo } from '../core/subscriptions.js';
import { addDays, localDate } from '../core/zoned-time.js';
import type { PodiumStore } from '../store/open-store.js';
import { type ChannelState, type DeliveryRecord, emptyChannelState } from '../store/records.js';
import {
  type AnniversarySource,
  type DueSlot,
  deliveryKey,
  firstSlotFrom,
  idempotencyKey,
  parseChannelKey,
  slotOn,
} from './schedule.js';

/** Optional third argument of `post`: a stable per-delivery key for platform-side deduplication. */
export interface PostOptions {
  /** At most 25 characters of [A-Za-z0-9_-]: usable as Discord's `nonce` with `enforce_nonce: true`. */
  idempotencyKey: string;
}

/**
 * A ChannelPoster as the scheduler calls it. Every ChannelPoster fits (the extra argument is
 * optional); posters that pass the key to the platform make a post repeated after a crash between
 * posting and recording show once.
 */
export interface DeliveryPoster {
  readonly platform: PlatformName;
  post(channelId: string, reply: Reply, options?: PostOptions): Promise<PostOutcome>;
  /**
   * Optional: the id of a message already posted with this idempotency key, or null. When present,
   * the scheduler marks each post as started and, on taking over a delivery whose earlier attempt
   * never recorded an outcome (a crash mid-post), asks this first instead of posting again — for
   * platforms without server-side deduplication (Slack: message metadata + conversations.history).
   */
  findPosted?(channelId: string, idempotencyKey: string): Promise<string | null>;
}

/** A platform's posting budget. */
export interface RateLimit {
  /** Sustained posts per second across all channels of the platform (per scheduler instance). */
  postsPerSecond: number;
  /** Posts in flight at once (defaults from the rate). */
  concurrency?: number;
}

/** Default budgets: under Discord's 50 requests/s per bot; Slack's chat.postMessage allows about 1/s per channel. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<PlatformName, RateLimit>> = {
  discord: { postsPerSecond: 40 },
  slack: { postsPerSecond: 10 },
  console: { postsPerSecond: 1000 },
};

/** What createScheduler needs. */
export interface SchedulerOptions {
  store: PodiumStore;
  kb: KnowledgeBase;
  /** Defaults to `onThisDay(kb, date)`. */
  anniversary?: AnniversarySource;
  posters: readonly DeliveryPoster[];
  /** The current instant; tests inject one and call tick() themselves. */
  clock?: () => Date;
  logger: Logger;
  /** Names this process in the ledger and in claim tokens (defaults to a random id). */
  instanceId?: string;
  /** How long a claimed delivery stays reserved before another instance may take it over (default 5 min). */
  leaseMs?: number;
  rateLimits?: Partial<Record<PlatformName, RateLimit>>;
  /** Consecutive "gone" outcomes that pause a channel (default 3). */
  pauseAfterGone?: number;
  /** Wait before trying a "gone" channel again the same day (default 10 min). */
  goneRetryMs?: number;
  /** Wait before retrying after a poster threw instead of returning an outcome (default 1 min). */
  errorRetryMs?: number;
  /** Cap on a platform's Retry-After (default 1 h). */
  maxRetryMs?: number;
  /** How long the ledger remembers a delivery (default 40 days). */
  ledgerTtlMs?: number;
  /** Due entries read per page (default 1000). */
  pageSize?: number;
  /** Deliveries prepared (store reads + claim) in parallel per platform (default 8). */
  prepareConcurrency?: number;
}

/** Counts of one tick. */
export interface TickReport {
  at: string;
  /** Entries found due. */
  due: number;
  posted: number;
  quiet: number;
  /** Already delivered (by this or another instance); only the schedule was advanced. */
  already: number;
  /** Claimed by another instance right now. */
  busy: number;
  /** Local days that passed without a delivery (the bot was down all the rest of that day). */
  missed: number;
  retried: number;
  gone: number;
  paused: number;
  /** Store or poster errors (logged); the entry stays due and is tried again. */
  errors: number;
  /** Not handled by this tick: already in flight here, no poster for the platform, or not due after all. */
  skipped: number;
  /** The soonest retry this tick scheduled, if any (start() wakes up for it). */
  nextWakeAt: string | null;
}

/** The running scheduler. */
export interface Scheduler {
  /** Delivers everything due at clock(); resolves when this tick's deliveries are done. */
  tick(): Promise<TickReport>;
  /** Ticks now (catch-up after downtime), then every minute with node-cron. */
  start(): Promise<void>;
  /** Stops ticking, lets in-flight posts finish (queued ones are released), resolves when idle. */
  stop(): Promise<void>;
  readonly instanceId: string;
}

type Counter = Exclude<keyof TickReport, 'at' | 'nextWakeAt'>;

interface Job {
  key: string;
  channelId: string;
  sub: SubscriptionInfo;
  date: string;
  delivery: string;
  token: string;
  reply: Reply;
}

interface Lane {
  poster: DeliveryPoster;
  prepare: PQueue;
  posts: PQueue;
  maxPending: number;
}

/**
 * The "on this day" scheduler. Each due channel is handled as: claim (platform, channel, local
 * date) with a lease → post → record the message id in the ledger → advance the due index.
 * Exactly once per channel and local day: the ledger is written before the claim is released and
 * re-checked after the claim is taken, so instances sharing a store never both post; a crash
 * before recording leaves a claim whose lease expires, and the delivery is taken over.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { store, logger } = opts;
  const clock = opts.clock ?? (() => new Date());
  const instanceId = opts.instanceId ?? `podium-${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const pauseAfterGone = opts.pauseAfterGone ?? 3;
  const goneRetryMs = opts.goneRetryMs ?? 10 * 60_000;
  const errorRetryMs = opts.errorRetryMs ?? 60_000;
  const maxRetryMs = opts.maxRetryMs ?? 3_600_000;
  const ledgerTtlMs = opts.ledgerTtlMs ?? 40 * 86_400_000;
  const pageSize = opts.pageSize ?? 1000;
  const baseAnniversary = opts.anniversary ?? ((date: string) => onThisDay(opts.kb, date));
  const replies = new Map<string, Reply | null>();
  // Thousands of channels share a local date: build each day's reply once.
  const anniversary = (date: string): Reply | null => {
    if (!replies.has(date)) {
      if (replies.size > 16) replies.clear();
      replies.set(date, baseAnniversary(date));
    }
    return replies.get(date) ?? null;
  };

  const lanes = new Map<PlatformName, Lane>();
  for (const poster of opts.posters) {
    const limit = opts.rateLimits?.[poster.platform] ?? DEFAULT_RATE_LIMITS[poster.platform];
    const rate = Math.max(0.01, limit.postsPerSecond);
    // Small windows (a tenth of a second's worth) keep posting smooth rather than bursty.
    const intervalCap = Math.max(1, Math.round(rate / 10));
    const concurrency = limit.concurrency ?? Math.min(64, Math.max(4, Math.ceil(rate / 2)));
    lanes.set(poster.platform, {
      poster,
      prepare: new PQueue({ concurrency: opts.prepareConcurrency ?? 8 }),
      posts: new PQueue({
        concurrency,
        intervalCap,
        interval: Math.max(1, Math.round((1000 * intervalCap) / rate)),
      }),
      // Claims are taken at most ~5 s of posting ahead, so a lease never runs out in the queue.
      maxPending: Math.max(concurrency, Math.ceil(rate * 5)),
    });
  }

  const inFlight = new Set<string>();
  let tokenSeq = 0;
  let stopping = false;
  let lastPrune = Number.NEGATIVE_INFINITY;

  const delivered = async (key: string, date: string) =>
    Boolean(await store.deliveries.get(deliveryKey(key, date)));

  /** Moves a channel past `date` (delivered or quiet), keeping state consistent with the ledger. */
  async function advance(key: string, date: string, record: DeliveryRecord | undefined): Promise<void> {
    const [sub, saved] = await Promise.all([store.subscriptions.get(key), store.channels.get(key)]);
    if (!sub) {
      await store.due.remove(key);
      return;
    }
    const state = saved ?? emptyChannelState();
    if (!state.next || state.next.localDate <= date) state.next = slotOn(sub, addDays(date, 1));
    if (record?.kind === 'sent') {
      state.failures = 0;
      state.lastFailure = null;
      if (!state.lastDelivery || state.lastDelivery.localDate <= date) {
        state.lastDelivery = { localDate: record.localDate, messageId: record.messageId, at: record.at };
      }
    }
    await store.channels.set(key, state);
    if (state.paused) await store.due.remove(key);
    else await store.due.set(key, state.next.dueAt);
  }

  /** Sets the channel's next slot (same day for retries) and the due index. */
  async function reschedule(key: string, state: ChannelState, slot: DueSlot): Promise<void> {
    state.next = slot;
    await store.channels.set(key, state);
    await store.due.set(key, slot.dueAt);
  }

  /** Reads, checks and claims one due channel; returns a job to post, or what happened instead. */
  async function prepare(key: string, report: TickReport): Promise<Job | Counter> {
    const parsed = parseChannelKey(key);
    const [sub, saved] = await Promise.all([store.subscriptions.get(key), store.channels.get(key)]);
    if (!sub || !parsed) {
      // Unsubscribed meanwhile (or a stray key): drop it from the schedule.
      await store.due.remove(key);
      return 'skipped';
    }
    const state = saved ?? emptyChannelState();
    if (state.paused) {
      await store.due.remove(key);
      return 'skipped';
    }
    const now = clock().getTime();
    let slot = state.next ?? (await firstSlotFrom(now, sub, (d) => delivered(key, d)));
    const today = localDate(now, sub.timeZone);
    if (slot.localDate < today) {
      // Down for the rest of that local day: its anniversary is stale now. Today's may still be due.
      logger.info({ channel: key, date: slot.localDate }, 'scheduler: missed a local day while down');
      report.missed += 1;
      slot = slotOn(sub, today);
    } else if (slot.localDate > today) {
      slot = slotOn(sub, slot.localDate);
    }
    if (slot.dueAt > now) {
      await reschedule(key, state, slot);
      return 'skipped';
    }
    const date = slot.localDate;
    const delivery = deliveryKey(key, date);
    const done = await store.deliveries.get(delivery);
    if (done) {
      await advance(key, date, done);
      return 'already';
    }
    const token = `${instanceId}/${++tokenSeq}`;
    if (!(await store.claims.acquire(delivery, token, now, leaseMs))) return 'busy';
    // Another instance may have recorded and released between our read and our claim.
    const recorded = await store.deliveries.get(delivery);
    if (recorded) {
      await advance(key, date, recorded);
      await store.claims.release(delivery, token);
      return 'already';
    }
    const reply = anniversary(date);
    if (!reply) {
      const quiet: DeliveryRecord = {
        kind: 'quiet',
        localDate: date,
        at: new Date(now).toISOString(),
        instanceId,
      };
      await store.deliveries.set(delivery, quiet, ledgerTtlMs);
      await advance(key, date, quiet);
      await store.claims.release(delivery, token);
      return 'quiet';
    }
    return { key, channelId: parsed.channelId, sub, date, delivery, token, reply };
  }

  /**
   * For posters that can look posts up: if an earlier attempt at this delivery started but never
   * recorded (its instance crashed mid-post), find the message instead of posting again; otherwise
   * mark this attempt as started. Returns the found message id, or null to go ahead and post.
   */
  async function recoverOrMark(lane: Lane, job: Job): Promise<string | null> {
    const find = lane.poster.findPosted;
    if (!find) return null;
    if (await store.attempts.get(job.delivery)) {
      const found = await find.call(lane.poster, job.channelId, idempotencyKey(job.delivery));
      if (found) return found;
    }
    await store.attempts.set(
      job.delivery,
      { at: new Date(clock().getTime()).toISOString(), instanceId },
      2 * 86_400_000,
    );
    return null;
  }

  /** Records what the platform answered and releases the claim. */
  async function finish(job: Job, outcome: PostOutcome, report: TickReport): Promise<Counter> {
    const now = clock().getTime();
    const at = new Date(now).toISOString();
    if (outcome.kind === 'sent') {
      const record: DeliveryRecord = {
        kind: 'sent',
        localDate: job.date,
        messageId: outcome.messageId,
        at,
        instanceId,
      };
      // The post is out: recording it is what keeps it from going out again, so insist a little.
      await persist(() => store.deliveries.set(job.delivery, record, ledgerTtlMs));
      await advance(job.key, job.date, record);
      await store.claims.release(job.delivery, job.token);
      return 'posted';
    }
    const state = (await store.channels.get(job.key)) ?? emptyChannelState();
    if (outcome.kind === 'retry') {
      const wait = Math.min(maxRetryMs, Math.max(1000, outcome.retryAfterMs));
      logger.info(
        { channel: job.key, date: job.date, retryAfterMs: wait, reason: outcome.reason },
        'scheduler: retry later',
      );
      await reschedule(job.key, state, { localDate: job.date, dueAt: now + wait });
      await store.claims.release(job.delivery, job.token);
      const wake = new Date(now + wait).toISOString();
      if (report.nextWakeAt === null || wake < report.nextWakeAt) report.nextWakeAt = wake;
      return 'retried';
    }
    state.failures += 1;
    state.lastFailure = { reason: outcome.reason, at };
    if (state.failures >= pauseAfterGone) {
      state.paused = { reason: `${outcome.reason} (${state.failures} failed attempts in a row)`, at };
      logger.warn(
        { channel: job.key, reason: outcome.reason, failures: state.failures },
        'scheduler: channel paused',
      );
      await store.channels.set(job.key, state);
      await store.due.remove(job.key);
      await store.claims.release(job.delivery, job.token);
      report.paused += 1;
      return 'gone';
    }
    logger.warn(
      { channel: job.key, reason: outcome.reason, failures: state.failures },
      'scheduler: channel gone',
    );
    await reschedule(job.key, state, { localDate: job.date, dueAt: now + goneRetryMs });
    await store.claims.release(job.delivery, job.token);
    return 'gone';
  }

  async function post(lane: Lane, job: Job): Promise<PostOutcome> {
    try {
      return await lane.poster.post(job.channelId, job.reply, {
        idempotencyKey: idempotencyKey(job.delivery),
      });
    } catch (err) {
      // A poster should return an outcome; a throw is a bug or a network failure: retry later.
      logger.error({ err, channel: job.key }, 'scheduler: poster threw');
      return {
        kind: 'retry',
        retryAfterMs: errorRetryMs,
        reason: err instanceof Error ? err.message : String(err),
      };
    }
  }

  /** One channel through its platform's lane: prepare (bounded ahead of posting), post, finish. */
  async function handle(lane: Lane, key: string, report: TickReport): Promise<void> {
    const count = (what: Counter) => {
      report[what] += 1;
    };
    try {
      const handed = await lane.prepare.add(async () => {
        if (stopping) return 'skipped' as const;
        await lane.posts.onSizeLessThan(lane.maxPending);
        const job = await prepare(key, report);
        if (typeof job === 'string') return job;
        // Hand the job to the rate-limited queue and free the prepare slot at once.
        return {
          posting: lane.posts.add(async (): Promise<Counter> => {
            if (stopping) {
              await store.claims.release(job.delivery, job.token);
              return 'skipped';
            }
            const found = await recoverOrMark(lane, job);
            if (found) {
              logger.info(
                { channel: job.key, date: job.date },
                'scheduler: found the post of a crashed attempt',
              );
              await finish(job, { kind: 'sent', messageId: found }, report);
              return 'already';
            }
            return finish(job, await post(lane, job), report);
          }),
        };
      });
      if (handed === undefined) return;
      if (typeof handed === 'string') return count(handed);
      count((await handed.posting) ?? 'skipped');
    } catch (err) {
      logger.error({ err, channel: key }, 'scheduler: delivery step failed; will try again next tick');
      count('errors');
    }
  }

  async function tick(): Promise<TickReport> {
    const now = clock().getTime();
    const report: TickReport = {
      at: new Date(now).toISOString(),
      due: 0,
      posted: 0,
      quiet: 0,
      already: 0,
      busy: 0,
      missed: 0,
      retried: 0,
      gone: 0,
      paused: 0,
      errors: 0,
      skipped: 0,
      nextWakeAt: null,
    };
    // Read the due entries first, then work: entries move as they are handled, which would shift pages.
    const due: string[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await store.due.due(now, pageSize, offset);
      for (const e of page) due.push(e.key);
      if (page.length < pageSize) break;
    }
    report.due = due.length;
    const work: Promise<void>[] = [];
    const noPoster = new Map<string, number>();
    for (const key of due) {
      const platform = parseChannelKey(key)?.platform;
      const lane = platform ? lanes.get(platform) : undefined;
      if (!lane || !platform) {
        noPoster.set(platform ?? 'unknown', (noPoster.get(platform ?? 'unknown') ?? 0) + 1);
        report.skipped += 1;
        continue;
      }
      if (inFlight.has(key)) {
        report.skipped += 1;
        continue;
      }
      inFlight.add(key);
      work.push(handle(lane, key, report).finally(() => inFlight.delete(key)));
    }
    for (const [platform, n] of noPoster) {
      logger.warn(
        { platform, channels: n },
        'scheduler: due channels of a platform this instance cannot post to',
      );
    }
    await Promise.all(work);
    if (now - lastPrune > 6 * 3_600_000) {
      lastPrune = now;
      try {
        const pruned = await store.prune(now);
        if (pruned > 0) logger.info({ pruned }, 'scheduler: pruned old ledger entries');
      } catch (err) {
        logger.warn({ err }, 'scheduler: pruning the ledger failed');
      }
    }
    return report;
  }

  let task: ScheduledTask | null = null;
  let wake: NodeJS.Timeout | null = null;
  const running = new Set<Promise<void>>();

  function runTick(reason: string): Promise<void> {
    if (stopping) return Promise.resolve();
    const run = tick()
      .then((r) => {
        const busy = r.posted + r.quiet + r.retried + r.gone + r.errors + r.missed > 0;
        (busy ? logger.info.bind(logger) : logger.debug.bind(logger))(
          { ...r, reason, instanceId },
          'scheduler: tick',
        );
        if (r.nextWakeAt) armWake(Date.parse(r.nextWakeAt));
      })
      .catch((err: unknown) =>
        logger.error({ err, reason }, 'scheduler: tick failed; next minute tries again'),
      )
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  }

  /** Retries shorter than the cron minute get their own wake-up so Retry-After is honoured closely. */
  function armWake(atMs: number): void {
    const delay = Math.max(0, atMs - clock().getTime()) + 50;
    if (stopping || delay > 60_000) return;
    if (wake) clearTimeout(wake);
    wake = setTimeout(() => {
      wake = null;
      void runTick('retry');
    }, delay);
  }

  return {
    instanceId,
    tick,
    async start() {
      if (task) return;
      stopping = false;
      logger.info({ instanceId, store: store.label, platforms: [...lanes.keys()] }, 'scheduler: started');
      // Overlapping ticks are fine: channels already in flight here are skipped, claims guard the rest.
      task = cron.schedule('* * * * *', () => runTick('cron'), { name: `podium-scheduler-${instanceId}` });
      // Catch up at once after downtime rather than at the next minute.
      void runTick('start');
    },
    async stop() {
      stopping = true;
      if (wake) clearTimeout(wake);
      wake = null;
      if (task) await task.destroy();
      task = null;
      await Promise.all([...running]);
      for (const lane of lanes.values()) await lane.posts.onIdle();
      logger.info({ instanceId }, 'scheduler: stopped');
    },
  };
}

/** Retries a write a few times on failure (a brief Redis or SQLite hiccup must not lose a record). */
async function persist(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
