/** The storage primitives every backend (SQLite, Redis, memory) provides; see open-store.ts for the facade. */

/** A typed key-value namespace (keyv underneath): one per concern. */
export interface Collection<T> {
  get(key: string): Promise<T | undefined>;
  getMany(keys: readonly string[]): Promise<Array<T | undefined>>;
  /** ttlMs: forget the entry after this long (the delivery ledger only needs a few weeks). */
  set(key: string, value: T, ttlMs?: number): Promise<void>;
  setMany(entries: ReadonlyArray<{ key: string; value: T; ttlMs?: number }>): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** One entry of the due-time index: a channel key and the UTC instant (ms) it is next due. */
export interface DueEntry {
  key: string;
  dueAt: number;
}

/**
 * The due-time schedule: each key with the instant it is next due, so a tick reads only what is due
 * (a sorted set in Redis, an indexed table in SQLite) instead of every subscription.
 */
export interface DueIndex {
  set(key: string, dueAt: number): Promise<void>;
  setMany(entries: readonly DueEntry[]): Promise<void>;
  remove(key: string): Promise<void>;
  get(key: string): Promise<number | undefined>;
  /** Entries due at or before nowMs, soonest first, at most `limit`, skipping the first `offset`. */
  due(nowMs: number, limit: number, offset?: number): Promise<DueEntry[]>;
  size(): Promise<number>;
}

/**
 * Leases for exactly-once work. A claim is taken when free or when its lease has expired by the
 * caller's clock (so tests drive expiry with an injected clock); taking it is atomic across
 * processes sharing the store.
 */
export interface Claims {
  acquire(key: string, token: string, nowMs: number, leaseMs: number): Promise<boolean>;
  /** Drops the claim only if `token` still holds it. */
  release(key: string, token: string): Promise<void>;
}

/** Which backend a store runs on. */
export type StoreKind = 'sqlite' | 'redis' | 'memory';
