import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawable, MISSING_GLYPH } from '../../src/cards/fonts.js';
import { cardKindFor, renderCard, renderCardPages, resultsPageCount } from '../../src/cards/index.js';
import { cardRows } from '../../src/cards/model.js';
import { internalErrorReply, missReply, type Reply } from '../../src/core/reply.js';
import * as replies from './replies.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('which card a reply gets', () => {
  it('draws a podium for medal places, a table for a longer field and a quote card for quotes', () => {
    expect(cardKindFor(replies.podium1500)).toBe('podium');
    expect(cardKindFor(replies.podiumTie)).toBe('podium');
    expect(cardKindFor(replies.podiumRelay)).toBe('podium');
    expect(cardKindFor(replies.resultsLong)).toBe('results');
    expect(cardKindFor(replies.quoteHocker)).toBe('quote');
  });

  it('draws no card for misses, errors and help: their text is the whole answer', async () => {
    expect(cardKindFor(missReply('I have no quotes from Yared Nuguse'))).toBeNull();
    expect(cardKindFor(internalErrorReply())).toBeNull();
    expect(await renderCard(missReply('nothing'))).toBeNull();
  });

  it('pages a long field 12 rows at a time', () => {
    expect(resultsPageCount(replies.resultsLong)).toBe(2);
    expect(resultsPageCount(replies.podium1500)).toBe(1);
  });

  it('marks shared places as ties and puts non-finishers last with their status', () => {
    const rows = cardRows(replies.resultsLong);
    expect(rows.slice(0, 2).every((r) => r.tied && r.place === 1)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ place: null, status: 'DQ' });
  });

  it('reads relay runners given as names or as objects', () => {
    const rows = cardRows(replies.podiumRelay);
    expect(rows[1]?.runners).toEqual([
      'Bayanda Walaza',
      'Shaun Maswanganyi',
      'Bradley Nkoana',
      'Akani Simbine',
    ]);
  });
});

describe('text a card can draw', () => {
  it('keeps accents, Cyrillic, Greek, CJK, Arabic, Hebrew and emoji', () => {
    const s = 'Ñúñez Øvergård Дарья Αλεξάνδρα 苏炳添 فاطمة מיכל 🥇🏃‍♀️';
    expect(drawable(s)).toBe(s);
  });

  it('draws a square, never a system font, for scripts Podium ships no font for', () => {
    expect(drawable('สวัสดี')).toMatch(new RegExp(`^${MISSING_GLYPH}+$`, 'u'));
  });

  it('strips bidi overrides and control characters that would reorder or break a line', () => {
    expect(drawable('abc\u202edef\u0007 \n ghi')).toBe('abcdef ghi');
  });
});

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('', ' ', '\u202e', '👩‍👩‍👧‍👦'.repeat(30), 'W'.repeat(400), '@everyone', '<@123>'),
);
const anyValue = fc.oneof(text, fc.integer(), fc.constant(null), fc.constant(undefined), fc.double());
const result = fc.record(
  {
    place: fc.oneof(fc.integer({ min: -2, max: 40 }), fc.constant(null), fc.double()),
    athlete: anyValue,
    country: anyValue,
    mark: anyValue,
    wind: anyValue,
    status: anyValue,
    records: fc.oneof(fc.array(anyValue, { maxLength: 8 }), anyValue),
    runners: fc.oneof(fc.array(fc.oneof(text, fc.record({ name: text })), { maxLength: 6 }), anyValue),
  },
  { requiredKeys: [] },
);
const reply = fc.record({
  tone: fc.constantFrom('result', 'quote', 'info'),
  title: text,
  summary: fc.option(text, { nil: undefined }),
  results: fc.option(fc.array(result, { maxLength: 30 }), { nil: undefined }),
  quote: fc.option(fc.record({ text: text, speaker: text, occasion: fc.option(text) }), { nil: undefined }),
  sources: fc.array(fc.record({ title: text, publisher: fc.option(text), date: text }), { maxLength: 3 }),
  ephemeral: fc.boolean(),
}) as fc.Arbitrary<unknown> as fc.Arbitrary<Reply>;

describe('arbitrary replies', () => {
  it('never crash the renderer: every card is a PNG or there is none', async () => {
    await fc.assert(
      fc.asyncProperty(reply, fc.constantFrom('dark', 'light' as const), async (r, theme) => {
        const pages = await renderCardPages(r, { theme });
        for (const page of pages) expect(page.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
