/**
 * A fake Slack on 127.0.0.1: the Web API methods Podium calls, a `response_url` sink, and a Socket Mode
 * WebSocket. It records every call so tests assert on what the real Bolt app actually sent.
 *
 * Shapes follow what @slack/web-api and @slack/socket-mode expect: Web API calls arrive as POSTs to
 * `/api/<method>` (form-encoded, token in `Authorization: Bearer`), answers are `{ ok, … }` JSON with HTTP
 * 200 (429 + Retry-After for rate limits); Socket Mode gets `{ type: 'hello' }` first, then envelopes
 * `{ envelope_id, type, payload, accepts_response_payload }`, and the client acks with
 * `{ envelope_id, payload }`.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseMultipart } from '../multipart.js';

/** One recorded Web API call. */
export interface FakeSlackCall {
  method: string;
  /** Form fields with JSON-looking values (blocks, …) decoded. */
  params: Record<string, unknown>;
  token: string | null;
}

/** One body POSTed to a response_url. */
export interface FakeSlackResponse {
  id: string;
  body: Record<string, unknown>;
}

/** One Socket Mode acknowledgement sent by the app. */
export interface FakeSlackAck {
  envelope_id: string;
  payload: Record<string, unknown> | undefined;
}

/** How the next call to a method fails. */
export type FakeSlackFailure =
  | { kind: 'ratelimited'; retryAfterSec: number }
  | { kind: 'http'; status: number }
  | { kind: 'error'; error: string };

/** One file posted to an upload_url (step 2 of files.uploadV2). */
export interface FakeSlackUpload {
  fileId: string;
  contentType: string | null;
  /** The file's bytes (the file part of a multipart body, or the raw body). */
  data: Buffer;
  /** The length announced to files.getUploadURLExternal. */
  announcedLength: number;
}

/** A workspace member as users.info describes it. */
export interface FakeSlackUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  tz?: string;
}

/** Options for the fake. */
export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  users?: Record<string, FakeSlackUser>;
  /** Delay every Web API answer by this many ms (to make slow paths observable). */
  apiDelayMs?: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

