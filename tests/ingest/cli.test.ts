import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/core/load.js';
import { runIngestCli } from '../../src/ingest/cli.js';
import { REPO_ROOT, sharedAvailable } from '../helpers.js';

const ARTICLE = path.join(REPO_ROOT, 'tests/fixtures/ingest/fictional/06-dlamini-800m.txt');

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runIngestCli(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const temps: string[] = [];
afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-ingest-cli-'));
  temps.push(dir);
  for (const f of await readdir(path.join(REPO_ROOT, 'data'))) {
    if (f.endsWith('.json')) await copyFile(path.join(REPO_ROOT, 'data', f), path.join(dir, f));
  }
  return dir;
}

describe('podium ingest', () => {
  it('prints the draft as JSON', async () => {
    const { code, stdout } = await run(ARTICLE);
    expect(code).toBe(0);
    const draft = JSON.parse(stdout);
    expect(Object.keys(draft)).toEqual(['source', 'event', 'results', 'quotes']);
    expect(draft.event.discipline).toBe('800m');
  });

  it('uses --published to resolve "on Saturday"', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-ingest-cli-'));
    temps.push(dir);
    const file = path.join(dir, 'a.txt');
    await writeFile(file, 'Smith wins\n\nAnn Smith of Kenya won the 5000m on Saturday.');
    const { stdout } = await run(file, '--published', '2025-07-07');
    expect(JSON.parse(stdout).event.date).toBe('2025-07-05');
    expect(JSON.parse(stdout).source.published).toBe('2025-07-07');
  });

  it('exits 2 with a clear message for a missing file, a bad date or bad arguments', async () => {
    const missing = await run('no-such-article.txt');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read no-such-article.txt: no such file');
    expect((await run(ARTICLE, '--published', '2025-02-30')).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run(ARTICLE, ARTICLE)).code).toBe(2);
    const unknown = await run(ARTICLE, '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('usage: podium ingest');
    expect((await run(ARTICLE, '--into', path.join(os.tmpdir(), 'no-such-folder-podium'))).code).toBe(2);
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--into DIR');
  });

  it('--into writes a draft file the knowledge base loads, and rewrites it on a second run', async () => {
    const dir = await dataCopy();
    const first = await run(ARTICLE, '--into', dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/wrote .*drafts.*\.json \(draft for review\)/);
    expect(first.stderr).toContain('note: ');
    const second = await run(ARTICLE, '--into', dir);
    expect(second.code).toBe(0);
    expect(await readdir(path.join(dir, 'drafts'))).toHaveLength(1);
    const kb = await loadKnowledgeBase(dir, { includeDrafts: true });
    expect(kb.athlete('sipho-dlamini')).toBeDefined();
    // Until it is published, the bot does not serve it.
    expect((await loadKnowledgeBase(dir)).athlete('sipho-dlamini')).toBeUndefined();
  });

  it.runIf(sharedAvailable())('--into says so when the knowledge base already holds everything', async () => {
    const dir = await dataCopy();
    const seed = path.join(REPO_ROOT, '..', 'shared', 'seeds', '000_318d6bcf113dc4fa.txt');
    const { code, stdout } = await run(seed, '--published', '2024-08-06', '--into', dir);
    expect(code).toBe(0);
    expect(stdout).toContain('nothing new');
  });
});
