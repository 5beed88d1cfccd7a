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
