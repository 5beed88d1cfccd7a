/**
 * Core benchmark: answer latency per command (shipped and large generated base), knowledge-base
 * load time, and athlete-name resolution against Fuse.js on a generated typo set.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fuse from 'fuse.js';
import { commands } from '../commands/index.js';
import { answerLine } from '../src/adapters/console/console.js';
import { PACKAGE_ROOT } from '../src/config.js';
import type { CommandContext } from '../src/core/command.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { loadKnowledgeBase } from '../src/core/load.js';
import type { Athlete } from '../src/core/schema.js';
import { createLogger } from '../src/logger.js';
import { generateKb, LARGE, prng, typo } from './generate-kb.js';
import { fmtMs, median, nowMs, quantile, table } from './stats.js';

export const name = 'core';
const logger = createLogger('silent');
const RUNS = 5;

function context(kb: KnowledgeBase): CommandContext {
  const r = prng(7);
  return {
    kb,
    now: () => new Date('2026-08-06T10:00:00Z'),
    random: r,
    platform: 'console',
    channelId: 'bench',
    userId: 'bench',
    timeZone: 'UTC',
    canManageChannel: true,
    subscriptions: null,
  };
}

/** Full collection between phases (npm run bench runs node with --expose-gc). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Median (over RUNS) of p50 and p99 latency for answering each line once. */
export async function latency(
  kb: KnowledgeBase,
  lines: readonly string[],
): Promise<{ p50: number; p99: number }> {
  const ctx = context(kb);
  const deps = { context: () => ctx, logger };
  for (const l of lines.slice(0, 200)) await answerLine(l, deps); // warm-up (JIT)
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Each run starts from a collected heap: what a run measures is answering, not the garbage
    // the previous phase (or the three loads of the large base) left behind.
    collect();
    const times: number[] = [];
    for (const l of lines) {
      const t0 = nowMs();
      await answerLine(l, deps);
      times.push(nowMs() - t0);
    }
    p50s.push(quantile(times, 0.5));
    p99s.push(quantile(times, 0.99));
  }
  return { p50: median(p50s), p99: median(p99s) };
}

/** Lines a fan might type for each command, drawn from a base's own events and athletes. */
export function workload(kb: KnowledgeBase, n: number): Record<string, string[]> {
  const r = prng(99);
  const athletes = [...kb.athletes.values()];
  const events = [...kb.events.values()];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const words = ['gold', 'race', 'proud', 'silver', 'final', 'medal', 'crowd'];
  const lines: Record<string, string[]> = {
    podium: [],
    results: [],
    medals: [],
    quote: [],
    result: [],
    onthisday: [],
    help: [],
  };
  for (let i = 0; i < n; i++) {
    const e = pick(events);
    const a = pick(athletes);
    const form = i % 4;
    lines.podium?.push(
      form === 0
        ? `/podium ${e.discipline}`
        : `/podium ${e.sex}'s ${e.discipline} ${e.city.toLowerCase()} ${e.date.slice(0, 4)}`,
    );
    lines.results?.push(
      form === 0
        ? `/results ${e.discipline} ${e.city.toLowerCase()} ${e.date.slice(0, 4)}`
        : `/results ${e.sex} ${e.discipline} heat ${1 + (i % 6)} ${e.date.slice(0, 4)}`,
    );
    lines.medals?.push(
      form === 0 ? '/medals' : form === 1 ? `/medals ${e.edition}` : `/medals ${e.edition} ${a.country}`,
    );
    lines.quote?.push(
      form === 0 ? '/quote' : form === 1 ? `/quote ${a.familyName}` : `/quote ${a.name} ${pick(words)}`,
    );
    lines.result?.push(form === 3 ? `/result ${typo(a.name.toLowerCase(), 1, r)}` : `/result ${a.name}`);
    lines.onthisday?.push(`/onthisday ${e.date.slice(5)}`);
    lines.help?.push(form === 0 ? '/help' : '/help quote');
  }
  return lines;
}

async function writeBase(dir: string, seed: number): Promise<void> {
  const gen = generateKb(LARGE, seed);
  for (const [file, bundle] of Object.entries(gen))
    await writeFile(path.join(dir, `${file}.json`), JSON.stringify(bundle));
}

async function timeLoad(
  dir: string,
  runs: number,
): Promise<{ ms: number; first: number; kb: KnowledgeBase }> {
  let kb: KnowledgeBase | null = null;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = nowMs();
    kb = await loadKnowledgeBase(dir);
    times.push(nowMs() - t0);
  }
  return { ms: median(times), first: times[0] ?? 0, kb: kb as KnowledgeBase };
}

