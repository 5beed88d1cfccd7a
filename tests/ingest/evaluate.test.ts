import { describe, expect, it } from 'vitest';
import { normaliseQuoteText, prf, scoreDraft } from '../../src/ingest/evaluate.js';
import type { Draft } from '../../src/ingest/types.js';

const base: Draft = {
  source: { title: 'T', published: '2024-08-06' },
  event: {
    discipline: '1500m',
    sex: 'men',
    competition: 'Olympic Games',
    venue: 'Stade de France',
    date: '2024-08-06',
  },
  results: [{ place: 1, athlete: 'Cole Hocker', country: 'USA', mark: '3:27.65', records: ['OR'] }],
  quotes: [
    { speaker: 'Cole Hocker', text: 'It’s “gold”,', paragraph: 6, channel: 'interview', confidence: 0.9 },
  ],
};

describe('scoreDraft', () => {
  it('normalises quote marks, dashes, whitespace and a trailing comma', () => {
    expect(normaliseQuoteText(' It’s  “gold” — yes, ')).toBe('It\'s "gold" - yes');
  });

  it('counts a quote only when text and speaker are right', () => {
    const right = scoreDraft(base, { ...base, quotes: [{ speaker: 'cole hocker', text: 'It\'s "gold"' }] });
    expect([right.tp, right.fp, right.fn]).toEqual([1, 0, 0]);
    const wrong = scoreDraft(base, { ...base, quotes: [{ speaker: 'Josh Kerr', text: 'It’s “gold”' }] });
    expect([wrong.tp, wrong.fp, wrong.fn]).toEqual([0, 1, 1]);
  });

  it('scores five fields per result and counts extras against accuracy', () => {
    const s = scoreDraft(
      {
        ...base,
        results: [...base.results, { place: 2, athlete: 'X', country: null, mark: null, records: [] }],
      },
      { ...base, results: [{ ...base.results[0], mark: '3:27.66' } as Draft['results'][number]] },
    );
    expect(s.results).toEqual({ correct: 4, total: 10 });
  });

  it('computes precision, recall and F1', () => {
    expect(prf(0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(prf(9, 1, 1).f1).toBeCloseTo(0.9);
  });
});
