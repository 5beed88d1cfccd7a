import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { consoleContext } from '../../src/adapters/console/console.js';
import { runRepl } from '../../src/adapters/console/repl.js';
import { createLogger } from '../../src/logger.js';
import { loadShippedKb, runPodium } from '../helpers.js';

const podium = (args: string[]) => runPodium(args, { LOG_LEVEL: 'silent' });

describe('podium ask --image', () => {
  it('writes the podium card and says where, keeping stdout the answer alone', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-card-'));
    const file = path.join(dir, 'podium.png');
    const r = await podium(['ask', '/podium 1500m', '--format', 'json', '--image', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ tone: 'result' });
    expect(r.stderr).toContain(`card: ${file}`);
    expect(PNG.sync.read(readFileSync(file)).width).toBe(1600);
  });

  it('writes no file for an answer without a card, and exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-card-'));
    const file = path.join(dir, 'help.png');
    const r = await podium(['ask', '/help', '--image', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no card for this answer');
    expect(existsSync(file)).toBe(false);
  });

  it('is a usage error (exit 2) without a file name', async () => {
    const r = await podium(['ask', '/podium 1500m', '--image', ' ']);
    expect(r.code).toBe(2);
  });
});

describe('console REPL', () => {
  it('saves each card after /images on and prints its path; /images off stops it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'podium-repl-'));
    const kb = await loadShippedKb();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => {
      text += c.toString('utf8');
    });
    const done = runRepl(
      {
        context: () => consoleContext({ kb, subscriptions: null }, 'tester'),
        logger: createLogger('silent'),
      },
      input,
      output,
    );
    input.end(`/images on ${dir}\n/quote hocker\n/images off\n/podium 1500m\n/quit\n`);
    await done;
    const saved = [...text.matchAll(/Card saved: (\S+\.png)/g)].map((m) => m[1] ?? '');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.startsWith(dir)).toBe(true);
    expect(PNG.sync.read(readFileSync(saved[0] ?? '')).width).toBe(1600);
    expect(text).toContain('Cards are no longer saved.');
  });
});
