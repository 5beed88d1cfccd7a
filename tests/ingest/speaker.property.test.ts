import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDraft } from '../../src/ingest/index.js';

// Attribution fragments around a few names: speakers can only come from what is written.
const piece = fc.constantFrom(
  '"',
  '“',
  '”',
  '‘',
  '’',
  "'",
  ' ',
  '\n\n',
  ',',
  '.',
  ':',
  ' — ',
  'Ann Lee',
  'Lee',
  'Josh Kerr',
  'Kerr',
  'Georgia Bell',
  'Jordan',
  ' said',
  ' says',
  ' told reporters',
  ' added',
  ' he',
  ' she',
  ' they',
  ' of Kenya',
  ' the champion',
  ' won the 1500m in 3:51.29',
  ' took silver',
  'I won',
  'It was hard',
  ' on Instagram',
  ' the coach',
);

/** Spaces collapsed, so a name broken over a line still counts as written. */
const flat = (t: string) => t.replace(/\s+/gu, ' ');

describe('ingest never invents a speaker', () => {
  it('gives each quote a speaker named in the text, or none', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), (pieces) => {
        const text = pieces.join('');
        for (const q of extractDraft(text, { published: '2025-07-07' }).quotes) {
          if (q.speaker !== null) expect(flat(text)).toContain(flat(q.speaker));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary text too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        for (const q of extractDraft(text).quotes) {
          if (q.speaker !== null) expect(flat(text)).toContain(flat(q.speaker));
        }
      }),
      { numRuns: 300 },
    );
  });
});
