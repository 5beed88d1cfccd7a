/**
 * `npm run eval:ingest`: scores the ingest extractor on the gold annotations in
 * tests/fixtures/ingest — the seed reports (read from ../shared/seeds) and the fictional reports —
 * prints a markdown table, and exits non-zero when a target is missed (so CI can run it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ArticleScore,
  accuracy,
  type GoldDraft,
  prf,
  scoreDraft,
  sumScores,
} from '../src/ingest/evaluate.js';
import { extractDraft } from '../src/ingest/index.js';
import { table } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the gold files live. */
export const FIXTURES = path.resolve(here, '../tests/fixtures/ingest');
/** Where the seed reports live (outside the project; absent in a bare checkout). */
export const SEEDS = path.resolve(here, '../../shared/seeds');

/** The targets of issue 6. */
export const TARGETS = { seedF1: 0.95, fictionalF1: 0.9, resultFields: 0.95 } as const;

/** One gold file. */
interface GoldFile {
  /** A fictional report, relative to the gold file's folder. */
  article?: string;
  /** A seed report, by file name in ../shared/seeds. */
  seed?: string;
  published?: string;
  expected: GoldDraft;
}

/** The score of one article. */
export interface ArticleEvaluation {
  set: 'seed' | 'fictional' | 'held-out';
  name: string;
  score: ArticleScore;
}

/** The whole evaluation. */
export interface Evaluation {
  articles: ArticleEvaluation[];
  seedsFound: boolean;
}

function goldFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Runs the extractor over every gold file and scores it. */
export function evaluateCorpus(): Evaluation {
  const articles: ArticleEvaluation[] = [];
  const seedsFound = existsSync(SEEDS);
  const sets: Array<[ArticleEvaluation['set'], string]> = [
    ['seed', FIXTURES],
    ['fictional', path.join(FIXTURES, 'fictional')],
    ['held-out', path.join(FIXTURES, 'held-out')],
  ];
  for (const [set, dir] of sets) {
    for (const file of goldFiles(dir)) {
      const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
      const articlePath = gold.seed ? path.join(SEEDS, gold.seed) : path.resolve(dir, gold.article ?? '');
      if (gold.seed && !seedsFound) continue;
      const draft = extractDraft(readFileSync(articlePath, 'utf8'), { published: gold.published ?? null });
      articles.push({
        set,
        name: path.basename(file, '.gold.json'),
        score: scoreDraft(draft, gold.expected),
      });
    }
  }
  return { articles, seedsFound };
}

const pct = (n: number) => n.toFixed(3);

/** Totals of one set: F1 and results accuracy. */
export function setTotals(ev: Evaluation, sets: ReadonlyArray<ArticleEvaluation['set']>) {
  const score = sumScores(ev.articles.filter((a) => sets.includes(a.set)).map((a) => a.score));
  return {
    score,
    ...prf(score.tp, score.fp, score.fn),
    results: accuracy(score.results),
    event: accuracy(score.event),
  };
}

/** Which targets are missed (empty when all are met). */
export function missedTargets(ev: Evaluation): string[] {
  const out: string[] = [];
  const seeds = setTotals(ev, ['seed']);
  const fictional = setTotals(ev, ['fictional', 'held-out']);
  if (ev.seedsFound && seeds.f1 < TARGETS.seedF1)
    out.push(`seed quote F1 ${pct(seeds.f1)} < ${TARGETS.seedF1}`);
  if (fictional.f1 < TARGETS.fictionalF1)
    out.push(`fictional quote F1 ${pct(fictional.f1)} < ${TARGETS.fictionalF1}`);
  if (ev.seedsFound && seeds.results < TARGETS.resultFields) {
    out.push(`seed results fields ${pct(seeds.results)} < ${TARGETS.resultFields}`);
  }
  if (fictional.results < TARGETS.resultFields) {
    out.push(`fictional results fields ${pct(fictional.results)} < ${TARGETS.resultFields}`);
  }
  return out;
}

/** The markdown report. */
export function renderEvaluation(ev: Evaluation): string {
  const row = (set: string, name: string, s: ArticleScore) => {
    const { precision, recall, f1 } = prf(s.tp, s.fp, s.fn);
    return [
      set,
      name,
      String(s.tp + s.fn),
      String(s.tp),
      pct(precision),
      pct(recall),
      pct(f1),
      `${pct(accuracy(s.results))} (${s.results.correct}/${s.results.total})`,
      `${pct(accuracy(s.event))} (${s.event.correct}/${s.event.total})`,
      `${s.channel.correct}/${s.channel.total}`,
      `${s.paragraph.correct}/${s.paragraph.total}`,
    ];
  };
  const rows = ev.articles.map((a) => row(a.set, a.name, a.score));
  const groups: Array<[string, ArticleEvaluation['set'][]]> = [
    ['**seeds**', ['seed']],
    ['**fictional (dev)**', ['fictional']],
    ['**fictional (held-out)**', ['held-out']],
    ['**fictional (all)**', ['fictional', 'held-out']],
  ];
  for (const [label, sets] of groups) {
    if (!ev.articles.some((a) => sets.includes(a.set))) continue;
    rows.push(row(label, '**total**', setTotals(ev, sets).score));
  }
  const header = [
    'set',
    'article',
    'gold quotes',
    'right',
    'precision',
    'recall',
    'F1',
    'results fields',
    'event fields',
    'channel',
    'paragraph',
  ];
  const lines = [
    '### Ingest evaluation',
    '',
    'A quote counts when its text (quote marks and whitespace normalised) and its speaker are right.',
    `Targets: quote F1 ≥ ${TARGETS.seedF1} on the seeds, ≥ ${TARGETS.fictionalF1} on the fictional reports; results fields ≥ ${TARGETS.resultFields}.`,
    '',
    table(header, rows),
  ];
  if (!ev.seedsFound) lines.push('', `_Seed reports not found at ${SEEDS}; seed rows skipped._`);
  const missed = missedTargets(ev);
  lines.push('', missed.length === 0 ? 'All targets met.' : `**Missed:** ${missed.join('; ')}`);
  return lines.join('\n');
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const ev = evaluateCorpus();
  console.log(renderEvaluation(ev));
  if (process.argv.includes('--verbose')) {
    for (const a of ev.articles) {
      if (a.score.misses.length > 0) console.log(`\n${a.set}/${a.name}:\n  ${a.score.misses.join('\n  ')}`);
    }
  }
  process.exitCode = missedTargets(ev).length === 0 ? 0 : 1;
}
