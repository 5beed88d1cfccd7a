/**
 * What a request to `/slack/events` must pass before Bolt sees it: signature headers of the right
 * shape and a timestamp within five minutes either way (checked before a byte of the body is
 * read), a body under the cap (streamed, cut at the cap), a valid HMAC, and a payload this app
 * serves. Bolt alone buffers up to its limit before verifying, accepts future timestamps, and
 * lets a signed body with no listener wait 3 s for a 404.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse } from 'node:querystring';

/** Largest body read: a slash command is a few hundred bytes, an interaction payload a few kilobytes. */
export const SLACK_MAX_BODY_BYTES = 64 * 1024;
/** Largest clock difference accepted either way (Slack's own rule is five minutes). */
export const SLACK_MAX_SKEW_S = 300;

/** Why a request was refused: status and a short reason for the body. */
export interface Refusal {
  status: number;
  reason: string;
}

class TooLarge extends Error {}

/** Reads at most `limit` bytes; rejects (and stops reading) as soon as the body goes over. */
function readCapped(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('aborted', () => reject(new Error('aborted')));
  });
}

/** The header checks that need no body. null when they pass. */
export function checkSlackHeaders(
  req: IncomingMessage,
  nowMs: number,
  limit = SLACK_MAX_BODY_BYTES,
): Refusal | null {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(signature))
    return { status: 401, reason: 'missing or malformed x-slack-signature' };
  if (typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp))
    return { status: 401, reason: 'missing or malformed x-slack-request-timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SLACK_MAX_SKEW_S)
    return { status: 401, reason: 'request timestamp is more than five minutes away' };
  const length = req.headers['content-length'];
  if (length !== undefined && !(Number(length) <= limit)) return { status: 413, reason: 'body too large' };
  return null;
}

/** The payload kinds this app serves: slash commands, button presses, and Slack's URL and SSL checks. */
function servedPayload(req: IncomingMessage, body: Buffer): Refusal | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
  const text = body.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    const form = parse(text);
    if (typeof form.command === 'string' && form.command.startsWith('/')) return null;
    // Button presses arrive as a form with one JSON `payload` field.
    if (typeof form.payload === 'string') {
      try {
        const payload = JSON.parse(form.payload) as { type?: unknown } | null;
        if (payload?.type === 'block_actions') return null;
      } catch {
        return { status: 400, reason: 'payload is not JSON' };
      }
      return { status: 400, reason: 'not an interaction this app serves' };
    }
    return { status: 400, reason: 'not a slash command or button press' };
  }
  if (type === 'application/json') {
    try {
      const json = JSON.parse(text) as { type?: unknown };
      if (json?.type === 'url_verification') return null;
    } catch {
      return { status: 400, reason: 'body is not JSON' };
    }
    return { status: 400, reason: 'no listener for this payload' };
  }
  return { status: 415, reason: 'unsupported content type' };
}

/**
 * Checks one POST to /slack/events. Resolves with the raw body (for Bolt, which then skips its own
 * buffering) or with the refusal to send. Unsigned Slack SSL checks pass through.
 */
export async function guardSlackRequest(
  req: IncomingMessage,
  signingSecret: string,
  nowMs: number,
  limit = SLACK_MAX_BODY_BYTES,
): Promise<{ body: Buffer } | Refusal> {
  const refused = checkSlackHeaders(req, nowMs, limit);
  // Slack's SSL check is unsigned and tiny; Bolt answers it (and strips anything else).
  const maybeSslCheck =
    refused?.status === 401 &&
    req.headers['x-slack-signature'] === undefined &&
    Number(req.headers['content-length']) <= 512;
  if (refused && !maybeSslCheck) return refused;
  let body: Buffer;
  try {
    body = await readCapped(req, maybeSslCheck ? 512 : limit);
  } catch (err) {
    return err instanceof TooLarge
      ? { status: 413, reason: 'body too large' }
      : { status: 400, reason: 'body not read' };
  }
  if (maybeSslCheck) return parse(body.toString('utf8')).ssl_check === '1' ? { body } : (refused as Refusal);
  const expected = `v0=${createHmac('sha256', signingSecret)
    .update(`v0:${req.headers['x-slack-request-timestamp']}:`)
    .update(body)
    .digest('hex')}`;
  const given = Buffer.from(String(req.headers['x-slack-signature']));
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
    return { status: 401, reason: 'invalid signature' };
  return servedPayload(req, body) ?? { body };
}

/**
 * Sends a refusal with no body, as Bolt does (the reason is logged, not told to a forger), and
 * closes the connection so whatever the client still sends is never read.
 */
export function refuse(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return;
  res.writeHead(refusal.status, { 'content-length': 0, connection: 'close' });
  res.end();
}
