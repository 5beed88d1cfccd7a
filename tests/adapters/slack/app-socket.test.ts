/**
 * The real Bolt app in Socket Mode: apps.connections.open on the fake Web API hands out a ws:// URL,
 * the fake sends hello and then slash_commands envelopes, and the app's acks are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { startSlack } from '../../../src/adapters/slack/app.js';
import { renderSlackMessage } from '../../../src/adapters/slack/render.js';
import { loadConfig } from '../../../src/config.js';
import type { Command } from '../../../src/core/command.js';
import { createLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { type SlackHarness, startSlackHarness } from '../../fakes/slack/harness.js';
import { loadShippedKb } from '../../helpers.js';

const slow: Command = {
  name: 'slowpoke',
  description: 'answers after the ack',
  options: [],
  examples: [],
  slow: true,
  run: async () => ({ tone: 'info', title: 'Answer via response_url', sources: [], ephemeral: false }),
};

describe('Slack adapter in Socket Mode', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ mode: 'socket', commands: [...commands, slow] });
  });
  afterAll(() => h.stop());

  it('opens the connection with the app token and needs no HTTP port', () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe(h.fake.appToken);
    expect(h.slack.port).toBeUndefined();
  });

  it('acks a slash_commands envelope with the answer as its payload', async () => {
    const id = h.fake.sendEnvelope('slash_commands', h.fake.slashCommand('/podium', '1500m'));
    const ack = await h.fake.waitForAck(id);
    const payload = ack.payload as unknown as ReturnType<typeof renderSlackMessage>;
    expect(payload.response_type).toBe('in_channel');
    expect(payload.blocks[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(payload.blocks)).toContain('🥇 *Cole Hocker*');
    expect(payload.text).toContain('Cole Hocker');
  });

  it('acks help as an ephemeral answer', async () => {
    const id = h.fake.sendEnvelope('slash_commands', h.fake.slashCommand('/help', ''));
    expect((await h.fake.waitForAck(id)).payload).toMatchObject({ response_type: 'ephemeral' });
  });

  it('answers a redelivered envelope (retry_attempt) once, with an empty ack', async () => {
    const fields = h.fake.slashCommand('/quote', 'hocker');
    const first = h.fake.sendEnvelope('slash_commands', fields);
    const firstAck = await h.fake.waitForAck(first);
    const again = h.fake.sendEnvelope('slash_commands', fields, { retryAttempt: 1, retryReason: 'timeout' });
    const againAck = await h.fake.waitForAck(again);
    expect(firstAck.payload).toMatchObject({ response_type: 'in_channel' });
    expect(againAck.payload ?? {}).toEqual({});
  });

  it('acks a slow command empty and answers through response_url', async () => {
    const fields = h.fake.slashCommand('/slowpoke', '');
    const id = h.fake.sendEnvelope('slash_commands', fields);
    expect((await h.fake.waitForAck(id)).payload ?? {}).toEqual({});
    await h.fake.waitFor(() => h.fake.responses.some((r) => fields.response_url?.endsWith(r.id)));
    const delivered = h.fake.responses.find((r) => fields.response_url?.endsWith(r.id));
    expect(delivered?.body).toEqual(
      renderSlackMessage({ tone: 'info', title: 'Answer via response_url', sources: [], ephemeral: false }),
    );
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    h.fake.sendDisconnect();
    await h.fake.waitFor(() => h.fake.callsTo('apps.connections.open').length === 2, 10_000);
    await h.fake.waitForConnection();
    const id = h.fake.sendEnvelope('slash_commands', h.fake.slashCommand('/result', 'kerr'));
    expect((await h.fake.waitForAck(id, 10_000)).payload).toMatchObject({ response_type: 'in_channel' });
  });
});

describe('Slack adapter in Socket Mode, misconfigured', () => {
  it('refuses to start when Slack rejects the app-level token', async () => {
    const fake = await FakeSlack.start();
    try {
      await expect(
        startSlack({
          config: loadConfig({
            SLACK_BOT_TOKEN: fake.botToken,
            SLACK_APP_TOKEN: 'xapp-from-another-app',
            SLACK_API_URL: fake.apiUrl,
          }),
          kb: await loadShippedKb(),
          logger: createLogger('silent'),
          subscriptions: null,
        }),
      ).rejects.toThrow(/invalid_auth/);
    } finally {
      await fake.stop();
    }
  });
});
