/** The ingest draft of DESIGN.md §6: what `podium ingest` prints for an operator to review. */
import type { RecordCode } from '../core/reply.js';

/** Where a quote was said; the same values as the knowledge base's quote channel. */
export type QuoteChannel = 'interview' | 'social media' | 'press conference' | 'statement';

/** The article as a citation: headline and publication date, never its prose. */
export interface DraftSource {
  title: string | null;
  published: string | null;
}

/** The event the report is about. */
export interface DraftEvent {
  discipline: string | null;
  sex: 'men' | 'women' | 'mixed' | null;
  competition: string | null;
  venue: string | null;
  date: string | null;
}

/** One placing found in the report. */
export interface DraftResult {
  place: number;
  athlete: string;
  country: string | null;
  mark: string | null;
  records: RecordCode[];
}

/** One quotation with its speaker (null when the text does not make it clear). */
export interface DraftQuote {
  speaker: string | null;
  text: string;
  /** 1-based paragraph the quote starts in (non-empty lines with a letter or digit). */
  paragraph: number;
  channel: QuoteChannel | null;
  /** How sure the attribution is, 0..1 (0 when the speaker is null). */
  confidence: number;
}

/** The whole draft. Unknown values are null. */
export interface Draft {
  source: DraftSource;
  event: DraftEvent;
  results: DraftResult[];
  quotes: DraftQuote[];
}

/** Options for extractDraft. */
export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD); resolves "on Tuesday". Falls back to a date line in the article. */
  published?: string | null;
}
