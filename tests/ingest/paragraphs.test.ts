import { describe, expect, it } from 'vitest';
import { isCaption, parseDateText, splitArticle } from '../../src/ingest/paragraphs.js';

describe('splitArticle', () => {
  it('takes the first line with words as the headline and skips a lone punctuation line', () => {
    const a = splitArticle('.\n\nHocker wins gold\n\nHocker won.');
    expect(a.headline).toBe('Hocker wins gold');
    expect(a.paragraphs.map((p) => p.number)).toEqual([1, 2]);
  });

  it('reads a date line prefix and treats the rest of the line as a photo caption', () => {
    const a = splitArticle(
      ' date 2024-08-06 Kerr takes second place. | Getty Images\n\nKerr beaten to gold\n\nBody.',
    );
    expect(a.dateLine).toBe('2024-08-06');
    expect(a.paragraphs[0]?.kind).toBe('caption');
    expect(a.headline).toBe('Kerr beaten to gold');
  });

  it('reads date-only lines in several formats', () => {
    expect(splitArticle('Title\n\nTuesday 2 September 2025\n\nBody').dateLine).toBe('2025-09-02');
    expect(splitArticle('Title\n\nPublished: 2025-05-25\n\nBody').dateLine).toBe('2025-05-25');
    expect(splitArticle('Title\n\nUpdated: June 29, 2025\n\nBody').dateLine).toBe('2025-06-29');
  });

  it('joins hard-wrapped lines of a paragraph', () => {
    const text =
      'Headline here\n\nFirst line of a\nwrapped paragraph.\n\nSecond para\nalso wrapped.\n\nThird one\nas well.';
    const a = splitArticle(text);
    expect(a.paragraphs[1]?.text).toBe('First line of a wrapped paragraph.');
  });

  it('recognises photo credits as captions', () => {
    expect(isCaption('(Photo by Ashley Landis/Associated Press)')).toBe(true);
    expect(isCaption('Josh Kerr takes second place. | Getty Images')).toBe(true);
    expect(isCaption('Kerr took second place.')).toBe(false);
  });

  it('rejects impossible dates', () => {
    expect(parseDateText('2025-02-30')).toBeNull();
    expect(parseDateText('31 April 2025')).toBeNull();
    expect(parseDateText('6 August 2024')).toBe('2024-08-06');
  });
});
