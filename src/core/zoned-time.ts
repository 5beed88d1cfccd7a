/**
 * Wall-clock arithmetic in IANA time zones with Intl only (no Temporal on Node 20): local dates of
 * instants, the instant of a local hour on a local date (DST gaps and overlaps resolved), and
 * calendar-day steps.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in a zone. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of instant `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (
      p.type === 'year' ||
      p.type === 'month' ||
      p.type === 'day' ||
      p.type === 'hour' ||
      p.type === 'minute' ||
      p.type === 'second'
    ) {
      out[p.type] = Number(p.value);
    }
  }
  return out;
}

/** The wall-clock time of `ms` read as if it were UTC (ms); minus `ms` it is the zone's offset. */
function wallMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The zone's UTC offset at instant `ms`, in ms (Paris in summer: +7_200_000). */
export function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(whole, timeZone) - whole;
}

/** The local calendar date (YYYY-MM-DD) of instant `ms` in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return isoDate(p.year, p.month, p.day);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The calendar date `days` after (or before) `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The first instant at which the local wall clock in `timeZone` reads `hour`:00 or later on `date`.
 * An hour that occurs twice (clocks going back) gives its first occurrence; an hour that does not
 * exist (clocks going forward, e.g. 02:00 in Paris or Lord Howe's 02:00–02:30) gives the instant the
 * clocks jump, the next existing instant.
 */
export function zonedInstant(date: string, hour: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  // Offsets a day either side bracket any transition near the requested wall time.
  const candidates = new Set<number>([
    wall - offsetMs(wall - DAY_MS, timeZone),
    wall - offsetMs(wall, timeZone),
    wall - offsetMs(wall + DAY_MS, timeZone),
  ]);
  let best = Number.POSITIVE_INFINITY;
  for (const t of candidates) if (wallMs(t, timeZone) === wall && t < best) best = t;
  if (Number.isFinite(best)) return best;
  // In a gap: binary-search the transition, the first instant whose wall clock is at or past `wall`.
  let lo = Math.min(...candidates) - 3 * 3_600_000;
  let hi = Math.max(...candidates) + 3 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (mid <= lo || mid >= hi) break;
    if (wallMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** "2025-03-30 09:00 UTC+02:00": the local wall-clock time of an instant with its offset. */
export function formatLocal(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const off = Math.round(offsetMs(ms, timeZone) / 60_000);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${isoDate(p.year, p.month, p.day)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')} UTC${sign}${hhmm}`;
}

/** The zone's canonical spelling ("europe/paris" → "Europe/Paris"), or null for an unknown zone. */
export function canonicalTimeZone(name: string): string | null {
  if (!name || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
