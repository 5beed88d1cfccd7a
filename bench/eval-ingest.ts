/**
 * `npm run eval:ingest`: scores the ingest extractor on the gold annotations in
 * tests/fixtures/ingest — the seed reports (read from ../shared/seeds) and the fictional reports —
 * and on the real published reports in ../shared/corpus/reports (skipped with a note where that
 * folder is absent, required under CI=true), prints markdown tables, and exits non-zero when a
 * target is missed (so CI can run it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ArticleScore,
  accuracy,
  type CorpusGold,
  corpusGoldToDraft,
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

/** Where the real reports with gold live (outside the project; absent in a bare checkout). */
export const CORPUS = path.resolve(here, '../../shared/corpus/reports');

/** The targets of issue 6 (seeds, fictional) and issue 11 (the real corpus, on per-report means). */
export const TARGETS = {
  seedF1: 0.95,
  fictionalF1: 0.9,
  resultFields: 0.95,
  corpusF1: 0.92,
  corpusResults: 0.9,
  corpusEvent: 0.95,
} as const;

/** On the real corpus the event score is the main race's discipline and sex (issue 11). */
export const CORPUS_EVENT_FIELDS = ['discipline', 'sex'] as const;

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
  set: 'seed' | 'fictional' | 'held-out' | 'corpus';
  name: string;
  score: ArticleScore;
}

/** The whole evaluation. */
export interface Evaluation {
  articles: ArticleEvaluation[];
  seedsFound: boolean;
  corpusFound: boolean;
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
  const corpusFound = existsSync(CORPUS);
  if (!corpusFound && process.env.CI) throw new Error(`CI needs the real-report corpus at ${CORPUS}`);
  for (const file of goldFiles(CORPUS)) {
    const gold = JSON.parse(readFileSync(file, 'utf8')) as CorpusGold;
    const text = readFileSync(file.replace(/\.gold\.json$/u, '.txt'), 'utf8');
    const draft = extractDraft(text, { published: gold.published });
    articles.push({
      set: 'corpus',
      name: path.basename(file, '.gold.json'),
      score: scoreDraft(draft, corpusGoldToDraft(gold), CORPUS_EVENT_FIELDS),
    });
  }
  return { articles, seedsFound, corpusFound };
}

/** Per-report means (macro averages) of one set: quote P/R/F1, results and event accuracy. */
export function setMeans(ev: Evaluation, set: ArticleEvaluation['set']) {
  const scores = ev.articles.filter((a) => a.set === set).map((a) => a.score);
  const mean = (f: (s: ArticleScore) => number) =>
    scores.length === 0 ? 1 : scores.reduce((sum, s) => sum + f(s), 0) / scores.length;
  return {
    precision: mean((s) => prf(s.tp, s.fp, s.fn).precision),
    recall: mean((s) => prf(s.tp, s.fp, s.fn).recall),
    f1: mean((s) => prf(s.tp, s.fp, s.fn).f1),
    results: mean((s) => accuracy(s.results)),
    event: mean((s) => accuracy(s.event)),
  };
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
  if (ev.corpusFound) {
    const corpus = setMeans(ev, 'corpus');
    if (corpus.f1 < TARGETS.corpusF1)
      out.push(`corpus mean quote F1 ${pct(corpus.f1)} < ${TARGETS.corpusF1}`);
    if (corpus.results < TARGETS.corpusResults)
      out.push(`corpus mean results fields ${pct(corpus.results)} < ${TARGETS.corpusResults}`);
    if (corpus.event < TARGETS.corpusEvent)
      out.push(`corpus mean event (discipline, sex) ${pct(corpus.event)} < ${TARGETS.corpusEvent}`);
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
  const rows = ev.articles.filter((a) => a.set !== 'corpus').map((a) => row(a.set, a.name, a.score));
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
  lines.push('', ...renderCorpus(ev));
  const missed = missedTargets(ev);
  lines.push('', missed.length === 0 ? 'All targets met.' : `**Missed:** ${missed.join('; ')}`);
  return lines.join('\n');
}

/** The real-report table: per-report P/R/F1, results fields, event (discipline, sex), then the means. */
function renderCorpus(ev: Evaluation): string[] {
  if (!ev.corpusFound) return [`_Real-report corpus not found at ${CORPUS}; corpus rows skipped._`];
  const corpus = ev.articles.filter((a) => a.set === 'corpus');
  const rows = corpus.map((a) => {
    const s = a.score;
    const { precision, recall, f1 } = prf(s.tp, s.fp, s.fn);
    return [
      a.name,
      String(s.tp + s.fn),
      String(s.tp),
      pct(precision),
      pct(recall),
      pct(f1),
      `${pct(accuracy(s.results))} (${s.results.correct}/${s.results.total})`,
      `${pct(accuracy(s.event))} (${s.event.correct}/${s.event.total})`,
    ];
  });
  const m = setMeans(ev, 'corpus');
  rows.push(['**mean**', '', '', pct(m.precision), pct(m.recall), pct(m.f1), pct(m.results), pct(m.event)]);
  const total = setTotals(ev, ['corpus']);
  rows.push([
    '**total (micro)**',
    String(total.score.tp + total.score.fn),
    String(total.score.tp),
    pct(total.precision),
    pct(total.recall),
    pct(total.f1),
    pct(total.results),
    pct(total.event),
  ]);
  return [
    '### Real reports (../shared/corpus/reports)',
    '',
    `Targets on the per-report means: quote F1 ≥ ${TARGETS.corpusF1}, results fields ≥ ${TARGETS.corpusResults}, event (discipline, sex) ≥ ${TARGETS.corpusEvent}.`,
    '',
    table(
      [
        'report',
        'gold quotes',
        'right',
        'precision',
        'recall',
        'F1',
        'results fields',
        'event (discipline, sex)',
      ],
      rows,
    ),
  ];
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
