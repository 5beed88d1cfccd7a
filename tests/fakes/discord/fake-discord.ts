/**
 * A fake Discord on 127.0.0.1: the REST routes Podium uses (recorded, with programmable failures)
 * and a plain-JSON v10 gateway that the real discord.js Client logs in to. Start one per test file.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type FormPart, parseMultipart } from '../multipart.js';
import { type MessageBody, messageObject, type RawInteraction } from './interactions.js';
import { snowflake } from './snowflake.js';

/** One REST call the fake received. */
export interface RecordedCall {
  method: string;
  /** Path after /api/v10, e.g. /interactions/123/tok/callback. */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: unknown;
  /** Files of a multipart upload (payload_json is parsed into `body`); empty for JSON bodies. */
  files: FormPart[];
  /** The request's Content-Type. */
  contentType: string | null;
  status: number;
  at: number;
}

/** What the fake answers instead of the normal response. */
export interface FakeFailure {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A failure rule: the next `times` calls matching method and path answer `failure`. */
export interface FailureRule {
  method?: string;
  path: string | RegExp;
  times?: number;
  failure: FakeFailure;
}

/** A 429 as Discord sends it: Retry-After header in whole seconds, precise retry_after in the body. */
export function rateLimited(retryAfterSeconds: number, global = false): FakeFailure {
  const headers: Record<string, string> = {
    'retry-after': String(Math.ceil(retryAfterSeconds)),
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
  };
}

/** A 5xx with Discord's usual body. */
export function serverError(status = 502): FakeFailure {
  return { status, body: { message: `${status}: Bad Gateway`, code: 0 } };
}

/** 404 Unknown Channel (10003): the channel was deleted. */
export const unknownChannel: FakeFailure = { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
/** 403 Missing Access (50001): the bot was removed or cannot see the channel. */
export const missingAccess: FakeFailure = { status: 403, body: { message: 'Missing Access', code: 50001 } };
/** 403 Missing Permissions (50013): the bot may see the channel but not post. */
export const missingPermissions: FakeFailure = {
  status: 403,
  body: { message: 'Missing Permissions', code: 50013 },
};

/** Options for startFakeDiscord. */
export interface FakeDiscordOptions {
  applicationId?: string;
  botUserId?: string;
  /** HELLO's heartbeat_interval; discord.js heartbeats after a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** What GET /gateway/bot recommends (default 1); each event then goes to the shard of its guild. */
  shards?: number;
}

/** A running fake Discord. */
export interface FakeDiscord {
  /** Base to give discord.js as `rest.api` and Podium as DISCORD_API_URL: http://127.0.0.1:PORT/api */
  apiUrl: string;
  gatewayUrl: string;
  applicationId: string;
  botUserId: string;
  calls: RecordedCall[];
  /** IDENTIFY payloads received (intents, token, …). */
  identifies: Array<Record<string, unknown>>;
  heartbeats: number;
  /** RESUME (op 6) frames received. */
  resumes: number;
  /** Identified gateway connections now, by shard id. */
  connectedShards(): number[];
  /** Drops every gateway connection as a network failure would (no close frame): the client resumes. */
  dropGateway(): void;
  /** Adds a failure rule, consumed in order of addition. */
  fail(rule: FailureRule): void;
  /** Sends a dispatch event to every identified gateway connection. */
  dispatch(t: string, d: unknown): void;
  /** Dispatches INTERACTION_CREATE. */
  interact(interaction: RawInteraction): void;
  /** Resolves with the first recorded call (already made or future) that matches. */
  waitForCall(match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Resolves once a connection has identified and received READY. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v10';
/** The channel interactions happen in (tests/fakes/discord/interactions.ts uses the same default). */
const DEFAULT_CHANNEL = '900000000000000002';

/** Starts a fake Discord on 127.0.0.1 with an ephemeral port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const applicationId = options.applicationId ?? '800000000000000001';
  const botUserId = options.botUserId ?? applicationId;
  const heartbeatInterval = options.heartbeatIntervalMs ?? 41_250;
  const calls: RecordedCall[] = [];
  const identifies: Array<Record<string, unknown>> = [];
  const rules: Array<FailureRule & { left: number }> = [];
  const waiters: Array<{ match: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }> = [];
  const readyWaiters: Array<() => void> = [];
  const sessions = new Map<WebSocket, { seq: number; identified: boolean; shard: number }>();
  const shardCount = options.shards ?? 1;
  let resumes = 0;
  let everReady = false;
  let heartbeats = 0;

  const server: Server = createServer((req, res) => {
    void handleRest(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: String(err), code: 0 }));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onGatewayConnection(ws));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function record(call: RecordedCall): void {
    calls.push(call);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w?.match(call)) {
        waiters.splice(i, 1);
        w.resolve(call);
      }
    }
  }

  function message(channelId: string, body: unknown, extra: Record<string, unknown> = {}): unknown {
    const b = (body ?? {}) as MessageBody;
    return { ...messageObject(b, { authorId: botUserId, channelId, type: 0 }), components: [], ...extra };
  }

  async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: FormPart[] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // Discord's file uploads: the JSON payload in payload_json, each file in files[n].
      const parts = parseMultipart(raw, type);
      const payload = parts.find((p) => p.field === 'payload_json');
      return {
        body: payload ? JSON.parse(payload.data.toString('utf8')) : null,
        files: parts.filter((p) => p.field !== 'payload_json'),
      };
    }
    const text = raw.toString('utf8');
    if (!text) return { body: null, files: [] };
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [] };
    }
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, files } = await readBody(req);
    // discord.js percent-encodes path segments (@original → %40original).
    const pathname = decodeURIComponent(url.pathname);
    const path = pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length) : pathname;
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record({
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization ?? null,
        body,
        files,
        contentType: req.headers['content-type'] ?? null,
        status,
        at: Date.now(),
      });
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
      } else {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      }
    };

    const rule = rules.find(
      (r) =>
        r.left > 0 &&
        (!r.method || r.method.toUpperCase() === method) &&
        (typeof r.path === 'string' ? r.path === path : r.path.test(path)),
    );
    if (rule) {
      rule.left--;
      if (rule.left <= 0) rules.splice(rules.indexOf(rule), 1);
      send(rule.failure.status, rule.failure.body, rule.failure.headers);
      return;
    }

    const route = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
    const webhookMessage = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path);
    const followUp = route('POST', /^\/webhooks\/(\d+)\/([^/]+)$/);
    const channelMessage = route('POST', /^\/channels\/(\d+)\/messages$/);
    const commandsPut = route('PUT', /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);
    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      send(200, {
        url: gatewayUrl,
        shards: shardCount,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14_400_000,
          max_concurrency: shardCount,
        },
      });
    } else if (route('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)) {
      const withResponse = url.searchParams.get('with_response') === 'true';
      send(withResponse ? 200 : 204, withResponse ? { interaction: { id: path.split('/')[2] } } : undefined);
    } else if (webhookMessage) {
      if (method === 'DELETE') send(204);
      else
        send(
          200,
          message(DEFAULT_CHANNEL, body, {
            webhook_id: webhookMessage[1],
            application_id: webhookMessage[1],
          }),
        );
    } else if (followUp) {
      send(200, message(DEFAULT_CHANNEL, body, { webhook_id: followUp[1], application_id: followUp[1] }));
    } else if (channelMessage) {
      send(200, message(channelMessage[1] as string, body));
    } else if (commandsPut) {
      const list = Array.isArray(body) ? (body as Array<Record<string, unknown>>) : [];
      const [, app, guild] = commandsPut;
      send(
        200,
        list.map((c) => ({
          id: snowflake(),
          application_id: app,
          ...(guild ? { guild_id: guild } : {}),
          version: snowflake(),
          ...c,
        })),
      );
    } else if (method === 'GET' && path === '/users/@me') {
      send(200, { id: botUserId, username: 'Podium', discriminator: '0', bot: true, avatar: null });
    } else {
      send(404, { message: '404: Not Found', code: 0 });
    }
  }

  function sendFrame(ws: WebSocket, frame: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  function onGatewayConnection(ws: WebSocket): void {
    const session = { seq: 0, identified: false, shard: 0 };
    sessions.set(ws, session);
    sendFrame(ws, { op: 10, d: { heartbeat_interval: heartbeatInterval }, s: null, t: null });
    ws.on('message', (raw) => {
      let frame: { op: number; d: unknown };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      if (frame.op === 1) {
        heartbeats++;
        sendFrame(ws, { op: 11, d: null, s: null, t: null });
      } else if (frame.op === 2) {
        identifies.push(frame.d as Record<string, unknown>);
        const shard = (frame.d as { shard?: [number, number] }).shard;
        session.shard = shard?.[0] ?? 0;
        session.identified = true;
        session.seq++;
        sendFrame(ws, {
          op: 0,
          t: 'READY',
          s: session.seq,
          d: {
            v: 10,
            user: {
              id: botUserId,
              username: 'Podium',
              discriminator: '0',
              global_name: null,
              avatar: null,
              bot: true,
              verified: true,
              flags: 0,
              mfa_enabled: false,
            },
            guilds: [],
            session_id: `session-${snowflake()}`,
            resume_gateway_url: gatewayUrl,
            shard: [session.shard, shardCount],
            application: { id: applicationId, flags: 0 },
          },
        });
        everReady = true;
        for (const resolve of readyWaiters.splice(0)) resolve();
      } else if (frame.op === 6) {
        resumes++;
        session.identified = true;
        session.seq++;
        sendFrame(ws, { op: 0, t: 'RESUMED', s: session.seq, d: {} });
      }
    });
    ws.on('close', () => sessions.delete(ws));
  }

  /** Discord's rule: a guild's events go to shard (guild_id >> 22) % shards; DMs to shard 0. */
  function shardOf(d: unknown): number {
    const guild = (d as { guild_id?: unknown } | null)?.guild_id;
    return typeof guild === 'string' && /^\d+$/.test(guild)
      ? Number((BigInt(guild) >> 22n) % BigInt(shardCount))
      : 0;
  }

  function dispatch(t: string, d: unknown): void {
    const target = shardOf(d);
    for (const [ws, session] of sessions) {
      if (!session.identified || session.shard !== target) continue;
      session.seq++;
      sendFrame(ws, { op: 0, t, s: session.seq, d });
    }
  }

  return {
    apiUrl: `${base}/api`,
    gatewayUrl,
    applicationId,
    botUserId,
    calls,
    identifies,
    get resumes() {
      return resumes;
    },
    connectedShards: () =>
      [...sessions.values()]
        .filter((s) => s.identified)
        .map((s) => s.shard)
        .sort(),
    dropGateway() {
      for (const ws of sessions.keys()) ws.terminate();
    },
    get heartbeats() {
      return heartbeats;
    },
    fail(rule) {
      rules.push({ ...rule, left: rule.times ?? 1 });
    },
    dispatch,
    interact(interaction) {
      dispatch('INTERACTION_CREATE', interaction);
    },
    waitForCall(match, timeoutMs = 5_000) {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = waiters.indexOf(entry);
          if (i >= 0) waiters.splice(i, 1);
          reject(new Error(`fake Discord: no matching call within ${timeoutMs} ms`));
        }, timeoutMs);
        const entry = {
          match,
          resolve: (c: RecordedCall) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        waiters.push(entry);
      });
    },
    ready(timeoutMs = 5_000) {
      if (everReady) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Discord: no READY')), timeoutMs);
        readyWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      for (const ws of sessions.keys()) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
