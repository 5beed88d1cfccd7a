import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { BundleSchema } from '../../src/core/schema.js';
import { extractArticle } from '../../src/ingest/index.js';
import { draftToBundle, writeDraftBundle } from '../../src/ingest/write-bundle.js';
import { loadShippedKb, REPO_ROOT } from '../helpers.js';

const FICTIONAL = path.join(REPO_ROOT, 'tests/fixtures/ingest/fictional');
const article = async (name: string) => readFile(path.join(FICTIONAL, name), 'utf8');

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('draftToBundle', () => {
  it('writes a draft bundle the schema and the knowledge base accept beside the shipped data', async () => {
    const kb = await loadShippedKb();
    const { draft, extras } = extractArticle(await article('06-dlamini-800m.txt'));
    const notes: string[] = [];
    const bundle = draftToBundle(draft, kb, {
      articlePath: '06-dlamini-800m.txt',
      city: extras.city,
      notes: (n) => notes.push(n),
    });
    expect(BundleSchema.safeParse(bundle).success).toBe(true);
    expect(bundle.draft).toBe(true);
    expect(bundle.events?.[0]).toMatchObject({
      discipline: '800m',
      sex: 'men',
      city: 'Boston',
      timeZone: 'America/New_York',
      date: '2025-02-15',
      draft: true,
    });
    expect(bundle.athletes?.map((a) => a.id)).toEqual([
      'sipho-dlamini',
      'tomas-novak',
      'conor-walsh',
      'marcus-jones',
    ]);
    expect(bundle.quotes?.every((q) => q.draft && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(q.id))).toBe(true);
    expect(notes.some((n) => n.includes('no clear speaker'))).toBe(true);
    const merged = KnowledgeBase.fromBundles([...(await shippedBundles()), bundle], { includeDrafts: true });
    expect(merged.athlete('sipho-dlamini')?.country).toBe('RSA');
  });

  it('cites the article by headline and date, never its prose', async () => {
    const text = await article('06-dlamini-800m.txt');
    const { draft } = extractArticle(text);
    const bundle = draftToBundle(draft, KnowledgeBase.fromBundles([]), { articlePath: 'a.txt' });
    expect(bundle.sources).toEqual([
      {
        id: 'dlamini-wins-800m-thriller-as-the-professor-novak-2025-02-16',
        title: 'Dlamini wins 800m thriller as “The Professor” Novak runs out of road',
        publisher: null,
        published: '2025-02-16',
        draft: true,
      },
    ]);
    const json = JSON.stringify(bundle);
    expect(json).not.toContain('holding off Czech veteran');
  });

  it('references known athletes and events by id instead of copying them', async () => {
    const kb = await loadShippedKb();
    const text = [
      'Hocker and Kerr meet again',
      'date 2024-08-07',
      "Cole Hocker of the USA won the men's 1500m at the Olympic Games at the Stade de France on Tuesday.",
      '“I will remember this forever,” Hocker said at a late press conference.',
      'Josh Kerr took silver. “Next time,” Kerr wrote on Instagram.',
    ].join('\n\n');
    const { draft } = extractArticle(text);
    const bundle = draftToBundle(draft, kb, { articlePath: 'x.txt' });
    expect(bundle.athletes).toBeUndefined();
    expect(bundle.events).toBeUndefined();
    expect(bundle.quotes?.map((q) => [q.speaker, q.event, q.channel])).toEqual([
      ['cole-hocker', 'paris-2024-athletics-men-1500m-final', 'press conference'],
      ['josh-kerr', 'paris-2024-athletics-men-1500m-final', 'social media'],
    ]);
    KnowledgeBase.fromBundles([...(await shippedBundles()), bundle], { includeDrafts: true });
  });

  it('leaves out what the data cannot hold, with a note', () => {
    const notes: string[] = [];
    const bundle = draftToBundle(
      {
        source: { title: 'T', published: '2025-01-01' },
        event: { discipline: null, sex: null, competition: null, venue: null, date: null },
        results: [],
        quotes: [{ speaker: 'Ann Bell', text: 'Hi', paragraph: 2, channel: 'interview', confidence: 0.9 }],
      },
      KnowledgeBase.fromBundles([]),
      { articlePath: 't.txt', notes: (n) => notes.push(n) },
    );
    expect(bundle.quotes).toBeUndefined();
    expect(notes.join('\n')).toMatch(/no event written/);
    expect(notes.join('\n')).toMatch(/left out Ann Bell: country unknown/);
  });

  it('refuses a draft with no date to cite it by', () => {
    const draft = extractArticle('Untitled\n\nSomething happened.').draft;
    expect(() => draftToBundle(draft, KnowledgeBase.fromBundles([]), { articlePath: 'u.txt' })).toThrow(
      /--published/,
    );
  });
});

describe('writeDraftBundle', () => {
  it('writes data/drafts/<slug>.json, which loadKnowledgeBase loads with the rest', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-ingest-'));
    temps.push(dir);
    for (const f of await readdir(path.join(REPO_ROOT, 'data'))) {
      if (f.endsWith('.json')) await copy(path.join(REPO_ROOT, 'data', f), path.join(dir, f));
    }
    const { draft, extras } = extractArticle(await article('01-okafor-400m-hurdles.txt'), {
      published: '2025-06-15',
    });
    const bundle = draftToBundle(draft, await loadKnowledgeBase(dir), {
      articlePath: 'a.txt',
      city: extras.city ?? 'Eugene',
    });
    const file = await writeDraftBundle(bundle, dir);
    expect(path.relative(dir, file)).toBe(
      path.join('drafts', 'okafor-storms-to-400m-hurdles-title-as-lindqvist-2025-06-15.json'),
    );
    const kb = await loadKnowledgeBase(dir, { includeDrafts: true });
    expect(kb.athlete('adaeze-okafor')?.name).toBe('Adaeze Okafor');
    expect(kb.athlete('cole-hocker')).toBeDefined();
  });
});

async function copy(from: string, to: string): Promise<void> {
  const { copyFile } = await import('node:fs/promises');
  await copyFile(from, to);
}

async function shippedBundles() {
  const dir = path.join(REPO_ROOT, 'data');
  const { parseBundle } = await import('../../src/core/validate.js');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  return Promise.all(files.map(async (f) => parseBundle(f, await readFile(path.join(dir, f), 'utf8'))));
}