/** The fake Slack. Start with `FakeSlack.start()`, stop with `stop()`. */
export class FakeSlack {
  readonly calls: FakeSlackCall[] = [];
  /** Files uploaded to the upload_url that files.getUploadURLExternal handed out. */
  readonly uploads: FakeSlackUpload[] = [];
  private uploadCounter = 0;
  private readonly announced = new Map<string, number>();
  readonly responses: FakeSlackResponse[] = [];
  readonly acks: FakeSlackAck[] = [];
  /** Every message sent through chat.postMessage gets a ts from this counter. */
  private tsCounter = 1_700_000_000;
  private readonly failures = new Map<string, FakeSlackFailure[]>();
  private readonly responseFailures: number[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters = new Set<Waiter>();
  private readonly wss = new WebSocketServer({ noServer: true });
  readonly users: Record<string, FakeSlackUser>;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  apiDelayMs: number;
  /** How many Socket Mode connections have been opened. */
  connections = 0;
  /** Called on every Socket Mode ack as it arrives (benchmarks time envelopes with it). */
  onAck: ((ack: FakeSlackAck) => void) | null = null;
  /** Keep acks in `acks` (benchmarks turn this off to stay O(1) per envelope). */
  recordAcks = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    options: FakeSlackOptions,
  ) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-fake-app-token';
    this.teamId = options.teamId ?? 'T0PODIUM';
    this.users = options.users ?? {};
    this.apiDelayMs = options.apiDelayMs ?? 0;
  }

  /** Starts the fake on an ephemeral loopback port. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, port, options);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link')) {
        socket.destroy();
        return;
      }
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    return fake;
  }

  /** Base URL for SLACK_API_URL (ends with a slash, as @slack/web-api expects). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url whose posts land in `responses`. */
  responseUrl(id: string = randomUUID()): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** Makes the next call(s) to `method` fail, in order. */
  failNext(method: string, ...failures: FakeSlackFailure[]): void {
    const queue = this.failures.get(method) ?? [];
    queue.push(...failures);
    this.failures.set(method, queue);
  }

  /** Makes the next POST to any response_url answer this HTTP status (e.g. 404 for an expired one). */
  failNextResponse(status: number): void {
    this.responseFailures.push(status);
  }

  /** Recorded calls to one method. */
  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `check()` holds (re-checked after every recorded call, response or ack). */
  waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error('FakeSlack.waitFor timed out'));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Resolves when at least one Socket Mode client has received hello. */
  waitForConnection(timeoutMs = 5000): Promise<void> {
    return this.waitFor(() => this.sockets.size > 0, timeoutMs);
  }

  /**
   * Sends an envelope to every connected Socket Mode client and returns its envelope id.
   * Use `waitForAck(id)` to get the app's acknowledgement.
   */
  sendEnvelope(
    type: string,
    payload: Record<string, unknown>,
    extra: { envelopeId?: string; retryAttempt?: number; retryReason?: string } = {},
  ): string {
    const envelopeId = extra.envelopeId ?? randomUUID();
    const envelope: Record<string, unknown> = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: type !== 'events_api',
    };
    if (extra.retryAttempt !== undefined) {
      envelope.retry_attempt = extra.retryAttempt;
      envelope.retry_reason = extra.retryReason ?? 'timeout';
    }
    const text = JSON.stringify(envelope);
    for (const ws of this.sockets) ws.send(text);
    return envelopeId;
  }

  /** The ack for an envelope, once it arrives. */
  async waitForAck(envelopeId: string, timeoutMs = 5000): Promise<FakeSlackAck> {
    await this.waitFor(() => this.acks.some((a) => a.envelope_id === envelopeId), timeoutMs);
    return this.acks.find((a) => a.envelope_id === envelopeId) as FakeSlackAck;
  }

  /** Asks every Socket Mode client to reconnect, as Slack does when it recycles a connection. */
  sendDisconnect(reason = 'refresh_requested'): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason }));
  }

  /** A slash-command payload as Slack sends it (form fields in HTTP mode, envelope payload in Socket Mode). */
  slashCommand(
    command: string,
    text: string,
    overrides: Record<string, string> = {},
  ): Record<string, string> {
    return {
      token: 'legacy-verification-token',
      team_id: this.teamId,
      team_domain: 'podium-test',
      channel_id: 'C0CHANNEL',
      channel_name: 'athletics',
      user_id: 'U0USER',
      user_name: 'fan',
      command,
      text,
      api_app_id: 'A0PODIUM',
      is_enterprise_install: 'false',
      response_url: this.responseUrl(),
      trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '')}`,
      ...overrides,
    };
  }

  /**
   * A `block_actions` payload as Slack sends it when someone presses a button (the `payload` form
   * field in HTTP mode, an `interactive` envelope's payload in Socket Mode), with a fresh response_url.
   */
  blockActions(
    button: { action_id: string; value: string; text?: { text: string } },
    overrides: { userId?: string; channelId?: string; ephemeral?: boolean; responseUrl?: string } = {},
  ): Record<string, unknown> {
    const userId = overrides.userId ?? 'U0USER';
    const channelId = overrides.channelId ?? 'C0CHANNEL';
    this.tsCounter += 1;
    const messageTs = `${this.tsCounter}.000300`;
    return {
      type: 'block_actions',
      user: { id: userId, username: 'fan', name: 'fan', team_id: this.teamId },
      api_app_id: 'A0PODIUM',
      token: 'legacy-verification-token',
      container: {
        type: 'message',
        message_ts: messageTs,
        channel_id: channelId,
        is_ephemeral: overrides.ephemeral ?? false,
      },
      trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e9)}.${randomUUID().replace(/-/g, '')}`,
      team: { id: this.teamId, domain: 'podium-test' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channelId, name: 'athletics' },
      state: { values: {} },
      response_url: overrides.responseUrl ?? this.responseUrl(),
      actions: [
        {
          action_id: button.action_id,
          block_id: 'podium-actions',
          text: { type: 'plain_text', text: button.text?.text ?? 'button', emoji: true },
          value: button.value,
          type: 'button',
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
  }

  /** Stops the HTTP server and closes every WebSocket. */
  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  private onSocket(ws: WebSocket): void {
    this.connections += 1;
    ws.on('message', (data) => {
      try {
        const message = JSON.parse(String(data)) as { envelope_id?: unknown; payload?: unknown };
        if (typeof message.envelope_id === 'string') {
          const ack = {
            envelope_id: message.envelope_id,
            payload: message.payload as Record<string, unknown> | undefined,
          };
          this.onAck?.(ack);
          if (this.recordAcks) {
            this.acks.push(ack);
            this.notify();
          }
        }
      } catch {
        // Not JSON: a real Slack would close the connection; the fake just ignores it.
      }
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.notify();
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.size + 1,
        debug_info: { host: 'fake-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0PODIUM' },
      }),
    );
    this.sockets.add(ws);
    this.notify();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(url.pathname);
    if (req.method === 'POST' && upload?.[1]) {
      const fileId = upload[1];
      const announced = this.announced.get(fileId);
      if (announced === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown upload');
        return;
      }
      const type = req.headers['content-type'] ?? null;
      const data = type?.startsWith('multipart/form-data')
        ? (parseMultipart(bytes, type).find((p) => p.filename !== null)?.data ?? Buffer.alloc(0))
        : bytes;
      this.uploads.push({ fileId, contentType: type, data, announcedLength: announced });
      this.notify();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const status = this.responseFailures.shift();
      if (status !== undefined) {
        res.writeHead(status, { 'content-type': 'text/plain' }).end('expired_url');
        return;
      }
      const body = raw.length > 0 ? (JSON.parse(raw) as Record<string, unknown>) : {};
      this.responses.push({ id: url.pathname.slice('/response/'.length), body });
      this.notify();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (req.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const params = decodeParams(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : ((params.token as string) ?? null);
    this.calls.push({ method, params, token });
    this.notify();
    if (this.apiDelayMs > 0) await new Promise((r) => setTimeout(r, this.apiDelayMs));

    const failure = this.failures.get(method)?.shift();
    if (failure?.kind === 'ratelimited') {
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfterSec) })
        .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    if (failure?.kind === 'http') {
      res.writeHead(failure.status, { 'content-type': 'text/html' }).end('<html>upstream error</html>');
      return;
    }
    if (failure?.kind === 'error') {
      json(res, { ok: false, error: failure.error });
      return;
    }
    json(res, this.answer(method, params, token));
  }

  private answer(
    method: string,
    params: Record<string, unknown>,
    token: string | null,
  ): Record<string, unknown> {
    const isApp = method === 'apps.connections.open';
    const expected = isApp ? this.appToken : this.botToken;
    if (token !== expected) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://podium-test.slack.com/',
          team: 'Podium Test',
          user: 'podium',
          team_id: this.teamId,
          user_id: 'U0PODIUMBOT',
          bot_id: 'B0PODIUM',
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}&app_id=A0PODIUM` };
      case 'chat.postMessage': {
        this.tsCounter += 1;
        const ts = `${this.tsCounter}.000100`;
        return {
          ok: true,
          channel: params.channel,
          ts,
          message: { type: 'message', text: params.text, ts, bot_id: 'B0PODIUM', blocks: params.blocks },
        };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(params.length);
        if (typeof params.filename !== 'string' || !Number.isInteger(length) || length <= 0)
          return { ok: false, error: 'invalid_arguments' };
        this.uploadCounter += 1;
        const fileId = `F0CARD${this.uploadCounter}`;
        this.announced.set(fileId, length);
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof params.files === 'string' ? JSON.parse(params.files) : params.files) as Array<{
          id: string;
          title?: string;
        }>;
        if (!Array.isArray(files) || files.some((f) => !this.uploads.some((u) => u.fileId === f.id)))
          return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '', name: 'card.png' })) };
      }
      case 'chat.postEphemeral':
        this.tsCounter += 1;
        return { ok: true, message_ts: `${this.tsCounter}.000200` };
      case 'users.info': {
        const id = String(params.user ?? '');
        const user = this.users[id];
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id,
            team_id: this.teamId,
            name: id.toLowerCase(),
            is_admin: user.is_admin ?? false,
            is_owner: user.is_owner ?? false,
            is_primary_owner: user.is_primary_owner ?? false,
            is_bot: false,
            tz: user.tz ?? 'Europe/Paris',
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodeParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw.length === 0) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parseQuery(raw))) {
    const v = Array.isArray(value) ? value[0] : value;
    // @slack/web-api JSON-encodes object values (blocks, attachments) inside the form.
    if (typeof v === 'string' && /^[[{]/.test(v)) {
      try {
        out[key] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[key] = v;
  }
  return out;
}
