/**
 * A SQLite store file that is not a database (corrupted, or some other file at that path): a clear
 * error naming the file, the file left untouched (nothing overwritten, nothing silently lost), and
 * a bot that keeps answering and reports the store as not ready.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, chown, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openResilientStore, openStore } from '../../src/store/index.js';
import { REPO_ROOT, runPodium } from '../helpers.js';
import { quietLogger, tempDir } from '../scheduler/helpers.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function corruptFile(): Promise<{ file: string; bytes: Buffer }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const file = path.join(dir, 'podium.sqlite');
  // A real SQLite header followed by garbage pages, as a torn copy would leave it.
  const bytes = Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0xa5)]);
  await writeFile(file, bytes);
  return { file, bytes };
}

describe('a corrupt SQLite file', () => {
  it('fails to open with an error naming the file, and is left as it was', async () => {
    const { file, bytes } = await corruptFile();
    const error = await openStore(`sqlite://${file}`).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.name).toBe('StoreError');
    expect(error?.message).toContain(file);
    expect(error?.message).toMatch(/not a database|malformed|corrupt/i);
    expect(await readFile(file)).toEqual(bytes);
  });

  it('keeps the reason for /readyz while the resilient store retries', async () => {
    const { file } = await corruptFile();
    const store = await openResilientStore(`sqlite://${file}`, {
      retryMs: 50,
      maxRetryMs: 100,
      logger: quietLogger,
    });
    cleanups.push(() => store.close());
    expect(store.isOpen()).toBe(false);
    expect(await store.ping()).toMatch(/not a database|malformed|corrupt/i);
  });

  it('podium ask prints one line about it and still answers', async () => {
    const { file } = await corruptFile();
    const out = await runPodium(['ask', '/subscription'], { PODIUM_STORE: `sqlite://${file}` });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Settings are unavailable');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toMatch(
      /^podium: store unavailable \(sqlite .*podium\.sqlite: open failed: .*(not a database|malformed)/,
    );
  }, 30_000);
});

// Root writes through file permissions: as root, the write is tried by an unprivileged user (nobody).
const NOBODY = 65534;
const asRoot = process.getuid?.() === 0;
/** As root: whether nobody can run the fixture here (a checkout under a private home folder cannot). */
const nobodyCanRun =
  !asRoot ||
  spawnSync(process.execPath, ['--import', 'tsx', '-e', '0'], {
    cwd: REPO_ROOT,
    uid: NOBODY,
    gid: NOBODY,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
  }).status === 0;
if (!nobodyCanRun) {
  process.stderr.write(
    `skipped: the read-only SQLite test needs the checkout readable by uid ${NOBODY} when run as root (${REPO_ROOT} is not)\n`,
  );
}

describe.skipIf(process.platform === 'win32' || !nobodyCanRun)('a read-only SQLite file', () => {
  it('fails with a clear error instead of losing writes silently', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(async () => {
      await chmod(dir, 0o755);
      await cleanup();
    });
    const file = path.join(dir, 'podium.sqlite');
    const store = await openStore(`sqlite://${file}`);
    await store.close();
    if (asRoot) {
      await chown(dir, NOBODY, NOBODY);
      await chown(file, NOBODY, NOBODY);
    }
    await chmod(file, 0o444);
    await chmod(dir, 0o555);
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'tests/ops/fixtures/readonly-store.ts'), file],
      {
        cwd: REPO_ROOT,
        ...(asRoot ? { uid: NOBODY, gid: NOBODY, env: { PATH: process.env.PATH ?? '', HOME: dir } } : {}),
      },
    );
    const error = JSON.parse(stdout) as { name: string; message: string } | null;
    expect(error?.name).toBe('StoreError');
    expect(error?.message).toMatch(/readonly|read-only|permission|SQLITE_CANTOPEN|SQLITE_READONLY/i);
  }, 30_000);
});
