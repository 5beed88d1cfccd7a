import type { Keyv } from 'keyv';
import { guard } from './guard.js';
import type { Collection } from './types.js';

/** A typed Collection over one keyv namespace; every failure (or use after close) becomes a StoreError. */
export function keyvCollection<T>(
  keyv: Keyv,
  label: string,
  namespace: string,
  timeoutMs: number,
  checkOpen: () => void,
): Collection<T> {
  const run = <R>(name: string, fn: () => Promise<R>) =>
    guard(label, `${name} ${namespace}`, timeoutMs, () => {
      checkOpen();
      return fn();
    });
  return {
    get: (key) => run('read', async () => (await keyv.get(key)) as T | undefined),
    getMany: (keys) =>
      run('read', async () =>
        keys.length === 0 ? [] : ((await keyv.getMany([...keys])) as Array<T | undefined>),
      ),
    set: (key, value, ttlMs) =>
      run('write', async () => {
        const ok = await keyv.set(key, value, ttlMs);
        if (!ok) throw new Error('the store refused the write');
      }),
    setMany: (entries) =>
      run('write', async () => {
        if (entries.length === 0) return;
        const results = await keyv.setMany(
          entries.map((e) => ({
            key: e.key,
            value: e.value,
            ...(e.ttlMs === undefined ? {} : { ttl: e.ttlMs }),
          })),
        );
        // keyv passes through the adapter's answer: Redis's setMany returns nothing (it throws on failure).
        if (Array.isArray(results) && results.some((r) => r === false))
          throw new Error('the store refused a write');
      }),
    delete: (key) => run('delete', () => keyv.delete(key)),
  };
}
