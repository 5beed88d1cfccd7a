import { describe, expect, it } from 'vitest';
import { isRecordCode, RECORD_CODES, recordLegend, recordMeaning } from '../../src/core/records.js';

describe('record codes', () => {
  it('gives every code, tie and age-group record a meaning a fan can read', () => {
    for (const code of RECORD_CODES) expect(recordMeaning(code)).toMatch(/^[A-Za-z]/);
    expect(recordMeaning('=PB')).toBe('equalled personal best');
    expect(recordMeaning('NU23R')).toBe('national under-23 record');
    expect(recordMeaning('WJL')).toBe('world junior (under-20) lead');
  });

  it('knows every flag of the two results files and nothing made up', () => {
    for (const c of [
      'WR',
      'AR',
      'NR',
      'PB',
      'SB',
      'WL',
      'NJR',
      'NUR',
      'AJR',
      'AUR',
      'WJL',
      'NU20R',
      'NU23R',
      'AU23R',
      'WU20R',
      '=PB',
      '=SB',
      '=NR',
      '=NJR',
    ])
      expect(isRecordCode(c), c).toBe(true);
    for (const c of ['XR', 'pb', '==PB', '']) expect(isRecordCode(c), c).toBe(false);
  });

  it('explains each code of an answer once', () => {
    expect(recordLegend(['WL', '=PB', 'WL'])).toBe(
      'WL = world lead (fastest or best in the world this year); =PB = equalled personal best',
    );
    expect(recordLegend([])).toBeNull();
  });
});
