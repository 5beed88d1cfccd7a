import { fold } from './text.js';

/** A discipline found in free text: its canonical key and the words left over. */
export interface DisciplineMatch {
  key: string;
  rest: string;
}

const UNIT = '(?:m|metres?|meters?|mtrs?)';

// Most specific first: "110m hurdles" must not be read as "110m".
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [new RegExp(`\\b4 ?x ?(100|200|400|800|1500) ?${UNIT}?(?: relay)?\\b`), (m) => `4x${m[1]}m relay`],
  [new RegExp(`\\b(60|100|110|400) ?${UNIT}? ?(?:hurdles|h)\\b`), (m) => `${m[1]}m hurdles`],
  [
    new RegExp(`\\b(?:(2000|3000) ?${UNIT}? ?)?(?:steeplechase|steeple|sc)\\b`),
    (m) => `${m[1] ?? '3000'}m steeplechase`,
  ],
  [/\b(10|20|35|50) ?(?:k|km|kilometres?|kilometers?) ?(?:race )?walk\b/, (m) => `${m[1]}km race walk`],
  [/\bhigh ?jump\b/, () => 'high jump'],
  [/\bpole ?vault\b/, () => 'pole vault'],
  [/\blong ?jump\b/, () => 'long jump'],
  [/\btriple ?jump\b/, () => 'triple jump'],
  [/\bshot(?: ?put)?\b/, () => 'shot put'],
  [/\bdiscus(?: throw)?\b/, () => 'discus throw'],
  [/\bhammer(?: throw)?\b/, () => 'hammer throw'],
  [/\bjavelin(?: throw)?\b/, () => 'javelin throw'],
  [/\bdecathlon\b/, () => 'decathlon'],
  [/\bheptathlon\b/, () => 'heptathlon'],
  [/\bhalf ?marathon\b/, () => 'half marathon'],
  [/\bmarathon\b/, () => 'marathon'],
  [/\bmile\b/, () => 'mile'],
  [/\b(5|10|15) ?(?:k|km)\b/, (m) => `${Number(m[1]) * 1000}m`],
  // A bare number is a distance in metres, unless it looks like a year ("1500m paris 2024").
  [new RegExp(`\\b(\\d{2,5}) ?(${UNIT})?\\b`), (m) => (isYearLike(m) ? '' : `${Number(m[1])}m`)],
];

function isYearLike(m: RegExpExecArray): boolean {
  const n = Number(m[1]);
  return m[2] === undefined && n >= 1890 && n <= 2100;
}

const SPACED_DISTANCES = new Set([
  '1500',
  '2000',
  '3000',
  '5000',
  '10000',
  '20000',
  '35000',
  '50000',
  '42195',
]);

/** Finds a discipline in text (any case, any punctuation, "1,500 metres" → "1500m"); null if none. */
export function matchDiscipline(text: string): DisciplineMatch | null {
  // Digit groups ("1,500", "10.000", "10 000") are joined before folding splits them apart. A
  // space only joins a standard distance, so "2024 100m" and "heat 2 100m" stay two numbers.
  const t = fold(
    text.replace(
      /(?<![\d.,])(\d{1,3})([,.\u00a0\u202f ])(\d{3})(?!\d)/g,
      (all, a: string, sep: string, b: string) =>
        sep !== ' ' || SPACED_DISTANCES.has(`${a}${b}`) ? `${a}${b}` : all,
    ),
  );
  for (const [re, keyOf] of PATTERNS) {
    const global = new RegExp(re.source, 'g');
    for (let m = global.exec(t); m; m = global.exec(t)) {
      const key = keyOf(m);
      if (key === '' || (key.endsWith('m') && /^\d+m$/.test(key) && Number.parseInt(key, 10) < 50)) continue;
      const rest = `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim();
      return { key, rest };
    }
  }
  return null;
}

/** Canonical key of a discipline as written in the data (falls back to its folded form). */
export function disciplineKey(discipline: string): string {
  // Thousands of events share a few dozen discipline spellings: matching each once keeps
  // indexing out of `podium ask`'s start-up time.
  let key = disciplineKeys.get(discipline);
  if (key === undefined) {
    key = matchDiscipline(discipline)?.key ?? fold(discipline);
    if (disciplineKeys.size < 10_000) disciplineKeys.set(discipline, key);
  }
  return key;
}
const disciplineKeys = new Map<string, string>();
