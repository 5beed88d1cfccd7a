/**
 * Posting a reply into a Slack channel for the scheduler (chat.postMessage), with Slack's failures
 * mapped to the typed outcomes the scheduler acts on: sent, retry later, or gone.
 */
import type { ChannelPoster, PostOutcome } from '../../core/platform.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import type { SlackCards } from './card-delivery.js';
import type { FilesUploadClient } from './cards.js';
import { renderSlackBlocks } from './render.js';

/** Web API errors after which posting to this channel will not work until someone acts. */
export const SLACK_GONE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'token_revoked',
  'restricted_action',
  'restricted_action_read_only_channel',
]);

/** Wait after a 5xx without Retry-After. */
export const SLACK_SERVER_ERROR_RETRY_MS = 30_000;
/** Wait after a network failure (connection refused, reset, timeout). */
export const SLACK_NETWORK_RETRY_MS = 10_000;
/** Wait after any other Web API error (invalid_blocks, missing_scope …): a person has to look. */
export const SLACK_OTHER_ERROR_RETRY_MS = 5 * 60_000;

/** The part of @slack/web-api's WebClient the poster uses. */
export interface ChatPostMessageClient {
  chat: {
    postMessage(args: {
      channel: string;
      text: string;
      blocks: unknown[];
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ok?: boolean; ts?: string; error?: string }>;
  };
}

interface SlackErrorShape {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  headers?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/** Maps an error thrown by @slack/web-api (matched by its documented `code`) to an outcome. */
export function postOutcomeFromError(err: unknown): PostOutcome {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SlackErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const sec = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter : 1;
      return { kind: 'retry', retryAfterMs: sec * 1000, reason: 'ratelimited' };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      const headers = (typeof e.headers === 'object' && e.headers !== null ? e.headers : {}) as Record<
        string,
        unknown
      >;
      const after = Number(headers['retry-after']);
      const retryAfterMs = Number.isFinite(after) && after >= 0 ? after * 1000 : SLACK_SERVER_ERROR_RETRY_MS;
      return { kind: 'retry', retryAfterMs, reason: `http_${status}` };
    }
    case 'slack_webapi_platform_error': {
      const error = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (error === 'ratelimited') return { kind: 'retry', retryAfterMs: 1000, reason: error };
      if (SLACK_GONE_ERRORS.has(error)) return { kind: 'gone', reason: error };
      return { kind: 'retry', retryAfterMs: SLACK_OTHER_ERROR_RETRY_MS, reason: error };
    }
    case 'slack_webapi_request_error':
      return { kind: 'retry', retryAfterMs: SLACK_NETWORK_RETRY_MS, reason: 'network' };
    default:
      return { kind: 'retry', retryAfterMs: SLACK_OTHER_ERROR_RETRY_MS, reason: 'unexpected' };
  }
}

/**
 * A ChannelPoster over chat.postMessage. The client must not retry on its own (retries: 0) and must
 * reject rate-limited calls, so a 429 becomes `retry` with Slack's Retry-After instead of a silent sleep.
 */
export function createSlackPoster(
  client: ChatPostMessageClient,
  logger: Logger,
  cards?: SlackCards,
): ChannelPoster {
  return {
    platform: 'slack',
    async post(channelId: string, reply: Reply): Promise<PostOutcome> {
      const { blocks, text } = cards ? cards.presentBlocks(reply) : renderSlackBlocks(reply);
      try {
        const res = await client.chat.postMessage({
          channel: channelId,
          text,
          blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
        if (!res.ts) {
          logger.warn({ channelId }, 'slack chat.postMessage answered without a ts');
          return { kind: 'retry', retryAfterMs: SLACK_OTHER_ERROR_RETRY_MS, reason: 'no_ts' };
        }
        // The post is made: a card that cannot be uploaded is logged, never a reason to post again.
        if (cards && 'files' in client)
          await cards.upload(client as FilesUploadClient & ChatPostMessageClient, channelId, reply);
        return { kind: 'sent', messageId: res.ts };
      } catch (err) {
        const outcome = postOutcomeFromError(err);
        logger.warn({ channelId, outcome, err }, 'slack post failed');
        return outcome;
      }
    },
  };
}
