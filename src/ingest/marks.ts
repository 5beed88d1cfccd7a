/**
 * Marks written out in words and units: "3 minutes, 51.29 seconds", "two hours, 23 minutes and 10
 * seconds", "2hr 8min 44sec", "1min 56.74sec", "6,848 points" — normalised as results files write
 * them (3:51.29, 2:23:10, 2:08:44, 1:56.74, 6848).
 */

/** A mark found in text: where it is and its normalised form. */
export interface SpelledMark {
  index: number;
  length: number;
  mark: string;
  kind: 'time' | 'points';
}

const UNITS = `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
  sixteen seventeen eighteen nineteen`.split(/\s+/u);
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];

/** "23" or "twenty-three" or "one" as a number; NaN when it is neither. */
export function numberWord(word: string): number {
  const w = word.toLowerCase().trim();
  if (/^\d+(?:\.\d+)?$/u.test(w)) return Number(w);
  const unit = UNITS.indexOf(w);
  if (unit >= 0) return unit;
  const [tens, ones] = w.split(/[-\s]/u);
  const t = TENS.indexOf(tens ?? '');
  if (t >= 2) {
    if (ones === undefined) return t * 10;
    const o = UNITS.indexOf(ones);
    if (o >= 1 && o <= 9) return t * 10 + o;
  }
  return Number.NaN;
}

const NUM = `(\\d{1,2}|${[...UNITS, ...TENS.filter(Boolean)].join('|')}(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)`;
const SPELLED_TIME = new RegExp(
  `\\b(?:${NUM}\\s*(?:hours?|hrs?|h)\\b,?\\s*(?:and\\s+)?)?(?:${NUM}\\s*(?:minutes?|mins?|min|m)\\b,?\\s*(?:and\\s+)?)?(\\d{1,2}(?:\\.\\d{1,3})?|${NUM.slice(1, -1)})\\s*(?:seconds?|secs?|sec|s)\\b`,
  'giu',
);
const POINTS = /(?<![\d.,])(\d{1,2},\d{3}|\d{4}|\d{3})\s*(?:points|pts)\b/giu;

const two = (n: number) => String(n).padStart(2, '0');

/** Spelled-out times (with at least minutes or hours) and points totals in a text. */
export function spelledMarks(text: string): SpelledMark[] {
  const out: SpelledMark[] = [];
  if (/hour|hr|min/iu.test(text)) {
    for (const m of text.matchAll(SPELLED_TIME)) {
      if (m[1] === undefined && m[2] === undefined) continue;
      const h = m[1] === undefined ? null : numberWord(m[1]);
      const min = m[2] === undefined ? 0 : numberWord(m[2]);
      const secText = m[3] ?? '';
      const sec = numberWord(secText);
      if ([h ?? 0, min, sec].some((n) => Number.isNaN(n)) || min >= 60 || sec >= 60) continue;
      const frac = /\.(\d+)$/u.exec(secText)?.[1];
      const secs = `${two(Math.floor(sec))}${frac ? `.${frac}` : ''}`;
      const mark = h !== null ? `${h}:${two(min)}:${secs}` : `${min}:${secs}`;
      out.push({ index: m.index ?? 0, length: m[0].length, mark, kind: 'time' });
    }
  }
  if (/points|pts/iu.test(text)) {
    for (const m of text.matchAll(POINTS)) {
      out.push({
        index: m.index ?? 0,
        length: m[0].length,
        mark: (m[1] ?? '').replace(',', ''),
        kind: 'points',
      });
    }
  }
  return out;
}
