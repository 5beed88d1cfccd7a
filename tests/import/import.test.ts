import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { runImportCli } from '../../src/import/cli.js';
import { filesOf, ImportError, importFile, importText, summarise } from '../../src/import/index.js';
import { fanCase, parsePerformance } from '../../src/import/model.js';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../helpers.js';

const RIO = path.join(SHARED_DIR, 'data/rio-2016/rio_athletics_results.json');
const ROME = path.join(SHARED_DIR, 'data/rome-2024/Rome2024.json');
const haveData = sharedAvailable() && existsSync(RIO) && existsSync(ROME);

function io() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) } };
}

/** A small athlib-dialect file: one final with a winner, a relay and a non-finisher. */
function athlibFile(events?: unknown[]): string {
  return JSON.stringify({
    city: 'Rio de Janeiro',
    country: 'BRA',
    year: '2016',
    startDate: '2016-08-12',
    endDate: '2016-08-21',
    name: '31st Olympic Games, Olympic Stadium',
    organiser_id: 'IOC',
    events: events ?? [
      {
        name: '100 m Men',
        eventCode: '100',
        round: 'FINAL',
        roundName: null,
        gender: 'M',
        date: '2016-08-14',
        wind: '0.2',
        result: [
          {
            givenName: 'Usain',
            familyName: 'Bolt',
            country: 'JAM',
            rank: '1',
            performance: '9.81',
            tpAthleteId: '1',
          },
          { givenName: 'Omar', familyName: 'Mcleod', country: 'JAM', performance: 'DNF', tpAthleteId: '2' },
        ],
      },
    ],
  });
}

