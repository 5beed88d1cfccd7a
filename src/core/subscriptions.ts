/**
 * The subscriptions port: what the channel-settings commands ask of the scheduler's side, and the
 * types it speaks. The implementation lives in src/scheduler/subscriptions.ts.
 */
import type { PlatformName } from './platform.js';

/** A channel subscription to "on this day" posts. */
export interface SubscriptionInfo {
  platform: PlatformName;
  channelId: string;
  hour: number;
  timeZone: string;
  createdBy: string | null;
  createdAt: string;
}

/** What `/subscription` shows for a channel. */
export interface SubscriptionStatus {
  subscription: SubscriptionInfo;
  /** ISO instant of the next post, and the same in the channel's local time. */
  nextPostAt: string | null;
  nextPostLocal: string | null;
  /** The next anniversaries it will post, soonest first: local date and a one-line label. */
  upcoming: Array<{ date: string; label: string }>;
  lastDelivery: { localDate: string; messageId: string; at: string } | null;
  failures: number;
  paused: { reason: string; at: string } | null;
}

/** The scheduler's side of the subscription commands; null where no store is configured. */
export interface SubscriptionsPort {
  subscribe(input: Omit<SubscriptionInfo, 'createdAt'>): Promise<SubscriptionInfo>;
  unsubscribe(platform: PlatformName, channelId: string): Promise<boolean>;
  status(platform: PlatformName, channelId: string): Promise<SubscriptionStatus | null>;
}