/** A typo set: full names with one or two slips, and unique surnames with one. */
function typoSet(kb: KnowledgeBase, n: number): Array<{ query: string; id: string }> {
  const r = prng(31337);
  const athletes = [...kb.athletes.values()];
  const surnameCount = new Map<string, number>();
  for (const a of athletes)
    surnameCount.set(a.familyName.toLowerCase(), (surnameCount.get(a.familyName.toLowerCase()) ?? 0) + 1);
  const out: Array<{ query: string; id: string }> = [];
  while (out.length < n) {
    const a = athletes[Math.floor(r() * athletes.length)] as Athlete;
    const roll = r();
    if (roll < 0.15) {
      if (surnameCount.get(a.familyName.toLowerCase()) !== 1) continue;
      out.push({ query: typo(a.familyName.toLowerCase(), 1, r), id: a.id });
    } else {
      const [g, f] = [a.givenName, a.familyName];
      const edits = roll < 0.75 ? 1 : 2;
      // Slips land in the surname (longer, where people misspell), or one in each name.
      const q = edits === 2 && r() < 0.5 ? `${typo(g, 1, r)} ${typo(f, 1, r)}` : `${g} ${typo(f, edits, r)}`;
      out.push({ query: q.toLowerCase(), id: a.id });
    }
  }
  return out;
}

function topId(kb: KnowledgeBase, q: string): string | undefined {
  const m = kb.resolveAthlete(q);
  if (m.kind === 'found') return m.item.id;
  if (m.kind === 'ambiguous') return m.candidates[0]?.id;
  return m.suggestions[0]?.id;
}

/** Median wall time of a child process, over `runs`, alternating with the baseline. */
function wallTimes(runs: number): { node: number; ask: number } {
  const bin = path.join(PACKAGE_ROOT, 'dist/src/bin.js');
  const node: number[] = [];
  const ask: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = nowMs();
    execFileSync(process.execPath, ['-e', '0']);
    node.push(nowMs() - t0);
    t0 = nowMs();
    execFileSync(process.execPath, ['--max-semi-space-size=2', bin, 'ask', '/podium 1500m'], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    ask.push(nowMs() - t0);
  }
  return { node: median(node), ask: median(ask) };
}

