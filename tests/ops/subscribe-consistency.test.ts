/**
 * /subscribe and /unsubscribe write several keys. Whichever write fails (an injected store error),
 * or wherever a kill -9 lands, a channel is never left shown by /subscription but never posted.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { channelKey } from '../../src/scheduler/schedule.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { REPO_ROOT } from '../helpers.js';
import { calendar, emptyKb, manualClock, recordingScheduler, tempDir } from '../scheduler/helpers.js';
import { failingStore } from './failing-store.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** Subscribed channels that would never post: a subscription with no due entry, or a due entry in no time. */
async function shownButNeverPosted(store: PodiumStore, channels: readonly string[]): Promise<string[]> {
  const bad: string[] = [];
  for (const id of channels) {
    const key = channelKey('discord', id);
    const [sub, state, due] = await Promise.all([
      store.subscriptions.get(key),
      store.channels.get(key),
      store.due.get(key),
    ]);
    if (sub && !state?.paused && (due === undefined || !state?.next)) bad.push(id);
  }
  return bad;
}

describe('subscribe and unsubscribe with a failing write', () => {
  it('leave no channel shown but never posted, whichever write fails', async () => {
    const clock = manualClock('2026-03-10T08:00:00Z');
    for (let failing = 1; failing <= 6; failing++) {
      const store = failingStore(await openStore('memory://'));
      const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary: calendar(), clock: clock.now });
      const channel = `c${failing}`;
      // Subscribe (the n-th write fails), then try the other transitions with a failure too.
      store.failAt(failing);
      await port
        .subscribe({ platform: 'discord', channelId: channel, hour: 9, timeZone: 'UTC', createdBy: 'u' })
        .catch(() => undefined);
      expect(await shownButNeverPosted(store, [channel]), `subscribe, write ${failing} fails`).toEqual([]);
      const status = await port.status('discord', channel);
      if (status?.nextPostAt) {
        // What /subscription promises happens: the scheduler posts at that time.
        const { poster, scheduler } = recordingScheduler(store, clock, 'discord');
        clock.set(status.nextPostAt);
        await scheduler.tick();
        expect(poster.posts.map((p) => p.channelId)).toEqual([channel]);
        clock.set('2026-03-10T08:00:00Z');
      }
      await port.subscribe({
        platform: 'discord',
        channelId: channel,
        hour: 9,
        timeZone: 'UTC',
        createdBy: 'u',
      });
      store.failAt(failing);
      await port.unsubscribe('discord', channel).catch(() => undefined);
      expect(await shownButNeverPosted(store, [channel]), `unsubscribe, write ${failing} fails`).toEqual([]);
      await store.close();
    }
  });

  it('repairs on read a subscription written without its schedule (by an older version)', async () => {
    const clock = manualClock('2026-03-10T08:00:00Z');
    const store = await openStore('memory://');
    const port = createSubscriptionsPort({ store, kb: emptyKb, anniversary: calendar(), clock: clock.now });
    await port.subscribe({ platform: 'discord', channelId: 'old', hour: 9, timeZone: 'UTC', createdBy: 'u' });
    const key = channelKey('discord', 'old');
    await store.due.remove(key);
    await store.channels.delete(key);
    expect(await shownButNeverPosted(store, ['old'])).toEqual(['old']);
    const status = await port.status('discord', 'old');
    expect(status?.nextPostAt).toBe('2026-03-10T09:00:00.000Z');
    expect(await shownButNeverPosted(store, ['old'])).toEqual([]);
    await store.close();
  });
});

describe('kill -9 during /subscribe', () => {
  it('leaves every subscribed channel scheduled, over several kill cycles', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'podium.sqlite');
    const channels = Array.from({ length: 400 }, (_, i) => `k${i}`);
    for (let cycle = 0; cycle < 5; cycle++) {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(REPO_ROOT, 'tests/ops/fixtures/subscribe-loop.ts'),
          file,
          String(cycle),
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
      });
      // Kill at a random moment once it is writing.
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (out.includes('writing')) {
            clearInterval(check);
            setTimeout(resolve, 30 + Math.floor(Math.random() * 300));
          }
        }, 5);
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const store = await openStore(`sqlite://${file}`);
      expect(await shownButNeverPosted(store, channels), `after kill ${cycle}`).toEqual([]);
      await store.close();
    }
  }, 120_000);
});
