import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runPodium } from './helpers.js';

/** Runs `podium …` from source as a user would (LOG_LEVEL silent unless given). */
const podium = (args: string[], env: Record<string, string> = {}) =>
  runPodium(args, { LOG_LEVEL: 'silent', ...env });

describe('podium ask', () => {
  it('answers a command line and exits 0', async () => {
    const r = await podium(['ask', '/podium 1500m']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('🥇 Cole Hocker (USA)  3:27.65  [OR] [PB]');
  });

  it('exits 0 for "nothing found" too', async () => {
    const r = await podium(['ask', '/quote nuguse']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('I have no quotes from Yared Nuguse');
  });

  it('prints the Reply as JSON with --format json', async () => {
    const r = await podium(['ask', '/quote hocker gold', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ tone: 'quote', quote: { speaker: 'Cole Hocker' } });
  });

  it('subscribes the console channel in the configured store, and reports it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-cli-'));
    const env = { PODIUM_STORE: `sqlite://${path.join(dir, 'store.sqlite')}` };
    const on = await podium(['ask', '/subscribe 9 Europe/Paris'], env);
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('Anniversary posts are on');
    const status = await podium(['ask', '/subscription'], env);
    expect(status.stdout).toContain('Time: 09:00 every day (Europe/Paris)');
  });

  it('does not open the store for a plain question', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-cli-'));
    const file = path.join(dir, 'never.sqlite');
    expect((await podium(['ask', '/podium 1500m'], { PODIUM_STORE: `sqlite://${file}` })).code).toBe(0);
    expect(existsSync(file)).toBe(false);
  });

  it('exits 2 with usage for a missing command line or a bad format', async () => {
    expect((await podium(['ask'])).code).toBe(2);
    const bad = await podium(['ask', '/podium 1500m', '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of text, json, discord, slack/);
  });

  it('stops with one line naming a malformed variable', async () => {
    const r = await podium(['ask', '/help'], { PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('podium: PORT: must be a port number from 0 to 65535');
  });

  it('stops with the file and JSON path of a bad data file', async () => {
    const r = await podium(['ask', '/help'], {
      PODIUM_DATA_DIR: path.join(REPO_ROOT, 'tests/fixtures/bad-data'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-data\/athletes\.json: \$\.athletes\[0\]\.country: .*IOC/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
