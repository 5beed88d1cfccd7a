import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDraft } from '../../src/ingest/index.js';
import type { Draft } from '../../src/ingest/types.js';

/** The draft always has the §6 shape, whatever went in. */
function expectShape(d: Draft): void {
  expect(Object.keys(d).sort()).toEqual(['event', 'quotes', 'results', 'source']);
  expect(Object.keys(d.event).sort()).toEqual(['competition', 'date', 'discipline', 'sex', 'venue']);
  for (const r of d.results) {
    expect(Number.isInteger(r.place) && r.place >= 1).toBe(true);
    expect(typeof r.athlete).toBe('string');
  }
  for (const q of d.quotes) {
    expect(q.text.length).toBeGreaterThan(0);
    expect(q.paragraph).toBeGreaterThanOrEqual(1);
    expect(q.confidence).toBeGreaterThanOrEqual(0);
    expect(q.confidence).toBeLessThanOrEqual(1);
    if (q.speaker === null) expect(q.confidence).toBe(0);
  }
}

// Pieces that stress the quote scanner and attribution: every kind of mark, names, verbs, breaks.
const piece = fc.constantFrom(
  '"',
  '“',
  '”',
  "'",
  '‘',
  '’',
  '«',
  '»',
  '„',
  ' ',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  ',',
  '.',
  ':',
  ' — ',
  ' – ',
  '(',
  ')',
  'Kerr',
  'Josh Kerr',
  ' said',
  ' he said',
  ' she',
  ' told',
  'Norway’s',
  'American',
  ' of Kenya',
  ' took silver',
  ' finished fourth',
  ' in 3:27.65',
  ' 9.79',
  ' 4.85m',
  ' a world record',
  ' on Tuesday',
  'date 2024-08-06',
  'Jones’',
  'it’s',
  '1. Ann Lee (KEN) 14:21.07 CR',
  '🥉',
  '\u0000',
  '\u200b',
  '\ud800',
);

describe('extractDraft never throws', () => {
  it('on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.option(fc.constant('2024-08-06')),
        (text, published) => {
          expectShape(extractDraft(text, { published }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('on unbalanced quotation marks, names and attribution fragments in any order', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        expectShape(extractDraft(pieces.join(''), { published: '2024-08-07' }));
      }),
      { numRuns: 400 },
    );
  });

  it('on long input', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 2000, maxLength: 6000 }), (pieces) => {
        expectShape(extractDraft(pieces.join('')));
      }),
      { numRuns: 5 },
    );
  });

  it('on odd options and non-string input', () => {
    expectShape(extractDraft('', {}));
    expectShape(extractDraft('Title', { published: 'not a date' }));
    expectShape(extractDraft(undefined as unknown as string));
    expectShape(extractDraft('“'.repeat(5000)));
    expectShape(extractDraft(`${'Kerr said: '.repeat(2000)}`));
  });
});
