/**
 * The Slack adapter: a Bolt app that answers every registry command as a slash command, over Socket
 * Mode (SLACK_APP_TOKEN, no public URL) or HTTP (`/slack/events` on PORT, signed requests), and a
 * poster for the scheduler. Bolt's receivers handle transport and signatures; this file turns a slash
 * command into (command, args, ctx) and a Reply into Block Kit, and nothing else.
 */

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type SlashCommand, SocketModeReceiver } from '@slack/bolt';
import { type Config, ConfigError } from '../../config.js';
import { takeCursor } from '../../core/actions.js';
import { type Command, findCommand } from '../../core/command.js';
import { PlatformError } from '../../core/errors.js';
import { parseArgs } from '../../core/parse.js';
import type { ChannelPoster } from '../../core/platform.js';
import { internalErrorReply, type Reply, userErrorReply } from '../../core/reply.js';
import { commandContext, runCommand } from '../../core/run-command.js';
import { telemetry } from '../../core/telemetry.js';
import { echo } from '../../core/text.js';
import type { Logger } from '../../logger.js';
import { type AdapterDeps, servedCommands } from '../deps.js';
import { HEALTH_PATH, serveHealth } from '../health.js';
import { hostOf, networkCode, refused, unreachable } from '../reachability.js';
import { RecentKeys } from '../recent-keys.js';
import { requestPath } from '../request-path.js';
import { within } from '../time-limit.js';
import { SLACK_ACTION_PATTERN } from './actions.js';
import { boltLogger } from './bolt-logger.js';
import { type SlackCards, slackCards } from './card-delivery.js';
import type { FilesUploadClient } from './cards.js';
import { SLACK_EVENTS_PATH } from './manifest.js';
import { createSlackPoster } from './poster.js';
import { type SlackPressEvent, slackPressHandler } from './press.js';
import { renderSlackMessage } from './render.js';
import { guardSlackRequest, refuse } from './request-guard.js';

/** How long a quick command may run before the adapter acks empty and answers through response_url. */
export const SLACK_ACK_BUDGET_MS = 2000;
/** How long a delivery is remembered, so a redelivery (Slack retries for up to ~5 minutes) is answered once. */
export const SLACK_DEDUPE_TTL_MS = 10 * 60_000;
const DEDUPE_MAX_KEYS = 50_000;

/** What startSlack needs. */
export interface StartSlackOptions extends AdapterDeps {
  config: Config;
  /**
   * Redelivery check shared by every instance (e.g. the store's claims on Redis): resolves true
   * the first time a delivery key is seen anywhere. Without it, each process remembers its own.
   */
  firstDelivery?: (key: string) => Promise<boolean>;
  /**
   * Let every member use commands that change a channel's settings (subscribe …). By default only
   * workspace admins and owners may (checked with users.info, which needs the users:read scope).
   */
  allowEveryoneToManageChannels?: boolean;
  /** How long a quick command may run before it is acked empty and answered later (default 2 s). */
  ackBudgetMs?: number;
  /** HTTP mode: port to listen on (default config.port; 0 picks a free one) and interface. */
  port?: number;
  host?: string;
  /**
   * HTTP mode: false to open no server of its own and serve through `handleRequest` on a server the
   * caller shares with other receivers (Discord interactions on the same PORT). Default true.
   */
  listen?: boolean;
}

