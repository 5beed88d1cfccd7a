/**
 * The one time limit the chat adapters share: Discord must answer an interaction within 3 s and
 * Slack must acknowledge a command within 3 s, so both race the command against a budget.
 */

/** Races a promise against a timer: `{ done: false }` once `ms` pass first (the promise keeps running). */
export function within<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({ done: false }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ done: true, value });
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
