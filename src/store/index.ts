/** Storage for subscriptions, scheduler state and the delivery ledger (PODIUM_STORE). */
export { openStore, type PodiumStore, resolveSqlitePath, type StoreOptions } from './open-store.js';
export {
  type ChannelState,
  type DeliveryRecord,
  emptyChannelState,
} from './records.js';
export { openResilientStore, type ResilientStore, type ResilientStoreOptions } from './resilient-store.js';
export { isStoreError, StoreError } from './store-error.js';
export type { Claims, Collection, DueEntry, DueIndex, StoreKind } from './types.js';
