import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { type Backend, CLAIM_GC_MS } from './backend.js';
import type { DueEntry } from './types.js';

/** Table names inside the SQLite file: keyv's key-value table plus the two atomic-primitive tables. */
const KV_TABLE = 'podium_kv';
const DUE_TABLE = 'podium_due';
const CLAIM_TABLE = 'podium_claims';

/** Options of the SQLite backend. */
export interface SqliteOptions {
  /** How long a statement waits for another process's write lock before failing. */
  busyTimeoutMs: number;
}

type Row = Record<string, unknown>;

/**
 * A SQLite file holding keyv's table and, beside it, an indexed due-time table and a claims table.
 * One connection (keyv's own) serves everything: each atomic step is a single statement
 * (UPSERT … WHERE … RETURNING), never a multi-statement transaction, because the connection is
 * shared by concurrent async callers whose statements would otherwise interleave.
 */
export async function sqliteBackend(file: string, opts: SqliteOptions): Promise<Backend> {
  const inMemory = file === ':memory:';
  if (!inMemory) await mkdir(path.dirname(file), { recursive: true });
  const adapter = new KeyvSqlite({
    uri: `sqlite://${file}`,
    table: KV_TABLE,
    busyTimeout: opts.busyTimeoutMs,
  });
  // KeyvSqlite is a Node EventEmitter: an unhandled 'error' would crash the process. Failures reach
  // callers through the rejected query instead.
  adapter.on('error', () => {});
  const query = (sql: string, ...params: unknown[]) => adapter.query(sql, ...params) as Promise<Row[]>;
  try {
    // WAL lets a restarted or second process read while another writes; NORMAL sync is crash-safe in WAL.
    if (!inMemory) await query('PRAGMA journal_mode=WAL');
    await query('PRAGMA synchronous=NORMAL');
    await query(`CREATE TABLE IF NOT EXISTS ${DUE_TABLE} (key TEXT PRIMARY KEY, due_at INTEGER NOT NULL)`);
    await query(`CREATE INDEX IF NOT EXISTS ${DUE_TABLE}_at ON ${DUE_TABLE} (due_at, key)`);
    await query(
      `CREATE TABLE IF NOT EXISTS ${CLAIM_TABLE} (key TEXT PRIMARY KEY, token TEXT NOT NULL, expires_at INTEGER NOT NULL)`,
    );
  } catch (err) {
    await adapter.disconnect().catch(() => {});
    throw err;
  }
  const upsertDue = `INSERT INTO ${DUE_TABLE} (key, due_at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET due_at = excluded.due_at`;
  return {
    kind: 'sqlite',
    label: `sqlite ${file}`,
    keyv: (namespace) => new Keyv({ store: adapter, namespace, throwOnErrors: true }),
    due: {
      async set(key, dueAt) {
        await query(upsertDue, key, dueAt);
      },
      async setMany(entries) {
        // One statement per chunk keeps bulk loads atomic without an explicit transaction.
        for (let i = 0; i < entries.length; i += 400) {
          const chunk = entries.slice(i, i + 400);
          await query(
            `INSERT INTO ${DUE_TABLE} (key, due_at) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?) WHERE 1 ON CONFLICT(key) DO UPDATE SET due_at = excluded.due_at`,
            JSON.stringify(chunk.map((e) => [e.key, e.dueAt])),
          );
        }
      },
      async remove(key) {
        await query(`DELETE FROM ${DUE_TABLE} WHERE key = ?`, key);
      },
      async get(key) {
        const rows = await query(`SELECT due_at FROM ${DUE_TABLE} WHERE key = ?`, key);
        const at = rows[0]?.due_at;
        return typeof at === 'number' ? at : undefined;
      },
      async due(nowMs, limit, offset = 0) {
        const rows = await query(
          `SELECT key, due_at FROM ${DUE_TABLE} WHERE due_at <= ? ORDER BY due_at, key LIMIT ? OFFSET ?`,
          nowMs,
          limit,
          offset,
        );
        return rows.map((r): DueEntry => ({ key: String(r.key), dueAt: Number(r.due_at) }));
      },
      async size() {
        const rows = await query(`SELECT COUNT(*) AS n FROM ${DUE_TABLE}`);
        return Number(rows[0]?.n ?? 0);
      },
    },
    claims: {
      async acquire(key, token, nowMs, leaseMs) {
        // Inserts a free claim, or takes over an expired one; RETURNING yields a row only if we won.
        const rows = await query(
          `INSERT INTO ${CLAIM_TABLE} (key, token, expires_at) VALUES (?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
           WHERE ${CLAIM_TABLE}.expires_at <= ?
           RETURNING token`,
          key,
          token,
          nowMs + leaseMs,
          nowMs,
        );
        return rows.length === 1;
      },
      async release(key, token) {
        await query(`DELETE FROM ${CLAIM_TABLE} WHERE key = ? AND token = ?`, key, token);
      },
    },
    async prune(nowMs, expiringNamespaces) {
      let removed = 0;
      for (const ns of expiringNamespaces) {
        const rows = await query(
          `DELETE FROM ${KV_TABLE} WHERE key LIKE ? ESCAPE '\\' AND json_extract(value, '$.expires') < ? RETURNING key`,
          `${ns.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`,
          nowMs,
        );
        removed += rows.length;
      }
      const stale = await query(
        `DELETE FROM ${CLAIM_TABLE} WHERE expires_at < ? RETURNING key`,
        nowMs - CLAIM_GC_MS,
      );
      return removed + stale.length;
    },
    async close() {
      await adapter.disconnect();
    },
  };
}
