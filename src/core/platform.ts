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

/** Something that can post a reply into a channel of one platform. */
export interface ChannelPoster {
  readonly platform: PlatformName;
  /**
   * Posts a reply. `idempotencyKey` (at most 25 characters of [A-Za-z0-9_-]) names the delivery:
   * posters whose platform can deduplicate on it do, so a post repeated after a crash shows once.
   */
  post(channelId: string, reply: Reply, options?: { idempotencyKey: string }): Promise<PostOutcome>;
}
