import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';
import { type Backend, CLAIM_GC_MS } from './backend.js';
import { safeLocation } from './location.js';
import type { DueEntry } from './types.js';

/** Options of the Redis backend. */
export interface RedisOptions {
  /** Prefix of the due-index and claim keys (the facade prefixes keyv namespaces with the same). */
  prefix: string;
  connectTimeoutMs: number;
  /** Called for connection errors the client reports in the background (it reconnects by itself). */
  onBackgroundError: (err: unknown) => void;
}

// Claim values are "token|expiresAtMs". The lease is judged by the caller's clock (ARGV), not
// Redis's, so every backend behaves alike and tests can expire leases with an injected clock; the
// PX expiry only garbage-collects claims a crashed instance left behind.
const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local exp = tonumber(string.match(cur, '|(%d+)$'))
  if exp and exp > tonumber(ARGV[2]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[3], 'PX', ARGV[4])
return 1`;
const RELEASE = `
local cur = redis.call('GET', KEYS[1])
if cur and string.sub(cur, 1, string.len(ARGV[1]) + 1) == ARGV[1] .. '|' then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Redis: one client shared by keyv (one adapter per namespace), a sorted set for due times, Lua for claims. */
export async function redisBackend(url: string, opts: RedisOptions): Promise<Backend> {
  const client = createClient({
    url,
    // Fail fast while disconnected instead of queueing commands forever: a command answer must not hang.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: opts.connectTimeoutMs,
      // Before the first connection, give up at once (openStore reports it); afterwards keep retrying.
      reconnectStrategy: (retries: number, cause: Error) =>
        connected ? Math.min(100 * 2 ** retries, 5000) : cause,
    },
  });
  let connected = false;
  client.on('error', (err: unknown) => opts.onBackgroundError(err));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no connection within ${opts.connectTimeoutMs} ms`)),
          opts.connectTimeoutMs,
        );
      }),
    ]);
    connected = true;
  } catch (err) {
    if (client.isOpen) client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
  const dueKey = `${opts.prefix}due`;
  const claimKey = (key: string) => `${opts.prefix}claim:${key}`;
  return {
    kind: 'redis',
    label: `redis ${safeLocation(url)}`,
    keyv: (ns) => {
      const adapter = new KeyvRedis(client, {
        namespace: ns,
        throwOnErrors: true,
        throwOnConnectError: true,
      });
      // The adapter prefixes keys itself; keyv must not prefix them a second time.
      return new Keyv({ store: adapter, namespace: ns, useKeyPrefix: false, throwOnErrors: true });
    },
    due: {
      async set(key, dueAt) {
        await client.zAdd(dueKey, { score: dueAt, value: key });
      },
      async setMany(entries) {
        for (let i = 0; i < entries.length; i += 1000) {
          await client.zAdd(
            dueKey,
            entries.slice(i, i + 1000).map((e) => ({ score: e.dueAt, value: e.key })),
          );
        }
      },
      async remove(key) {
        await client.zRem(dueKey, key);
      },
      async get(key) {
        const score = await client.zScore(dueKey, key);
        return score === null ? undefined : Number(score);
      },
      async due(nowMs, limit, offset = 0) {
        const rows = await client.zRangeByScoreWithScores(dueKey, '-inf', nowMs, {
          LIMIT: { offset, count: limit },
        });
        return rows.map((r): DueEntry => ({ key: String(r.value), dueAt: Number(r.score) }));
      },
      async size() {
        return Number(await client.zCard(dueKey));
      },
    },
    claims: {
      async acquire(key, token, nowMs, leaseMs) {
        const won = await client.eval(ACQUIRE, {
          keys: [claimKey(key)],
          arguments: [token, String(nowMs), String(nowMs + leaseMs), String(leaseMs + CLAIM_GC_MS)],
        });
        return Number(won) === 1;
      },
      async release(key, token) {
        await client.eval(RELEASE, { keys: [claimKey(key)], arguments: [token] });
      },
    },
    async prune() {
      // Redis expires ledger entries and claims itself (PX).
      return 0;
    },
    async close() {
      if (client.isOpen) await client.close();
      else client.destroy();
    },
  };
}
