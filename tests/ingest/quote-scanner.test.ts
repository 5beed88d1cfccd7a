import { describe, expect, it } from 'vitest';
import { primaryQuoteKind, scanQuotes, spanText } from '../../src/ingest/quote-scanner.js';

const texts = (paras: string[], kind?: 'double' | 'single') =>
  scanQuotes(paras, kind ?? primaryQuoteKind(paras)).map(spanText);

describe('scanQuotes', () => {
  it('finds straight and curly double quotes', () => {
    expect(texts(['"One," he said. “Two.”'])).toEqual(['One,', 'Two.']);
  });

  it('keeps nested single quotes and apostrophes inside a double-quoted span', () => {
    expect(texts(['“I knew ‘oh I’m going to get a medal’ and it’s mine,” Hocker said.'])).toEqual([
      'I knew ‘oh I’m going to get a medal’ and it’s mine,',
    ]);
  });

  it('copes with a nested quote closed by a straight mark', () => {
    expect(texts(["“let’s get silver, let’s get gold'” he said."])).toEqual([
      "let’s get silver, let’s get gold'",
    ]);
  });

  it('joins a quotation that runs over several paragraphs', () => {
    const paras = ['“First part.', '“Second part.', '“Last part.” Then narrative.'];
    const spans = scanQuotes(paras, 'double');
    expect(spans).toHaveLength(1);
    expect(spans[0]?.startPara).toBe(0);
    expect(spans[0]?.endPara).toBe(2);
    expect(spanText(spans[0] as never)).toBe('First part. Second part. Last part.');
  });

  it('closes an unbalanced quotation at the end of its paragraph', () => {
    const spans = scanQuotes(['“Third is grand,” he said. “Next time.', 'The crowd cheered.'], 'double');
    expect(spans.map(spanText)).toEqual(['Third is grand,', 'Next time.']);
    expect(spans[1]?.closed).toBe(false);
  });

  it('treats a closing mark with no opening one as a quotation from the paragraph start', () => {
    const spans = scanQuotes(['I was thrilled,” said Smith.'], 'double');
    expect(spans.map(spanText)).toEqual(['I was thrilled,']);
    expect(spans[0]?.start).toBe(-1);
  });

  it('reads British single quotes around apostrophes (it’s, Jones’, don’t)', () => {
    const paras = ["'It's Jones' day,' said Smith. 'Don't you think?'", "'I'm fine,' he said."];
    expect(primaryQuoteKind(paras)).toBe('single');
    expect(texts(paras)).toEqual(["It's Jones' day,", "Don't you think?", "I'm fine,"]);
  });

  it('reads curly single quotes where ’ is both apostrophe and closing mark', () => {
    expect(texts(['‘Barriers don’t move,’ he said. ‘I’ll move better.’'], 'single')).toEqual([
      'Barriers don’t move,',
      'I’ll move better.',
    ]);
  });

  it('prefers double marks when an article uses both', () => {
    expect(primaryQuoteKind(['"A," he said.', "the 'race for the ages'", '"B."'])).toBe('double');
  });
});