export async function run(): Promise<string> {
  const out: string[] = ['### Core: answers, loading, name resolution', ''];
  // The compiled bin, as `npx podium` runs it.
  execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  const wall = wallTimes(9);
  out.push(
    '**Start-up** (`podium ask "/podium 1500m"` on the compiled bin, wall time, median of 9 runs alternating with the baseline)',
    '',
    table(
      ['process', 'wall time'],
      [
        ['`node -e 0` (baseline, same run)', fmtMs(wall.node)],
        ['`podium ask "/podium 1500m"`', fmtMs(wall.ask)],
        ['difference (what Podium adds)', fmtMs(wall.ask - wall.node)],
      ],
    ),
    '',
  );
  const shippedDir = path.join(PACKAGE_ROOT, 'data');
  const shipped = await timeLoad(shippedDir, 10);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'podium-bench-kb-'));
  try {
    await writeBase(tmp, 2024);
    const large = await timeLoad(tmp, 3);
    collect();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    out.push(
      `Generated base: ${large.kb.events.size.toLocaleString('en')} events, ${large.kb.athletes.size.toLocaleString('en')} athletes, ${large.kb.quotes.size.toLocaleString('en')} quotes (bench/generate-kb.ts, seed 2024).`,
      '',
      '**Knowledge-base load** (read + JSON parse + zod validation + cross-reference checks + indexes; median of runs)',
      '',
      table(
        ['base', 'load time (median)', 'first load in the process', 'runs'],
        [
          [
            `shipped data/ (${shipped.kb.events.size} events, ${shipped.kb.athletes.size.toLocaleString('en')} people)`,
            fmtMs(shipped.ms),
            fmtMs(shipped.first),
            '10',
          ],
          ['large generated', fmtMs(large.ms), fmtMs(large.first), '3'],
        ],
      ),
      '',
      `Heap in use with the large base loaded (after a full GC): ${heap.toFixed(0)} MiB.`,
      '',
    );

    const rows: string[][] = [];
    const shippedLines: Record<string, string[]> = {
      podium: [
        '/podium 1500m',
        "/podium men's 1500 m",
        '/podium 1,500m paris 2024',
        '/podium 800m',
        "/podium women's 4x100m relay rio",
        '/podium shot put rome 2024 women',
        '/podium 10,000m',
        '/podium steeple 2016',
      ],
      results: [
        '/results 100m rio 2016',
        '/results 10000m race b',
        '/results 800m heat 2 rome',
        '/results decathlon rio',
      ],
      medals: ['/medals', '/medals rio 2016', '/medals rome 2024 italy', '/medals olympics kenya'],
      quote: ['/quote hocker', '/quote kerr silver', '/quote ingebritsen', '/quote nuguse', '/quote'],
      result: ['/result hocker', '/result ingebritsen', '/result farah', '/result bolt', '/result perkovic'],
      onthisday: [
        '/onthisday 08-06',
        '/onthisday Aug 6',
        '/onthisday 03-01',
        '/onthisday 08-14',
        '/onthisday 06-12',
      ],
      help: ['/help', '/help quote'],
    };
    const largeLines = workload(large.kb, 2000);
    for (const c of commands.filter((c) => c.name in shippedLines)) {
      const s = await latency(
        shipped.kb,
        Array.from({ length: 500 }, (_, i) => {
          const ls = shippedLines[c.name] as string[];
          return ls[i % ls.length] as string;
        }),
      );
      const l = await latency(large.kb, largeLines[c.name] as string[]);
      rows.push([
        `/${c.name}`,
        fmtMs(s.p50),
        fmtMs(s.p99),
        fmtMs(l.p50),
        fmtMs(l.p99),
        l.p99 <= 1 ? 'yes' : '**no**',
      ]);
    }
    out.push(
      `**Answer latency** (parse + validate + run, one call at a time; median over ${RUNS} runs of each run's p50/p99; shipped: 500 calls per run over the issue's examples, large: 2,000 varied calls per run)`,
      '',
      table(['command', 'shipped p50', 'shipped p99', 'large p50', 'large p99', 'large p99 ≤ 1 ms'], rows),
      '',
    );

    const set = typoSet(large.kb, 2000);
    const fuseBuild0 = nowMs();
    const fuse = new Fuse([...large.kb.athletes.values()], {
      keys: [{ name: 'name', weight: 2 }, 'aliases', 'familyName'],
      threshold: 0.4,
      ignoreLocation: true,
    });
    const fuseBuild = nowMs() - fuseBuild0;
    // Fuse.js needs most of a second per lookup at this size, so it gets 200 queries, timed as
    // 4 runs of 50; Podium runs those 200 the same way, and all 2,000 three times.
    const fuseSubset = set.slice(0, 200);
    const chunks = [0, 1, 2, 3].map((i) => fuseSubset.slice(i * 50, i * 50 + 50));
    type Pass = { hits: number; n: number; per: number };
    const pass = (resolve: (q: string) => string | undefined, qs: typeof set): Pass => {
      const t0 = nowMs();
      let hits = 0;
      for (const { query, id } of qs) if (resolve(query) === id) hits++;
      return { hits, n: qs.length, per: (nowMs() - t0) / qs.length };
    };
    const oursResolve = (q: string) => topId(large.kb, q);
    const fuseResolve = (q: string) => fuse.search(q, { limit: 1 })[0]?.item.id;
    pass(oursResolve, set.slice(0, 200));
    pass(fuseResolve, set.slice(0, 5));
    const summarise = (passes: Pass[]) => ({
      acc: passes.reduce((a, p) => a + p.hits, 0) / passes.reduce((a, p) => a + p.n, 0),
      per: median(passes.map((p) => p.per)),
    });
    const oursAll = [pass(oursResolve, set), pass(oursResolve, set), pass(oursResolve, set)];
    const oursSub = summarise(chunks.map((c) => pass(oursResolve, c)));
    const fuseSub = summarise(chunks.map((c) => pass(fuseResolve, c)));
    const all = { acc: (oursAll[0] as Pass).hits / set.length, per: median(oursAll.map((p) => p.per)) };
    const ratio = fuseSub.per / oursSub.per;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    out.push(
      `**Athlete-name resolution vs Fuse.js 7** on ${set.length.toLocaleString('en')} generated typo queries against ${large.kb.athletes.size.toLocaleString('en')} athletes (60% one slip in the surname, 25% two slips in the surname or one in each name, 15% a unique surname alone with one slip; bench/core.bench.ts \`typoSet\`). Top-1 = the first answer (Podium: the match, else the first candidate or suggestion). Fuse.js options: keys name (weight 2), aliases, familyName; threshold 0.4; ignoreLocation; its index built in ${fmtMs(fuseBuild)}. Fuse.js needs ~${fmtMs(fuseSub.per)} per lookup at this size, so both resolvers are compared on the first 200 queries, timed as 4 runs of 50 (median); Podium also on all ${set.length.toLocaleString('en')} (median of 3 runs).`,
      '',
      table(
        ['resolver', 'queries', 'top-1 accuracy', 'time per lookup'],
        [
          ['Podium NameIndex', '200', pct(oursSub.acc), fmtMs(oursSub.per)],
          ['Fuse.js', '200', pct(fuseSub.acc), fmtMs(fuseSub.per)],
          ['Podium NameIndex', set.length.toLocaleString('en'), pct(all.acc), fmtMs(all.per)],
        ],
      ),
      '',
      `Podium is **${ratio.toFixed(0)}×** faster per lookup than Fuse.js on the same queries (target ≥ 5×) and ${oursSub.acc >= fuseSub.acc ? 'at least as accurate' : '**less accurate**'} (${pct(oursSub.acc)} vs ${pct(fuseSub.acc)} top-1; target: at least as accurate).`,
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return out.join('\n');
}