describe('podium import', () => {
  it.runIf(haveData)('re-imports both shared files to exactly the committed data', async () => {
    for (const [file, slug] of [
      [RIO, 'rio-2016'],
      [ROME, 'rome-2024'],
    ] as const) {
      const c = await importFile(file);
      expect(c.slug).toBe(slug);
      for (const [name, text] of Object.entries(filesOf(c))) {
        expect(text, `${slug}/${name}`).toBe(readFileSync(path.join(REPO_ROOT, 'data', slug, name), 'utf8'));
      }
    }
  });

  it.runIf(haveData)(
    'summarises a file: competition, dates, rounds, results, athletes and what it left out',
    async () => {
      const c = await importFile(ROME);
      const text = summarise(c);
      expect(text).toMatch(/^Rome 2024 — European Athletics Championships, Stadio Olimpico, Rome/);
      expect(text).toContain('Dates: 2024-06-07 to 2024-06-12 (Europe/Rome)');
      expect(text).toMatch(/Rounds: 180 /);
      expect(text).toMatch(/Results: 2346 /);
      expect(text).toMatch(/Athletes: \d{4}/);
      expect(text).toMatch(/Not used:\n {2}- reaction times/);
    },
  );

  it.runIf(haveData)('writes the same bytes on every import, and the result loads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-import-'));
    const a = io();
    expect(await runImportCli([ROME, '--into', dir], a.io)).toBe(0);
    const first = await readFile(path.join(dir, 'rome-2024/events.json'), 'utf8');
    expect(await runImportCli([ROME, '--into', dir], a.io)).toBe(0);
    expect(await readFile(path.join(dir, 'rome-2024/events.json'), 'utf8')).toBe(first);
    expect((await readdir(dir)).sort()).toEqual(['rome-2024']);
    const kb = await loadKnowledgeBase(dir);
    expect(kb.events.size).toBe(180);
  });

  it('reads a file with or without a byte-order mark', () => {
    expect(importText(`\uFEFF${athlibFile()}`).events).toHaveLength(1);
    expect(importText(athlibFile()).slug).toBe('rio-2016');
  });

  it('keeps non-finishers with their status and no place, and spells names as fans do', () => {
    const c = importText(athlibFile());
    const [winner, dnf] = c.events[0]?.results ?? [];
    expect(winner).toMatchObject({ place: 1, mark: '9.81' });
    expect(dnf).toMatchObject({ place: null, status: 'DNF', mark: null });
    expect(c.athletes.map((a) => a.name).sort()).toEqual(['Omar McLeod', 'Usain Bolt']);
  });

  it.each([
    ['Mcleod', 'McLeod'],
    ["o'neil", "O'Neil"],
    ['BOLT', 'Bolt'],
    ['Jorinde van Klinken', 'Jorinde van Klinken'],
    ['MacDonald', 'MacDonald'],
    ['Mclaughlin-Whilby', 'McLaughlin-Whilby'],
    ['  Xie  Zhenye ', 'Xie Zhenye'],
  ])('cases %j as %j', (raw, fan) => {
    expect(fanCase(raw)).toBe(fan);
  });

  it.each([
    ['DQ R 163.3a', { status: 'DQ', mark: null, note: 'R 163.3a' }],
    ['8:21.67DQ 8:21.67', { status: 'DQ', mark: '8:21.67' }],
    ['6.58DQADR 2.2', { status: 'DQ', mark: '6.58', note: 'ADR 2.2' }],
    ['56.03DQ IAAF Rule 32.2.a', { status: 'DQ', mark: '56.03' }],
    ['2:08:44', { status: null, mark: '2:08:44' }],
    ['NM', { status: 'NM', mark: null }],
  ])('reads the performance %j', (text, expected) => {
    expect(parsePerformance(text)).toMatchObject(expected);
  });

  it.each([
    ['not JSON', '{"events": [', /not JSON/],
    ['an unknown dialect', '{"hello": "world"}', /unknown dialect/],
    ['an array', '[1, 2, 3]', /unknown dialect/],
    ['no events', athlibFile([]), /unknown dialect|no events/],
    [
      'an event with no results',
      athlibFile([
        { name: '100 m Men', eventCode: '100', round: 'FINAL', gender: 'M', date: '2016-08-14', result: [] },
      ]),
      /has no results/,
    ],
  ])('rejects %s with one clear line, writing nothing', async (_what, text, message) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-bad-'));
    const file = path.join(dir, 'bad.json');
    await writeFile(file, text);
    expect(() => importText(text)).toThrow(message);
    const into = path.join(dir, 'data');
    const a = io();
    expect(await runImportCli([file, '--into', into], a.io)).toBe(1);
    expect(a.out.stderr.trim().split('\n')).toHaveLength(1);
    expect(a.out.stderr).toMatch(/^podium import: .*bad\.json: /);
    expect(existsSync(into) ? await readdir(into) : []).toEqual([]);
  });

  it('leaves existing data in place when a later file fails', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-keep-'));
    const good = path.join(dir, 'good.json');
    const bad = path.join(dir, 'bad.json');
    await writeFile(good, athlibFile());
    await writeFile(bad, 'nope');
    const a = io();
    expect(await runImportCli([good, bad, '--into', path.join(dir, 'data')], a.io)).toBe(1);
    expect((await readdir(path.join(dir, 'data'))).sort()).toEqual(['rio-2016']);
    expect(a.out.stderr).toMatch(/bad\.json: not JSON/);
  });

  it('answers usage errors with exit code 2', async () => {
    expect(await runImportCli([], io().io)).toBe(2);
    expect(await runImportCli(['--bogus'], io().io)).toBe(2);
  });

  it('never crashes on arbitrary JSON or mangled files: it imports or says why in one line', () => {
    const base = JSON.parse(athlibFile()) as Record<string, unknown>;
    const mangled = fc
      .tuple(fc.jsonValue(), fc.constantFrom('events', 'city', 'year', 'startDate', 'name', 'country'))
      .map(([v, key]) => JSON.stringify({ ...base, [key]: v }));
    const mangledResult = fc
      .tuple(
        fc.jsonValue(),
        fc.constantFrom('rank', 'performance', 'country', 'givenName', 'recordFlags', 'runners', 'wind'),
      )
      .map(([v, key]) => {
        const copy = JSON.parse(athlibFile()) as {
          events: Array<{ result: Array<Record<string, unknown>> }>;
        };
        (copy.events[0]?.result[0] as Record<string, unknown>)[key] = v;
        return JSON.stringify(copy);
      });
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      mangled,
      mangledResult,
      fc.constant(`\uFEFF${athlibFile()}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          importText(t);
        } catch (err) {
          expect(err).toBeInstanceOf(ImportError);
          expect((err as Error).message).not.toContain('\n');
          expect((err as Error).message.length).toBeLessThan(300);
        }
      }),
      { numRuns: 300 },
    );
  });
});
