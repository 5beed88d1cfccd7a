/**
 * The scheduler's poster: the adapter's real WebClient (retries off, rate limits rejected) against the
 * fake chat.postMessage, and every failure mapped to sent / retry / gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postOutcomeFromError, SLACK_SERVER_ERROR_RETRY_MS } from '../../../src/adapters/slack/poster.js';
import { renderSlackBlocks } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/core/reply.js';
import { type SlackHarness, startSlackHarness } from '../../fakes/slack/harness.js';

const anniversary: Reply = {
  tone: 'info',
  title: 'On this day: 6 August',
  lines: ['2024 — Cole Hocker won the Olympic 1500m in an Olympic record, 3:27.65.'],
  sources: [{ title: 'Cole Hocker takes gold', publisher: null, date: '2024-08-06' }],
  ephemeral: false,
};

describe('Slack poster', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: 'http' });
  });
  afterAll(() => h.stop());

  it('posts the rendered blocks with the bot token and reports the message ts', async () => {
    const outcome = await h.slack.poster.post('C0NEWS', anniversary);
    expect(outcome).toEqual({ kind: 'sent', messageId: expect.stringMatching(/^\d+\.\d+$/) });
    const call = h.fake.callsTo('chat.postMessage').at(-1);
    expect(call?.token).toBe(h.fake.botToken);
    expect(call?.params).toMatchObject({ channel: 'C0NEWS', ...renderSlackBlocks(anniversary) });
    expect(call?.params.unfurl_links).toBe('false');
    expect(h.slack.poster.platform).toBe('slack');
  });

  it('maps a 429 to retry after Slack’s Retry-After, without sleeping or retrying itself', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfterSec: 42 });
    const before = h.fake.callsTo('chat.postMessage').length;
    const outcome = await h.slack.poster.post('C0NEWS', anniversary);
    expect(outcome).toEqual({ kind: 'retry', retryAfterMs: 42_000, reason: 'ratelimited' });
    expect(h.fake.callsTo('chat.postMessage').length).toBe(before + 1);
  });

  it('maps a 5xx to retry later', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'http', status: 503 });
    expect(await h.slack.poster.post('C0NEWS', anniversary)).toEqual({
      kind: 'retry',
      retryAfterMs: SLACK_SERVER_ERROR_RETRY_MS,
      reason: 'http_503',
    });
  });

  for (const error of ['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive']) {
    it(`maps ${error} to gone`, async () => {
      h.fake.failNext('chat.postMessage', { kind: 'error', error });
      expect(await h.slack.poster.post('C0GONE', anniversary)).toEqual({ kind: 'gone', reason: error });
    });
  }

  it('maps other Web API errors to a long retry so a person can look', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'error', error: 'invalid_blocks' });
    expect(await h.slack.poster.post('C0NEWS', anniversary)).toMatchObject({
      kind: 'retry',
      reason: 'invalid_blocks',
    });
  });

  it('maps a network failure to retry', () => {
    expect(
      postOutcomeFromError({ code: 'slack_webapi_request_error', original: new Error('ECONNRESET') }),
    ).toEqual({
      kind: 'retry',
      retryAfterMs: 10_000,
      reason: 'network',
    });
    expect(postOutcomeFromError(new Error('anything'))).toMatchObject({
      kind: 'retry',
      reason: 'unexpected',
    });
  });

  it('still posts after failures (the client queue was never paused)', async () => {
    h.fake.failNext('chat.postMessage', { kind: 'ratelimited', retryAfterSec: 3600 });
    await h.slack.poster.post('C0NEWS', anniversary);
    expect((await h.slack.poster.post('C0NEWS', anniversary)).kind).toBe('sent');
  });
});
