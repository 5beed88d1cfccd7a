import type { Keyv } from 'keyv';
import type { Claims, DueIndex, StoreKind } from './types.js';

/** What each storage backend provides to the store facade. */
export interface Backend {
  kind: StoreKind;
  /** Human-readable location without secrets, e.g. "sqlite /srv/podium/var/podium.sqlite". */
  label: string;
  /** A keyv instance for one namespace (the facade creates one per concern). */
  keyv(namespace: string): Keyv;
  due: DueIndex;
  claims: Claims;
  /** Deletes expired ledger entries and stale claims where the backend does not expire them itself. */
  prune(nowMs: number, expiringNamespaces: readonly string[]): Promise<number>;
  close(): Promise<void>;
}

/** Real-time lifetime of a claim record after its lease, so crashed claims do not pile up. */
export const CLAIM_GC_MS = 2 * 24 * 3600 * 1000;
