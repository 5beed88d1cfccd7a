/**
 * The exactly-once delivery steps of the "on this day" scheduler, with the store and the clock in
 * and no queues: prepare (read, check, claim), post (one poster call, a throw becomes a retry), and
 * finish (record the outcome, advance or reschedule, release the claim). Timing, lanes and cron are
 * in scheduler.ts.
 */
import type { KnowledgeBase } from '../core/knowledge-base.js';
import { onThisDay } from '../core/on-this-day.js';
import type { ChannelPoster, PostOutcome } from '../core/platform.js';
import type { Reply } from '../core/reply.js';
import type { SubscriptionInfo } from '../core/subscriptions.js';
import { addDays, localDate } from '../core/zoned-time.js';
import type { Logger } from '../logger.js';
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

/** One of the counters of a tick report. */
export type Counter = Exclude<keyof TickReport, 'at' | 'nextWakeAt'>;

/** A claimed delivery, ready to post. */
export interface Job {
  key: string;
  channelId: string;
  sub: SubscriptionInfo;
  date: string;
  delivery: string;
  token: string;
  reply: Reply;
}

/** What the delivery steps need. */
export interface DeliveryOptions {
  store: PodiumStore;
  kb: KnowledgeBase;
  /** Defaults to `onThisDay(kb, date)`. */
  anniversary?: AnniversarySource | undefined;
  clock: () => Date;
  logger: Logger;
  instanceId: string;
  /** How long a claimed delivery stays reserved before another instance may take it over (default 5 min). */
  leaseMs?: number | undefined;
  /** Consecutive "gone" outcomes that pause a channel (default 3). */
  pauseAfterGone?: number | undefined;
  /** Wait before trying a "gone" channel again the same day (default 10 min). */
  goneRetryMs?: number | undefined;
  /** Wait before retrying after a poster threw instead of returning an outcome (default 1 min). */
  errorRetryMs?: number | undefined;
  /** Cap on a platform's Retry-After (default 1 h). */
  maxRetryMs?: number | undefined;
  /** How long the ledger remembers a delivery (default 40 days). */
  ledgerTtlMs?: number | undefined;
}

/** The steps one due channel goes through; each reads and writes only the store. */
export interface DeliverySteps {
  /** Reads, checks and claims one due channel; returns a job to post, or what happened instead. */
  prepare(key: string, report: TickReport): Promise<Job | Counter>;
  /** Posts a job; a poster that throws instead of answering gets a retry. */
  post(poster: ChannelPoster, job: Job): Promise<PostOutcome>;
  /** Records what the platform answered and releases the claim. */
  finish(job: Job, outcome: PostOutcome, report: TickReport): Promise<Counter>;
  /** Gives a job's claim back unposted (the scheduler is stopping). */
  release(job: Job): Promise<void>;
}

/** A report with every counter at zero. */
export function emptyReport(nowMs: number): TickReport {
  return {
    at: new Date(nowMs).toISOString(),
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
}

/**
 * The delivery steps. Exactly once per channel and local day: the ledger is written before the
 * claim is released and re-checked after the claim is taken, so instances sharing a store never
 * both post; a crash before recording leaves a claim whose lease expires, and the delivery is
 * taken over (posters pass the idempotency key so the platform shows a repeated post once).
 */
export function deliverySteps(opts: DeliveryOptions): DeliverySteps {
  const { store, logger, clock, instanceId } = opts;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const pauseAfterGone = opts.pauseAfterGone ?? 3;
  const goneRetryMs = opts.goneRetryMs ?? 10 * 60_000;
  const errorRetryMs = opts.errorRetryMs ?? 60_000;
  const maxRetryMs = opts.maxRetryMs ?? 3_600_000;
  const ledgerTtlMs = opts.ledgerTtlMs ?? 40 * 86_400_000;
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
  let tokenSeq = 0;

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
      // Unsubscribed meanwhile, a stray key, or a /subscribe still writing: drop it from the
      // schedule, unless the subscription appeared meanwhile (subscribe writes it last).
      await store.due.remove(key);
      const late = parsed ? await store.subscriptions.get(key) : undefined;
      const next = late ? (await store.channels.get(key))?.next : undefined;
      if (next) await store.due.set(key, next.dueAt);
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

  async function post(poster: ChannelPoster, job: Job): Promise<PostOutcome> {
    try {
      return await poster.post(job.channelId, job.reply, {
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

  return {
    prepare,
    post,
    finish,
    release: (job) => store.claims.release(job.delivery, job.token),
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
