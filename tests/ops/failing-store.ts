/** A store whose Nth write (counted across collections and the due index) fails: injected store errors. */
import type { PodiumStore } from '../../src/store/index.js';
import { StoreError } from '../../src/store/index.js';

/** Wraps a store; `failAt(n)` makes the n-th write from now fail once (null: none). */
export function failingStore(
  store: PodiumStore,
): PodiumStore & { failAt(n: number | null): void; writes(): number } {
  let count = 0;
  let failOn: number | null = null;
  const write = async <R>(run: () => Promise<R>): Promise<R> => {
    count += 1;
    if (failOn !== null && count === failOn)
      throw new StoreError('test store', 'write', new Error('injected failure'));
    return run();
  };
  const wrap = <T extends object>(target: T, methods: readonly string[]): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        if (typeof value === 'function' && methods.includes(String(prop)))
          return (...args: unknown[]) =>
            write(() => (value as (...a: unknown[]) => Promise<unknown>).apply(t, args));
        return value;
      },
    });
  const writes = ['set', 'setMany', 'delete', 'remove'];
  return {
    ...store,
    subscriptions: wrap(store.subscriptions, writes),
    channels: wrap(store.channels, writes),
    deliveries: wrap(store.deliveries, writes),
    due: wrap(store.due, writes),
    claims: store.claims,
    prune: store.prune,
    close: store.close,
    failAt(n) {
      failOn = n === null ? null : count + n;
    },
    writes: () => count,
  };
}
