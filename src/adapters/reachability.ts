/**
 * One-line start-up failures for the platform adapters: a network error becomes "cannot reach
 * <host> (<code>)", a refused credential "refused <VARIABLE>", both naming what to check, so a bad
 * network or token fails once and clearly instead of hanging or printing a stack.
 */
import { PlatformError } from '../core/errors.js';

/** The first network error code found in an error and its causes (ENOTFOUND, ECONNREFUSED …). */
export function networkCode(err: unknown): string | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const { code, name, cause, original, errors } = e as {
      code?: unknown;
      name?: unknown;
      cause?: unknown;
      original?: unknown;
      errors?: unknown;
    };
    if (
      typeof code === 'string' &&
      /^(E[A-Z]+|UND_ERR_[A-Z_]+|CERT_[A-Z_]+|[A-Z_]*SELF_SIGNED[A-Z_]*)$/.test(code)
    )
      return code;
    if (name === 'TimeoutError' || name === 'AbortError') return 'ETIMEDOUT';
    queue.push(cause, original, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}

/** The message of the deepest cause (fetch's "fetch failed" hides e.g. "bad port" there), clipped. */
function innermostMessage(err: unknown): string | null {
  let e = err;
  for (let i = 0; i < 5 && (e as { cause?: unknown })?.cause; i++) e = (e as { cause: unknown }).cause;
  const message = e instanceof Error ? e.message : null;
  return e !== err && message ? message.slice(0, 60) : null;
}

/** The host of a base URL, for messages ("discord.com", "127.0.0.1:4000"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

/** "<platform>: cannot reach <host> (<code>): check the network or <urlVariable>". */
export function unreachable(platform: string, url: string, urlVariable: string, err: unknown): PlatformError {
  const code = networkCode(err) ?? innermostMessage(err) ?? 'network error';
  return new PlatformError(
    `${platform}: cannot reach ${hostOf(url)} (${code}): check the network or ${urlVariable}`,
  );
}

/** "<platform>: <host> refused <VARIABLE> (<reason>): check the token". */
export function refused(platform: string, url: string, variable: string, reason: string): PlatformError {
  return new PlatformError(`${platform}: ${hostOf(url)} refused ${variable} (${reason}): check the token`);
}

/** How long a start-up check may take before the platform counts as unreachable. */
export const STARTUP_CHECK_TIMEOUT_MS = 10_000;
