import { telemetry } from '../core/telemetry.js';
import { isStoreError, StoreError } from './store-error.js';

/**
 * Runs a store operation with a time limit and turns any failure into a StoreError naming the
 * store and the operation, so callers handle one error type and never hang on a dead backend.
 */
export async function guard<T>(
  label: string,
  operation: string,
  timeoutMs: number,
  run: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return await Promise.race([run(), timeout]);
  } catch (err) {
    telemetry().storeError(operation.split(' ')[0] ?? operation);
    if (isStoreError(err)) throw err;
    throw new StoreError(label, operation, err);
  } finally {
    clearTimeout(timer);
  }
}
