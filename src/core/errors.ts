/** Error classes of the core: one per concern, each with a name and its context in the message. */

/** A data file that cannot be used: names the file, the JSON path and what was expected. */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly expected: string,
  ) {
    super(`${file}: ${jsonPath}: ${expected}`);
  }
}

/** A usage error of the command line (`podium ask` with bad flags): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * True for a failure of a backing service (the store) that commands answer with "unavailable right
 * now" instead of treating as a bug. Such errors carry `unavailable: true` (StoreError does), so the
 * core recognises them without importing the store.
 */
export function isUnavailable(err: unknown): boolean {
  return err instanceof Error && (err as { unavailable?: unknown }).unavailable === true;
}

/**
 * A platform that cannot be reached or refuses the credentials at start-up. Its message is the one
 * line shown to the operator (`discord: cannot reach discord.com (ENOTFOUND): …`): exit code 1.
 */
export class PlatformError extends Error {
  override name = 'PlatformError';
}
