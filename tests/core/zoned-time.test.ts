import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  formatLocal,
  localDate,
  zonedInstant,
} from '../../src/core/zoned-time.js';

const at = (iso: string) => Date.parse(iso);

describe('zoned time', () => {
  it('gives the instant a clock reads the hour on an ordinary day', () => {
    expect(zonedInstant('2025-06-01', 9, 'Europe/Paris')).toBe(at('2025-06-01T07:00:00Z'));
    expect(zonedInstant('2025-01-01', 9, 'Asia/Kathmandu')).toBe(at('2025-01-01T03:15:00Z'));
  });

  it('moves an hour that does not exist to the instant the clocks jump', () => {
    expect(zonedInstant('2025-03-30', 2, 'Europe/Paris')).toBe(at('2025-03-30T01:00:00Z'));
    expect(zonedInstant('2025-03-09', 2, 'America/New_York')).toBe(at('2025-03-09T07:00:00Z'));
    // Lord Howe springs forward by half an hour: 02:00 becomes 02:30 (+11:00).
    expect(zonedInstant('2025-10-05', 2, 'Australia/Lord_Howe')).toBe(at('2025-10-04T15:30:00Z'));
    expect(formatLocal(zonedInstant('2025-10-05', 2, 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe(
      '2025-10-05 02:30 UTC+11:00',
    );
    // Santiago skips midnight itself.
    expect(formatLocal(zonedInstant('2025-09-07', 0, 'America/Santiago'), 'America/Santiago')).toBe(
      '2025-09-07 01:00 UTC-03:00',
    );
  });

  it('takes the first of an hour that happens twice', () => {
    expect(zonedInstant('2025-11-02', 1, 'America/New_York')).toBe(at('2025-11-02T05:00:00Z'));
    expect(zonedInstant('2025-10-26', 2, 'Europe/Paris')).toBe(at('2025-10-26T00:00:00Z'));
  });

  it('reads local dates and steps calendar days across month and leap-year ends', () => {
    expect(localDate(at('2025-03-30T22:30:00Z'), 'Europe/Paris')).toBe('2025-03-31');
    expect(localDate(at('2025-03-30T22:30:00Z'), 'America/New_York')).toBe('2025-03-30');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('canonicalises zone names and rejects unknown ones', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
  });
});
