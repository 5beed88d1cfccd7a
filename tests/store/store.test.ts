import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError, openStore, type PodiumStore, resolveSqlitePath } from '../../src/store/index.js';
import { redisAvailable } from '../helpers.js';
import { dropPrefix, freshPrefix, REDIS_URL, tempDir } from '../scheduler/helpers.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function open(kind: 'memory' | 'sqlite' | 'redis', file?: string): Promise<PodiumStore> {
  let url = 'memory://';
  if (kind === 'sqlite') {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    url = `sqlite://${file ?? path.join(tmp.dir, 'podium.sqlite')}`;
  }
  const prefix = freshPrefix('store');
  if (kind === 'redis') {
    url = REDIS_URL;
    cleanups.push(() => dropPrefix(prefix));
  }
  const store = await openStore(url, { prefix });
  cleanups.unshift(() => store.close());
  return store;
}

const sub = {
  platform: 'discord' as const,
  channelId: '42',
  hour: 9,
  timeZone: 'Europe/Paris',
  createdBy: 'u1',
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe.each(['memory', 'sqlite', 'redis'] as const)('the %s store', (kind) => {
  beforeEach((t) => {
    if (kind === 'redis' && !redisAvailable()) t.skip();
  });
  it('keeps subscriptions, state and ledger entries in separate namespaces', async () => {
    const store = await open(kind);
    await store.subscriptions.set('discord:42', sub);
    expect(await store.subscriptions.get('discord:42')).toEqual(sub);
    expect(await store.channels.get('discord:42')).toBeUndefined();
    expect(await store.subscriptions.getMany(['discord:42', 'slack:C1'])).toEqual([sub, undefined]);
    expect(await store.subscriptions.delete('discord:42')).toBe(true);
    expect(await store.subscriptions.delete('discord:42')).toBe(false);
  });

  it('returns due entries soonest first and only those at or before now', async () => {
    const store = await open(kind);
    await store.due.setMany([
      { key: 'discord:a', dueAt: 300 },
      { key: 'discord:b', dueAt: 100 },
      { key: 'discord:c', dueAt: 900 },
    ]);
    await store.due.set('discord:a', 200);
    expect(await store.due.due(500, 10)).toEqual([
      { key: 'discord:b', dueAt: 100 },
      { key: 'discord:a', dueAt: 200 },
    ]);
    expect(await store.due.due(500, 1, 1)).toEqual([{ key: 'discord:a', dueAt: 200 }]);
    await store.due.remove('discord:b');
    expect(await store.due.size()).toBe(2);
    expect(await store.due.get('discord:c')).toBe(900);
  });

  it('grants a claim to one holder until its lease expires by the caller clock', async () => {
    const store = await open(kind);
    expect(await store.claims.acquire('d@2025-01-01', 'a', 1000, 500)).toBe(true);
    expect(await store.claims.acquire('d@2025-01-01', 'b', 1499, 500)).toBe(false);
    await store.claims.release('d@2025-01-01', 'b'); // not the holder: no effect
    expect(await store.claims.acquire('d@2025-01-01', 'b', 1200, 500)).toBe(false);
    expect(await store.claims.acquire('d@2025-01-01', 'b', 1500, 500)).toBe(true);
    await store.claims.release('d@2025-01-01', 'b');
    expect(await store.claims.acquire('d@2025-01-01', 'c', 1600, 500)).toBe(true);
  });

  it('lets exactly one of many concurrent claimers win', async () => {
    const store = await open(kind);
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.claims.acquire('race', `t${i}`, 5000, 60_000)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('fails with a StoreError naming the store once closed', async () => {
    const store = await open(kind);
    await store.close();
    const err = await store.subscriptions.get('x').catch((e: unknown) => e);
    expect(isStoreError(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(new RegExp(`^${kind}\\b.*read subscriptions failed`));
  });
});

describe('opening a store', () => {
  it('creates the folder and file of a relative sqlite path under the working directory', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    expect(resolveSqlitePath('sqlite://var/podium.sqlite', tmp.dir)).toBe(
      path.join(tmp.dir, 'var', 'podium.sqlite'),
    );
    const store = await openStore('sqlite://var/podium.sqlite', { cwd: tmp.dir });
    await store.subscriptions.set('discord:1', sub);
    await store.close();
    expect(existsSync(path.join(tmp.dir, 'var', 'podium.sqlite'))).toBe(true);
    const again = await openStore(`sqlite://${path.join(tmp.dir, 'var', 'podium.sqlite')}`);
    expect(await again.subscriptions.get('discord:1')).toEqual(sub);
    await again.close();
  });

  it('shares claims between two connections to one SQLite file', async () => {
    const tmp = await tempDir();
    cleanups.push(tmp.cleanup);
    const url = `sqlite://${path.join(tmp.dir, 'shared.sqlite')}`;
    const a = await openStore(url);
    const b = await openStore(url);
    cleanups.unshift(
      () => a.close(),
      () => b.close(),
    );
    const wins = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => a.claims.acquire('k', `a${i}`, 1, 1000)),
      ...Array.from({ length: 10 }, (_, i) => b.claims.acquire('k', `b${i}`, 1, 1000)),
    ]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('reports an unreachable Redis quickly as a StoreError', async () => {
    const started = Date.now();
    const err = await openStore('redis://127.0.0.1:1').catch((e: unknown) => e);
    expect(isStoreError(err)).toBe(true);
    expect((err as Error).message).toMatch(/^redis 127\.0\.0\.1:1: connect failed: .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports an unusable SQLite path and an unknown scheme as StoreErrors', async () => {
    await expect(openStore('sqlite:///dev/null/podium.sqlite')).rejects.toThrow(
      /^sqlite \/dev\/null\/podium\.sqlite: open failed/,
    );
    await expect(openStore('mysql://db')).rejects.toThrow(
      /use sqlite:\/\/<file>, redis:\/\/<host>:<port> or memory:\/\//,
    );
  });

  it('expires ledger entries in SQLite when pruned', async () => {
    const store = await open('sqlite');
    await store.deliveries.set(
      'discord:1@2025-01-01',
      { kind: 'quiet', localDate: '2025-01-01', at: 'x', instanceId: 'i' },
      1,
    );
    await store.deliveries.set('discord:1@2025-01-02', {
      kind: 'quiet',
      localDate: '2025-01-02',
      at: 'x',
      instanceId: 'i',
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.prune(Date.now())).toBe(1);
    expect(await store.deliveries.get('discord:1@2025-01-02')).toBeDefined();
  });
});
