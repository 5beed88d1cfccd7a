/** Ingest: turn a sports report into draft facts for review. */
export { runIngestCli } from './cli.js';
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
export {
  type DraftToBundleOptions,
  draftToBundle,
  IngestError,
  type KnowledgeBaseView,
  writeDraftBundle,
} from './write-bundle.js';
