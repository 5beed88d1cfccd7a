import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardMaker } from '../../src/adapters/cards.js';
import { cardRoute, cardSigningKey, SLACK_MAX_IMAGE_URL } from '../../src/adapters/slack/cards.js';
import { onThisDay } from '../../src/core/on-this-day.js';
import { createLogger } from '../../src/logger.js';
import { type SlackHarness, startSlackHarness, TEST_SIGNING_SECRET } from '../fakes/slack/harness.js';
import { postSlashCommand } from '../fakes/slack/signed-request.js';
import { loadShippedKb } from '../helpers.js';

/**
 * Cards on Slack with the real Bolt app against the fake Web API: uploaded with files.uploadV2
 * (getUploadURLExternal → upload → completeUploadExternal) without a public URL, or shown as an
 * image block on Podium's own signed, expiring GET /cards/<id>.png with PODIUM_PUBLIC_URL.
 */

const quiet = createLogger('silent');

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expectCardPng(data: Buffer): void {
  expect(data.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
  expect(PNG.sync.read(data).width).toBe(2000);
}

interface Block {
  type: string;
  image_url?: string;
  alt_text?: string;
}

describe('Slack without a public URL: cards are uploaded with files.uploadV2', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      mode: 'http',
      adapter: { cards: createCardMaker({ enabled: true, logger: quiet }) },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });
  const ask = (command: string, text: string) =>
    postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, h.fake.slashCommand(command, text));

  it('answers /podium 1500m in Block Kit as before, then uploads the card into the channel', async () => {
    const res = await ask('/podium', '1500m');
    const body = res.body as { response_type: string; blocks: Block[] };
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks.some((b) => b.type === 'image')).toBe(false);
    await until(() => h.fake.callsTo('files.completeUploadExternal').length === 1);
    const [announce] = h.fake.callsTo('files.getUploadURLExternal');
    expect(announce?.params).toMatchObject({ filename: 'card.png' });
    const [upload] = h.fake.uploads;
    expect(upload?.data.length).toBe(upload?.announcedLength);
    expect(Number(announce?.params.length)).toBe(upload?.data.length);
    expectCardPng(upload?.data ?? Buffer.alloc(0));
    const [complete] = h.fake.callsTo('files.completeUploadExternal');
    expect(complete?.params.channel_id).toBe('C0CHANNEL');
    const files = complete?.params.files as Array<{ id: string; title: string }>;
    expect(files).toEqual([{ id: upload?.fileId, title: expect.stringContaining('1500m') }]);
  });

  it('uploads nothing for a private answer (help)', async () => {
    const before = h.fake.uploads.length;
    const res = await ask('/help', '');
    expect((res.body as { response_type: string }).response_type).toBe('ephemeral');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.uploads.length).toBe(before);
  });

  it('uploads the headline event’s card after a scheduled "on this day" post', async () => {
    const before = h.fake.uploads.length;
    const reply = onThisDay(await loadShippedKb(), '2026-08-06');
    const outcome = await h.slack.poster.post('C0SCHEDULED', reply ?? missing());
    expect(outcome.kind).toBe('sent');
    await until(() => h.fake.uploads.length === before + 1);
    const complete = h.fake.callsTo('files.completeUploadExternal').at(-1);
    expect(complete?.params.channel_id).toBe('C0SCHEDULED');
  });
});

describe('Slack with PODIUM_PUBLIC_URL: cards are image blocks on signed GET /cards/<id>.png', () => {
  let h: SlackHarness;
  let server: Server;
  let publicUrl: string;
  const key = cardSigningKey(TEST_SIGNING_SECRET);
  // The harness's clock: URLs are signed with the adapter's time.
  const HARNESS_NOW = Date.parse('2026-08-06T10:00:00Z');
  let clock = HARNESS_NOW;
  beforeAll(async () => {
    const route = cardRoute({ key, logger: quiet, now: () => clock });
    server = createServer((req, res) => {
      if (!route(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await startSlackHarness({
      mode: 'http',
      env: { PODIUM_PUBLIC_URL: publicUrl },
      adapter: { cards: createCardMaker({ enabled: true, logger: quiet }) },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function imageBlockOf(command: string, text: string): Promise<Block> {
    const res = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, h.fake.slashCommand(command, text));
    const blocks = (res.body as { blocks: Block[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const image = blocks.find((b) => b.type === 'image');
    if (!image) throw new Error('no image block');
    return image;
  }

  it('adds an image block whose signed URL serves the podium card, and uploads nothing', async () => {
    const image = await imageBlockOf('/podium', '1500m');
    expect(image.image_url?.startsWith(`${publicUrl}/cards/`)).toBe(true);
    expect(image.image_url?.length).toBeLessThanOrEqual(SLACK_MAX_IMAGE_URL);
    expect(image.alt_text).toContain('1500m');
    const res = await fetch(image.image_url ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expectCardPng(Buffer.from(await res.arrayBuffer()));
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('refuses a tampered URL (403) and an expired one (410)', async () => {
    const image = await imageBlockOf('/quote', 'hocker');
    const url = new URL(image.image_url ?? '');
    const sig = url.searchParams.get('sig') ?? '';
    url.searchParams.set('sig', `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`);
    expect((await fetch(url)).status).toBe(403);
    clock += 31 * 24 * 60 * 60_000;
    expect((await fetch(image.image_url ?? '')).status).toBe(410);
    clock = HARNESS_NOW;
    expect((await fetch(image.image_url ?? '')).status).toBe(200);
  });

  it('answers any other /cards request with a 4xx, never a crash', async () => {
    const part = fc.string({ unit: 'grapheme-ascii', maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(part, part, part, async (id, exp, sig) => {
        const path = `/cards/${encodeURIComponent(id)}.png?exp=${encodeURIComponent(exp)}&sig=${encodeURIComponent(sig)}`;
        const res = await fetch(`${publicUrl}${path}`);
        expect([403, 404, 410]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
    expect((await fetch(`${publicUrl}/cards/x.png`, { method: 'POST' })).status).toBe(405);
  });
});

function missing(): never {
  throw new Error('the shipped data has an anniversary on 6 August');
}
