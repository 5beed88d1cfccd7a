/**
 * Builds and sends requests exactly as Slack sends slash commands to a Request URL: a form-encoded
 * body, `x-slack-request-timestamp`, and `x-slack-signature: v0=` + HMAC-SHA256 of `v0:{ts}:{raw body}`.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { stringify } from 'node:querystring';

/** The `v0=` signature Slack puts on a request. */
export function slackSignature(signingSecret: string, timestampSec: number, rawBody: string): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return `v0=${hmac}`;
}

/** How to (mis)sign a request. */
export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestampSec?: number;
  /** Leave out both signature headers. */
  unsigned?: boolean;
  /** Sign with this secret instead of the right one. */
  wrongSecret?: string;
  /** Adds `x-slack-retry-num` / `x-slack-retry-reason`, as Slack does on redelivery. */
  retryNum?: number;
}

/** Answer of the receiver. */
export interface SlackHttpAnswer {
  status: number;
  /** Parsed JSON when the body is JSON, else the raw text ('' for none). */
  body: unknown;
  contentType: string | undefined;
}

/** Sends a signed slash-command POST with form fields to `url` and returns the answer. */
export function postSlashCommand(
  url: string,
  signingSecret: string,
  fields: Record<string, string>,
  options: SignOptions = {},
): Promise<SlackHttpAnswer> {
  const rawBody = stringify(fields);
  const timestampSec = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(rawBody)),
  };
  if (!options.unsigned) {
    headers['x-slack-request-timestamp'] = String(timestampSec);
    headers['x-slack-signature'] = slackSignature(
      options.wrongSecret ?? signingSecret,
      timestampSec,
      rawBody,
    );
  }
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return send(url, 'POST', headers, rawBody);
}

/** Sends a signed interactivity POST (a button press): the payload JSON in the `payload` form field. */
export function postInteraction(
  url: string,
  signingSecret: string,
  payload: Record<string, unknown>,
  options: SignOptions = {},
): Promise<SlackHttpAnswer> {
  return postSlashCommand(url, signingSecret, { payload: JSON.stringify(payload) }, options);
}

/** A plain HTTP request (for health checks and unknown routes). */
export function send(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<SlackHttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const contentType = res.headers['content-type'];
        let parsed: unknown = text;
        if (contentType?.includes('application/json') && text.length > 0) parsed = JSON.parse(text);
        resolve({ status: res.statusCode ?? 0, body: parsed, contentType });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
