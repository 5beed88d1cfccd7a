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

/** Builds the Doc from paragraphs and the ranges to blank (`segment: false` skips sentences and clauses). */
export function buildDoc(paragraphs: Paragraph[], masks: readonly MaskRange[], segment = true): Doc {
  const texts = paragraphs.map((p) => p.text);
  const byPara = new Map<number, MaskRange[]>();
  // push, not spread: a paragraph of thousands of quotation marks must stay linear.
  for (const m of masks) {
    const list = byPara.get(m.para);
    if (list) list.push(m);
    else byPara.set(m.para, [m]);
  }
  const masked = texts.map((text, i) => {
    const list = byPara.get(i);
    if (!list) return text;
    let out = '';
    let at = 0;
    for (const m of [...list].sort((a, b) => a.start - b.start)) {
      const start = Math.max(at, m.start, 0);
      const end = Math.min(m.end, text.length);
      if (end <= start) continue;
      out += text.slice(at, start);
      let blank = ' '.repeat(end - start);
      if (m.boundary && m.start >= 0) blank = `|${blank.slice(1)}`;
      if (m.stop && end - start > 1) blank = `${blank.slice(0, -1)}.`;
      out += blank;
      at = end;
    }
    return out + text.slice(at);
  });
  const narrative = paragraphs.map((p) => p.kind === 'body' || p.kind === 'headline');
  const sentences = segment ? masked.map((t) => sentenceSegments(t)) : masked.map(() => []);
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
