import { Keyv } from 'keyv';
import type { Backend } from './backend.js';
import type { DueEntry } from './types.js';

/** An in-process backend for tests and one-off runs: keyv over Maps, a Map for the schedule and claims. */
export function memoryBackend(): Backend {
  const dueAt = new Map<string, number>();
  const claims = new Map<string, { token: string; expiresAt: number }>();
  return {
    kind: 'memory',
    label: 'memory',
    keyv: (namespace) => new Keyv({ store: new Map(), namespace, throwOnErrors: true }),
    due: {
      async set(key, at) {
        dueAt.set(key, at);
      },
      async setMany(entries) {
        for (const e of entries) dueAt.set(e.key, e.dueAt);
      },
      async remove(key) {
        dueAt.delete(key);
      },
      async get(key) {
        return dueAt.get(key);
      },
      async due(nowMs, limit, offset = 0) {
        const out: DueEntry[] = [];
        for (const [key, at] of dueAt) if (at <= nowMs) out.push({ key, dueAt: at });
        out.sort((a, b) => a.dueAt - b.dueAt || (a.key < b.key ? -1 : 1));
        return out.slice(offset, offset + limit);
      },
      async size() {
        return dueAt.size;
      },
    },
    claims: {
      async acquire(key, token, nowMs, leaseMs) {
        const held = claims.get(key);
        if (held && held.expiresAt > nowMs) return false;
        claims.set(key, { token, expiresAt: nowMs + leaseMs });
        return true;
      },
      async release(key, token) {
        if (claims.get(key)?.token === token) claims.delete(key);
      },
    },
    async prune() {
      return 0;
    },
    async close() {
      dueAt.clear();
      claims.clear();
    },
  };
}
