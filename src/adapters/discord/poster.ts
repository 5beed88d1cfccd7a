/**
 * Posting a reply into a Discord channel for the scheduler (POST /channels/{id}/messages), with
 * Discord's failures mapped to the typed outcomes the scheduler acts on: sent, retry later, or gone.
 */
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { type Config, ConfigError } from '../../config.js';
import type { ChannelPoster, PostOutcome } from '../../core/platform.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { type CardMaker, withCard } from '../cards.js';
import { withCardFile } from './card-file.js';
import { type DiscordMessage, renderDiscordMessage } from './render.js';

/** JSON error codes after which posting to this channel will not work until someone acts. */
export const DISCORD_GONE_CODES: Readonly<Record<number, string>> = {
  10003: 'unknown_channel',
  50001: 'missing_access',
  50013: 'missing_permissions',
  // Cannot send messages to this user (DM closed) / in a thread that is archived.
  50007: 'cannot_message_user',
  50083: 'thread_archived',
};
/** Wait after a 5xx (Discord sends no Retry-After with those). */
export const DISCORD_SERVER_ERROR_RETRY_MS = 30_000;
/** Wait after a network failure (connection refused, reset, timeout). */
export const DISCORD_NETWORK_RETRY_MS = 10_000;
/** Wait after any other error (a rejected payload, a bad token …): a person has to look. */
export const DISCORD_OTHER_ERROR_RETRY_MS = 5 * 60_000;
/** Shortest wait reported for a rate limit (the bucket's reset can be a few ms away). */
export const DISCORD_MIN_RATE_LIMIT_RETRY_MS = 250;

/** Maps an error thrown by @discordjs/rest to the outcome the scheduler acts on. */
export function postOutcomeFromError(err: unknown): PostOutcome {
  if (err instanceof RateLimitError) {
    const wait = err.retryAfter > 0 ? err.retryAfter : err.timeToReset;
    return {
      kind: 'retry',
      retryAfterMs: Math.max(DISCORD_MIN_RATE_LIMIT_RETRY_MS, Math.ceil(wait)),
      reason: err.global ? 'rate_limited_global' : 'rate_limited',
    };
  }
  if (err instanceof DiscordAPIError) {
    const gone = typeof err.code === 'number' ? DISCORD_GONE_CODES[err.code] : undefined;
    if (gone) return { kind: 'gone', reason: gone };
    if (err.status === 404) return { kind: 'gone', reason: 'not_found' };
    if (err.status >= 500)
      return { kind: 'retry', retryAfterMs: DISCORD_SERVER_ERROR_RETRY_MS, reason: `http_${err.status}` };
    return { kind: 'retry', retryAfterMs: DISCORD_OTHER_ERROR_RETRY_MS, reason: `discord_${err.code}` };
  }
  if (err instanceof HTTPError) {
    return { kind: 'retry', retryAfterMs: DISCORD_SERVER_ERROR_RETRY_MS, reason: `http_${err.status}` };
  }
  // fetch/undici failures (ECONNREFUSED, reset, the REST timeout's AbortError).
  return { kind: 'retry', retryAfterMs: DISCORD_NETWORK_RETRY_MS, reason: 'network' };
}

/**
 * The REST client the poster uses: it never retries and never sleeps through a rate limit on its
 * own (rejectOnRateLimit), so one limited channel yields `retry` at once instead of holding up the
 * scheduler's fan-out to every other channel.
 */
export function createPosterRest(config: Config): REST {
  const { token, apiUrl } = config.discord;
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'must be set to post into Discord channels');
  return new REST({ api: apiUrl, retries: 0, rejectOnRateLimit: () => true, timeout: 10_000 }).setToken(
    token,
  );
}

/** The body of a channel message: the reply's payload without interaction-only flags. */
export function channelMessageBody(reply: Reply): Omit<DiscordMessage, 'flags'> {
  const { flags: _ephemeralOnlyInInteractions, ...body } = renderDiscordMessage(reply);
  return body;
}

/** A ChannelPoster for Discord channels (works in gateway and HTTP-interactions modes alike). */
export function createDiscordPoster(options: {
  config: Config;
  logger: Logger;
  rest?: REST;
  /** Scheduled posts carry the card of their headline event when set. */
  cards?: CardMaker | null;
}): ChannelPoster {
  const rest = options.rest ?? createPosterRest(options.config);
  const log = options.logger;
  const cards = options.cards ?? null;
  return {
    platform: 'discord',
    async post(channelId, reply, options): Promise<PostOutcome> {
      if (!/^\d{1,25}$/.test(channelId)) return { kind: 'gone', reason: 'invalid_channel_id' };
      // With enforce_nonce, Discord returns the message already created with this nonce (within a
      // few minutes) instead of creating a second one: a post retried after a crash shows once.
      const dedupe = options?.idempotencyKey ? { nonce: options.idempotencyKey, enforce_nonce: true } : {};
      try {
        const { message: payload, files } = withCardFile(await withCard(Promise.resolve(reply), cards));
        const { flags: _ephemeralOnlyInInteractions, ...body } = payload;
        const message = (await rest.post(Routes.channelMessages(channelId), {
          body: { ...body, ...dedupe },
          files,
        })) as { id?: unknown };
        if (typeof message?.id !== 'string') {
          log.warn({ channelId }, 'discord: message created without an id');
          return { kind: 'retry', retryAfterMs: DISCORD_OTHER_ERROR_RETRY_MS, reason: 'no_message_id' };
        }
        return { kind: 'sent', messageId: message.id };
      } catch (err) {
        const outcome = postOutcomeFromError(err);
        log.warn({ channelId, outcome, err }, 'discord: post failed');
        return outcome;
      }
    },
  };
}
