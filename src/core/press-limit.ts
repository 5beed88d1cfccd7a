/**
 * Per-user limits on button presses: a token bucket per person (a short burst, then a steady rate),
 * so one fan hammering "Next" cannot make the bot spam a channel or burn its platform rate limits.
 * In memory, per process: a press answered by another instance counts there.
 */

/** Presses one person may make in a burst. */
export const PRESS_BURST = 5;
/** Time for one more press to become available once the burst is spent. */
export const PRESS_REFILL_MS = 2000;
const MAX_PEOPLE = 10_000;

/** A press allowed, or refused with how long until the next one is. */
export type PressAllowance = { ok: true } | { ok: false; retryAfterMs: number };

/** Options of a limiter (tests inject the clock). */
export interface PressLimiterOptions {
  burst?: number;
  refillMs?: number;
  now?: () => number;
}

/** Token buckets by user id. */
export class PressLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;
  private readonly refillMs: number;
  private readonly now: () => number;

  constructor(options: PressLimiterOptions = {}) {
    this.burst = options.burst ?? PRESS_BURST;
    this.refillMs = options.refillMs ?? PRESS_REFILL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Takes one press for `userId`, or says how long to wait. */
  take(userId: string): PressAllowance {
    const now = this.now();
    const bucket = this.buckets.get(userId);
    let tokens = this.burst;
    if (bucket) {
      tokens = Math.min(this.burst, bucket.tokens + Math.max(0, now - bucket.at) / this.refillMs);
      this.buckets.delete(userId);
    } else if (this.buckets.size >= MAX_PEOPLE) {
      // Forget the longest-idle person (Map keeps insertion order; active people are re-inserted).
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (tokens < 1) {
      this.buckets.set(userId, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * this.refillMs) };
    }
    this.buckets.set(userId, { tokens: tokens - 1, at: now });
    return { ok: true };
  }
}