/** A running Slack adapter. */
export interface SlackHandle {
  app: App;
  /** Posts scheduled replies into channels (chat.postMessage). */
  poster: ChannelPoster;
  /** Disconnects (Socket Mode) or closes the HTTP server. */
  stop(): Promise<void>;
  /** For /readyz: null while connected (Socket Mode) or serving (HTTP), else why not. */
  notReady(): string | null;
  /** HTTP mode: the port actually listened on. */
  port?: number;
  /**
   * HTTP mode: serves `/slack/events` and `/healthz` from a shared server. Returns false (and
   * touches nothing) for any other path, so the caller can route the request elsewhere.
   */
  handleRequest?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** The arguments of Bolt's command listener this adapter uses. */
interface CommandEvent {
  command: SlashCommand;
  ack: (response?: object) => Promise<void>;
  respond: (message: object) => Promise<unknown>;
  client: { users: { info(args: { user: string }): Promise<{ user?: UserInfo }> } } & FilesUploadClient;
  context: { retryNum?: number };
}

interface UserInfo {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  tz?: string;
}

/**
 * Starts the Slack adapter: checks the bot token (auth.test), then connects Socket Mode or listens
 * for HTTP. Rejects with the platform's error if the token or connection is refused.
 */
export async function startSlack(options: StartSlackOptions): Promise<SlackHandle> {
  const { config, logger } = options;
  const slack = config.slack;
  if (!slack.botToken)
    throw new ConfigError('SLACK_BOT_TOKEN', 'must be set to start the Slack app (an xoxb- token)');
  const log = logger.child({ component: 'slack' });
  let starting = true;
  const bolt = boltLogger(logger, () => starting);
  // The scheduler owns retries (with Retry-After), so the client never sleeps or retries on its own.
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (slack.mode === 'socket') {
    if (!slack.appToken)
      throw new ConfigError('SLACK_APP_TOKEN', 'must be set for SLACK_MODE=socket (an xapp- token)');
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: bolt,
      // Reconnecting (apps.connections.open) deserves patience, unlike posting: give it its own retries.
      installerOptions: {
        clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 10, factor: 1.6 } },
      },
    });
  } else {
    if (!slack.signingSecret)
      throw new ConfigError('SLACK_SIGNING_SECRET', 'must be set for SLACK_MODE=http');
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger: bolt,
      customRoutes: [
        { path: HEALTH_PATH, method: ['GET', 'HEAD'], handler: (req, res) => serveHealth(req, res) },
      ],
    });
  }

  const app = new App({
    token: slack.botToken,
    receiver,
    logger: bolt,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
  });
  const cards = slackCards(options, log);
  const handle = commandHandler(options, log, cards);
  app.command(/^\/.+/, (args) => handle(args as unknown as CommandEvent));
  // Every Podium button (action_id podium-press-N) goes to one press listener.
  const press = slackPressHandler(options, log);
  app.action(SLACK_ACTION_PATTERN, (args) => press(args as unknown as SlackPressEvent));
  // Errors are answered inside commandHandler; anything reaching Bolt's handler is only logged.
  app.error(async (err) => {
    log.error({ err }, 'slack: error outside the command boundary');
  });

  // auth.test with the bot token: an unreachable host or a refused token fails here, in one line.
  await app.init().catch((err: unknown) => {
    throw slackStartupError(err, slack.apiUrl, 'SLACK_BOT_TOKEN');
  });
  const poster = createSlackPoster(
    app.client as unknown as Parameters<typeof createSlackPoster>[0],
    log,
    cards,
  );

  if (receiver instanceof SocketModeReceiver) {
    await app.start().catch((err: unknown) => {
      throw slackStartupError(err, slack.apiUrl, 'SLACK_APP_TOKEN');
    });
    starting = false;
    log.info('slack: connected in Socket Mode');
    const socket = receiver;
    return {
      app,
      poster,
      notReady: () => (socket.client.websocket?.isActive() ? null : 'slack socket mode disconnected'),
      stop: async () => {
        // Await the close handshake: Bolt's own stop() returns before the socket is closed.
        await socket.client.disconnect();
      },
    };
  }
  starting = false;
  const http = receiver;
  const handleRequest = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = requestPath(req);
    if (path === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request target');
      return true;
    }
    if (serveHealth(req, res)) return true;
    if (path !== SLACK_EVENTS_PATH) return false;
    const pass = () => {
      try {
        http.requestListener(req, res);
      } catch {
        // Bolt throws for a method it does not serve on its paths (GET /slack/events …).
        if (!res.headersSent) res.writeHead(404).end();
      }
    };
    if (req.method !== 'POST') {
      pass();
      return true;
    }
    const signingSecret = slack.signingSecret ?? '';
    guardSlackRequest(req, signingSecret, Date.now())
      .then((checked) => {
        if (!('body' in checked)) {
          log.info({ status: checked.status, reason: checked.reason }, 'slack: request refused');
          refuse(res, checked);
          return;
        }
        // Bolt reads a body already buffered here instead of the (consumed) stream.
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = checked.body;
        pass();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'slack: request guard failed');
        refuse(res, { status: 500, reason: 'internal error' });
      });
    return true;
  };
  if (options.listen === false) {
    log.info({ path: SLACK_EVENTS_PATH }, 'slack: serving HTTP requests on a shared server');
    return { app, poster, handleRequest, notReady: () => null, stop: async () => undefined };
  }
  // Our own server rather than Bolt's, so every request passes the same guard as on a shared one.
  const server = createServer((req, res) => {
    try {
      if (!handleRequest(req, res)) res.writeHead(404).end();
    } catch (err) {
      log.error({ err }, 'slack: request handler failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  server.listen(options.port ?? config.port, options.host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  log.info({ port: address.port, path: SLACK_EVENTS_PATH }, 'slack: listening for HTTP requests');
  return {
    app,
    poster,
    port: address.port,
    handleRequest,
    notReady: () => null,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

/**
 * A Web API failure at start-up as one line: the host it could not reach, or the token it refused
 * (Bolt may wrap the client's error in its own, with the original inside).
 */
export function slackStartupError(err: unknown, apiUrl: string, tokenVariable: string): Error {
  const inner = (err as { original?: unknown }).original ?? err;
  const platform = (e: unknown) =>
    (e as { code?: string; data?: { error?: string } }).code === 'slack_webapi_platform_error'
      ? ((e as { data?: { error?: string } }).data?.error ?? 'refused')
      : null;
  const reason = platform(err) ?? platform(inner);
  if (reason) return refused('slack', apiUrl, tokenVariable, reason);
  const status = (inner as { statusCode?: number }).statusCode;
  if ((inner as { code?: string }).code === 'slack_webapi_http_error' && status)
    return new PlatformError(`slack: ${hostOf(apiUrl)} answered HTTP ${status}: check SLACK_API_URL`);
  if (networkCode(err) || (err as { code?: string }).code === 'slack_webapi_request_error')
    return unreachable('slack', apiUrl, 'SLACK_API_URL', err);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The adapter's single error boundary around one slash command: dedupes redeliveries, parses,
 * checks permissions, runs, answers in the ack (quick) or through response_url (slow or late). Any
 * throw becomes the ephemeral internal-error reply, logged with its stack and never shown.
 */
function commandHandler(options: StartSlackOptions, log: Logger, cards: SlackCards) {
  const commands = servedCommands(options);
  const seen = new RecentKeys(SLACK_DEDUPE_TTL_MS, DEDUPE_MAX_KEYS);
  // A retry may reach another instance behind the load balancer; the shared check catches it. If
  // the store fails, answering twice beats not answering at all.
  const firstAnywhere = async (key: string): Promise<boolean> => {
    if (!options.firstDelivery) return true;
    try {
      return await options.firstDelivery(key);
    } catch (err) {
      log.warn({ err }, 'slack: shared redelivery check failed; answering');
      return true;
    }
  };

  return async function handle(event: CommandEvent): Promise<void> {
    const payload = event.command;
    const started = performance.now();
    let acked = false;
    const ack = async (reply?: Reply) => {
      acked = true;
      await event.ack(reply ? cards.present(reply) : undefined);
    };
    const meta = {
      command: payload.command,
      channel: payload.channel_id,
      user: payload.user_id,
      retry: event.context.retryNum,
    };
    try {
      // A redelivery carries the same trigger_id: acknowledge it so Slack stops, and answer nothing.
      const key = `${payload.team_id}:${payload.trigger_id ?? `${payload.channel_id}:${payload.user_id}:${payload.command}:${payload.text}`}`;
      if (seen.checkAndAdd(key) || !(await firstAnywhere(key))) {
        log.info(meta, 'slack: redelivered command ignored');
        await ack();
        return;
      }
      const name = payload.command.replace(/^\//, '').toLowerCase();
      const command = findCommand(commands, name);
      if (!command) {
        await ack(
          userErrorReply(`I don't know the command “/${echo(name, 30)}”`, [
            `Try ${commands.map((c) => `/${c.name}`).join(', ')}.`,
          ]),
        );
        return;
      }
      if (command.slow) await ack();

      const work = answer(command, payload, event, options, log);
      if (!acked) {
        // Slack drops acks after 3 s; past the budget, ack empty and deliver the answer later.
        const quick = await within(work, options.ackBudgetMs ?? SLACK_ACK_BUDGET_MS);
        if (quick.done) {
          await ack(quick.value);
          log.debug({ ...meta, ms: Math.round(performance.now() - started) }, 'slack: answered in the ack');
          await cards.upload(event.client, payload.channel_id, quick.value);
          return;
        }
        log.warn(meta, 'slack: answer is late; acknowledging and answering through response_url');
        await ack();
      }
      const reply = await work;
      await event.respond(cards.present(reply));
      log.debug(
        { ...meta, ms: Math.round(performance.now() - started) },
        'slack: answered through response_url',
      );
      await cards.upload(event.client, payload.channel_id, reply);
    } catch (err) {
      log.error({ err, ...meta, text: payload.text?.slice(0, 200) }, 'slack: command failed');
      try {
        if (!acked) await ack(internalErrorReply());
        else await event.respond(renderSlackMessage(internalErrorReply()));
      } catch (err2) {
        log.error({ err: err2, ...meta }, 'slack: could not deliver the error reply');
      }
    }
  };
}

async function answer(
  command: Command,
  payload: SlashCommand,
  event: CommandEvent,
  options: StartSlackOptions,
  log: Logger,
): Promise<Reply> {
  // A typed "page:N" asks for the page a button would.
  const { line: text, cursor } = takeCursor(payload.text ?? '');
  const parsed = parseArgs(command, text, options.kb);
  if (!parsed.ok) {
    // Refused before reaching runCommand (which counts the rest): count it here.
    telemetry().answer(command.name, 'slack', 'rejected', 0);
    return parsed.reply;
  }
  let canManageChannel = false;
  let timeZone: string | null = null;
  if (command.managesChannel) {
    const user = await lookUpUser(event, payload.user_id, log);
    timeZone = user?.tz ?? null;
    canManageChannel =
      options.allowEveryoneToManageChannels === true ||
      user?.is_admin === true ||
      user?.is_owner === true ||
      user?.is_primary_owner === true;
  }
  const ctx = commandContext(options, {
    platform: 'slack',
    channelId: payload.channel_id,
    userId: payload.user_id,
    timeZone,
    canManageChannel,
  });
  // Buttons point only at commands this app serves.
  const full = { ...ctx, commands: servedCommands(options) };
  return runCommand(command, cursor ? { ...full, cursor } : full, parsed.args);
}

async function lookUpUser(event: CommandEvent, userId: string, log: Logger): Promise<UserInfo | null> {
  try {
    const res = await event.client.users.info({ user: userId });
    return res.user ?? null;
  } catch (err) {
    // Without users:read (or on an outage) nobody counts as an admin: safer than letting everyone in.
    log.warn({ err, user: userId }, 'slack: users.info failed; treating the user as a regular member');
    return null;
  }
}
