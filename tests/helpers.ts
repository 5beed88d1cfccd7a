import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../src/core/command.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../src/core/load.js';

/** The repository root (tests live in <root>/tests). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared beside the checkout: seeds and the official specs (present on dev machines and in CI). */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

/**
 * Whether ../shared (seeds, specs) is beside the checkout. Tests that need it run where it is;
 * in CI it must be there, so its absence fails the run instead of skipping those tests.
 */
export function sharedAvailable(): boolean {
  const here = existsSync(path.join(SHARED_DIR, 'seeds')) && existsSync(path.join(SHARED_DIR, 'specs'));
  if (!here && process.env.CI)
    throw new Error(`CI needs ${SHARED_DIR} (seeds and specs) beside the checkout`);
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
