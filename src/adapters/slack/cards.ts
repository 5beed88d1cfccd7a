import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { renderCard } from '../../cards/index.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { CARD_FILENAME, type CardMaker, cardAltText } from '../cards.js';
import { SLACK_MAX_BLOCKS, type SlackMessage } from './render.js';

/**
 * Slack cards, two ways. With PODIUM_PUBLIC_URL, an image block points at Podium's own
 * GET /cards/<id>.png: the id carries the reply itself (deflated, base64url) and the URL is signed
 * and expires, so any instance can draw it and nobody else can make Podium draw anything. Without
 * it, the card is uploaded with files.uploadV2 (scope files:write).
 */

/** How long a card URL stays valid: Slack fetches it when the message is posted, then caches it. */
export const CARD_URL_TTL_MS = 30 * 24 * 60 * 60_000;
/** Slack's limit on an image block's image_url. */
export const SLACK_MAX_IMAGE_URL = 3000;
/** Slack's limit on an image block's alt_text. */
export const SLACK_MAX_ALT_TEXT = 2000;
/** Path prefix of the card route. */
export const CARDS_PATH = '/cards/';
// Decoded replies are small; a bigger one is a forged or hostile id (zip bomb), never drawn.
const MAX_REPLY_BYTES = 64 * 1024;

/** An image block as Slack takes it. */
export interface SlackImageBlock {
  type: 'image';
  image_url: string;
  alt_text: string;
}

/** The key card URLs are signed with, derived (never the secret itself) from one the app has. */
export function cardSigningKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('podium-cards-v1').digest();
}

function sign(key: Buffer, id: string, exp: number): string {
  return createHmac('sha256', key).update(`${id}.${exp}`).digest('base64url');
}

/** What a card needs of a reply, without the lines and fields only text renderers use. */
function cardPayload(reply: Reply): unknown {
  const r = reply.card ?? reply;
  return {
    tone: r.tone,
    title: r.title,
    summary: r.summary,
    results: r.results,
    quote: r.quote,
    sources: r.sources,
    ephemeral: false,
  };
}

/** The signed, expiring URL of a reply's card, or null when the reply is too big for one. */
export function cardUrl(
  reply: Reply,
  options: { publicUrl: string; key: Buffer; now: number },
): string | null {
  const id = deflateRawSync(JSON.stringify(cardPayload(reply))).toString('base64url');
  const exp = Math.floor((options.now + CARD_URL_TTL_MS) / 1000);
  const url = `${options.publicUrl}${CARDS_PATH}${id}.png?exp=${exp}&sig=${sign(options.key, id, exp)}`;
  return url.length <= SLACK_MAX_IMAGE_URL ? url : null;
}

/** The message with the card's image block after its text (Block Kit text stays as it is). */
export function withImageBlock(message: SlackMessage, url: string, alt: string): SlackMessage {
  if (message.blocks.length >= SLACK_MAX_BLOCKS) return message;
  const image: SlackImageBlock = {
    type: 'image',
    image_url: url,
    alt_text: alt.slice(0, SLACK_MAX_ALT_TEXT),
  };
  // The context block with the source stays last, under the picture.
  const last = message.blocks.at(-1);
  const blocks =
    last?.type === 'context' ? [...message.blocks.slice(0, -1), image, last] : [...message.blocks, image];
  return { ...message, blocks: blocks as SlackMessage['blocks'] };
}

/**
 * GET /cards/<id>.png: verifies the signature and expiry, then draws the card. 403 for a bad
 * signature, 410 once expired, 404 for anything else; never a stack trace.
 */
export function cardRoute(options: { key: Buffer; logger: Logger; now?: () => number }) {
  const now = options.now ?? Date.now;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(CARDS_PATH)) return false;
    const end = (status: number, text: string) =>
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      end(405, 'method not allowed');
      return true;
    }
    const m = /^\/cards\/([A-Za-z0-9_-]{1,4000})\.png$/.exec(url.pathname);
    const exp = Number(url.searchParams.get('exp'));
    const sig = url.searchParams.get('sig') ?? '';
    if (!m?.[1] || !Number.isSafeInteger(exp)) {
      end(404, 'no such card');
      return true;
    }
    const id = m[1];
    const want = Buffer.from(sign(options.key, id, exp));
    const got = Buffer.from(sig);
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      end(403, 'bad signature');
      return true;
    }
    if (exp * 1000 < now()) {
      end(410, 'this card link has expired');
      return true;
    }
    void (async () => {
      try {
        const json = inflateRawSync(Buffer.from(id, 'base64url'), { maxOutputLength: MAX_REPLY_BYTES });
        const card = await renderCard(JSON.parse(json.toString('utf8')) as Reply);
        if (!card) return end(404, 'no card for this answer');
        res.writeHead(200, {
          'content-type': 'image/png',
          'content-length': card.png.length,
          'cache-control': 'public, max-age=86400, immutable',
        });
        res.end(req.method === 'HEAD' ? undefined : card.png);
      } catch (err) {
        options.logger.warn({ err }, 'cards: could not draw a signed card');
        if (!res.headersSent) end(404, 'no such card');
      }
    })();
    return true;
  };
}

/** The part of @slack/web-api's WebClient an upload uses. */
export interface FilesUploadClient {
  files: {
    uploadV2(args: {
      channel_id: string;
      file: Buffer;
      filename: string;
      title: string;
      alt_text: string;
      thread_ts?: string;
    }): Promise<unknown>;
  };
}

/**
 * Uploads the card into the channel with files.uploadV2 (files.getUploadURLExternal, the upload,
 * files.completeUploadExternal). Private answers get none: a file in a channel is never private.
 */
export async function uploadCard(
  client: FilesUploadClient,
  cards: CardMaker,
  channel: string,
  reply: Reply,
  logger: Logger,
  threadTs?: string,
): Promise<boolean> {
  if (reply.ephemeral) return false;
  const card = await cards(reply);
  if (!card) return false;
  try {
    await client.files.uploadV2({
      channel_id: channel,
      file: card.png,
      filename: CARD_FILENAME,
      title: (reply.card ?? reply).title.slice(0, 250),
      alt_text: cardAltText(reply.card ?? reply, card).slice(0, SLACK_MAX_ALT_TEXT),
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return true;
  } catch (err) {
    // not_in_channel, missing_scope …: the text answer stands on its own.
    logger.warn({ err, channel }, 'slack: could not upload the card');
    return false;
  }
}
