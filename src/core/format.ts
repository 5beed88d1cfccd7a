import type { Quote, SportEvent } from './schema.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Tuesday 6 August 2024" from an ISO date (calendar arithmetic, no time zone involved). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "6 August" from a month and day. */
export function dayMonth(month: number, day: number): string {
  return `${day} ${MONTHS[month - 1]}`;
}

/** Month names, for parsing "Aug 6". */
export const MONTH_NAMES = MONTHS;

/** "Men's 1500m" / "Women's marathon" / "Mixed 4x400m relay" / "Men's decathlon 100m". */
export function eventName(e: SportEvent): string {
  const sex = e.sex === 'men' ? "Men's" : e.sex === 'women' ? "Women's" : 'Mixed';
  return `${sex} ${e.partOf ? `${e.partOf} ` : ''}${e.discipline}`;
}

/** "final", "heat 2", "semi-final 1", "race B", "qualification". */
export function roundLabel(e: Pick<SportEvent, 'round' | 'roundName'>): string {
  const name = e.roundName ?? '';
  const n = /(\d+)\s*$/.exec(name)?.[1];
  if (e.round === 'race') return name ? name.replace(/^race\b/i, 'race') : 'race';
  if (n && (e.round === 'heat' || e.round === 'semi-final' || e.round === 'qualification')) {
    return `${/^prelim/i.test(name) ? 'preliminary heat' : e.round} ${Number(n)}`;
  }
  return e.round;
}

/** "Men's 1500m final — Paris 2024", "Men's 10,000m race B — Rome 2024". */
export function eventTitle(e: SportEvent): string {
  return `${eventName(e)} ${roundLabel(e)} — ${e.edition}`;
}

/** "Olympic Games · Stade de France, Paris". */
export function eventWhere(e: SportEvent): string {
  return `${e.competition} · ${e.venue}, ${e.city}`;
}

/** The occasion line under a quote: "after the final, Men's 1500m — Paris 2024". */
export function quoteOccasion(q: Quote, event: SportEvent | undefined): string | null {
  const parts = [q.occasion, event ? `${eventName(event)}, ${event.edition}` : null].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}
