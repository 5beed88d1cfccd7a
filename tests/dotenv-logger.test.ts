import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, withDotEnv } from '../src/config.js';
import { allows, createLogger } from '../src/logger.js';
import { REPO_ROOT } from './helpers.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'podium-dotenv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('.env', () => {
  it('fills in what the environment does not set, and never overrides it (even an empty value)', async () => {
    const file = path.join(dir, 'a.env');
    await writeFile(
      file,
      '# comment\nPORT=4000\nLOG_LEVEL=debug\nSTORE_X="quoted value"\nEMPTY_REAL=from-file\n',
    );
    const env = withDotEnv({ LOG_LEVEL: 'warn', EMPTY_REAL: '' }, file);
    expect(env).toMatchObject({ PORT: '4000', LOG_LEVEL: 'warn', STORE_X: 'quoted value', EMPTY_REAL: '' });
    expect(loadConfig(env)).toMatchObject({ port: 4000, logLevel: 'warn' });
  });

  it('is optional: no file, the environment as it is', () => {
    const env = { PORT: '1' };
    expect(withDotEnv(env, path.join(dir, 'missing.env'))).toBe(env);
  });

  it('names itself when it cannot be read', () => {
    expect(() => withDotEnv({}, dir)).toThrow(ConfigError);
    expect(() => withDotEnv({}, dir)).toThrow(/^\.env: could not be read \(EISDIR\)$/);
  });

  it('never throws on arbitrary content, and the real environment always wins', async () => {
    const file = path.join(dir, 'fuzz.env');
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 20 }), async (text, real) => {
        await writeFile(file, text);
        const env = withDotEnv({ PORT: real }, file);
        expect(env.PORT).toBe(real);
      }),
      { numRuns: 60 },
    );
  });

  it('is read by the podium command from the working directory, the real environment winning', async () => {
    const cwd = await mkdtemp(path.join(dir, 'cwd-'));
    await writeFile(path.join(cwd, '.env'), 'PORT=not-a-port\n');
    const bin = [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'src/bin.ts')];
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [...bin, 'ask', '/help'], { cwd, env, encoding: 'utf8' });
    const { PORT: _, ...base } = process.env;
    const bad = run(base);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('podium: PORT: must be a port number from 0 to 65535\n');
    const good = run({ ...base, PORT: '3000' });
    expect(good.status).toBe(0);
  });
});

describe('log format', () => {
  const capture = () => {
    let out = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    return { stream, text: () => out };
  };

  it('writes JSON lines to a destination that is not a terminal', () => {
    const { stream, text } = capture();
    createLogger('info', stream).info({ store: 'x', token: 'secret' }, 'hello');
    const line = JSON.parse(text());
    expect(line).toMatchObject({ level: 30, msg: 'hello', app: 'podium' });
  });

  it('compares levels as pino ranks them', () => {
    expect(allows('info', 'warn')).toBe(true);
    expect(allows('warn', 'warn')).toBe(true);
    expect(allows('error', 'warn')).toBe(false);
    expect(allows('silent', 'warn')).toBe(false);
  });

  it('prints readable lines with LOG_FORMAT=pretty, without colours under NO_COLOR', () => {
    const bin = [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'src/bin.ts')];
    const env = { ...process.env, NO_COLOR: '1', PODIUM_STORE: 'memory://', PODIUM_HISTORY: 'off' };
    // The console REPL with an explicit LOG_LEVEL and stderr redirected: info lines, readable.
    const start = spawnSync(process.execPath, [...bin, 'start'], {
      cwd: dir,
      env: { ...env, LOG_FORMAT: 'pretty', LOG_LEVEL: 'info' },
      input: '',
      encoding: 'utf8',
    });
    expect(start.status).toBe(0);
    expect(start.stderr).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: knowledge base loaded/m);
    expect(start.stderr).not.toContain('{"level"');
    expect(start.stderr).not.toContain('\u001b[');
    // A one-shot command with the store unavailable says so in one line, no stack.
    const ask = spawnSync(process.execPath, [...bin, 'ask', '/subscribe 9'], {
      cwd: dir,
      env: { ...env, PODIUM_STORE: 'redis://127.0.0.1:1' },
      encoding: 'utf8',
    });
    expect(ask.status).toBe(0);
    expect(ask.stderr).toMatch(/^podium: store unavailable \(.*\): settings are off for this answer\n$/);
    expect(ask.stdout).toContain('unavailable');
  });
});
