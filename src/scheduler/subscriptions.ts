import type { KnowledgeBase } from '../core/knowledge-base.js';
import { onThisDay } from '../core/on-this-day.js';
import type { PlatformName } from '../core/platform.js';
import type { SubscriptionInfo, SubscriptionStatus, SubscriptionsPort } from '../core/subscriptions.js';
import { canonicalTimeZone, formatLocal, localDate } from '../core/zoned-time.js';
import type { Logger } from '../logger.js';
import type { PodiumStore } from '../store/open-store.js';
import { type ChannelState, emptyChannelState } from '../store/records.js';
import { isStoreError } from '../store/store-error.js';
import {
  type AnniversarySource,
  channelKey,
  deliveryKey,
  firstSlotFrom,
  slotOn,
  upcomingAnniversaries,
} from './schedule.js';

/** What the subscription port needs. */
export interface SubscriptionsPortOptions {
  store: PodiumStore;
  kb: KnowledgeBase;
  /** Defaults to `onThisDay(kb, date)`; tests inject their own calendar. */
  anniversary?: AnniversarySource;
  clock?: () => Date;
  logger?: Pick<Logger, 'warn'>;
}

/** How many upcoming anniversaries /subscription lists. */
export const UPCOMING_COUNT = 5;

/**
 * The SubscriptionsPort commands use: subscribe (or change) a channel, unsubscribe it, and its
 * status. Store failures are logged and rethrown as StoreError (commands answer "settings are
 * unavailable right now"); a bad hour or zone is a RangeError (commands validate first).
 */
export function createSubscriptionsPort(opts: SubscriptionsPortOptions): SubscriptionsPort {
  const { store } = opts;
  const clock = opts.clock ?? (() => new Date());
  const anniversary = opts.anniversary ?? ((date: string) => onThisDay(opts.kb, date));
  const logged = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (isStoreError(err)) opts.logger?.warn({ err }, `subscriptions: ${what} failed`);
      throw err;
    }
  };

  /**
   * Repair on read: a subscription whose channel state or due entry is missing (written by a
   * version that wrote them in another order, or lost with a store) is scheduled again here.
   */
  const repair = async (
    key: string,
    subscription: SubscriptionInfo,
    saved: ChannelState | undefined,
    now: number,
  ): Promise<ChannelState> => {
    const state = saved ?? emptyChannelState();
    if (state.paused) return state;
    const dueAt = await store.due.get(key);
    if (saved?.next && dueAt !== undefined) return state;
    state.next ??= await firstSlotFrom(now, subscription, async (date) =>
      Boolean(await store.deliveries.get(deliveryKey(key, date))),
    );
    opts.logger?.warn({ channel: key }, 'subscriptions: repaired a subscription that was not scheduled');
    await store.channels.set(key, state);
    await store.due.set(key, state.next.dueAt);
    return state;
  };

  return {
    subscribe: (input) =>
      logged('subscribe', async () => {
        if (!Number.isInteger(input.hour) || input.hour < 0 || input.hour > 23) {
          throw new RangeError(`hour must be a whole number from 0 to 23, got ${input.hour}`);
        }
        const timeZone = canonicalTimeZone(input.timeZone);
        if (!timeZone) throw new RangeError(`unknown time zone "${input.timeZone}"`);
        const now = clock().getTime();
        const key = channelKey(input.platform, input.channelId);
        const info: SubscriptionInfo = { ...input, timeZone, createdAt: new Date(now).toISOString() };
        const state = (await store.channels.get(key)) ?? emptyChannelState();
        // Subscribing again resumes a paused channel and forgets its failures.
        state.paused = null;
        state.failures = 0;
        state.lastFailure = null;
        state.next = await firstSlotFrom(now, info, async (date) =>
          Boolean(await store.deliveries.get(deliveryKey(key, date))),
        );
        // The subscription is written last: until it is there, a tick drops the due entry as stray,
        // so a failure or a kill between writes never leaves a channel shown but never posted.
        // The due entry is written again after it, in case a tick dropped it in between.
        await store.due.set(key, state.next.dueAt);
        await store.channels.set(key, state);
        await store.subscriptions.set(key, info);
        await store.due.set(key, state.next.dueAt);
        return info;
      }),

    unsubscribe: (platform: PlatformName, channelId: string) =>
      logged('unsubscribe', async () => {
        const key = channelKey(platform, channelId);
        // The subscription goes first: a due entry left behind by a failure is dropped by the next
        // tick, while a subscription left without its due entry would be shown but never posted.
        const existed = await store.subscriptions.delete(key);
        await store.due.remove(key);
        await store.channels.delete(key);
        return existed;
      }),

    status: (platform: PlatformName, channelId: string) =>
      logged('status', async (): Promise<SubscriptionStatus | null> => {
        const key = channelKey(platform, channelId);
        const [subscription, saved] = await Promise.all([
          store.subscriptions.get(key),
          store.channels.get(key),
        ]);
        if (!subscription) return null;
        const now = clock().getTime();
        const state = await repair(key, subscription, saved, now);
        const from = state.next?.localDate ?? localDate(now, subscription.timeZone);
        const upcoming = upcomingAnniversaries(anniversary, from, UPCOMING_COUNT);
        let nextPostAt: number | null = null;
        const first = upcoming[0];
        if (!state.paused && first) {
          // The next slot may be a retry later today; other days post at the subscribed hour.
          nextPostAt =
            state.next && first.date === state.next.localDate
              ? state.next.dueAt
              : slotOn(subscription, first.date).dueAt;
        }
        return {
          subscription,
          nextPostAt: nextPostAt === null ? null : new Date(nextPostAt).toISOString(),
          nextPostLocal: nextPostAt === null ? null : formatLocal(nextPostAt, subscription.timeZone),
          upcoming,
          lastDelivery: state.lastDelivery,
          failures: state.failures,
          paused: state.paused,
        };
      }),
  };
}
