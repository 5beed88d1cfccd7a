/**
 * HTTP interactions: Discord POSTs each interaction to `/discord/interactions`, signed with
 * Ed25519. Stateless (no gateway connection), so any number of instances can serve behind a load
 * balancer. Same commands, renderer and autocomplete as the gateway bot.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REST, Routes } from 'discord.js';
import { type Config, ConfigError } from '../../config.js';
import { PressLimiter } from '../../core/press-limit.js';
import { internalErrorReply } from '../../core/reply.js';
import { serveHealth } from '../health.js';
import { RecentKeys } from '../recent-keys.js';
import { requestPath } from '../request-path.js';
import { editInCard, withoutCardImage } from './card-file.js';
import {
  answerCommand,
  autocompleteChoices,
  type DiscordDeps,
  deliverReply,
  type InteractionPlace,
  type InteractionResponder,
  type InteractionState,
  parsePermissions,
  type RawInteractionOption,
} from './interaction.js';
import { answerDiscordPress, DEFERRED_UPDATE_MESSAGE, MESSAGE_COMPONENT } from './press.js';
import { type DiscordMessage, EPHEMERAL_FLAG, renderDiscordMessage } from './render.js';

/** The path Discord's "Interactions Endpoint URL" must point at. */
export const DISCORD_INTERACTIONS_PATH = '/discord/interactions';
/** Oldest signature timestamp accepted (replay protection). */
export const DISCORD_MAX_SIGNATURE_AGE_S = 300;
/** Largest request body read (Discord's interactions are a few kilobytes). */
export const DISCORD_MAX_BODY_BYTES = 256 * 1024;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte raw key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Interaction types (request) and callback types (response) used here. */
const PING = 1;
const APPLICATION_COMMAND = 2;
const AUTOCOMPLETE = 4;
const PONG = 1;
const CHANNEL_MESSAGE = 4;
const DEFERRED_CHANNEL_MESSAGE = 5;
const AUTOCOMPLETE_RESULT = 8;

/** A Node KeyObject from the Developer Portal's hex public key. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('discord public key: expected 64 hex characters');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/**
 * Checks Discord's signature: Ed25519 over timestamp + raw body, and a timestamp no more than five
 * minutes from now (either way) so a captured request cannot be replayed later.
 */
export function verifyDiscordSignature(
  key: KeyObject,
  signatureHex: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number = Date.now(),
): boolean {
  if (
    !signatureHex ||
    !timestamp ||
    !/^[0-9a-fA-F]{128}$/.test(signatureHex) ||
    !/^\d{1,12}$/.test(timestamp)
  ) {
    return false;
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > DISCORD_MAX_SIGNATURE_AGE_S) return false;
  try {
    return verify(
      null,
      Buffer.concat([Buffer.from(timestamp, 'utf8'), body]),
      key,
      Buffer.from(signatureHex, 'hex'),
    );
  } catch {
    return false;
  }
}

/** What startDiscordHttp needs. */
export interface StartDiscordHttpOptions extends DiscordDeps {
  config: Config;
  /** Port to listen on (default config.port; 0 picks a free one) and interface (default all). */
  port?: number;
  host?: string;
  /**
   * false to open no server of its own and serve through `handleRequest` on a server the caller
   * shares with other receivers (Slack's HTTP mode on the same PORT). Default true.
   */
  listen?: boolean;
  /**
   * Replay check shared by every instance (e.g. the store's claims on Redis): resolves true the
   * first time an interaction id is seen anywhere. Without it, each process remembers its own.
   */
  firstDelivery?: (interactionId: string) => Promise<boolean>;
}

/** How long an interaction id is remembered: a signed request is accepted for 5 minutes either way. */
export const DISCORD_REPLAY_WINDOW_MS = 2 * DISCORD_MAX_SIGNATURE_AGE_S * 1000;

/** A running HTTP interactions endpoint. */
export interface DiscordHttpHandle {
  /** The server, when it listens on its own. */
  server: Server | null;
  /** Base URL it listens on (http://host:port), when it listens on its own. */
  url: string | null;
  /** Serves /discord/interactions and /healthz; returns false (touching nothing) for other paths. */
  handleRequest: (req: IncomingMessage, res: ServerResponse) => boolean;
  stop(): Promise<void>;
}

