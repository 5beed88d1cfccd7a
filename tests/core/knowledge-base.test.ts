import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { bundleJsonSchema } from '../../src/core/json-schema.js';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { addFormats, loadShippedKb, REPO_ROOT, SHARED_DIR, sharedAvailable } from '../helpers.js';

const seedsDir = path.join(SHARED_DIR, 'seeds');
const seeds =
  sharedAvailable() && existsSync(seedsDir)
    ? readdirSync(seedsDir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(path.join(seedsDir, f), 'utf8'))
    : [];
const paragraphs = (t: string) =>
  t
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    // A stray "." line is not a paragraph (DESIGN.md §6 numbers paragraphs this way).
    .filter((p) => /[\p{L}\p{N}]/u.test(p));

describe('the shipped knowledge base', () => {
  it('holds the Paris 2024 men’s 1500m final with the placings the reports give', async () => {
    const kb = await loadShippedKb();
    const e = kb.event('paris-2024-athletics-men-1500m-final');
    expect(e).toMatchObject({
      competition: 'Olympic Games',
      city: 'Paris',
      venue: 'Stade de France',
      round: 'final',
      date: '2024-08-06',
      timeZone: 'Europe/Paris',
    });
    const placings = e?.results.map((r) => [r.place, r.athlete, r.country, r.mark, r.records]);
    expect(placings).toEqual([
      [1, 'cole-hocker', 'USA', '3:27.65', ['OR', 'PB']],
      [2, 'josh-kerr', 'GBR', '3:27.79', ['NR']],
      [3, 'yared-nuguse', 'USA', '3:27.80', []],
      [4, 'jakob-ingebrigtsen', 'NOR', '3:28.24', []],
    ]);
  });

  it('cites sources as headline and date only, never article text', async () => {
    const kb = await loadShippedKb();
    for (const s of kb.sources.values()) {
      expect(Object.keys(s).sort()).toEqual(['id', 'published', 'publisher', 'title']);
      expect(s.title.length).toBeLessThan(120);
    }
  });

  it.runIf(seeds.length === 2)(
    'quotes every speaker verbatim from a seed report, at the paragraph it gives',
    async () => {
      const kb = await loadShippedKb();
      for (const q of kb.quotes.values()) {
        const source = kb.source(q.source);
        const seed = seeds.find((t) => source && t.includes(source.title));
        expect(seed, `seed for ${q.id}`).toBeDefined();
        const para = paragraphs(seed as string)[(q.paragraph as number) - 1];
        expect(para, q.id).toContain(q.text);
      }
    },
  );

  it.runIf(seeds.length === 2)('has every direct quote of both reports (25 quoted passages)', async () => {
    const kb = await loadShippedKb();
    // Every paragraph of a seed that holds a quotation by a named speaker is represented.
    const quoted = seeds.flatMap((t) =>
      paragraphs(t).filter((p) => /^["“]/.test(p) || /(said|added|insisted)[^.]*[,:]?\s*["“]/.test(p)),
    );
    const covered = quoted.filter((p) => [...kb.quotes.values()].some((q) => p.includes(q.text)));
    expect(covered).toHaveLength(quoted.length);
    expect(kb.quotes.size).toBe(25);
    const by = (id: string) => kb.quotesBy(id).length;
    expect([by('cole-hocker'), by('josh-kerr'), by('jakob-ingebrigtsen'), by('yared-nuguse')]).toEqual([
      10, 9, 6, 0,
    ]);
  });

  it('does not copy reporters’ sentences: no fact shares an 8-word run with a seed', async () => {
    const kb = await loadShippedKb();
    const seedText = seeds.join(' ').toLowerCase().replace(/\s+/g, ' ');
    for (const e of kb.events.values()) {
      for (const f of e.facts) {
        const w = f.text.toLowerCase().split(/\s+/);
        for (let i = 0; i + 8 <= w.length; i++) expect(seedText).not.toContain(w.slice(i, i + 8).join(' '));
      }
    }
  });

  it('keeps data/schema/bundle.schema.json in step with the zod schema, and every data file valid against it', () => {
    const committed = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'data/schema/bundle.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(bundleJsonSchema());
    // ajv-formats: the schema's "date" and "uri" formats are checked, not ignored with a warning.
    const validate = addFormats(new Ajv2020({ strict: false })).compile(committed);
    for (const f of readdirSync(path.join(REPO_ROOT, 'data')).filter((x) => x.endsWith('.json'))) {
      const ok = validate(JSON.parse(readFileSync(path.join(REPO_ROOT, 'data', f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe('loading bad data', () => {
  async function loadWith(files: Record<string, string>): Promise<unknown> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-data-'));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return loadKnowledgeBase(dir).then(
      () => null,
      (e: unknown) => e,
    );
  }
  const source = JSON.stringify({
    sources: [{ id: 's', title: 'T', publisher: null, published: '2024-08-06' }],
  });
  const athlete = (extra: object = {}) =>
    JSON.stringify({
      athletes: [
        {
          id: 'a',
          name: 'A B',
          givenName: 'A',
          familyName: 'B',
          country: 'USA',
          sex: 'men',
          aliases: [],
          ...extra,
        },
      ],
    });

  it('names the file, the JSON path and what was expected for a schema violation', async () => {
    const err = await loadWith({ 'a.json': athlete({ country: 'usa' }), 's.json': source });
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(/a\.json: \$\.athletes\[0\]\.country: .*IOC/);
  });

  it('names the file for broken JSON', async () => {
    const err = await loadWith({ 'broken.json': '{"athletes": [' });
    expect((err as DataError).message).toMatch(/broken\.json: \$: valid JSON/);
  });

  it('rejects a quote whose speaker is unknown, with its path', async () => {
    const quotes = JSON.stringify({
      quotes: [
        { id: 'q', speaker: 'nobody', text: 'Hi', occasion: null, channel: null, event: null, source: 's' },
      ],
    });
    const err = await loadWith({ 'a.json': athlete(), 's.json': source, 'q.json': quotes });
    expect((err as DataError).message).toMatch(
      /q\.json: \$\.quotes\[0\]\.speaker: the id of a known athlete, got "nobody"/,
    );
  });

  it('rejects an id defined twice, naming both files', async () => {
    const err = await loadWith({ 'a.json': athlete(), 'b.json': athlete(), 's.json': source });
    expect((err as DataError).message).toMatch(/b\.json: .*already defined in .*a\.json/);
  });

  it('rejects an unknown time zone', async () => {
    const ev = JSON.stringify({
      events: [
        {
          id: 'e',
          sport: 'Athletics',
          discipline: '100m',
          sex: 'men',
          round: 'final',
          competition: 'X',
          edition: 'X 2024',
          venue: 'V',
          city: 'C',
          country: null,
          date: '2024-01-01',
          timeZone: 'Mars/Olympus',
          sources: ['s'],
        },
      ],
    });
    const err = await loadWith({ 'e.json': ev, 's.json': source });
    expect((err as DataError).message).toMatch(/\$\.events\[0\]\.timeZone: an IANA time zone/);
  });
});
