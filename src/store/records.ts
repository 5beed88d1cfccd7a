/** What the scheduler keeps per channel and per delivery, as stored (plain JSON). */

/** The scheduler's bookkeeping for one subscribed channel (separate from the user's settings). */
export interface ChannelState {
  /** The local date the channel is next due for and the UTC instant (ms) it becomes due. */
  next: { localDate: string; dueAt: number } | null;
  /** Consecutive "gone" outcomes; reset by a successful post or a new /subscribe. */
  failures: number;
  lastFailure: { reason: string; at: string } | null;
  paused: { reason: string; at: string } | null;
  lastDelivery: { localDate: string; messageId: string; at: string } | null;
}

/** One line of the delivery ledger: what went to a channel for a local date (or that the day was quiet). */
export type DeliveryRecord =
  | { kind: 'sent'; localDate: string; messageId: string; at: string; instanceId: string }
  | { kind: 'quiet'; localDate: string; at: string; instanceId: string };

/** A fresh state for a channel that has never been delivered to. */
export function emptyChannelState(): ChannelState {
  return { next: null, failures: 0, lastFailure: null, paused: null, lastDelivery: null };
}
