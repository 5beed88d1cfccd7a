import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { subscribeCommand } from '../../commands/subscribe.js';
import { subscriptionCommand } from '../../commands/subscription.js';
import { unsubscribeCommand } from '../../commands/unsubscribe.js';
import type { CommandContext } from '../../src/core/command.js';
import { runCommand } from '../../src/core/run-command.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { loadShippedKb, redisAvailable, testContext } from '../helpers.js';
import { dropPrefix, freshPrefix, REDIS_URL, tempDir } from '../scheduler/helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function contextOn(
  store: PodiumStore,
  overrides: Partial<CommandContext> = {},
): Promise<CommandContext> {
  const kb = await loadShippedKb();
  const now = () => new Date('2026-08-05T10:00:00Z');
  return testContext({
    platform: 'slack',
    channelId: 'C1',
    userId: 'U1',
    now,
    subscriptions: createSubscriptionsPort({ store, kb, clock: now }),
    ...overrides,
  });
}

describe('/subscription', () => {
  it('shows the time, the next post in local time, the next anniversaries from the knowledge base, and no post yet', async () => {
    const store = await openStore('memory://');
    cleanups.push(() => store.close());
    const ctx = await contextOn(store);
    await runCommand(subscribeCommand, ctx, { hour: 8, timezone: 'Europe/Paris' });
    const reply = await runCommand(subscriptionCommand, ctx, {});
    expect(reply).toMatchObject({
      tone: 'info',
      title: 'Anniversary posts in this channel',
      ephemeral: true,
    });
    const fields = Object.fromEntries((reply.fields ?? []).map((f) => [f.label, f.value]));
    expect(fields.Time).toBe('08:00 every day (Europe/Paris)');
    expect(fields['Last post']).toBe('None yet');
    expect(fields['Next post']).toMatch(/^\w+day \d{1,2} \w+ 20\d\d at 08:00 \(Europe\/Paris\)$/);
    // Upcoming anniversaries are real events of the shipped data, soonest first, at most five.
    expect(reply.lines?.length).toBeGreaterThan(0);
    expect(reply.lines?.length).toBeLessThanOrEqual(5);
    for (const line of reply.lines ?? []) expect(line).toMatch(/^\w+day \d{1,2} \w+ 20\d\d: \d{4} — /);
  });

  it('says how to subscribe when the channel is not subscribed', async () => {
    const store = await openStore('memory://');
    cleanups.push(() => store.close());
    const reply = await runCommand(subscriptionCommand, await contextOn(store), {});
    expect(reply).toMatchObject({
      tone: 'miss',
      title: 'This channel has no anniversary posts',
      ephemeral: true,
    });
  });
});

describe('settings commands without a working store', () => {
  const unavailable = { tone: 'error', title: 'Settings are unavailable right now', ephemeral: true };

  it('answer "unavailable" when no store is configured', async () => {
    const ctx = await testContext({ subscriptions: null });
    for (const command of [subscribeCommand, unsubscribeCommand, subscriptionCommand]) {
      expect(await runCommand(command, ctx, {})).toMatchObject(unavailable);
    }
  });

  it('answer "unavailable" when the SQLite store fails', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    const store = await openStore(`sqlite://${tmp.dir}/podium.sqlite`);
    const ctx = await contextOn(store);
    await store.close();
    for (const command of [subscribeCommand, unsubscribeCommand, subscriptionCommand]) {
      expect(await runCommand(command, ctx, {})).toMatchObject(unavailable);
    }
  });

  it.skipIf(!redisAvailable())(
    'answer "unavailable" at once when Redis goes away, and work again when it is back',
    async () => {
      // A TCP relay to the real Redis that the test can cut, as if Redis went down.
      const target = new URL(REDIS_URL);
      const sockets = new Set<net.Socket>();
      let up = true;
      const relay = net.createServer((client) => {
        if (!up) return client.destroy();
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        client.pipe(upstream).pipe(client);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
      });
      await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
      cleanups.push(() => new Promise((r) => relay.close(() => r())));
      const prefix = freshPrefix('cmd');
      cleanups.push(() => dropPrefix(prefix));
      const store = await openStore(`redis://127.0.0.1:${(relay.address() as net.AddressInfo).port}`, {
        prefix,
        opTimeoutMs: 1000,
      });
      cleanups.push(() => store.close().catch(() => {}));
      const ctx = await contextOn(store);
      expect((await runCommand(subscribeCommand, ctx, { hour: 9 })).title).toBe('Anniversary posts are on');

      up = false;
      for (const s of sockets) s.destroy();
      const started = Date.now();
      for (const command of [subscriptionCommand, subscribeCommand, unsubscribeCommand]) {
        expect(await runCommand(command, ctx, {})).toMatchObject(unavailable);
      }
      expect(Date.now() - started).toBeLessThan(5000);

      up = true;
      await expect
        .poll(async () => (await runCommand(subscriptionCommand, ctx, {})).title, {
          timeout: 10_000,
          interval: 200,
        })
        .toBe('Anniversary posts in this channel');
    },
  );
});
