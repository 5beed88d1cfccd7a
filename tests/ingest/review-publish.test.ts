import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { runIngestCli } from '../../src/ingest/cli.js';
import { runPublishCli, runReviewCli } from '../../src/ingest/review-cli.js';
import { REPO_ROOT } from '../helpers.js';

const KB_MINI = path.join(REPO_ROOT, 'tests/fixtures/kb-mini');
const ROME = path.join(REPO_ROOT, 'tests/fixtures/reports/rome-2024-1500m-final.txt');
const QUOTES_ONLY = path.join(REPO_ROOT, 'tests/fixtures/reports/quotes-only.txt');

type Run = (
  argv: string[],
  io: { stdout: (s: string) => void; stderr: (s: string) => void },
) => Promise<number>;
async function run(fn: Run, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await fn(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A data folder holding the small championship fixture (a Rome 2024 1500m heat and final). */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-review-'));
  temps.push(dir);
  await cp(KB_MINI, dir, { recursive: true });
  return dir;
}

async function ingest(dir: string, article: string, published: string): Promise<string> {
  const r = await run(runIngestCli, article, '--published', published, '--into', dir);
  expect(r.code, r.stderr).toBe(0);
  const [file] = await readdir(path.join(dir, 'drafts'));
  return path.join(dir, 'drafts', file as string);
}

/** Every data file's text, to prove a refused publish changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out[path.relative(dir, full)] = await readFile(full, 'utf8');
    }
  };
  await walk(dir);
  return out;
}

async function editJson(file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

describe('a draft links to what Podium knows', () => {
  it('attaches a report of a known final to that event and its people, proposing only the unknown', async () => {
    const dir = await dataDir();
    const draft = JSON.parse(await readFile(await ingest(dir, ROME, '2024-06-13'), 'utf8'));
    expect(draft.events).toBeUndefined();
    expect(draft.athletes.map((a: { id: string }) => a.id)).toEqual(['mario-garcia']);
    expect(draft.quotes.map((q: { speaker: string; event: string }) => [q.speaker, q.event])).toEqual([
      ['jakob-ingebrigtsen', 'rome-2024-men-1500m-final'],
      ['pietro-arese', 'rome-2024-men-1500m-final'],
    ]);
    expect(draft.review.results.map((r: { athlete: string; event: string }) => r.event)).toEqual(
      Array(4).fill('rome-2024-men-1500m-final'),
    );
  });

  it('tells namesakes apart by country and keeps the quotes of a report with no venue or result', async () => {
    const dir = await dataDir();
    const draft = JSON.parse(await readFile(await ingest(dir, QUOTES_ONLY, '2024-06-20'), 'utf8'));
    expect(draft.events).toBeUndefined();
    expect(draft.athletes).toBeUndefined();
    expect(draft.quotes.map((q: { speaker: string; event: null }) => [q.speaker, q.event])).toEqual([
      ['jakob-ingebrigtsen', null],
      ['james-smith-usa', null],
    ]);
  });
});

describe('podium review', () => {
  it('prints each quote with speaker, confidence and paragraph, each result, and what was left out', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    const { code, stdout } = await run(runReviewCli, file);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Event: Men's 1500m final — Rome 2024 · Stadio Olimpico, Rome · 2024-06-12 [known: rome-2024-men-1500m-final]",
    );
    expect(stdout).toMatch(/1\. Jakob Ingebrigtsen — confidence 0\.\d\d, interview, paragraph 4/);
    expect(stdout).toContain('from the paragraph: "It was a good race');
    expect(stdout).toMatch(/1\. Jakob Ingebrigtsen \(NOR\)\s+3:31\.95\s+\[CR\]\s+matches the data/);
    expect(stdout).toMatch(/4\. Mario Garcia \(ESP\)\s+3:33\.90\s+to be added/);
    expect(stdout).toContain('Left out (0)');
  });

  it('shows a conflict and a bad edit clearly', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    await editJson(file, (j) => {
      Object.assign((j.review as { results: object[] }).results[0] ?? {}, { mark: '3:30.00' });
    });
    expect((await run(runReviewCli, file)).stdout).toContain('CONFLICT: the data says 1. 3:31.95');
    await editJson(file, (j) => {
      Object.assign((j.quotes as object[])[1] ?? {}, { speaker: 'Not An Id' });
    });
    const bad = await run(runReviewCli, file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      `podium review: ${file}: $.quotes[1].speaker: expected a kebab-case id like "cole-hocker"\n`,
    );
  });
});

describe('podium publish', () => {
  it('merges the draft into the data folder above drafts/, adds new placings, removes the draft, and the bot answers', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    const before = await loadKnowledgeBase(dir);
    expect(before.quotesBy('jakob-ingebrigtsen')).toHaveLength(0);
    const r = await run(runPublishCli, file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('new athletes (1): Mario Garcia (ESP)');
    expect(r.stdout).toContain('quotes: 2');
    expect(r.stdout).toContain(
      'placings added to known events: Mario Garcia (4) in rome-2024-men-1500m-final',
    );
    expect(await readdir(path.join(dir, 'drafts'))).toEqual([]);
    const published = await readFile(path.join(dir, path.basename(file)), 'utf8');
    expect(published).not.toContain('"draft"');
    expect(published).not.toContain('"review"');
    const kb = await loadKnowledgeBase(dir);
    expect(kb.draftsSkipped).toBe(0);
    expect(kb.event('rome-2024-men-1500m-final')?.results.map((x) => x.athlete)).toEqual([
      'jakob-ingebrigtsen',
      'jochem-vermeulen',
      'pietro-arese',
      'mario-garcia',
    ]);
    // The bot, through the real CLI, now quotes the report.
    let out = '';
    const saved = process.env.PODIUM_DATA_DIR;
    process.env.PODIUM_DATA_DIR = dir;
    try {
      const code = await main(['ask', '/quote ingebrigtsen'], {
        stdout: (s) => (out += s),
        stderr: () => {},
      });
      expect(code).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.PODIUM_DATA_DIR;
      else process.env.PODIUM_DATA_DIR = saved;
    }
    expect(out).toContain('It was a good race and I controlled it from the front');
    expect(out).toContain("Men's 1500m, Rome 2024");
  });

  it('stops on a conflicting fact and changes nothing', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    await editJson(file, (j) => {
      Object.assign((j.review as { results: object[] }).results[1] ?? {}, { mark: '3:35.00' });
    });
    const before = await snapshot(dir);
    const r = await run(runPublishCli, file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was changed');
    expect(r.stderr).toContain(
      '$.review.results[1]: Jochem Vermeulen in rome-2024-men-1500m-final: the draft says place 2 in 3:35.00, the data says place 2 in 3:32.76',
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('names the file and JSON path of a bad edit, and refuses a draft outside drafts/', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    await writeFile(file, '{ "draft": true, "quotes": [ }');
    const broken = await run(runPublishCli, file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      new RegExp(`^podium publish: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$: expected valid JSON`),
    );
    const outside = path.join(dir, 'loose.json');
    await writeFile(outside, '{}');
    expect((await run(runPublishCli, outside)).stderr).toContain('is not in a drafts/ folder');
    expect((await run(runPublishCli)).code).toBe(2);
    expect((await run(runPublishCli, '--help')).stdout).toContain('usage: podium publish');
    expect((await run(runReviewCli, '--help')).stdout).toContain('usage: podium review');
    expect((await run(runReviewCli, path.join(dir, 'drafts', 'missing.json'))).stderr).toContain(
      'no such file',
    );
  });

  it('never crashes on whatever the operator leaves in the draft, and changes nothing when it refuses', async () => {
    const dir = await dataDir();
    const file = await ingest(dir, ROME, '2024-06-13');
    const original = JSON.parse(await readFile(file, 'utf8'));
    const before = await snapshot(dir);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          // A real draft with one field replaced by anything.
          fc
            .tuple(fc.constantFrom('quotes', 'athletes', 'review', 'sources', 'draft'), fc.jsonValue())
            .map(([k, v]) => ({
              ...original,
              [k]: v,
            })),
        ),
        async (json) => {
          await writeFile(file, JSON.stringify(json));
          const review = await run(runReviewCli, file);
          expect([0, 1]).toContain(review.code);
          const publish = await run(runPublishCli, file);
          if (publish.code !== 0) {
            expect(publish.code).toBe(1);
            expect(publish.stderr).toMatch(/^podium publish: /);
            expect(publish.stderr).not.toMatch(/\n\s+at /);
            const now = await snapshot(dir);
            delete now[path.relative(dir, file)];
            const was = { ...before };
            delete was[path.relative(dir, file)];
            expect(now).toEqual(was);
          } else {
            // Published something: put the folder back for the next run.
            await rm(dir, { recursive: true, force: true });
            await cp(KB_MINI, dir, { recursive: true });
            await cp(path.dirname(file), path.dirname(file), { recursive: true }).catch(() => {});
            const { mkdir } = await import('node:fs/promises');
            await mkdir(path.dirname(file), { recursive: true });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