interface RawInteraction {
  id?: unknown;
  type?: unknown;
  token?: unknown;
  application_id?: unknown;
  guild_id?: unknown;
  channel_id?: unknown;
  channel?: { id?: unknown };
  member?: { permissions?: unknown; user?: { id?: unknown } };
  user?: { id?: unknown };
  data?: { name?: unknown; options?: RawInteractionOption[]; custom_id?: unknown };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Options as Discord sends them: objects with a string name, scalar values, nested options. */
function wellFormedOptions(options: unknown, depth = 0): boolean {
  if (options === undefined) return true;
  if (!Array.isArray(options) || options.length > 25 || depth > 2) return false;
  return options.every(
    (o) =>
      isObject(o) &&
      typeof o.name === 'string' &&
      (o.type === undefined || Number.isInteger(o.type)) &&
      (o.value === undefined || ['string', 'number', 'boolean'].includes(typeof o.value)) &&
      (o.focused === undefined || typeof o.focused === 'boolean') &&
      wellFormedOptions(o.options, depth + 1),
  );
}

/**
 * Why a signed body is not an interaction this endpoint can serve, or null. Checked before any
 * work so a malformed payload is a 400, not a logged stack and "something went wrong".
 */
export function malformedInteraction(value: unknown): string | null {
  if (!isObject(value)) return 'body is not an object';
  if (!Number.isInteger(value.type)) return 'type must be an integer';
  if (value.type === PING) return null;
  if (typeof value.id !== 'string' || !/^\d{1,25}$/.test(value.id)) return 'id must be a snowflake string';
  for (const field of ['token', 'application_id', 'guild_id', 'channel_id'] as const) {
    if (value[field] !== undefined && value[field] !== null && typeof value[field] !== 'string')
      return `${field} must be a string`;
  }
  for (const field of ['member', 'user', 'channel'] as const) {
    if (value[field] !== undefined && value[field] !== null && !isObject(value[field]))
      return `${field} must be an object`;
  }
  if (isObject(value.member) && value.member.user !== undefined && !isObject(value.member.user))
    return 'member.user must be an object';
  if (value.type === APPLICATION_COMMAND || value.type === AUTOCOMPLETE) {
    if (!isObject(value.data) || typeof value.data.name !== 'string') return 'data.name must be a string';
    if (!wellFormedOptions(value.data.options)) return 'data.options are malformed';
  }
  return null;
}

class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > DISCORD_MAX_BODY_BYTES) throw new BodyTooLarge(`body over ${DISCORD_MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Where an interaction happened and who used it, from the raw body. */
function placeOf(interaction: RawInteraction): InteractionPlace {
  return {
    channelId: str(interaction.channel_id) ?? str(interaction.channel?.id),
    userId: str(interaction.member?.user?.id) ?? str(interaction.user?.id),
    permissions: parsePermissions(interaction.member?.permissions),
    inGuild: str(interaction.guild_id) !== null,
  };
}

/**
 * Starts the HTTP interactions endpoint (POST /discord/interactions, GET /healthz). Needs
 * DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID; no token (follow-ups use the interaction token).
 */
export async function startDiscordHttp(options: StartDiscordHttpOptions): Promise<DiscordHttpHandle> {
  const { config } = options;
  const { publicKey, applicationId, apiUrl } = config.discord;
  if (!publicKey) throw new ConfigError('DISCORD_PUBLIC_KEY', 'must be set to serve HTTP interactions');
  const log = options.logger.child({ component: 'discord-http' });
  const deps: DiscordDeps = { ...options, logger: log };
  const key = discordPublicKey(publicKey);
  const clock = () => (options.now ? options.now().getTime() : Date.now());
  // Webhook calls with the interaction token need no bot token.
  const rest = new REST({ api: apiUrl, retries: 2, timeout: 10_000 });
  const pending = new Set<Promise<void>>();
  const seen = new RecentKeys(DISCORD_REPLAY_WINDOW_MS, 100_000, clock);
  // A replay may reach another instance behind the load balancer; the shared check catches it. If
  // the store fails, answering twice beats not answering at all.
  const firstTime = async (id: string): Promise<boolean> => {
    if (seen.checkAndAdd(id)) return false;
    if (!options.firstDelivery) return true;
    try {
      return await options.firstDelivery(id);
    } catch (err) {
      log.warn({ err }, 'discord: shared replay check failed; answering');
      return true;
    }
  };
  const limiter = options.pressLimiter ?? new PressLimiter();

  /**
   * The deferral policy's steps for one request: the first answer is the HTTP response itself,
   * everything after the deferral goes through the interaction's webhook (no bot token needed).
   */
  function responderFor(
    interaction: RawInteraction,
    respond: (body: unknown) => void,
    state: InteractionState,
  ): InteractionResponder {
    const token = str(interaction.token);
    const appId = str(interaction.application_id) ?? applicationId;
    const webhook = () => {
      if (!token || !appId) throw new Error('interaction without token or application id: cannot follow up');
      return { appId, token };
    };
    return {
      state: () => state,
      reply: async (message, files) => {
        state.replied = true;
        respond({ type: CHANNEL_MESSAGE, data: files.length ? withoutCardImage(message) : message });
        // A JSON response cannot carry a file: a multipart edit of @original adds the picture.
        if (files.length === 0) return;
        const later = editInCard(rest, webhook(), message, files, log);
        pending.add(later);
        void later.finally(() => pending.delete(later));
      },
      edit: (message, files) => {
        const w = webhook();
        return rest.patch(Routes.webhookMessage(w.appId, w.token, '@original'), {
          body: message,
          files,
          auth: false,
        });
      },
      followUp: (message, files) => {
        const w = webhook();
        return rest.post(Routes.webhook(w.appId, w.token), { body: message, files, auth: false });
      },
      deleteOriginal: () => {
        const w = webhook();
        return rest.delete(Routes.webhookMessage(w.appId, w.token, '@original'), { auth: false });
      },
    };
  }

  /**
   * Runs the command: answers in the HTTP response within the budget, or responds "thinking…" and
   * finishes through the webhook. After the deferral the response is gone, so a failure is
   * reported here, through the deferral policy; before it, the request's boundary answers.
   */
  async function onCommand(interaction: RawInteraction, respond: (body: unknown) => void): Promise<void> {
    const name = str(interaction.data?.name) ?? '';
    const state: InteractionState = { deferred: false, replied: false, deferredPrivately: false };
    const responder = responderFor(interaction, respond, state);
    const call = { name, options: interaction.data?.options, place: placeOf(interaction) };
    try {
      await answerCommand(deps, call, responder, async (privately) => {
        if (!str(interaction.token) || !(str(interaction.application_id) ?? applicationId)) {
          throw new Error('interaction without token or application id: cannot defer');
        }
        state.deferred = true;
        state.deferredPrivately = privately;
        respond({ type: DEFERRED_CHANNEL_MESSAGE, data: privately ? { flags: EPHEMERAL_FLAG } : {} });
      });
    } catch (err) {
      if (!state.deferred) throw err;
      log.error({ err, command: name, interactionId: interaction.id }, 'discord: deferred command failed');
      try {
        await deliverReply(responder, internalErrorReply());
      } catch (answerErr) {
        log.warn({ err: answerErr, interactionId: interaction.id }, 'discord: could not report the failure');
      }
    }
  }

  /**
   * A button press: answered in the HTTP response (UPDATE_MESSAGE for paging, a new message
   * otherwise) or, when slow, acknowledged as a deferred update and finished through the webhook,
   * where a failure is reported privately and the pressed message is left alone.
   */
  async function onPress(interaction: RawInteraction, respond: (body: unknown) => void): Promise<void> {
    const token = str(interaction.token);
    const appId = str(interaction.application_id) ?? applicationId;
    let deferred = false;
    const webhook = () => {
      if (!token || !appId) throw new Error('interaction without token or application id: cannot follow up');
      return { appId, token };
    };
    const followUp = (message: DiscordMessage) => {
      const w = webhook();
      return rest.post(Routes.webhook(w.appId, w.token), { body: message, auth: false });
    };
    const call = { customId: interaction.data?.custom_id, place: placeOf(interaction) };
    try {
      await answerDiscordPress(deps, limiter, call, {
        respond: async (callback) => respond(callback),
        deferUpdate: async () => {
          webhook();
          deferred = true;
          respond({ type: DEFERRED_UPDATE_MESSAGE });
        },
        editOriginal: (message) => {
          const w = webhook();
          return rest.patch(Routes.webhookMessage(w.appId, w.token, '@original'), {
            body: message,
            auth: false,
          });
        },
        followUp,
      });
    } catch (err) {
      if (!deferred) throw err;
      log.error({ err, interactionId: interaction.id }, 'discord: deferred press failed');
      try {
        await followUp(renderDiscordMessage(internalErrorReply()));
      } catch (answerErr) {
        log.warn({ err: answerErr, interactionId: interaction.id }, 'discord: could not report the failure');
      }
    }
  }

  /** The adapter's single error boundary for one request. */
  async function onInteraction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answered = false;
    const respond = (body: unknown) => {
      answered = true;
      sendJson(res, 200, body);
    };
    let interaction: RawInteraction | null = null;
    try {
      const body = await readBody(req);
      const signature = req.headers['x-signature-ed25519'];
      const timestamp = req.headers['x-signature-timestamp'];
      if (
        !verifyDiscordSignature(
          key,
          typeof signature === 'string' ? signature : undefined,
          typeof timestamp === 'string' ? timestamp : undefined,
          body,
          clock(),
        )
      ) {
        answered = true;
        sendJson(res, 401, { error: 'invalid request signature' });
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        answered = true;
        sendJson(res, 400, { error: 'body is not JSON' });
        return;
      }
      const malformed = malformedInteraction(parsed);
      if (malformed) {
        answered = true;
        sendJson(res, 400, { error: `malformed interaction: ${malformed}` });
        return;
      }
      interaction = parsed as RawInteraction;
      if (interaction.type !== PING && !(await firstTime(String(interaction.id)))) {
        log.info({ interactionId: interaction.id }, 'discord: replayed interaction refused');
        answered = true;
        sendJson(res, 409, { error: 'interaction already received' });
        return;
      }
      switch (interaction?.type) {
        case PING:
          respond({ type: PONG });
          return;
        case APPLICATION_COMMAND:
          await onCommand(interaction, respond);
          return;
        case MESSAGE_COMPONENT:
          await onPress(interaction, respond);
          return;
        case AUTOCOMPLETE:
          respond({
            type: AUTOCOMPLETE_RESULT,
            data: {
              choices: autocompleteChoices(
                deps,
                str(interaction.data?.name) ?? '',
                interaction.data?.options,
              ),
            },
          });
          return;
        default:
          answered = true;
          sendJson(res, 400, { error: 'unsupported interaction type' });
      }
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        if (!answered) sendJson(res, 413, { error: 'body too large' });
        return;
      }
      log.error(
        { err, interactionId: interaction?.id, command: interaction?.data?.name },
        'discord: interaction failed',
      );
      if (answered) return;
      if (interaction?.type === AUTOCOMPLETE) respond({ type: AUTOCOMPLETE_RESULT, data: { choices: [] } });
      else respond({ type: CHANNEL_MESSAGE, data: renderDiscordMessage(internalErrorReply()) });
    }
  }

  const handleRequest = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = requestPath(req);
    if (path === null) {
      sendJson(res, 400, { error: 'bad request target' });
      return true;
    }
    if (serveHealth(req, res)) return true;
    if (path !== DISCORD_INTERACTIONS_PATH) return false;
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' });
      return true;
    }
    // Tracked so stop() waits for answers still being finished through the webhook.
    const answering = onInteraction(req, res);
    pending.add(answering);
    void answering.finally(() => pending.delete(answering));
    return true;
  };

  const settle = async () => {
    await Promise.allSettled([...pending]);
  };

  if (options.listen === false) {
    log.info({ path: DISCORD_INTERACTIONS_PATH }, 'discord: serving HTTP interactions on a shared server');
    return { server: null, url: null, handleRequest, stop: settle };
  }
  const server = createServer((req, res) => {
    if (!handleRequest(req, res)) sendJson(res, 404, { error: 'not found' });
  });
  server.listen(options.port ?? config.port, options.host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info({ url, path: DISCORD_INTERACTIONS_PATH }, 'discord: listening for HTTP interactions');
  return {
    server,
    url,
    handleRequest,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await settle();
    },
  };
}
