import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseQuoteText } from '../../src/ingest/evaluate.js';
import { extractDraft } from '../../src/ingest/index.js';
import { SHARED_DIR, sharedAvailable } from '../helpers.js';

// Real articles without gold (results, previews, features, columns, doping and selection news):
// ingest must not crash, invent people or results, or attribute scare quotes. Speed is measured
// in `npm run bench -- ingest-real`, not here.
const DIR = path.join(SHARED_DIR, 'corpus', 'unlabelled');
const available = sharedAvailable();
const files = available
  ? readdirSync(DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
  : [];
const fold = (s: string) => normaliseQuoteText(s).toLowerCase();

describe.skipIf(!available)('ingest on the unlabelled real articles (../shared/corpus/unlabelled)', () => {
  it('finds all 24 articles', () => {
    expect(files).toHaveLength(24);
  });

  it.each(files)('%s: no crash, nothing invented, no scare quote attributed', (file) => {
    const text = readFileSync(path.join(DIR, file), 'utf8');
    const draft = extractDraft(text);
    const folded = fold(text);
    for (const r of draft.results) {
      // Every placed athlete is named in the article, word for word.
      for (const word of r.athlete.split(/\s+/u)) expect(folded).toContain(fold(word));
      expect(r.place).toBeGreaterThanOrEqual(1);
    }
    for (const q of draft.quotes) {
      expect(folded).toContain(fold(q.text));
      if (q.speaker === null) continue;
      for (const word of q.speaker.split(/\s+/u)) expect(folded).toContain(fold(word));
      // A word or two inside a sentence ("the 'Back the Bid' campaign") is not somebody's quote.
      const words = q.text.split(/\s+/u).length;
      if (words <= 2) expect(q.text).toMatch(/[.!?]$/u);
    }
  });
});
