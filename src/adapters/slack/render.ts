/**
 * The pure Slack renderer: a neutral `Reply` becomes Block Kit blocks plus a plain `text` fallback,
 * always inside Slack's limits and with every piece of reply text escaped, so `<!channel>`, `<!here>`
 * or `<@U…>` typed by a user (and echoed back in a reply) stays text and never pings anyone.
 */
import {
  citation,
  graphemeBoundary,
  isPrivate,
  placeLabel,
  plainResultLine,
} from '../../core/presentation.js';
import type { Reply, ReplyResult, ReplySource } from '../../core/reply.js';
import { renderSlackActions, type SlackActionsBlock } from './actions.js';

/** Most blocks in one message. */
export const SLACK_MAX_BLOCKS = 50;
/** Longest `text` of a section block. */
export const SLACK_MAX_SECTION_TEXT = 3000;
/** Longest header text (plain_text). */
export const SLACK_MAX_HEADER_TEXT = 150;
/** Most fields in one section block. */
export const SLACK_MAX_FIELDS_PER_SECTION = 10;
/** Longest text of one section field. */
export const SLACK_MAX_FIELD_TEXT = 2000;
/** Most elements in one context block. */
export const SLACK_MAX_CONTEXT_ELEMENTS = 10;
/** Longest text object anywhere (context elements included). */
export const SLACK_MAX_TEXT_OBJECT = 3000;
/** Longest top-level `text`: Slack advises at most 4,000 characters and truncates far beyond. */
export const SLACK_MAX_MESSAGE_TEXT = 4000;

/** A Block Kit text object. */
export interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

/** The three block types Podium sends. Structurally compatible with @slack/types' KnownBlock. */
export type SlackBlock =
  | { type: 'header'; text: SlackText & { type: 'plain_text' } }
  | { type: 'section'; text: SlackText; fields?: undefined }
  | { type: 'section'; fields: SlackText[]; text?: undefined }
  | { type: 'context'; elements: SlackText[] }
  | SlackActionsBlock;

/** A rendered message: blocks plus the fallback text Slack shows in notifications and old clients. */
export interface SlackMessage {
  blocks: SlackBlock[];
  text: string;
}

/** A slash-command answer (the ack body, or what is POSTed to response_url). */
export interface SlackCommandResponse extends SlackMessage {
  response_type: 'in_channel' | 'ephemeral';
}

const ELLIPSIS = '…';

/** Escapes Slack's three control characters (its documented rule: only these, nothing else). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes plain text and cuts it so the escaped result fits `max` UTF-16 units, on a grapheme
 * boundary (never inside an emoji or a letter with its accents, never inside an `&amp;`).
 */
export function fitEscaped(plain: string, max: number): string {
  // Escaping never shortens text, so only text that is short already can fit whole.
  if (plain.length <= max) {
    const escaped = escapeSlack(plain);
    if (escaped.length <= max) return escaped;
  }
  const budget = Math.max(0, max - ELLIPSIS.length);
  // Walk the plain text until its escaped length would pass the budget.
  let used = 0;
  let cut = 0;
  while (cut < plain.length) {
    const c = plain.charCodeAt(cut);
    const width = c === 38 ? 5 : c === 60 || c === 62 ? 4 : 1; // &amp; &lt; &gt;
    if (used + width > budget) break;
    used += width;
    cut += 1;
  }
  return escapeSlack(plain.slice(0, graphemeBoundary(plain, cut))).trimEnd() + ELLIPSIS;
}

/** Cuts already-formatted mrkdwn to `max` on a grapheme boundary (only for text built from escaped parts). */
function fitFormatted(text: string, max: number): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - ELLIPSIS.length);
  // Never leave half an entity (`&am…`): drop a trailing partial `&…` run.
  const out = text.slice(0, graphemeBoundary(text, budget)).replace(/&[a-z]{0,3}$/, '');
  return out.trimEnd() + ELLIPSIS;
}

