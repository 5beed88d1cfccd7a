import { MONTH_NAMES } from './format.js';
import { fold } from './text.js';

/** A calendar day typed by a user: month and day, and the year when given. */
export interface DayQuery {
  year: number | null;
  month: number;
  day: number;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthOf(word: string): number | null {
  if (word.length < 3) return null;
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(word));
  return i >= 0 ? i + 1 : null;
}

function valid(year: number | null, month: number, day: number): DayQuery | null {
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return null;
  if (year !== null && (year < 1000 || year > 9999)) return null;
  if (
    year !== null &&
    month === 2 &&
    day === 29 &&
    !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)
  ) {
    return null;
  }
  return { year, month, day };
}

/**
 * Parses "08-06", "2024-08-06", "Aug 6", "6 August", "August 6th 2024", "today", "tomorrow".
 * Numeric month-day is month first (ISO order); returns null for anything else.
 */
export function parseDay(text: string, today: { year: number; month: number; day: number }): DayQuery | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'today') return { ...today };
  if (t === 'yesterday' || t === 'tomorrow') {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + (t === 'tomorrow' ? 1 : -1)));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return valid(null, Number(m[1]), Number(m[2]));
  const w = fold(t)
    .replace(/\b(\d{1,2})(st|nd|rd|th)\b/g, '$1')
    .split(' ')
    .filter((x) => x !== 'of');
  // "aug 6", "aug 6 2024", "6 aug", "6 aug 2024"
  if (w.length === 2 || w.length === 3) {
    const year = w.length === 3 ? Number(w[2]) : null;
    if (w.length === 3 && !/^\d{4}$/.test(w[2] as string)) return null;
    const a = w[0] as string;
    const b = w[1] as string;
    const month = monthOf(a) ?? monthOf(b);
    const dayWord = monthOf(a) ? b : a;
    if (month && /^\d{1,2}$/.test(dayWord)) return valid(year, month, Number(dayWord));
  }
  return null;
}

/** YYYY-MM-DD from parts. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
