import type { IncomingMessage } from 'node:http';

/**
 * The path of a request target, or null when the target is not a URL at all (`//[`, `http://[x/`,
 * `http://a:99999/`, `http://%zz/`). Never throws: node:http hands any token after the method to
 * the server, and `new URL` throws on these, which outside a handler stops the process.
 */
export function requestPath(req: Pick<IncomingMessage, 'url'>): string | null {
  const target = req.url ?? '/';
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return null;
  }
}
