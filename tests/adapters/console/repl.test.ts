/**
 * The console REPL driven through node:readline with a fake terminal: key presses in, what a
 * terminal would show out (completion, history across runs, colours, leaving, "did you mean").
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { consoleCompleter } from '../../../src/adapters/console/completer.js';
import { runRepl } from '../../../src/adapters/console/repl.js';
import type { KnowledgeBase } from '../../../src/core/knowledge-base.js';
import { loadShippedKb, testContext } from '../../helpers.js';
import { quietLogger } from '../../scheduler/helpers.js';

/** A terminal (or not): collects everything written. */
class Screen extends Writable {
  text = '';
  columns = 100;
  rows = 40;
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Typed input for readline: isTTY, raw mode accepted. */
function keyboard(): PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
}

const ESC = '\u001b';
const CODES = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g');
const plain = (s: string) => s.replace(CODES, '');
const tick = () => new Promise((r) => setTimeout(r, 30));

let kb: KnowledgeBase;
let dir = '';
beforeAll(async () => {
  kb = await loadShippedKb();
  dir = await mkdtemp(path.join(os.tmpdir(), 'podium-repl-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs a REPL session: types each chunk (after the previous answer), returns the screen. */
async function session(
  keys: string[],
  opts: { tty?: boolean; color?: boolean; historyFile?: string | null } = {},
) {
  const input = keyboard();
  const screen = new Screen(opts.tty ?? true);
  const ctx = await testContext({ kb });
  const done = runRepl({ context: () => ctx, logger: quietLogger }, input, screen, {
    color: opts.color ?? true,
    historyFile: opts.historyFile ?? null,
  });
  let ended = false;
  void done.then(() => (ended = true));
  for (const k of keys) {
    await tick();
    input.write(k);
    // Let an answer render before the next key.
    for (
      let i = 0;
      i < 20 && !ended && !screen.text.endsWith('podium> ') && !screen.text.endsWith('podium>\u001b[22m ');
      i++
    )
      await tick();
  }
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error('REPL did not end')), 5000)),
  ]);
  return screen;
}

describe('console REPL on a terminal', () => {
  it('completes a command name with Tab, then an event, and answers in colour', async () => {
    const screen = await session(['/pod\t', '1500\t', '\r', 'exit\r']);
    const text = plain(screen.text);
    expect(text).toContain('podium> /podium 1500m');
    expect(text).toContain("Men's 1500m final — Paris 2024");
    expect(screen.text).toContain('\u001b[33m🥇 Cole Hocker'); // gold
    expect(screen.text).toContain('\u001b[35m[OR]'); // records coloured
  });

  it('completes athletes and time zones from the same sources as Discord autocomplete', () => {
    const c = consoleCompleter(kb, commands);
    expect(c('/quote hoc')[0]).toContain('hocker');
    expect(c('/result Cole H')).toEqual([['Cole Hocker'], 'Cole H']);
    expect(c('/subscribe 9 Europe/Par')).toEqual([['Europe/Paris'], 'Europe/Par']);
    expect(c('ex')).toEqual([['exit '], 'ex']);
    expect(c('/he')).toEqual([['/help '], '/he']);
  });

  it('keeps history across runs (↑ recalls the last line of the previous session)', async () => {
    const historyFile = path.join(dir, 'history');
    await session(['/quote kerr silver\r', 'quit\r'], { historyFile });
    expect(await readFile(historyFile, 'utf8')).toBe('/quote kerr silver\n');
    const screen = await session(['\u001b[A', '\r', '\u0004'], { historyFile });
    expect(plain(screen.text)).toContain('Josh Kerr (GBR)');
  });

  it('leaves on exit, quit, /quit, Ctrl-D, and Ctrl-C on an empty line', async () => {
    for (const keys of [['exit\r'], ['quit\r'], ['/quit\r'], ['\u0004'], ['\u0003']]) await session(keys);
  });

  it('says "did you mean /podium?" for a near-miss', async () => {
    const screen = await session(['/podum 1500m\r', 'exit\r']);
    expect(plain(screen.text)).toContain('Did you mean /podium?');
  });

  it('honours NO_COLOR: no colour codes around answers', async () => {
    const screen = await session(['/podium 1500m\r', 'exit\r'], { color: false });
    expect(screen.text).toContain('🥇 Cole Hocker');
    for (const code of ['1', '33', '35', '37']) expect(screen.text).not.toContain(`${ESC}[${code}m`);
  });
});

describe('console REPL on a pipe', () => {
  it('writes plain text: no colours, no cursor codes, no history file', async () => {
    const historyFile = path.join(dir, 'never');
    const screen = await session(['/podium 1500m\n', 'exit\n'], { tty: false, historyFile });
    expect(screen.text).not.toContain('\u001b[');
    expect(screen.text).toContain('🥇 Cole Hocker (USA)  3:27.65  [OR] [PB]');
    await expect(readFile(historyFile)).rejects.toThrow();
  });
});

describe('console completion on arbitrary lines', () => {
  it('never throws, and every candidate extends the text it completes', () => {
    const c = consoleCompleter(kb, commands);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        const [hits, on] = c(line);
        expect(line.endsWith(on) || on === '').toBe(true);
        for (const h of hits) expect(h.toLowerCase().startsWith(on.toLowerCase())).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
