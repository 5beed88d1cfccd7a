/** Ingest: turn a sports report into draft facts for review. */
export { extractArticle, extractDraft } from './extract.js';
export type {
  Draft,
  DraftEvent,
  DraftQuote,
  DraftResult,
  DraftSource,
  ExtractOptions,
  QuoteChannel,
} from './types.js';
