import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore } from '../../src/store/index.js';
import { redisAvailable } from '../helpers.js';
import { calendar, dropPrefix, emptyKb, freshPrefix, manualClock, REDIS_URL, tempDir } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.join(here, 'fixtures', 'fanout-child.ts');
const ROOT = path.resolve(here, '..', '..');
const CHANNELS = 200;
const LEASE_MS = 120_000;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** The platform: like Discord's enforce_nonce, a repeated key gets the first message back. */
async function startRecorder() {
  const raw: Array<{ channelId: string; key: string }> = [];
  const messages = new Map<string, { messageId: string; channelId: string }>();
  let onPost: (() => void) | null = null;
  let holding = false;
  let held = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const { channelId, key } = JSON.parse(body) as { channelId: string; key: string };
      raw.push({ channelId, key });
      let message = messages.get(key);
      if (!message) {
        message = { messageId: `msg-${raw.length}`, channelId };
        messages.set(key, message);
      }
      onPost?.();
      // Once told to hold, the platform takes posts but never answers: they are in flight at the kill.
      if (holding) {
        held += 1;
        return;
      }
      res.setHeader('content-type', 'application/json');
      setTimeout(() => res.end(JSON.stringify({ messageId: message.messageId })), 2);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    raw,
    messages,
    /** Resolves when n posts have arrived, and from then on holds every post unanswered. */
    holdAfter(n: number) {
      return new Promise<void>((resolve) => {
        onPost = () => {
          if (messages.size >= n && !holding) {
            holding = true;
            resolve();
          }
        };
      });
    },
    held: () => held,
    release() {
      holding = false;
      onPost = null;
    },
  };
}

function runChild(env: Record<string, string>): {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null; out: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

describe.each(['sqlite', 'redis'] as const)(
  'a scheduler process killed mid fan-out (%s store, deduplicating platform)',
  (kind) => {
    it('is restarted with no duplicate and no lost post', { timeout: 60_000 }, async (t) => {
      if (kind === 'redis' && !redisAvailable()) t.skip();
      const prefix = freshPrefix('crash');
      let url = REDIS_URL;
      if (kind === 'sqlite') {
        const tmp = await tempDir();
        cleanups.push(tmp.cleanup);
        url = `sqlite://${path.join(tmp.dir, 'podium.sqlite')}`;
      } else {
        cleanups.push(() => dropPrefix(prefix));
      }
      const clock = manualClock('2025-06-02T08:00:00Z');
      const setup = await openStore(url, { prefix });
      const port = createSubscriptionsPort({
        store: setup,
        kb: emptyKb,
        anniversary: calendar(),
        clock: clock.now,
      });
      for (let i = 0; i < CHANNELS; i++) {
        await port.subscribe({
          platform: 'slack',
          channelId: `C${i}`,
          hour: 9,
          timeZone: 'UTC',
          createdBy: 'u',
        });
      }
      await setup.close();
      const recorder = await startRecorder();
      const base = {
        STORE_URL: url,
        PREFIX: prefix,
        RECORDER_URL: recorder.url,
        LEASE_MS: String(LEASE_MS),
        RATE: '100',
      };

      // First life: killed with SIGKILL once a third of the posts are out.
      const first = runChild({ ...base, INSTANCE: 'first', CLOCK: '2025-06-02T09:00:10Z' });
      await recorder.holdAfter(Math.floor(CHANNELS / 3));
      // Let the other posting slots fill with unanswered posts, then kill.
      await new Promise((r) => setTimeout(r, 300));
      first.child.kill('SIGKILL');
      const killed = await first.done;
      expect(killed.signal).toBe('SIGKILL');
      const beforeRestart = recorder.messages.size;
      const inFlight = recorder.held();
      expect(beforeRestart).toBeLessThan(CHANNELS);
      expect(inFlight).toBeGreaterThanOrEqual(1);
      recorder.release();

      // Second life, after the first life's leases ran out (still 2 June in UTC).
      const second = await runChild({ ...base, INSTANCE: 'second', CLOCK: '2025-06-02T09:03:00Z' }).done;
      expect(second.code, second.out).toBe(0);
      const report = JSON.parse(second.out.trim().split('\n').pop() ?? '{}') as {
        posted: number;
        already: number;
      };

      // Every channel has exactly one message, and the ledger holds that message's id.
      expect(recorder.messages.size).toBe(CHANNELS);
      const perChannel = new Map<string, number>();
      for (const m of recorder.messages.values())
        perChannel.set(m.channelId, (perChannel.get(m.channelId) ?? 0) + 1);
      expect([...perChannel.values()].every((n) => n === 1)).toBe(true);
      expect(perChannel.size).toBe(CHANNELS);
      const check = await openStore(url, { prefix });
      for (const [, m] of recorder.messages) {
        expect(await check.deliveries.get(`slack:${m.channelId}@2025-06-02`)).toMatchObject({
          kind: 'sent',
          messageId: m.messageId,
        });
      }
      await check.close();
      const resent = recorder.raw.length - CHANNELS;
      // Posts in flight at the kill were sent again with the same key, and the platform answered
      // with the first message.
      expect(resent).toBe(inFlight);
      expect(report.posted).toBe(CHANNELS - beforeRestart + inFlight);

      // A third life later that day finds nothing to do.
      const third = await runChild({ ...base, INSTANCE: 'third', CLOCK: '2025-06-02T10:00:00Z' }).done;
      expect(third.code, third.out).toBe(0);
      expect(recorder.raw.length).toBe(CHANNELS + resent);
    });
  },
);
