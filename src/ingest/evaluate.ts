/**
 * Scores a draft against a gold annotation: quote attribution precision, recall and F1 (a quote
 * counts when its text and speaker are right), and field accuracy of results and event.
 */
import { foldName } from './text.js';
import type { Draft, DraftQuote } from './types.js';

/** A gold quote: speaker and text are scored; paragraph and channel are reported. */
export type GoldQuote = Pick<DraftQuote, 'speaker' | 'text'> &
  Partial<Pick<DraftQuote, 'paragraph' | 'channel'>>;

/** A gold annotation: the draft a careful reader would write. */
export type GoldDraft = Omit<Draft, 'quotes'> & { quotes: GoldQuote[] };

/** Correct out of total. */
export interface Tally {
  correct: number;
  total: number;
}

/** Everything measured on one article. */
export interface ArticleScore {
  tp: number;
  fp: number;
  fn: number;
  results: Tally;
  event: Tally;
  channel: Tally;
  paragraph: Tally;
  /** Human-readable differences, for fixing rules. */
  misses: string[];
}

/** Normalises quote text for comparison: quote marks, dashes, whitespace, a trailing comma. */
export function normaliseQuoteText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[‘’‚‛′`´]/gu, "'")
    .replace(/[“”„‟″«»]/gu, '"')
    .replace(/[–—―]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s,]+$/u, '');
}

const speakerKey = (s: string | null) => (s === null ? '∅' : foldName(s));

/** Precision, recall and F1 from counts (1 when there was nothing to find and nothing found). */
export function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** The event fields scored by default: the citation and every event field. */
export const ALL_EVENT_FIELDS = [
  'title',
  'published',
  'discipline',
  'sex',
  'competition',
  'venue',
  'date',
] as const;

/** An event or source field that can be scored. */
export type EventField = (typeof ALL_EVENT_FIELDS)[number];

/** Scores one predicted draft against its gold annotation (`eventFields` picks the event fields scored). */
export function scoreDraft(
  predicted: Draft,
  gold: GoldDraft,
  eventFields: readonly EventField[] = ALL_EVENT_FIELDS,
): ArticleScore {
  const misses: string[] = [];
  // Quotes: multiset match on (text, speaker).
  const key = (q: { text: string; speaker: string | null }) =>
    `${normaliseQuoteText(q.text)}|${speakerKey(q.speaker)}`;
  const pool = new Map<string, DraftQuote[]>();
  for (const q of predicted.quotes) pool.set(key(q), [...(pool.get(key(q)) ?? []), q]);
  let tp = 0;
  const channel: Tally = { correct: 0, total: 0 };
  const paragraph: Tally = { correct: 0, total: 0 };
  for (const g of gold.quotes) {
    const hit = pool.get(key(g))?.shift();
    if (!hit) {
      misses.push(`missed quote [${g.speaker}] "${g.text.slice(0, 60)}"`);
      continue;
    }
    tp++;
    if (g.channel !== undefined) {
      channel.total++;
      if (hit.channel === g.channel) channel.correct++;
      else misses.push(`channel of "${g.text.slice(0, 40)}": ${hit.channel} ≠ ${g.channel}`);
    }
    if (g.paragraph !== undefined) {
      paragraph.total++;
      if (hit.paragraph === g.paragraph) paragraph.correct++;
      else misses.push(`paragraph of "${g.text.slice(0, 40)}": ${hit.paragraph} ≠ ${g.paragraph}`);
    }
  }
  const leftover = [...pool.values()].flat();
  for (const q of leftover) misses.push(`extra quote [${q.speaker}] "${q.text.slice(0, 60)}"`);
  const fp = leftover.length;
  const fn = gold.quotes.length - tp;

  // Results: five fields per athlete (athlete, place, country, mark, records); extras count as wrong.
  const results: Tally = { correct: 0, total: 0 };
  const byName = new Map(predicted.results.map((r) => [foldName(r.athlete), r]));
  for (const g of gold.results) {
    results.total += 5;
    const p = byName.get(foldName(g.athlete));
    if (!p) {
      misses.push(`missed result ${g.place} ${g.athlete}`);
      continue;
    }
    byName.delete(foldName(g.athlete));
    results.correct++;
    const same = (field: string, a: unknown, b: unknown) => {
      if (a === b) results.correct++;
      else misses.push(`${g.athlete} ${field}: ${String(a)} ≠ ${String(b)}`);
    };
    same('place', p.place, g.place);
    same('country', p.country, g.country);
    same('mark', p.mark, g.mark);
    same('records', [...p.records].sort().join(','), [...g.records].sort().join(','));
  }
  for (const extra of byName.values()) {
    results.total += 5;
    misses.push(`extra result ${extra.place} ${extra.athlete}`);
  }

  // Event and source: seven fields, or those asked for.
  const event: Tally = { correct: 0, total: 0 };
  const pairs: Array<[EventField, unknown, unknown]> = [
    ['title', predicted.source.title, gold.source.title],
    ['published', predicted.source.published, gold.source.published],
    ['discipline', predicted.event.discipline, gold.event.discipline],
    ['sex', predicted.event.sex, gold.event.sex],
    ['competition', predicted.event.competition, gold.event.competition],
    ['venue', predicted.event.venue, gold.event.venue],
    ['date', predicted.event.date, gold.event.date],
  ];
  for (const [field, a, b] of pairs) {
    if (!eventFields.includes(field)) continue;
    event.total++;
    if (a === b) event.correct++;
    else misses.push(`${field}: ${String(a)} ≠ ${String(b)}`);
  }
  return { tp, fp, fn, results, event, channel, paragraph, misses };
}

/** Sums article scores (micro-average). */
export function sumScores(scores: readonly ArticleScore[]): ArticleScore {
  const add = (a: Tally, b: Tally): Tally => ({ correct: a.correct + b.correct, total: a.total + b.total });
  const zero: Tally = { correct: 0, total: 0 };
  return scores.reduce<ArticleScore>(
    (acc, s) => ({
      tp: acc.tp + s.tp,
      fp: acc.fp + s.fp,
      fn: acc.fn + s.fn,
      results: add(acc.results, s.results),
      event: add(acc.event, s.event),
      channel: add(acc.channel, s.channel),
      paragraph: add(acc.paragraph, s.paragraph),
      misses: [...acc.misses, ...s.misses],
    }),
    { tp: 0, fp: 0, fn: 0, results: zero, event: zero, channel: zero, paragraph: zero, misses: [] },
  );
}

/** Accuracy of a tally (1 when there was nothing to score). */
export function accuracy(t: Tally): number {
  return t.total === 0 ? 1 : t.correct / t.total;
}

/** A gold file of the real-report corpus (../shared/corpus/README.md): its own layout. */
export interface CorpusGold {
  published: string | null;
  source: { title: string; outlet?: string; where?: string };
  event: Draft['event'];
  results: Draft['results'];
  quotes: Array<{ speaker: string | null; text: string }>;
}

/** A corpus gold file as a GoldDraft, so one scorer serves both layouts. */
export function corpusGoldToDraft(gold: CorpusGold): GoldDraft {
  return {
    source: { title: gold.source.title, published: gold.published },
    event: gold.event,
    results: gold.results,
    quotes: gold.quotes.map((q) => ({ speaker: q.speaker, text: q.text })),
  };
}
