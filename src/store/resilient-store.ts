/**
 * A store that opens itself: if Redis or the SQLite file is unavailable at start, or keeps failing
 * later, it is (re)opened in the background with backoff, and every operation meanwhile fails
 * quickly with a StoreError ("store unavailable") instead of the process running storeless for life.
 */

import type { SubscriptionInfo } from '../core/subscriptions.js';
import type { Logger } from '../logger.js';
import { safeLocation } from './location.js';
import { openStore, type PodiumStore, resolveSqlitePath, type StoreOptions } from './open-store.js';
import type { ChannelState, DeliveryRecord } from './records.js';
import { isStoreError, StoreError } from './store-error.js';
import type { Collection, StoreKind } from './types.js';

/** Options beyond openStore's. */
export interface ResilientStoreOptions extends StoreOptions {
  /** First wait before reopening (doubles up to maxRetryMs). Default 1 s. */
  retryMs?: number;
  /** Longest wait between reopen attempts. Default 30 s. */
  maxRetryMs?: number;
  /** Consecutive failed operations after which an open store is closed and reopened. Default 10. */
  reopenAfterFailures?: number;
  /** Called each time the store (re)opens: the scheduler catches up then. */
  onOpen?: () => void;
  logger?: Pick<Logger, 'warn' | 'info'>;
  /** Opens the real store; tests inject failures here. Default openStore. */
  open?: (url: string, opts: StoreOptions) => Promise<PodiumStore>;
  /**
   * Return before the first opening finishes (the console shows its prompt meanwhile); operations
   * made in the meantime wait for that first attempt rather than fail. Default false.
   */
  background?: boolean;
}

/** A PodiumStore that reopens itself, plus what readiness needs. */
export interface ResilientStore extends PodiumStore {
  /** True while a store is open. */
  isOpen(): boolean;
  /** null when the store answers a read now, else why not. */
  ping(): Promise<string | null>;
}

function describe(url: string, cwd: string): { kind: StoreKind; label: string } {
  if (url.startsWith('sqlite://')) {
    try {
      return { kind: 'sqlite', label: `sqlite ${resolveSqlitePath(url, cwd)}` };
    } catch {
      return { kind: 'sqlite', label: 'sqlite' };
    }
  }
  if (/^rediss?:\/\//.test(url)) return { kind: 'redis', label: `redis ${safeLocation(url)}` };
  return { kind: 'memory', label: 'memory' };
}

/**
 * Opens the store once (awaited, so start-up logs how it went), and keeps trying in the background
 * when it could not. A URL that can never work (unknown scheme, no file named) still rejects at once.
 */
export async function openResilientStore(
  url: string,
  opts: ResilientStoreOptions = {},
): Promise<ResilientStore> {
  const open = opts.open ?? openStore;
  const { kind, label } = describe(url, opts.cwd ?? process.cwd());
  if (!/^(sqlite:\/\/.|rediss?:\/\/|memory:)/.test(url)) await openStore(url, opts); // throws the clear error
  const baseRetry = opts.retryMs ?? 1000;
  const maxRetry = opts.maxRetryMs ?? 30_000;
  const reopenAfter = opts.reopenAfterFailures ?? 10;
  let current: PodiumStore | null = null;
  let lastError = 'not opened yet';
  let retryMs = baseRetry;
  let timer: NodeJS.Timeout | null = null;
  let opening: Promise<void> | null = null;
  let failures = 0;
  let closed = false;

  const attempt = (): Promise<void> => {
    opening ??= (async () => {
      try {
        const store = await open(url, opts);
        if (closed) {
          await store.close().catch(() => undefined);
          return;
        }
        current = store;
        failures = 0;
        retryMs = baseRetry;
        opts.logger?.info({ store: label }, 'store opened');
        opts.onOpen?.();
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        opts.logger?.warn({ store: label, retryInMs: retryMs }, `store unavailable (${lastError}); retrying`);
        schedule();
      }
    })().finally(() => {
      opening = null;
    });
    return opening;
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void attempt();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(maxRetry, retryMs * 2);
  };

  /** Runs an operation on the open store; counts failures and reopens after too many in a row. */
  const via = async <R>(operation: string, run: (s: PodiumStore) => Promise<R>): Promise<R> => {
    if (!current && first) await first;
    const store = current;
    if (!store) {
      if (closed) throw new StoreError(label, operation, new Error('the store is closed'));
      throw new StoreError(label, operation, new Error(`store unavailable (${lastError}); reconnecting`));
    }
    try {
      const result = await run(store);
      failures = 0;
      return result;
    } catch (err) {
      if (isStoreError(err) && ++failures >= reopenAfter && current === store && !closed) {
        lastError = err.message;
        opts.logger?.warn({ store: label, failures }, 'store keeps failing; reopening it');
        current = null;
        void store.close().catch(() => undefined);
        schedule();
      }
      throw err;
    }
  };

  const collection = <T>(pick: (s: PodiumStore) => Collection<T>): Collection<T> => ({
    get: (key) => via('read', (s) => pick(s).get(key)),
    getMany: (keys) => via('read', (s) => pick(s).getMany(keys)),
    set: (key, value, ttlMs) => via('write', (s) => pick(s).set(key, value, ttlMs)),
    setMany: (entries) => via('write', (s) => pick(s).setMany(entries)),
    delete: (key) => via('delete', (s) => pick(s).delete(key)),
  });

  let first: Promise<void> | null = attempt().finally(() => {
    first = null;
  });
  if (!opts.background) await first;
  return {
    kind,
    label,
    subscriptions: collection<SubscriptionInfo>((s) => s.subscriptions),
    channels: collection<ChannelState>((s) => s.channels),
    deliveries: collection<DeliveryRecord>((s) => s.deliveries),
    due: {
      set: (key, dueAt) => via('schedule', (s) => s.due.set(key, dueAt)),
      setMany: (entries) => via('schedule', (s) => s.due.setMany(entries)),
      remove: (key) => via('unschedule', (s) => s.due.remove(key)),
      get: (key) => via('read schedule', (s) => s.due.get(key)),
      due: (nowMs, limit, offset) => via('read due schedule', (s) => s.due.due(nowMs, limit, offset)),
      size: () => via('count schedule', (s) => s.due.size()),
    },
    claims: {
      acquire: (key, token, nowMs, leaseMs) =>
        via('claim', (s) => s.claims.acquire(key, token, nowMs, leaseMs)),
      release: (key, token) => via('release claim', (s) => s.claims.release(key, token)),
    },
    prune: (nowMs) => via('prune', (s) => s.prune(nowMs)),
    isOpen: () => current !== null,
    async ping() {
      try {
        await via('ping', (s) => s.due.get('\u0000readiness-probe'));
        return null;
      } catch (err) {
        return err instanceof Error ? err.message : String(err);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await opening;
      const store = current;
      current = null;
      await store?.close();
    },
  };
}
