import type { Reply } from './reply.js';

/** Where a command came from or a post goes to. */
export type PlatformName = 'console' | 'discord' | 'slack';

/**
 * Result of posting a reply into a channel, as the scheduler needs it:
 * sent (with the platform's message id), retry later (rate limit or server error), or gone
 * (channel deleted, bot removed, archived) — which the scheduler counts towards pausing.
 */
export type PostOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'retry'; retryAfterMs: number; reason: string }
  | { kind: 'gone'; reason: string };

/** Optional third argument of `post`: a stable per-delivery key for platform-side deduplication. */
export interface PostOptions {
  /** At most 25 characters of [A-Za-z0-9_-]: usable as Discord's `nonce` with `enforce_nonce: true`. */
  idempotencyKey: string;
}

/** Something that can post a reply into a channel of one platform: what adapters give the scheduler. */
export interface ChannelPoster {
  readonly platform: PlatformName;
  /**
   * Posts a reply. `idempotencyKey` names the delivery: posters whose platform can deduplicate on
   * it do (Discord's enforce_nonce), so a post repeated after a crash between posting and
   * recording shows once.
   */
  post(channelId: string, reply: Reply, options?: PostOptions): Promise<PostOutcome>;
}
