/** A storage failure (unreachable Redis, unwritable SQLite file, timeout) with the store and operation named. */
export class StoreError extends Error {
  override name = 'StoreError';
  /** Marks it for the core's isUnavailable: commands answer "settings are unavailable right now". */
  readonly unavailable = true;
  constructor(
    readonly store: string,
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`${store}: ${operation} failed${cause === undefined ? '' : `: ${describeCause(cause)}`}`, {
      cause,
    });
  }
}

/** True for a StoreError, also across module copies (checks the name, not the prototype). */
export function isStoreError(err: unknown): err is StoreError {
  return err instanceof Error && err.name === 'StoreError';
}

function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    // Node's "connect ECONNREFUSED" arrives as an AggregateError with an empty message (IPv4 + IPv6).
    return cause.errors.map((e) => describeCause(e)).join('; ');
  }
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
