import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerLine } from '../../src/adapters/console/console.js';
import { dataFingerprint } from '../../src/core/actions.js';
import { DataError } from '../../src/core/errors.js';
import type { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { createLogger } from '../../src/logger.js';
import { REPO_ROOT, testContext } from '../helpers.js';

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of the Paris seed (the top-level data files) and an empty cache folder. */
async function seedCopy(): Promise<{ data: string; cache: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'podium-snapshot-'));
  temps.push(root);
  const data = path.join(root, 'data');
  for (const f of ['athletes.json', 'events.json', 'quotes.json', 'sources.json']) {
    await cp(path.join(REPO_ROOT, 'data', f), path.join(data, f));
  }
  return { data, cache: path.join(root, 'cache') };
}

/** The shipped data loaded without a snapshot, and loaded again from the snapshot a first load wrote. */
async function freshAndHit(): Promise<{ fresh: KnowledgeBase; hit: KnowledgeBase }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'podium-snapshot-'));
  temps.push(root);
  const data = path.join(REPO_ROOT, 'data');
  const fresh = await loadKnowledgeBase(data);
  await loadKnowledgeBase(data, { cacheDir: root });
  return { fresh, hit: await loadKnowledgeBase(data, { cacheDir: root }) };
}

describe('validated snapshot of the knowledge base', () => {
  it('writes one snapshot, and a second load from it answers the same', async () => {
    const { data, cache } = await seedCopy();
    const first = await loadKnowledgeBase(data, { cacheDir: cache });
    const snaps = await readdir(cache);
    expect(snaps).toHaveLength(1);
    const second = await loadKnowledgeBase(data, { cacheDir: cache });
    expect(second.athletes.size).toBe(first.athletes.size);
    expect(second.events.size).toBe(first.events.size);
    expect([...second.events.keys()]).toEqual([...first.events.keys()]);
  });

  it('validates again when a data file changes: bad data still stops loading with file and JSON path', async () => {
    const { data, cache } = await seedCopy();
    await loadKnowledgeBase(data, { cacheDir: cache });
    const file = path.join(data, 'athletes.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.athletes[0].country = 'not a country';
    await writeFile(file, JSON.stringify(json));
    const err = await loadKnowledgeBase(data, { cacheDir: cache }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).file).toMatch(/athletes\.json$/);
    expect((err as DataError).jsonPath).toBe('$.athletes[0].country');
  });

  it('replaces the old snapshot when the data changes, and ignores a corrupt one', async () => {
    const { data, cache } = await seedCopy();
    await loadKnowledgeBase(data, { cacheDir: cache });
    const [old] = await readdir(cache);
    const file = path.join(data, 'sources.json');
    await writeFile(file, `${await readFile(file, 'utf8')}\n`);
    await loadKnowledgeBase(data, { cacheDir: cache });
    const now = await readdir(cache);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
    await writeFile(path.join(cache, now[0] as string), '{ not json');
    const kb = await loadKnowledgeBase(data, { cacheDir: cache });
    expect(kb.events.size).toBeGreaterThan(0);
  });

  it('loads without a snapshot when the cache folder cannot be written', async () => {
    const { data } = await seedCopy();
    const kb = await loadKnowledgeBase(data, { cacheDir: path.join(data, 'athletes.json', 'x') });
    expect(kb.events.size).toBeGreaterThan(0);
  });

  it('a snapshot hit on the shipped data gives the same people and countries as a fresh load', async () => {
    const { fresh, hit } = await freshAndHit();
    const people = (kb: typeof fresh) => [...kb.athletes.values()].map((a) => [a.id, a.name, a.country]);
    expect(people(hit)).toEqual(people(fresh));
    expect([...hit.events.keys()]).toEqual([...fresh.events.keys()]);
  });

  it('a snapshot hit answers every kind of question exactly as a fresh load, buttons included', async () => {
    const { fresh, hit } = await freshAndHit();
    expect(dataFingerprint(hit)).toBe(dataFingerprint(fresh));
    const logger = createLogger('silent');
    const lines = [
      '/podium 1500m',
      '/podium 100m rio',
      "/results women's 4x400m relay rome",
      '/results 10000m race b',
      '/athlete hocker',
      '/athlete perkovic',
      '/result kerr',
      '/quote hocker',
      '/quote medal',
      '/medals rome 2024',
      '/onthisday 08-06',
      '/onthisday Jun 9',
      '/podium decathlon 100m',
      '/podium 1500n',
    ];
    const answer = async (kb: KnowledgeBase, line: string) => {
      const ctx = await testContext({ kb });
      return JSON.stringify(await answerLine(line, { context: () => ctx, logger }));
    };
    for (const line of lines) expect(await answer(hit, line), line).toBe(await answer(fresh, line));
  });

  it("a snapshot's events read, copy, serialise and take new results like plain objects", async () => {
    const { fresh, hit } = await freshAndHit();
    expect(JSON.stringify([...hit.events.values()])).toBe(JSON.stringify([...fresh.events.values()]));
    const [id, event] = [...hit.events][0] as [string, NonNullable<ReturnType<typeof hit.event>>];
    expect({ ...event }).toEqual({ ...fresh.event(id) });
    expect(structuredClone(event)).toEqual(fresh.event(id));
    event.results = [];
    expect(event.results).toEqual([]);
    expect(Object.keys(event)).toEqual(Object.keys(fresh.event(id) ?? {}));
  });
});
