import { describe, expect, it } from 'vitest';
import {
  evaluateCorpus,
  missedTargets,
  renderEvaluation,
  setMeans,
  setTotals,
  TARGETS,
} from '../../bench/eval-ingest.js';
import { sharedAvailable } from '../helpers.js';

describe('ingest evaluation on the gold corpus', () => {
  const ev = evaluateCorpus();

  it('covers at least six fictional reports and both seeds (where ../shared exists)', () => {
    expect(ev.articles.filter((a) => a.set !== 'seed').length).toBeGreaterThanOrEqual(6);
    expect(ev.seedsFound).toBe(sharedAvailable());
    if (ev.seedsFound) expect(ev.articles.filter((a) => a.set === 'seed')).toHaveLength(2);
  });

  it('meets the quote attribution and results targets', () => {
    const fictional = setTotals(ev, ['fictional', 'held-out']);
    expect(fictional.f1).toBeGreaterThanOrEqual(TARGETS.fictionalF1);
    expect(fictional.results).toBeGreaterThanOrEqual(TARGETS.resultFields);
    if (ev.seedsFound) {
      const seeds = setTotals(ev, ['seed']);
      expect(seeds.f1).toBeGreaterThanOrEqual(TARGETS.seedF1);
      expect(seeds.results).toBeGreaterThanOrEqual(TARGETS.resultFields);
    }
    expect(missedTargets(ev).filter((m) => !m.startsWith('corpus'))).toEqual([]);
  });

  it('scores all 16 real reports (where ../shared exists) and keeps their quote and event targets', () => {
    expect(ev.corpusFound).toBe(sharedAvailable());
    if (!ev.corpusFound) return;
    expect(ev.articles.filter((a) => a.set === 'corpus')).toHaveLength(16);
    const corpus = setMeans(ev, 'corpus');
    expect(corpus.f1).toBeGreaterThanOrEqual(TARGETS.corpusF1);
    expect(corpus.event).toBeGreaterThanOrEqual(TARGETS.corpusEvent);
    // The results-fields target (0.90) is not met yet and `npm run eval:ingest` fails on it; this
    // floor only stops the rules sliding back.
    expect(corpus.results).toBeGreaterThanOrEqual(0.8);
  });

  it('renders a markdown table', () => {
    expect(renderEvaluation(ev)).toMatch(/^### Ingest evaluation[\s\S]*\| set \| article \|/);
  });
});
