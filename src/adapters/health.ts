/** The one health check every HTTP receiver serves: `GET /healthz` → 200 `{"ok":true}`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestPath } from './request-path.js';

/** Where load balancers and supervisors ask whether the process is up. */
export const HEALTH_PATH = '/healthz';

/**
 * Answers the health check (405 for a method other than GET or HEAD); returns false, touching
 * nothing, for any other path so the caller can route the request elsewhere.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse): boolean {
  // requestPath, not new URL: a target like `//[` must not throw (callers answer it 400).
  if (requestPath(req) !== HEALTH_PATH) return false;
  const ok = req.method === 'GET' || req.method === 'HEAD';
  const body = JSON.stringify(ok ? { ok: true } : { error: 'method not allowed' });
  res.writeHead(ok ? 200 : 405, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
