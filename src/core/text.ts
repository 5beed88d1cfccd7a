/** Text helpers shared by the core and the renderers: folding for matching, sanitising user input. */
import { truncate } from './presentation.js';

/** Longest user input a command looks at; anything beyond is ignored (and said so where it matters). */
export const MAX_INPUT_LENGTH = 200;

// Letters that Unicode does not decompose into base + mark, folded the way fans type them.
const SPECIAL_LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL_RE = /[øæœßłđðþı]/g;
// Printable ASCII; anything else (controls included) takes the full path.
const ASCII_RE = /^[ -~]*$/;

/**
 * Folds text for matching: lower case, accents removed, special letters spelled out, apostrophes
 * dropped (so "men's" → "mens"), every other non-alphanumeric run → one space.
 */
export function fold(text: string): string {
  // Plain ASCII (most names and queries) needs no Unicode decomposition.
  if (ASCII_RE.test(text)) {
    return text
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Folded words of a text. */
export function words(text: string): string[] {
  const f = fold(text);
  return f === '' ? [] : f.split(' ');
}

// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM, and
// the Unicode tag block: none belongs in a sports question, and several can disguise text.
const INVISIBLE_RE = /[\p{Cc}\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u{e0000}-\u{e007f}]/gu;

/** Removes invisible and control characters, folds white space, trims, and caps the length. */
export function sanitizeInput(text: string, max = MAX_INPUT_LENGTH): string {
  const clean = text.replace(INVISIBLE_RE, ' ').replace(/\s+/g, ' ').trim();
  return truncate(clean, max, '');
}

/**
 * User text repeated back in a reply ("I don't know …"): sanitised, shortened, and with mass-mention
 * words broken by a zero-width joiner so no platform turns them into a ping.
 */
export function echo(text: string, max = 60): string {
  return sanitizeInput(text, max).replace(/@(?=(everyone|here|channel)\b)/gi, '@\u2060');
}

// Reused rows: edit distance runs thousands of times per second on the lookup path.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), giving up and
 * returning `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ai === bj ? 0 : 1),
      );
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

/** Every string made by deleting exactly one character (deduplicated). */
export function deletes1(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  return [...out];
}

/**
 * Code-unit order, for ISO dates, country codes and ids, where that is the order meant. Not
 * localeCompare: its first call loads ICU's collator, ~10 ms of a one-shot `podium ask`.
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NATURAL_TOKEN_RE = /\d+|\D+/g;

/** Ids with numbers in natural order ("heat-2" before "heat-10"), code units between the numbers. */
export function compareNatural(a: string, b: string): number {
  const x = a.match(NATURAL_TOKEN_RE) ?? [];
  const y = b.match(NATURAL_TOKEN_RE) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i] as string;
    const t = y[i] as string;
    if (s === t) continue;
    if (/^\d/.test(s) && /^\d/.test(t)) {
      const m = s.replace(/^0+(?=\d)/, '');
      const n = t.replace(/^0+(?=\d)/, '');
      if (m.length !== n.length) return m.length - n.length;
      if (m !== n) return compareCodes(m, n);
    }
    return compareCodes(s, t);
  }
  return x.length - y.length;
}
