import path from 'node:path';
import type { SubscriptionInfo } from '../core/subscriptions.js';
import type { Logger } from '../logger.js';
import type { Backend } from './backend.js';
import { guard } from './guard.js';
import { keyvCollection } from './keyv-collection.js';
import { safeLocation } from './location.js';
import type { ChannelState, DeliveryRecord } from './records.js';
import { StoreError } from './store-error.js';
import type { Claims, Collection, DueIndex, StoreKind } from './types.js';

/** Options of openStore; every field has a sensible default. */
export interface StoreOptions {
  /** Prefix of every key and keyv namespace ("podium:"); tests pass a fresh one per test. */
  prefix?: string;
  /** Base folder for a relative sqlite:// path (default: the process's working directory). */
  cwd?: string;
  /** Longest a single store operation may take before it fails with a StoreError. */
  opTimeoutMs?: number;
  /** Longest the first Redis connection may take. */
  connectTimeoutMs?: number;
  /** How long SQLite waits for another process's write lock. */
  busyTimeoutMs?: number;
  /** Where background problems (a Redis connection dropping) are reported. */
  logger?: Pick<Logger, 'warn'>;
}

/** The typed store the scheduler and the subscription commands use. */
export interface PodiumStore {
  readonly kind: StoreKind;
  /** Location without secrets, for logs: "sqlite /abs/var/podium.sqlite", "redis 127.0.0.1:6379", "memory". */
  readonly label: string;
  /** User settings per channel (written by /subscribe and /unsubscribe). */
  readonly subscriptions: Collection<SubscriptionInfo>;
  /** Scheduler bookkeeping per channel: next due date, failures, pause, last delivery. */
  readonly channels: Collection<ChannelState>;
  /** The delivery ledger per (platform, channel, local date). */
  readonly deliveries: Collection<DeliveryRecord>;
  readonly due: DueIndex;
  readonly claims: Claims;
  /** Drops expired ledger entries and stale claims (SQLite keeps them otherwise); returns how many. */
  prune(nowMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Namespaces (one per concern) under the store's prefix. */
const NAMESPACES = {
  subscriptions: 'subscriptions',
  channels: 'channel-state',
  deliveries: 'deliveries',
} as const;

/**
 * Opens the store named by PODIUM_STORE: `sqlite://var/podium.sqlite` (relative to the working
 * directory; folder and file are created), `sqlite:///abs/file.sqlite`, `redis://…`/`rediss://…`,
 * or `memory://`. Fails with a StoreError naming the store when it cannot be opened.
 */
export async function openStore(url: string, opts: StoreOptions = {}): Promise<PodiumStore> {
  const prefix = opts.prefix ?? 'podium:';
  const timeoutMs = opts.opTimeoutMs ?? 5000;
  let backend: Backend;
  if (url === 'memory://' || url === 'memory:') {
    // Each backend is imported when chosen: a one-shot command opening SQLite never loads Redis.
    const { memoryBackend } = await import('./memory-backend.js');
    backend = memoryBackend();
  } else if (url.startsWith('sqlite://')) {
    const file = resolveSqlitePath(url, opts.cwd ?? process.cwd());
    const { sqliteBackend } = await import('./sqlite-backend.js');
    backend = await guard(`sqlite ${file}`, 'open', Math.max(timeoutMs, 30_000), () =>
      sqliteBackend(file, { busyTimeoutMs: opts.busyTimeoutMs ?? 5000 }),
    );
  } else if (/^rediss?:\/\//.test(url)) {
    const connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
    let lastWarn = 0;
    const { redisBackend } = await import('./redis-backend.js');
    backend = await guard(`redis ${safeLocation(url)}`, 'connect', connectTimeoutMs + 1000, () =>
      redisBackend(url, {
        prefix,
        connectTimeoutMs,
        onBackgroundError: (err) => {
          // The client retries on its own; one line every 30 s is enough while Redis is away.
          const now = Date.now();
          if (now - lastWarn < 30_000) return;
          lastWarn = now;
          opts.logger?.warn({ err, store: safeLocation(url) }, 'redis store connection problem; retrying');
        },
      }),
    );
  } else {
    throw new StoreError(
      'store',
      `open "${url}"`,
      new Error('use sqlite://<file>, redis://<host>:<port> or memory://'),
    );
  }
  const { label } = backend;
  let closed = false;
  // keyv's Redis adapter silently reconnects a closed client: a closed store must fail instead.
  const checkOpen = () => {
    if (closed) throw new Error('the store is closed');
  };
  const collection = <T>(name: string) =>
    keyvCollection<T>(backend.keyv(`${prefix}${name}`), label, name, timeoutMs, checkOpen);
  const guarded = <A extends unknown[], R>(operation: string, fn: (...args: A) => Promise<R>) => {
    return (...args: A) =>
      guard(label, operation, timeoutMs, () => {
        checkOpen();
        return fn(...args);
      });
  };
  return {
    kind: backend.kind,
    label,
    subscriptions: collection<SubscriptionInfo>(NAMESPACES.subscriptions),
    channels: collection<ChannelState>(NAMESPACES.channels),
    deliveries: collection<DeliveryRecord>(NAMESPACES.deliveries),
    due: {
      set: guarded('schedule', backend.due.set),
      setMany: guarded('schedule', backend.due.setMany),
      remove: guarded('unschedule', backend.due.remove),
      get: guarded('read schedule', backend.due.get),
      due: guarded('read due schedule', backend.due.due),
      size: guarded('count schedule', backend.due.size),
    },
    claims: {
      acquire: guarded('claim', backend.claims.acquire),
      release: guarded('release claim', backend.claims.release),
    },
    prune: (nowMs) =>
      guard(label, 'prune', Math.max(timeoutMs, 60_000), () =>
        backend.prune(nowMs, [`${prefix}${NAMESPACES.deliveries}`]),
      ),
    async close() {
      if (closed) return;
      closed = true;
      await guard(label, 'close', timeoutMs, () => backend.close());
    },
  };
}

/** The file a sqlite:// URL names: `sqlite://var/x.sqlite` is relative to cwd, `sqlite:///srv/x.sqlite` absolute. */
export function resolveSqlitePath(url: string, cwd: string): string {
  const rest = url.slice('sqlite://'.length);
  if (rest === ':memory:') return rest;
  if (rest === '') throw new StoreError('sqlite', `open "${url}"`, new Error('the URL names no file'));
  return path.resolve(cwd, rest);
}
