import { describe, expect, it } from 'vitest';
import { findDisciplines } from '../../src/ingest/event.js';
import { extractDraft } from '../../src/ingest/index.js';

const event = (text: string, published: string | null = '2024-08-07') =>
  extractDraft(text, { published }).event;

describe('event', () => {
  it('reads discipline, sex, competition and venue', () => {
    const e = event(
      'Hocker wins the men’s 1500m\n\nCole Hocker won the Olympic final at the Stade de France on Tuesday, an Olympic record.',
    );
    expect(e).toEqual({
      discipline: '1500m',
      sex: 'men',
      competition: 'Olympic Games',
      venue: 'Stade de France',
      date: '2024-08-06',
    });
  });

  it('names canonical disciplines', () => {
    const keys = (t: string) => findDisciplines(t).map((h) => h.key);
    expect(keys('the 10,000m and the 3000m steeplechase')).toEqual(['10000m', '3000m steeplechase']);
    expect(keys('400m hurdles, pole vault, hammer, half marathon, 4x100m relay')).toEqual([
      '400m hurdles',
      'pole vault',
      'hammer throw',
      'half marathon',
      '4x100m relay',
    ]);
  });

  it('resolves "on Tuesday" against the published date, and "last night"', () => {
    expect(event('A race\n\nSmith won on Tuesday.', '2024-08-08').date).toBe('2024-08-06');
    expect(event('A race\n\nSmith won on Tuesday night.', '2024-08-06').date).toBe('2024-08-06');
    expect(event('A race\n\nSmith won last night.', '2025-09-02').date).toBe('2025-09-01');
    expect(event('A race\n\nSmith won on Tuesday.', null).date).toBeNull();
  });

  it('prefers an explicit date and fills its year from the published date', () => {
    expect(event('A race\n\nSmith won on 14 September in Halden.', '2025-09-15').date).toBe('2025-09-14');
    expect(event('A race\n\nSmith won on August 6, 2024.', null).date).toBe('2024-08-06');
  });

  it('ignores weekdays of races still to come', () => {
    expect(
      event('A race\n\nSmith won on Friday. The meeting will continue on Saturday.', '2025-07-05').date,
    ).toBe('2025-07-04');
  });

  it('takes a named meeting over passing Olympic mentions', () => {
    const e = event(
      "Brooks wins at Coastal Grand Prix\n\nOlympic champion Brooks won the men's 100m at the Coastal Grand Prix.",
    );
    expect(e.competition).toBe('Coastal Grand Prix');
  });

  it('leaves unknowns null', () => {
    expect(event('Nothing here', null)).toEqual({
      discipline: null,
      sex: null,
      competition: null,
      venue: null,
      date: null,
    });
  });
});
