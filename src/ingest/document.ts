/** The article as the extractor's rules see it: paragraphs, quotation-free text, sentences, clauses. */
import type { Paragraph } from './paragraphs.js';
import { type Clause, clauseSegments, type Segment, sentenceSegments } from './text.js';

/** Paragraph texts plus versions with quotations blanked out, split into sentences and clauses. */
export interface Doc {
  paragraphs: Paragraph[];
  /** Paragraph texts as written. */
  texts: string[];
  /** Texts with quoted words blanked (offsets unchanged), so narrative rules never read quotations. */
  masked: string[];
  /** Whether a paragraph's narrative counts (headline and body; not captions or date lines). */
  narrative: boolean[];
  sentences: Segment[][];
  /** Clauses of each paragraph, in order. */
  clauses: Clause[][];
}

/** A blanked range; `boundary` starts a new sentence where a quotation began. */
export interface MaskRange {
  para: number;
  start: number;
  end: number;
  boundary: boolean;
  /** Put a full stop where the quotation closed (it ended a sentence). */
  stop: boolean;
}

/** Builds the Doc from paragraphs and the ranges to blank. */
export function buildDoc(paragraphs: Paragraph[], masks: readonly MaskRange[]): Doc {
  const texts = paragraphs.map((p) => p.text);
  const chars = texts.map((t) => t.split(''));
  for (const m of masks) {
    const row = chars[m.para];
    if (!row) continue;
    const end = Math.min(m.end, row.length);
    for (let i = Math.max(0, m.start); i < end; i++) row[i] = ' ';
    if (m.boundary && m.start >= 0 && m.start < row.length) row[m.start] = '|';
    if (m.stop && end - 1 > m.start && end - 1 >= 0) row[end - 1] = '.';
  }
  const masked = chars.map((c) => c.join(''));
  const narrative = paragraphs.map((p) => p.kind === 'body' || p.kind === 'headline');
  const sentences = masked.map((t) => sentenceSegments(t));
  const clauses = masked.map((t, i) => (sentences[i] ?? []).flatMap((s) => clauseSegments(t, s)));
  return { paragraphs, texts, masked, narrative, sentences, clauses };
}

/** The sentence of paragraph `para` that contains `offset` (or the last one before it). */
export function sentenceAt(doc: Doc, para: number, offset: number): Segment | null {
  const list = doc.sentences[para] ?? [];
  let found: Segment | null = null;
  for (const s of list) {
    if (s.start <= offset) found = s;
    else break;
  }
  return found;
}
