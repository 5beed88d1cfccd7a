import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_DEDUPE_TTL_MS } from '../../../src/adapters/slack/app.js';
import { openStore, type PodiumStore } from '../../../src/store/index.js';
import { type SlackHarness, startSlackHarness, TEST_SIGNING_SECRET } from '../../fakes/slack/harness.js';
import { postSlashCommand } from '../../fakes/slack/signed-request.js';
import { redisAvailable } from '../../helpers.js';
import { dropPrefix, freshPrefix, REDIS_URL } from '../../scheduler/helpers.js';

describe.skipIf(!redisAvailable())('Slack redeliveries across instances sharing Redis', () => {
  let store: PodiumStore;
  let a: SlackHarness;
  let b: SlackHarness;
  const prefix = freshPrefix('slack-redelivery');

  beforeAll(async () => {
    store = await openStore(REDIS_URL, { prefix });
    const shared = (instance: string) => (key: string) =>
      store.claims.acquire(`slack-delivery:${key}`, instance, Date.now(), SLACK_DEDUPE_TTL_MS);
    a = await startSlackHarness({ mode: 'http', logLevel: 'info', adapter: { firstDelivery: shared('a') } });
    b = await startSlackHarness({ mode: 'http', logLevel: 'info', adapter: { firstDelivery: shared('b') } });
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await store?.close();
    await dropPrefix(prefix);
  });

  it('answers once when the retry reaches another instance', async () => {
    const fields = a.fake.slashCommand('/quote', 'hocker');
    const first = await postSlashCommand(a.eventsUrl, TEST_SIGNING_SECRET, fields);
    const retry = await postSlashCommand(b.eventsUrl, TEST_SIGNING_SECRET, fields, { retryNum: 1 });
    expect((first.body as { response_type: string }).response_type).toBe('in_channel');
    expect(retry.status).toBe(200);
    expect(retry.body).toBe('');
    expect(b.logs.some((l) => l.msg === 'slack: redelivered command ignored')).toBe(true);
  });

  it('answers different commands on both instances', async () => {
    const one = await postSlashCommand(
      a.eventsUrl,
      TEST_SIGNING_SECRET,
      a.fake.slashCommand('/podium', '1500m'),
    );
    const two = await postSlashCommand(
      b.eventsUrl,
      TEST_SIGNING_SECRET,
      b.fake.slashCommand('/podium', '1500m'),
    );
    expect([one.body, two.body].map((x) => (x as { response_type: string }).response_type)).toEqual([
      'in_channel',
      'in_channel',
    ]);
  });

  it('still answers when the shared check fails', async () => {
    const h = await startSlackHarness({
      mode: 'http',
      logLevel: 'info',
      adapter: { firstDelivery: () => Promise.reject(new Error('redis down')) },
    });
    try {
      const res = await postSlashCommand(
        h.eventsUrl,
        TEST_SIGNING_SECRET,
        h.fake.slashCommand('/result', 'kerr'),
      );
      expect((res.body as { response_type: string }).response_type).toBe('in_channel');
      expect(h.logs.some((l) => l.msg === 'slack: shared redelivery check failed; answering')).toBe(true);
    } finally {
      await h.stop();
    }
  });
});
