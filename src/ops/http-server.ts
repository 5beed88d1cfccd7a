/**
 * The one HTTP server on PORT whenever a platform adapter runs: `/healthz`, `/readyz`, `/metrics`
 * and the platforms' receivers. It never lets a request stop the process (a bad request target is
 * a 400, a throwing handler a 500), and it drains: on close it stops accepting, lets requests in
 * flight finish within a limit, then cuts what is left.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestPath } from '../adapters/request-path.js';
import type { Logger } from '../logger.js';
import type { PodiumMetrics } from './metrics.js';

/** A receiver: serves the request and returns true, or returns false (touching nothing) for paths it does not own. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** One readiness check: resolves null when ready, or the reason it is not. */
export type ReadinessCheck = () => Promise<string | null> | string | null;

/** What createOpsServer needs. */
export interface OpsServerOptions {
  handlers: readonly RequestHandler[];
  /** Named checks for /readyz (knowledge, store, each adapter). */
  readiness: Readonly<Record<string, ReadinessCheck>>;
  metrics: PodiumMetrics | null;
  logger: Logger;
  /** Longest a readiness check may take before it counts as failed (default 2 s). */
  checkTimeoutMs?: number;
}

/** The running server. */
export interface OpsServer {
  server: Server;
  /** Listens on port (0 picks one) and host; resolves to the base URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Requests being served now. */
  inFlight(): number;
  /** Stops accepting, waits up to drainMs for requests in flight, then closes every connection. */
  close(drainMs: number): Promise<{ drained: boolean }>;
}

const json = (res: ServerResponse, status: number, body: unknown, close = false) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
};

/** Runs every readiness check (each time-limited); the failures by name, empty when ready. */
export async function checkReadiness(
  checks: Readonly<Record<string, ReadinessCheck>>,
  timeoutMs = 2000,
): Promise<Record<string, string>> {
  const failures: Record<string, string> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<string>((resolve) => {
          timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
        });
        const reason = await Promise.race([Promise.resolve(check()), timeout]);
        if (reason !== null) failures[name] = reason;
      } catch (err) {
        failures[name] = err instanceof Error ? err.message : String(err);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return failures;
}

/** Creates (without listening) the ops server. */
export function createOpsServer(options: OpsServerOptions): OpsServer {
  const log = options.logger.child({ component: 'http' });
  const active = new Set<ServerResponse>();
  let closing = false;

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (path === '/healthz' && read) return json(res, 200, { ok: true }, closing);
    if (path === '/readyz' && read) {
      const failures = closing
        ? { process: 'shutting down' }
        : await checkReadiness(options.readiness, options.checkTimeoutMs);
      const ready = Object.keys(failures).length === 0;
      return json(res, ready ? 200 : 503, ready ? { ready } : { ready, failures }, closing);
    }
    if (path === '/metrics' && read && options.metrics) {
      const text = await options.metrics.text();
      res.writeHead(200, { 'content-type': options.metrics.contentType });
      res.end(text);
      return;
    }
    if (['/healthz', '/readyz', '/metrics'].includes(path))
      return json(res, 405, { error: 'method not allowed' });
    for (const handle of options.handlers) if (handle(req, res)) return;
    json(res, 404, { error: 'not found' }, closing);
  };

  const server = createServer((req, res) => {
    active.add(res);
    res.once('close', () => active.delete(res));
    // Draining: answer what is in flight, but tell keep-alive clients to reconnect elsewhere.
    if (closing) res.setHeader('connection', 'close');
    const path = requestPath(req);
    if (path === null) {
      json(res, 400, { error: 'bad request target' }, true);
      return;
    }
    const fail = (err: unknown) => {
      log.error({ err, method: req.method, path }, 'http: handler failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
    };
    try {
      serve(req, res, path).catch(fail);
    } catch (err) {
      fail(err);
    }
  });
  // Malformed HTTP (bad header bytes, oversized headers): answer 400 where the socket still can.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });

  return {
    server,
    inFlight: () => active.size,
    async listen(port, host) {
      server.listen(port, host);
      await once(server, 'listening');
      const a = server.address() as AddressInfo;
      return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
    },
    async close(drainMs) {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainMs;
      while (active.size > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        server.closeIdleConnections();
      }
      const drained = active.size === 0;
      if (!drained) log.warn({ inFlight: active.size }, 'http: drain limit reached; closing connections');
      server.closeAllConnections();
      await closed;
      return { drained };
    },
  };
}
