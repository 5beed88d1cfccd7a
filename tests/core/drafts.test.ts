import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerLine } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render.js';
import { loadConfig } from '../../src/config.js';
import { DataError } from '../../src/core/errors.js';
import type { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../../src/core/load.js';
import type { BundleInput } from '../../src/core/schema.js';
import { createLogger } from '../../src/logger.js';
import { loadShippedKb, REPO_ROOT, testContext } from '../helpers.js';

const logger = createLogger('silent');
const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

const source = {
  id: 'draft-report-2025-07-07',
  title: 'A report nobody has checked',
  publisher: null,
  published: '2025-07-07',
};

/** An unreviewed draft as `podium ingest --into` writes it: wrong placings for a known final, a new event, a quote. */
const draftBundle: BundleInput = {
  draft: true,
  sources: [{ ...source, draft: true }],
  athletes: [
    {
      id: 'zara-quill',
      name: 'Zara Quill',
      givenName: 'Zara',
      familyName: 'Quill',
      country: 'KEN',
      sex: 'women',
      draft: true,
    },
  ],
  events: [
    {
      id: 'draft-games-2025-women-800m',
      sport: 'Athletics',
      discipline: '800m',
      sex: 'women',
      round: 'final',
      competition: 'Draft Games',
      edition: 'Draft Games 2025',
      venue: 'Nowhere Stadium',
      city: 'Nowhere',
      country: null,
      date: '2025-07-06',
      timeZone: 'Europe/London',
      results: [{ place: 1, athlete: 'zara-quill', country: 'KEN', mark: '1:59.00', sources: [source.id] }],
      sources: [source.id],
      draft: true,
    },
  ],
  quotes: [
    {
      id: 'zara-quill-zebra',
      speaker: 'zara-quill',
      text: 'I ran like a zebra chased by a lion',
      occasion: null,
      channel: 'interview',
      event: 'draft-games-2025-women-800m',
      source: source.id,
      draft: true,
    },
    {
      id: 'hocker-draft-kangaroo',
      speaker: 'cole-hocker',
      text: 'I felt like a kangaroo out there',
      occasion: null,
      channel: 'interview',
      event: 'paris-2024-athletics-men-1500m-final',
      source: source.id,
      draft: true,
    },
  ],
};

async function dataWithDraft(draft: unknown = draftBundle): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-drafts-'));
  temps.push(dir);
  await cp(path.join(REPO_ROOT, 'data'), dir, { recursive: true });
  await mkdir(path.join(dir, 'drafts'), { recursive: true });
  await writeFile(path.join(dir, 'drafts', 'draft-report.json'), JSON.stringify(draft, null, 2));
  return dir;
}

async function ask(kb: KnowledgeBase, line: string): Promise<string> {
  const ctx = await testContext({ kb });
  return renderText(await answerLine(line, { context: () => ctx, logger }));
}

describe('drafts wait for review', () => {
  it('never serves an unreviewed draft to /podium, /quote, /result or /onthisday', async () => {
    const kb = await loadKnowledgeBase(await dataWithDraft());
    expect(kb.draftsSkipped).toBe(5);
    expect(kb.athlete('zara-quill')).toBeUndefined();
    expect(await ask(kb, '/podium 800m')).not.toContain('Quill');
    expect(await ask(kb, '/podium 800m women')).not.toContain('1:59.00');
    expect(await ask(kb, '/quote quill')).not.toContain('zebra');
    expect(await ask(kb, '/quote zebra')).not.toContain('zebra chased');
    expect(await ask(kb, '/quote hocker kangaroo')).not.toContain('kangaroo out there');
    expect(await ask(kb, '/result quill')).not.toContain('1:59.00');
    expect(await ask(kb, '/onthisday 07-06')).not.toContain('Quill');
    // The published knowledge stays as it was.
    expect(await ask(kb, '/podium 1500m')).toContain('Cole Hocker (USA)  3:27.65');
  });

  it('serves drafts only with includeDrafts (PODIUM_INCLUDE_DRAFTS=true)', async () => {
    const dir = await dataWithDraft();
    const config = loadConfig({ PODIUM_DATA_DIR: dir, PODIUM_INCLUDE_DRAFTS: 'true' });
    expect(config.includeDrafts).toBe(true);
    expect(loadConfig({}).includeDrafts).toBe(false);
    expect(loadConfig({ PODIUM_INCLUDE_DRAFTS: 'no' }).includeDrafts).toBe(false);
    expect(() => loadConfig({ PODIUM_INCLUDE_DRAFTS: 'maybe' })).toThrow(
      'PODIUM_INCLUDE_DRAFTS: must be true or false',
    );
    const kb = await loadKnowledgeBase(config.dataDir, { includeDrafts: config.includeDrafts });
    expect(kb.draftsSkipped).toBe(0);
    expect(await ask(kb, '/podium 800m women')).toContain('Zara Quill (KEN)  1:59.00');
    expect(await ask(kb, '/quote zebra')).toContain('I ran like a zebra chased by a lion');
  });

  it('skips a draft item inside a published file too', async () => {
    const dir = await dataWithDraft({
      quotes: [{ ...draftBundle.quotes?.[1], source: 'hocker-takes-gold-in-record-win-2024-08-06' }],
    });
    const kb = await loadKnowledgeBase(dir);
    expect(kb.quotes.has('hocker-draft-kangaroo')).toBe(false);
    expect(kb.draftsSkipped).toBe(1);
  });

  it('is not stopped by a draft half-way through an edit, but publish-grade data still is', async () => {
    const broken = { ...draftBundle, athletes: [{ id: 'Bad Id', name: '' }] };
    const kb = await loadKnowledgeBase(await dataWithDraft(broken));
    expect(kb.athletes.size).toBe((await loadShippedKb()).athletes.size);
    await expect(loadKnowledgeBase(await dataWithDraft(broken), { includeDrafts: true })).rejects.toThrow(
      DataError,
    );
    const notDraft = { ...broken, draft: undefined };
    await expect(loadKnowledgeBase(await dataWithDraft(notDraft))).rejects.toThrow(/drafts.*athletes\[0\]/);
  });

  it('says so when published data points at a draft', async () => {
    const dir = await dataWithDraft({
      ...draftBundle,
      draft: undefined,
      quotes: [{ ...draftBundle.quotes?.[0], draft: undefined }],
    });
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(
      /\$\.quotes\[0\]\.speaker: the id of a published athlete, but "zara-quill" is a draft awaiting review/,
    );
  });
});
