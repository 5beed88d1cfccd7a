/**
 * The timing of the "on this day" scheduler: one lane per platform (bounded preparation ahead of a
 * rate-limited post queue), a tick every minute with node-cron, and a wake-up for short retries.
 * What happens to each due channel (claim, post, record) is in delivery.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduledTask } from 'node-cron';
import PQueue from 'p-queue';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { ChannelPoster, PlatformName } from '../core/platform.js';
import { telemetry } from '../core/telemetry.js';
import type { Logger } from '../logger.js';
import type { PodiumStore } from '../store/open-store.js';
import { type Counter, deliverySteps, emptyReport, type TickReport } from './delivery.js';
import { type AnniversarySource, parseChannelKey } from './schedule.js';

export type { TickReport } from './delivery.js';

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
  posters: readonly ChannelPoster[];
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

/** The running scheduler. */
export interface Scheduler {
  /** Delivers everything due at clock(); resolves when this tick's deliveries are done. */
  tick(): Promise<TickReport>;
  /** Ticks now (catch-up after downtime), then every minute with node-cron. */
  start(): Promise<void>;
  /** Ticks now, outside the minute (the store just came back): catch-up the same local day. */
  catchUp(): void;
  /** Stops ticking, lets in-flight posts finish (queued ones are released), resolves when idle. */
  stop(): Promise<void>;
  readonly instanceId: string;
}

interface Lane {
  poster: ChannelPoster;
  prepare: PQueue;
  posts: PQueue;
  maxPending: number;
}

/**
 * The "on this day" scheduler. Each due channel is handled as: claim (platform, channel, local
 * date) with a lease → post → record the message id in the ledger → advance the due index
 * (delivery.ts); this function decides when, and how fast per platform.
 */
export function createScheduler(opts: SchedulerOptions): Scheduler {
  const { store, logger } = opts;
  const clock = opts.clock ?? (() => new Date());
  const instanceId = opts.instanceId ?? `podium-${randomUUID().slice(0, 8)}`;
  const pageSize = opts.pageSize ?? 1000;
  const steps = deliverySteps({
    store,
    kb: opts.kb,
    anniversary: opts.anniversary,
    clock,
    logger,
    instanceId,
    leaseMs: opts.leaseMs,
    pauseAfterGone: opts.pauseAfterGone,
    goneRetryMs: opts.goneRetryMs,
    errorRetryMs: opts.errorRetryMs,
    maxRetryMs: opts.maxRetryMs,
    ledgerTtlMs: opts.ledgerTtlMs,
  });

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
  let stopping = false;
  let lastPrune = Number.NEGATIVE_INFINITY;

  /** One channel through its platform's lane: prepare (bounded ahead of posting), post, finish. */
  async function handle(lane: Lane, key: string, report: TickReport): Promise<void> {
    const count = (what: Counter) => {
      report[what] += 1;
      telemetry().delivery(lane.poster.platform, what);
    };
    try {
      const handed = await lane.prepare.add(async () => {
        if (stopping) return 'skipped' as const;
        await lane.posts.onSizeLessThan(lane.maxPending);
        const job = await steps.prepare(key, report);
        if (typeof job === 'string') return job;
        // Hand the job to the rate-limited queue and free the prepare slot at once.
        return {
          posting: lane.posts.add(async (): Promise<Counter> => {
            if (stopping) {
              await steps.release(job);
              return 'skipped';
            }
            return steps.finish(job, await steps.post(lane.poster, job), report);
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
    const report = emptyReport(now);
    // Read the due entries first, then work: entries move as they are handled, which would shift pages.
    const due: string[] = [];
    let oldest = now;
    for (let offset = 0; ; offset += pageSize) {
      const page = await store.due.due(now, pageSize, offset);
      for (const e of page) {
        due.push(e.key);
        oldest = Math.min(oldest, e.dueAt);
      }
      if (page.length < pageSize) break;
    }
    report.due = due.length;
    // How late the most overdue channel is: grows while posting cannot keep up (or the store was away).
    telemetry().schedulerLag((now - oldest) / 1000);
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
  let starting: Promise<void> | null = null;
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
    catchUp: () => {
      if (task) void runTick('catch-up');
    },
    async start() {
      if (task) return;
      if (starting) return starting;
      stopping = false;
      starting = (async () => {
        // node-cron (and the child_process it links) loads when a scheduler starts: the console's
        // scheduler starts after its prompt, so a person never waits for it.
        const { default: cron } = await import('node-cron');
        if (stopping) return;
        logger.info({ instanceId, store: store.label, platforms: [...lanes.keys()] }, 'scheduler: started');
        // Overlapping ticks are fine: channels already in flight here are skipped, claims guard the rest.
        task = cron.schedule('* * * * *', () => runTick('cron'), { name: `podium-scheduler-${instanceId}` });
        // Catch up at once after downtime rather than at the next minute.
        void runTick('start');
      })().finally(() => {
        starting = null;
      });
      return starting;
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
