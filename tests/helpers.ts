import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import addFormatsModule from 'ajv-formats';
import { inject } from 'vitest';
import type { CommandContext } from '../src/core/command.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../src/core/load.js';

/** The repository root (tests live in <root>/tests). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the checkout: seeds and the official specs (present on dev machines and in CI). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/** Node's arguments that run `podium` from source (through tsx), as the tests spawn it. */
export const PODIUM_FROM_SOURCE = ['--import', 'tsx', path.join(REPO_ROOT, 'src/bin.ts')];

/** What one `podium …` run ended with. */
export interface PodiumRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `podium …` from source as a user would, with only these variables (plus PATH and HOME). */
export function runPodium(args: string[], env: Record<string, string> = {}): Promise<PodiumRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...PODIUM_FROM_SOURCE, ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } },
      (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: unknown }).code) : 0;
        resolve({ code: Number.isFinite(code) ? code : 1, stdout, stderr });
      },
    );
  });
}

/** ajv-formats' plugin (its CommonJS default export, typed for NodeNext): checks "date", "uri" … */
export const addFormats = addFormatsModule.default;

const ciRun = () => Boolean(process.env.CI) && process.env.CI !== 'false';

/**
 * Whether ../shared (seeds, specs) is beside the checkout. Tests that need it run where it is and
 * are skipped elsewhere (tests/global-setup.ts says so once); in CI its absence fails the run.
 */
export function sharedAvailable(): boolean {
  const here = existsSync(path.join(SHARED_DIR, 'seeds')) && existsSync(path.join(SHARED_DIR, 'specs'));
  if (!here && ciRun()) throw new Error(`CI needs ${SHARED_DIR} (seeds and specs) beside the checkout`);
  return here;
}

/**
 * Whether Redis answered at REDIS_URL when the run started (probed once in tests/global-setup.ts,
 * which prints how to get one). Use with `describe.skipIf(!redisAvailable())`; in CI it must be there.
 */
export function redisAvailable(): boolean {
  const here = inject('redisAvailable') ?? true;
  if (!here && ciRun()) throw new Error('CI needs Redis at REDIS_URL (default redis://127.0.0.1:6379)');
  return here;
}

let shipped: Promise<KnowledgeBase> | null = null;
/** The knowledge base shipped in data/ (loaded once per test file). */
export function loadShippedKb(): Promise<KnowledgeBase> {
  shipped ??= loadKnowledgeBase(path.join(REPO_ROOT, 'data'));
  return shipped;
}

/** A command context on the shipped data with a fixed clock and a repeatable random source. */
export async function testContext(overrides: Partial<CommandContext> = {}): Promise<CommandContext> {
  const kb = overrides.kb ?? (await loadShippedKb());
  let seed = 42;
  return {
    kb,
    now: () => new Date('2026-08-06T10:00:00Z'),
    random: () => {
      // Park–Miller: deterministic, good enough to pick quotes in tests.
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    },
    platform: 'console',
    channelId: 'console',
    userId: 'tester',
    timeZone: null,
    canManageChannel: true,
    subscriptions: null,
    ...overrides,
  };
}
