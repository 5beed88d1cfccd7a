import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/core/dates.js';
import { matchDiscipline } from '../../src/core/disciplines.js';
import { NameIndex } from '../../src/core/name-index.js';
import { truncate } from '../../src/core/presentation.js';
import { editDistance, fold, sanitizeInput } from '../../src/core/text.js';
import { loadShippedKb } from '../helpers.js';

describe('event resolution', () => {
  it.each([
    '1500m',
    '1500',
    '1,500m',
    '1500 metres',
    "men's 1500 m",
    'mens 1500',
    '1500m paris 2024',
    'MEN’S 1500M',
    '1500 Meters Final',
    '1 500 m',
  ])('finds the Paris final for %j', async (text) => {
    const kb = await loadShippedKb();
    const m = kb.resolveEvent(text);
    expect(m.kind === 'found' && m.event.id).toBe('paris-2024-athletics-men-1500m-final');
  });

  it.each(["women's 1500m paris", '800m paris 2024', '1500m tokyo 2020', 'curling', ''])(
    'misses %j with suggestions',
    async (text) => {
      const kb = await loadShippedKb();
      expect(kb.resolveEvent(text).kind).toBe('unknown');
    },
  );

  it('reads specific disciplines before bare distances', () => {
    expect(matchDiscipline('110m hurdles')?.key).toBe('110m hurdles');
    expect(matchDiscipline('4 x 400')?.key).toBe('4x400m relay');
    expect(matchDiscipline('10,000 metres')?.key).toBe('10000m');
    expect(matchDiscipline('paris 2024')).toBeNull();
  });
});

describe('athlete resolution', () => {
  it.each([
    ['hocker', 'Cole Hocker'],
    ['Cole', 'Cole Hocker'],
    ['COLE HOCKER', 'Cole Hocker'],
    ['hoker', 'Cole Hocker'],
    ['ingebritsen', 'Jakob Ingebrigtsen'],
    ['Ingebrigtsen', 'Jakob Ingebrigtsen'],
    ['jacob ingebrigtsen', 'Jakob Ingebrigtsen'],
    ['kerr', 'Josh Kerr'],
    ['nuguse', 'Yared Nuguse'],
    ['Nugusé', 'Yared Nuguse'],
    ['matt centrowitz', 'Matthew Centrowitz'],
  ])('resolves %j to %s', async (text, name) => {
    const kb = await loadShippedKb();
    const m = kb.resolveAthlete(text);
    expect(m.kind === 'found' && m.item.name).toBe(name);
  });

  it('asks which when a surname is shared', () => {
    const idx = new NameIndex<string>();
    idx.add('a', 'Jake Wightman', 'Wightman', 'Jake');
    idx.add('b', 'Lynsey Wightman', 'Wightman', 'Lynsey');
    expect(idx.resolve('wightman')).toEqual({ kind: 'ambiguous', candidates: ['a', 'b'] });
    expect(idx.resolve('jake wightman')).toMatchObject({ kind: 'found', item: 'a' });
  });

  it('suggests near names for an unknown one', async () => {
    const kb = await loadShippedKb();
    const m = kb.resolveAthlete('jon kerr');
    expect(m.kind).toBe('unknown');
    expect(m.kind === 'unknown' && m.suggestions.map((a) => a.name)).toContain('Josh Kerr');
  });
});

describe('text helpers', () => {
  it('folds accents, special letters and apostrophes', () => {
    expect(fold('Men’s  1500m — Ødegaard Ærø ß')).toBe('mens 1500m odegaard aero ss');
  });

  it('removes controls and bidi overrides from input', () => {
    expect(sanitizeInput('\u202ekerr\u0000\u200b silver\n')).toBe('kerr silver');
  });

  it('never cuts inside a grapheme', () => {
    const flags = '🇳🇴🇬🇧🇺🇸'.repeat(10);
    const cut = truncate(flags, 9);
    expect(cut.length).toBeLessThanOrEqual(9);
    expect(cut).toBe('🇳🇴🇬🇧…');
  });

  it('measures edit distance with transpositions and a limit', () => {
    expect(editDistance('ingebrigtsen', 'ingebrigsten')).toBe(1);
    expect(editDistance('hocker', 'hoker')).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('dates', () => {
  const today = { year: 2026, month: 11, day: 21 };
  it.each([
    ['08-06', { year: null, month: 8, day: 6 }],
    ['2024-08-06', { year: 2024, month: 8, day: 6 }],
    ['Aug 6', { year: null, month: 8, day: 6 }],
    ['6 August', { year: null, month: 8, day: 6 }],
    ['august 6th 2024', { year: 2024, month: 8, day: 6 }],
    ['02-29', { year: null, month: 2, day: 29 }],
    ['', { year: 2026, month: 11, day: 21 }],
  ])('reads %j', (text, want) => {
    expect(parseDay(text, today)).toEqual(want);
  });

  it.each(['02-30', '2023-02-29', '13-01', 'someday', '1500m'])('refuses %j', (text) => {
    expect(parseDay(text, today)).toBeNull();
  });
});