/** One result line in mrkdwn: medal or place, athlete, country, mark, record badges. */
export function resultLine(result: ReplyResult): string {
  let line = `${escapeSlack(placeLabel(result.place, result.status))} *${escapeSlack(result.athlete)}*`;
  if (result.country) line += ` (${escapeSlack(result.country)})`;
  if (result.mark) line += ` — ${escapeSlack(result.mark)}`;
  if (result.records.length > 0) line += ` ${result.records.map((r) => `\`${r}\``).join(' ')}`;
  if (result.detail) line += ` · ${escapeSlack(result.detail)}`;
  return line;
}

/** The citation line: "Source: headline — publisher, 2024-08-06". */
export function sourceLine(source: ReplySource): string {
  return `Source: ${citation(source)}`;
}

/** Packs lines (already mrkdwn) into as few section blocks as fit, each within the section limit. */
function sectionsFromLines(lines: readonly string[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = fitFormatted(raw, SLACK_MAX_SECTION_TEXT);
    if (current !== '' && current.length + 1 + line.length > SLACK_MAX_SECTION_TEXT) {
      blocks.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') blocks.push(section(current));
  return blocks;
}

function section(text: string): SlackBlock {
  // Slack rejects an empty text object; a lone space would be invisible anyway.
  return { type: 'section', text: { type: 'mrkdwn', text: text === '' ? ' ' : text } };
}

function quoteText(reply: Reply): string | null {
  const quote = reply.quote;
  if (!quote) return null;
  const words = `“${quote.text.trim()}”`;
  const by = `— *${escapeSlack(quote.speaker)}*${quote.occasion ? `, ${escapeSlack(quote.occasion)}` : ''}`;
  // Leave room for the attribution, then quote every line (mrkdwn block quotes are per line).
  const body = fitEscaped(words, SLACK_MAX_SECTION_TEXT - by.length - 16)
    .split('\n')
    .map((l) => `>${l === '' ? '' : ` ${l}`}`)
    .join('\n');
  return fitFormatted(`${body}\n${by}`, SLACK_MAX_SECTION_TEXT);
}

/** Renders a reply as Block Kit blocks with a plain-text fallback, inside Slack's limits. */
export function renderSlackBlocks(reply: Reply): SlackMessage {
  const header: SlackBlock = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: fitEscaped(reply.title.trim() || ' ', SLACK_MAX_HEADER_TEXT),
      emoji: true,
    },
  };
  const body: SlackBlock[] = [];
  if (reply.summary?.trim()) body.push(section(fitEscaped(reply.summary.trim(), SLACK_MAX_SECTION_TEXT)));
  if (reply.results && reply.results.length > 0)
    body.push(...sectionsFromLines(reply.results.map(resultLine)));
  const quote = quoteText(reply);
  if (quote) body.push(section(quote));
  if (reply.fields && reply.fields.length > 0) {
    for (let i = 0; i < reply.fields.length; i += SLACK_MAX_FIELDS_PER_SECTION) {
      const chunk = reply.fields.slice(i, i + SLACK_MAX_FIELDS_PER_SECTION);
      body.push({
        type: 'section',
        fields: chunk.map((f) => {
          const label = `*${fitEscaped(f.label, 200)}*\n`;
          return { type: 'mrkdwn', text: label + fitEscaped(f.value, SLACK_MAX_FIELD_TEXT - label.length) };
        }),
      });
    }
  }
  if (reply.lines && reply.lines.length > 0) {
    body.push(...sectionsFromLines(reply.lines.map((l) => fitEscaped(l, SLACK_MAX_SECTION_TEXT))));
  }

  const tail: SlackBlock[] = [];
  const actions = renderSlackActions(reply);
  if (actions) tail.push(actions);
  if (reply.page && reply.page.count > 1) {
    tail.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Page ${reply.page.index} of ${reply.page.count}` }],
    });
  }
  if (reply.sources.length > 0) {
    const shown = reply.sources.slice(0, SLACK_MAX_CONTEXT_ELEMENTS);
    const elements: SlackText[] = shown.map((s) => ({
      type: 'mrkdwn',
      text: fitEscaped(sourceLine(s), SLACK_MAX_TEXT_OBJECT),
    }));
    const hidden = reply.sources.length - shown.length;
    if (hidden > 0)
      elements[elements.length - 1] = { type: 'mrkdwn', text: `… and ${hidden + 1} more sources` };
    tail.push({ type: 'context', elements });
  }

  // Over 50 blocks: keep the first ones and say how many sections were left out.
  const room = SLACK_MAX_BLOCKS - 1 - tail.length;
  let kept = body;
  if (body.length > room) {
    kept = body.slice(0, room - 1);
    kept.push(section(`_… ${body.length - kept.length} more sections not shown_`));
  }
  return { blocks: [header, ...kept, ...tail], text: fallbackText(reply) };
}

/** The plain fallback: what notifications, screen readers and clients without blocks show. */
export function fallbackText(reply: Reply): string {
  const parts: string[] = [reply.title.trim()];
  if (reply.summary?.trim()) parts.push(reply.summary.trim());
  if (reply.results) parts.push(...reply.results.map(plainResultLine));
  if (reply.quote) {
    const q = reply.quote;
    parts.push(`“${q.text.trim()}” — ${q.speaker}${q.occasion ? `, ${q.occasion}` : ''}`);
  }
  if (reply.fields) parts.push(...reply.fields.map((f) => `${f.label}: ${f.value}`));
  if (reply.lines) parts.push(...reply.lines);
  parts.push(...reply.sources.map(sourceLine));
  const text = parts.filter((p) => p !== '').join('\n');
  return fitEscaped(text === '' ? ' ' : text, SLACK_MAX_MESSAGE_TEXT);
}

/** The slash-command answer: in the channel for answers, only to the asker for errors, help and settings. */
export function renderSlackMessage(reply: Reply): SlackCommandResponse {
  return { response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel', ...renderSlackBlocks(reply) };
}
