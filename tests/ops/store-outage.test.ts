/**
 * The store comes and goes: Redis not there at start, Redis stopping and returning mid-run, a
 * SQLite file that cannot be opened at first. Settings and scheduled posts come back by themselves,
 * /readyz says why it is not ready meanwhile, and the scheduler catches up the same local day.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpsServer } from '../../src/ops/http-server.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openResilientStore } from '../../src/store/index.js';
import {
  calendar,
  emptyKb,
  manualClock,
  quietLogger,
  recordingScheduler,
  tempDir,
} from '../scheduler/helpers.js';
import { privateRedis, redisServerAvailable } from './redis-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!redisServerAvailable())('Redis outages', () => {
  it('opens a Redis that was down at start, and /readyz follows it', async () => {
    const redis = await privateRedis();
    cleanups.push(redis.stop);
    let opened = 0;
    const store = await openResilientStore(redis.url, {
      retryMs: 100,
      maxRetryMs: 300,
      connectTimeoutMs: 500,
      logger: quietLogger,
      onOpen: () => {
        opened += 1;
      },
    });
    cleanups.push(() => store.close());
    const ops = createOpsServer({
      handlers: [],
      readiness: { store: () => store.ping() },
      metrics: null,
      logger: quietLogger,
    });
    const base = await ops.listen(0, '127.0.0.1');
    cleanups.push(async () => {
      await ops.close(100);
    });
    expect(store.isOpen()).toBe(false);
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { failures: Record<string, string> }).failures.store).toMatch(
      /unavailable/,
    );
    const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary: calendar() });
    await expect(
      port.subscribe({ platform: 'slack', channelId: 'C1', hour: 9, timeZone: 'UTC', createdBy: 'u' }),
    ).rejects.toThrow(/unavailable/);

    await redis.start();
    await until(() => store.isOpen());
    expect(opened).toBe(1);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    await port.subscribe({ platform: 'slack', channelId: 'C1', hour: 9, timeZone: 'UTC', createdBy: 'u' });
    expect((await port.status('slack', 'C1'))?.subscription.hour).toBe(9);
  }, 30_000);

  it('survives Redis stopping and returning: settings come back and the day is caught up', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const redis = await privateRedis(dir);
    cleanups.push(redis.stop);
    await redis.start();
    const clock = manualClock('2026-05-04T08:00:00Z');
    const store = await openResilientStore(redis.url, {
      retryMs: 100,
      connectTimeoutMs: 500,
      opTimeoutMs: 500,
      logger: quietLogger,
    });
    cleanups.push(() => store.close());
    const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary: calendar(), clock: clock.now });
    const channels = Array.from({ length: 20 }, (_, i) => `C${i}`);
    for (const id of channels)
      await port.subscribe({ platform: 'slack', channelId: id, hour: 9, timeZone: 'UTC', createdBy: 'u' });
    const { poster, scheduler } = recordingScheduler(store, clock, 'slack');

    // Redis goes away before the 09:00 posts.
    await redis.stop();
    clock.set('2026-05-04T09:00:30Z');
    const during = await scheduler.tick().catch(() => null);
    expect(during === null || during.posted === 0).toBe(true);
    expect(await store.ping()).not.toBeNull();
    await expect(port.status('slack', 'C0')).rejects.toThrow();

    // It returns at 11:00 (same day): settings are back and every channel posts once.
    await redis.start();
    clock.set('2026-05-04T11:00:00Z');
    await until(async () => (await store.ping()) === null);
    expect((await port.status('slack', 'C0'))?.subscription.hour).toBe(9);
    const report = await scheduler.tick();
    expect(report.posted).toBe(20);
    await scheduler.tick();
    expect(poster.posts.map((p) => p.channelId).sort()).toEqual([...channels].sort());
  }, 60_000);
});

describe('SQLite that cannot be opened at first', () => {
  it('is opened once the problem is gone, with a clear reason meanwhile', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    // A file where the store's folder should be: the folder cannot be created.
    const blocker = path.join(dir, 'var');
    await writeFile(blocker, 'not a folder');
    const store = await openResilientStore(`sqlite://${path.join(blocker, 'podium.sqlite')}`, {
      retryMs: 100,
      maxRetryMs: 200,
      logger: quietLogger,
    });
    cleanups.push(() => store.close());
    expect(store.isOpen()).toBe(false);
    expect(await store.ping()).toMatch(/sqlite .*podium\.sqlite/);
    await rm(blocker);
    await mkdir(blocker);
    await until(() => store.isOpen());
    expect(await store.ping()).toBeNull();
  }, 30_000);

  it('opened in the background (the console), lets a setting made meanwhile wait for the opening', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const store = await openResilientStore(`sqlite://${path.join(dir, 'podium.sqlite')}`, {
      logger: quietLogger,
      background: true,
      // The real SQLite store, opened only once the test lets it: the prompt is up meanwhile.
      open: async (url, opts) => {
        await gate;
        const { openStore } = await import('../../src/store/index.js');
        return openStore(url, opts);
      },
    });
    cleanups.push(() => store.close());
    expect(store.isOpen()).toBe(false);
    const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary: calendar() });
    const subscribed = port.subscribe({
      platform: 'console',
      channelId: 'console',
      hour: 9,
      timeZone: 'UTC',
      createdBy: 'u',
    });
    release();
    await subscribed;
    expect(store.isOpen()).toBe(true);
    expect((await port.status('console', 'console'))?.subscription.hour).toBe(9);
  }, 30_000);
});
