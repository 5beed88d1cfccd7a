/**
 * Buttons benchmark: what a press costs on top of the typed command it stands for (same-run
 * baseline: the typed line with the same page), the token codec per operation, and the one-time
 * work a base needs before its first button (data fingerprint, id index), on the shipped data and
 * the large generated base.
 */
import path from 'node:path';
import { commands } from '../commands/index.js';
import { answerLine } from '../src/adapters/console/console.js';
import { PACKAGE_ROOT } from '../src/config.js';
import { dataFingerprint, decodeAction, encodeAction, typedLine } from '../src/core/actions.js';
import type { CommandContext } from '../src/core/command.js';
import { KnowledgeBase } from '../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../src/core/load.js';
import { answerPress } from '../src/core/press.js';
import { PressLimiter } from '../src/core/press-limit.js';
import { runCommand } from '../src/core/run-command.js';
import { createLogger } from '../src/logger.js';
import { generateKb, LARGE, prng } from './generate-kb.js';
import { fmtMs, median, nowMs, quantile, repeat, table } from './stats.js';

export const name = 'buttons';
const logger = createLogger('silent');
const RUNS = 5;
const PRESSES = 1000;

function context(kb: KnowledgeBase): CommandContext {
  return {
    kb,
    now: () => new Date('2026-08-06T10:00:00Z'),
    random: prng(7),
    platform: 'console',
    channelId: 'bench',
    userId: 'bench',
    timeZone: 'UTC',
    canManageChannel: false,
    subscriptions: null,
    commands,
  };
}

/** Speakers with at least two quotes (so /quote has an "Another quote" button). */
function speakers(kb: KnowledgeBase, n: number): string[] {
  const out: string[] = [];
  for (const id of kb.athletes.keys()) {
    if (kb.quotesBy(id).length >= 2) out.push(id);
    if (out.length >= n) break;
  }
  return out;
}

/** "Another quote" buttons, as the first answer of /quote <speaker> binds them. */
async function buttons(kb: KnowledgeBase): Promise<Array<{ id: string; typed: string }>> {
  const ctx = context(kb);
  const quote = commands.find((c) => c.name === 'quote');
  if (!quote) throw new Error('no /quote');
  const out: Array<{ id: string; typed: string }> = [];
  const ids = speakers(kb, 200);
  for (let i = 0; out.length < PRESSES && ids.length > 0; i++) {
    const reply = await runCommand(quote, ctx, { athlete: ids[i % ids.length] });
    const a = reply.actions?.[0];
    if (a?.id) out.push({ id: a.id, typed: typedLine(a) });
  }
  return out;
}

/** Median over RUNS of p50 and p99 of one call per item. */
async function latency<T>(items: readonly T[], call: (item: T) => Promise<unknown>) {
  for (const item of items.slice(0, 200)) await call(item);
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const times: number[] = [];
    for (const item of items) {
      const t0 = nowMs();
      await call(item);
      times.push(nowMs() - t0);
    }
    p50s.push(quantile(times, 0.5));
    p99s.push(quantile(times, 0.99));
  }
  return { p50: median(p50s), p99: median(p99s) };
}

async function measure(label: string, makeKb: () => Promise<KnowledgeBase>): Promise<string[][]> {
  // One-time work, on a fresh base each run (both are cached per base afterwards).
  const firstCosts = await repeat(3, async () => {
    const kb = await makeKb();
    const t0 = nowMs();
    dataFingerprint(kb);
    const t1 = nowMs();
    encodeAction(
      { label: 'x', style: 'primary', mode: 'new', line: `/results ${kb.events.keys().next().value}` },
      { kb, userId: 'bench', ephemeral: false },
    );
    return { fingerprint: t1 - t0, index: nowMs() - t1 };
  });
  const kb = await makeKb();
  const ctx = context(kb);
  const items = await buttons(kb);
  const limiter = new PressLimiter({ burst: 1e12 });
  const press = await latency(items, (b) => answerPress(b.id, ctx, limiter));
  const typed = await latency(items, (b) => answerLine(b.typed, { context: () => ctx, logger }));
  const codec = await latency(items, async (b) => decodeAction(b.id, kb));
  return [
    [
      label,
      fmtMs(median(firstCosts.map((c) => c.fingerprint))),
      fmtMs(median(firstCosts.map((c) => c.index))),
      fmtMs(codec.p50),
      `${fmtMs(press.p50)} / ${fmtMs(press.p99)}`,
      `${fmtMs(typed.p50)} / ${fmtMs(typed.p99)}`,
      String(items.length),
    ],
  ];
}

/** Runs the benchmark and returns its markdown section. */
export async function run(): Promise<string> {
  const shipped = await measure('shipped data/', () => loadKnowledgeBase(path.join(PACKAGE_ROOT, 'data')));
  const gen = generateKb(LARGE, 2024);
  const large = await measure('large generated', async () => KnowledgeBase.fromBundles(Object.values(gen)));
  return [
    '### Buttons: presses, tokens, first-button cost',
    '',
    `"Another quote" presses (answerPress: rate limit + decode + parse + run + bind) against the same-run baseline of typing the line the button stands for (\`/quote <id> page:N order:X\` through the console's answerLine); median over ${RUNS} runs of each run's p50/p99. First-button costs: median of 3 fresh bases.`,
    '',
    table(
      [
        'base',
        'fingerprint (once)',
        'id index (once)',
        'decode p50',
        'press p50 / p99',
        'typed p50 / p99 (baseline)',
        'presses',
      ],
      [...shipped, ...large],
    ),
  ].join('\n');
}
