/**
 * Finds quoted spans in an article: straight and curly marks, nested quotes of the other kind,
 * apostrophes (it's, Jones'), unbalanced marks, and quotes that run over several paragraphs
 * (each paragraph opens with a mark, only the last closes).
 */

/** Which family of marks delimits the article's quotations. */
export type QuoteKind = 'double' | 'single';

/** One quoted span. Offsets are into the paragraph texts passed to scanQuotes. */
export interface QuoteSpan {
  kind: QuoteKind;
  /** Index (into the paragraph array) of the paragraph the span opens in. */
  startPara: number;
  /** Offset of the opening mark; -1 when the opening mark is missing. */
  start: number;
  endPara: number;
  /** Offset of the closing mark; the paragraph length when the span never closes there. */
  end: number;
  /** True when a closing mark was found. */
  closed: boolean;
  /** The words inside the marks, one entry per paragraph. */
  parts: string[];
  /** Set on the pieces of a quotation that ran over several paragraphs (see splitByParagraph). */
  group?: number;
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '‟']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SINGLE_OPEN = new Set(['‘', '‚', '‹']);
const SINGLE_CLOSE = new Set(['’', '›']);
const STRAIGHT_DOUBLE = '"';
const ALL_MARKS = new Set(['"', "'", '“', '„', '«', '‟', '”', '»', '‘', '‚', '‹', '’', '›']);
const MARK_RE = /["'“„«‟”»‘‚‹’›]/gu;
const STRAIGHT_SINGLE = "'";

// Character tests run for every quote mark, so ASCII is answered without a regular expression.
const isSpace = (c: string) =>
  c === '' || c === ' ' || c === '\n' || c === '\t' || c === '\r' || (c.charCodeAt(0) > 127 && /\s/u.test(c));
const isLetter = (c: string) => {
  const code = c.charCodeAt(0);
  if (code < 128)
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return /[\p{L}\p{N}]/u.test(c);
};
const LEFT_PUNCT = /[([{—–\-/]/u;
const RIGHT_PUNCT = /[.,;:!?)\]}—–\-…]/u;

type MarkRole = 'open' | 'close' | 'either' | 'none' | 'weak-close';

/** How a mark at position i can act, judged from its neighbours. */
function roleOf(text: string, i: number, kind: QuoteKind): MarkRole {
  const c = text[i] ?? '';
  if (!ALL_MARKS.has(c)) return 'none';
  const prev = i > 0 ? (text[i - 1] ?? '') : '';
  const next = text[i + 1] ?? '';
  const leftFlank = isSpace(prev) || LEFT_PUNCT.test(prev) || DOUBLE_OPEN.has(prev) || SINGLE_OPEN.has(prev);
  const rightFlank =
    isSpace(next) || RIGHT_PUNCT.test(next) || DOUBLE_CLOSE.has(next) || SINGLE_CLOSE.has(next);
  if (kind === 'double') {
    if (DOUBLE_OPEN.has(c)) return 'open';
    if (DOUBLE_CLOSE.has(c)) return leftFlank && !rightFlank ? 'either' : 'close';
    if (c !== STRAIGHT_DOUBLE) return 'none';
    if (leftFlank && !rightFlank) return 'open';
    if (rightFlank && !leftFlank) return 'close';
    return 'either';
  }
  if (SINGLE_OPEN.has(c)) return /\d/u.test(next) ? 'none' : 'open';
  if (c !== STRAIGHT_SINGLE && !SINGLE_CLOSE.has(c)) return 'none';
  // it's, Kerr's, y'all: an apostrophe between letters.
  if (isLetter(prev) && isLetter(next)) return 'none';
  if (leftFlank && !rightFlank) return /\d/u.test(next) ? 'none' : 'open';
  if (rightFlank && !leftFlank) {
    // Jones' time: after an s and before a word it may be a possessive apostrophe.
    if (/[sSzZ]/u.test(prev) && isSpace(next) && /^\s+\p{L}/u.test(text.slice(i + 1, i + 12)))
      return 'weak-close';
    return 'close';
  }
  return 'none';
}

/** Counts marks to decide whether double or single marks delimit the quotations. */
export function primaryQuoteKind(paragraphs: readonly string[]): QuoteKind {
  let doubles = 0;
  let singles = 0;
  for (const p of paragraphs) {
    for (const m of p.matchAll(MARK_RE)) {
      const i = m.index ?? 0;
      const c = m[0];
      if (c === STRAIGHT_DOUBLE || DOUBLE_OPEN.has(c) || DOUBLE_CLOSE.has(c)) doubles++;
      else if (c === STRAIGHT_SINGLE || SINGLE_OPEN.has(c) || SINGLE_CLOSE.has(c)) {
        if (roleOf(p, i, 'single') === 'open') singles++;
      }
    }
  }
  // An opening single mark stands for a whole quotation while doubles come in pairs.
  return singles >= 1 && singles * 2 > doubles ? 'single' : 'double';
}

/** True when the paragraph opens with an opening mark of this kind (a continued quotation). */
function opensWithMark(text: string, kind: QuoteKind): boolean {
  const i = text.search(/\S/u);
  if (i < 0) return false;
  const role = roleOf(text, i, kind);
  return role === 'open' || role === 'either';
}

/**
 * Scans paragraphs for quoted spans of the given kind. `continuable[i]` says whether a quotation
 * left open at the end of paragraph i may continue into paragraph i + 1.
 */
export function scanQuotes(
  paragraphs: readonly string[],
  kind: QuoteKind = primaryQuoteKind(paragraphs),
  continuable: readonly boolean[] = paragraphs.map(() => true),
): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: QuoteSpan | null = null;
  let contentStart = 0;

  for (let p = 0; p < paragraphs.length; p++) {
    const text = paragraphs[p] ?? '';
    let i = 0;
    if (open) {
      // A continued quotation: skip the paragraph's opening mark.
      i = text.search(/\S/u) + 1;
      contentStart = i;
    }
    const marks: Array<{ at: number; role: MarkRole }> = [];
    for (const m of text.matchAll(MARK_RE)) {
      const j = m.index ?? 0;
      if (j < i) continue;
      const role = roleOf(text, j, kind);
      if (role !== 'none') marks.push({ at: j, role });
    }
    let openedHere = false;
    for (let k = 0; k < marks.length; k++) {
      const { at, role } = marks[k] as { at: number; role: MarkRole };
      if (!open) {
        if (role === 'open' || role === 'either') {
          open = { kind, startPara: p, start: at, endPara: p, end: text.length, closed: false, parts: [] };
          contentStart = at + 1;
          openedHere = true;
        } else if (
          role === 'close' &&
          kind === 'double' &&
          !openedHere &&
          spans.every((s) => s.endPara !== p)
        ) {
          // A closing mark with no opening one: the quotation began at the paragraph start.
          spans.push({
            kind,
            startPara: p,
            start: -1,
            endPara: p,
            end: at,
            closed: true,
            parts: [text.slice(0, at)],
          });
        }
        continue;
      }
      if (role === 'weak-close') {
        // Only close on "Jones' " when no stronger closing mark follows in the paragraph.
        const later = marks.slice(k + 1).some((m) => m.role === 'close' || m.role === 'either');
        if (later) continue;
      }
      if (role === 'close' || role === 'either' || role === 'weak-close') {
        open.parts.push(text.slice(contentStart, at));
        open.endPara = p;
        open.end = at;
        open.closed = true;
        spans.push(open);
        open = null;
      } else if (role === 'open') {
        // A new opening mark while one is open: the earlier quotation lost its closing mark.
        open.parts.push(text.slice(contentStart, at));
        open.endPara = p;
        open.end = at;
        spans.push(open);
        open = { kind, startPara: p, start: at, endPara: p, end: text.length, closed: false, parts: [] };
        contentStart = at + 1;
      }
    }
    if (open) {
      const nextText = paragraphs[p + 1];
      if (nextText !== undefined && continuable[p] && opensWithMark(nextText, kind)) {
        open.parts.push(text.slice(contentStart));
      } else {
        open.parts.push(text.slice(contentStart));
        open.endPara = p;
        open.end = text.length;
        spans.push(open);
        open = null;
      }
    }
  }
  return spans;
}

/** The span's words as one string: paragraphs joined by a space, whitespace collapsed. */
export function spanText(span: QuoteSpan): string {
  return span.parts
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * One span per paragraph: a quotation that runs over several paragraphs becomes one piece per
 * paragraph (as the knowledge base stores passages), the pieces sharing a `group` number so the
 * speaker named in any of them owns them all.
 */
export function splitByParagraph(spans: readonly QuoteSpan[], paragraphs: readonly string[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let group = 0;
  for (const span of spans) {
    if (span.startPara === span.endPara) {
      out.push(span);
      continue;
    }
    group++;
    for (let p = span.startPara; p <= span.endPara; p++) {
      const text = paragraphs[p] ?? '';
      const first = p === span.startPara;
      const last = p === span.endPara;
      out.push({
        kind: span.kind,
        startPara: p,
        start: first ? span.start : Math.max(0, text.search(/\S/u)),
        endPara: p,
        end: last ? span.end : text.length,
        closed: last ? span.closed : false,
        parts: [span.parts[p - span.startPara] ?? ''],
        group,
      });
    }
  }
  return out;
}
