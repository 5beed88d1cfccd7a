/**
 * The platform-neutral answer every command returns. All text here is plain text as a person would
 * read it: renderers (console, Discord, Slack) escape and format it for their platform.
 */

import type { RecordCode } from './records.js';

export { RECORD_CODES, type RecordCode } from './records.js';

/** Medal for a place, if any. */
export type Medal = 'gold' | 'silver' | 'bronze';

/** What kind of answer this is; renderers pick colours and icons from it. */
export type ReplyTone = 'result' | 'quote' | 'info' | 'miss' | 'error' | 'help';

/** One placing in a race (or a non-finisher: no place, a status such as DNF). */
export interface ReplyResult {
  place: number | null;
  /** DNF, DNS, DQ, NM or NH when there is no place. */
  status?: string;
  /** A person's name, or a relay team's ("Jamaica": its runners go in `detail`). */
  athlete: string;
  /** IOC code, e.g. USA. */
  country: string | null;
  mark: string | null;
  records: RecordCode[];
  /** Further facts of this placing: wind, Q/q, points, relay runners. */
  detail?: string;
}

/** A labelled value (venue, date, …). */
export interface ReplyField {
  label: string;
  value: string;
}

/** A quotation with its speaker and the occasion it was said on. */
export interface ReplyQuote {
  text: string;
  speaker: string;
  /** e.g. "after the final", "on social media". */
  occasion: string | null;
}

/** A citation: headline, publisher if known, and date. Never the article's text. */
export interface ReplySource {
  title: string;
  publisher: string | null;
  /** ISO date, YYYY-MM-DD. */
  date: string;
}

/* Buttons: what a press asks for. The token codec that carries it is in actions.ts. */

/** How a button looks: the main follow-up, or a secondary one (paging). */
export type ActionStyle = 'primary' | 'secondary';
/** What a press does with the answer: replace the message it sits on (paging) or add a new one. */
export type ActionMode = 'update' | 'new';

/** Which page, or which step of a seeded order, a command should answer (1-based). */
export interface Cursor {
  page: number;
  /** A command's own compact ordering seed ([0-9a-z], at most 8), e.g. /quote's "another quote" order. */
  order?: string;
}

/** One button on a reply. */
export interface ReplyAction {
  label: string;
  style: ActionStyle;
  mode: ActionMode;
  /** The command line the press answers, exactly as a user could type it: "/results paris-2024-…". */
  line: string;
  /** The page or step the press asks for; 1 when absent. */
  page?: number;
  order?: string;
  /** The encoded token (custom_id / value), set by `bindActions`; chat renderers show only bound actions. */
  id?: string;
}

/** Where a long answer is: page `index` of `count`. */
export interface ReplyPage {
  index: number;
  count: number;
}

/** The neutral reply. */
export interface Reply {
  tone: ReplyTone;
  title: string;
  /** A short paragraph under the title. */
  summary?: string;
  results?: ReplyResult[];
  quote?: ReplyQuote;
  fields?: ReplyField[];
  /** Further lines (facts, list items, suggestions). */
  lines?: string[];
  /** Where the answer comes from; empty only for help, usage and error replies. */
  sources: ReplySource[];
  /** Shown only to the person who asked (errors, help, settings). */
  ephemeral: boolean;
  /** Buttons: follow-ups a press answers ("Full results", "Next"); see core/actions.ts. */
  actions?: ReplyAction[];
  /** Which page of a long answer this is. */
  page?: ReplyPage;
  /**
   * The answer whose picture illustrates this one, when it is not this one: "on this day" posts
   * carry the podium card of the day's headline event. Text renderers ignore it.
   */
  card?: Reply;
}

/** A reply for an expected miss ("no quotes from …"): a normal answer, visible to the channel. */
export function missReply(title: string, lines: string[] = [], ephemeral = false): Reply {
  return { tone: 'miss', title, lines, sources: [], ephemeral };
}

/** A reply for a user error (bad input): ephemeral, no stack, a hint of what works. */
export function userErrorReply(title: string, lines: string[] = []): Reply {
  return { tone: 'error', title, lines, sources: [], ephemeral: true };
}

/** The reply every adapter's error boundary gives for an unexpected failure. */
export function internalErrorReply(): Reply {
  return {
    tone: 'error',
    title: 'Something went wrong',
    lines: ['That one is on us, not you. It has been logged; please try again in a moment.'],
    sources: [],
    ephemeral: true,
  };
}
