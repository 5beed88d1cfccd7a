/**
 * Runs once before the test files: finds out which optional inputs are here (../shared, Redis),
 * prints one line for each that is missing — what it is for and how to get it — and hands the
 * answers to the test files (`inject`). Under CI=true a missing input fails the run at once.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedAvailable: boolean;
    redisAvailable: boolean;
  }
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** Whether something answers the Redis protocol at the URL (PING → +PONG, or an auth error). */
function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const socket = net.connect(Number(target.port || 6379), target.hostname.replace(/^\[|\]$/g, ''));
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk) => done(/^(\+PONG|-NOAUTH|-ERR)/.test(chunk.toString('latin1'))));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const ci = Boolean(process.env.CI) && process.env.CI !== 'false';
  const shared = existsSync(path.join(SHARED_DIR, 'seeds')) && existsSync(path.join(SHARED_DIR, 'specs'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await redisAnswers(redisUrl);
  const missing: string[] = [];
  if (!shared)
    missing.push(
      `skipping tests that need ../shared (official specs, seed reports): put the project's shared folder at ${SHARED_DIR}`,
    );
  if (!redis)
    missing.push(
      `skipping tests that need Redis: nothing answers at ${redisUrl.replace(/\/\/[^@/]*@/, '//…@')} — start one (docker run -p 6379:6379 redis:7) or set REDIS_URL`,
    );
  if (ci && missing.length > 0)
    throw new Error(
      `CI=true requires every test input:\n${missing.map((m) => m.replace(/^skipping/, 'cannot run')).join('\n')}`,
    );
  for (const line of missing) process.stderr.write(`${line}\n`);
  project.provide('sharedAvailable', shared);
  project.provide('redisAvailable', redis);
}
