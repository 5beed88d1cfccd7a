/**
 * The pure Discord renderer: a neutral `Reply` becomes a message payload with one embed, always
 * inside Discord's limits, with every piece of reply text escaped so user text echoed in a reply
 * cannot format, mask a link or mention anyone — and `allowed_mentions: { parse: [] }` on top.
 */
import { citation, graphemes, isPrivate, medalEmoji, truncate } from '../../core/presentation.js';
import type { Reply, ReplyResult, ReplySource, ReplyTone } from '../../core/reply.js';
import { type DiscordActionRow, pageNote, renderDiscordComponents } from './components.js';

/** Longest message `content`. */
export const DISCORD_MAX_CONTENT = 2000;
/** Longest embed description. */
export const DISCORD_MAX_DESCRIPTION = 4096;
/** Most fields in one embed. */
export const DISCORD_MAX_FIELDS = 25;
/** Longest embed title. */
export const DISCORD_MAX_TITLE = 256;
/** Longest field name. */
export const DISCORD_MAX_FIELD_NAME = 256;
/** Longest field value. */
export const DISCORD_MAX_FIELD_VALUE = 1024;
/** Longest footer text. */
export const DISCORD_MAX_FOOTER = 2048;
/** Most characters across one embed's title, description, field names and values, and footer. */
export const DISCORD_MAX_EMBED_TOTAL = 6000;
/** Message flag: only the person who used the command sees the answer. */
export const EPHEMERAL_FLAG = 64;

/** Embed colour per kind of answer. */
export const TONE_COLOURS: Readonly<Record<ReplyTone, number>> = {
  result: 0xd4a017,
  quote: 0x5865f2,
  info: 0x2d9c5a,
  miss: 0x99aab5,
  error: 0xed4245,
  help: 0x1e88e5,
};

/** One embed field. */
export interface DiscordEmbedField {
  name: string;
  value: string;
  inline?: boolean;
}

/** The embed Podium sends (a subset of Discord's embed object, snake_case as on the wire). */
export interface DiscordEmbed {
  title: string;
  description?: string;
  color: number;
  fields?: DiscordEmbedField[];
  footer?: { text: string };
  /** The card, uploaded with the message: `attachment://card.png`. */
  image?: { url: string };
}

/** An uploaded file's metadata in a message payload (its bytes go in the multipart part files[id]). */
export interface DiscordAttachment {
  /** Index of the file in the upload, as a snowflake string ("0" for files[0]). */
  id: string;
  filename: string;
  description?: string;
}

/** A message payload as Discord's REST API takes it (interaction callback `data`, webhook, channel message). */
export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  allowed_mentions: { parse: [] };
  flags?: number;
  /** Buttons, when the reply has any (see components.ts). */
  components?: DiscordActionRow[];
  /** The card's file, uploaded with the message (multipart files[0]). */
  attachments?: DiscordAttachment[];
}

const ELLIPSIS = '…';
const EMPTY = '\u200b';

/**
 * Escapes plain text for Discord markdown: every formatting character gets a backslash (Discord
 * shows `\*` as `*`), `<` so `<@id>`, `<@&id>`, `<#id>` and `<t:…>` stay literal, line-start
 * headings, lists and sub-text are defused, and @everyone/@here are broken with a zero-width space.
 */
export function escapeDiscordMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\*_~`|<>[\]]/g, '\\$&')
    .replace(/^([ \t]*)([#+-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=\s|$)/gm, '$1\\.')
    .replace(/@(?=everyone|here)/gi, `@${EMPTY}`);
}

/** Breaks @everyone/@here in text Discord shows without markdown (footers). */
export function defuseMentions(text: string): string {
  return text.replace(/@(?=everyone|here)/gi, `@${EMPTY}`);
}

/**
 * Cuts already-escaped markdown to at most `max` UTF-16 units, ending with "…" when cut. It cuts
 * only between graphemes and never between a backslash and the character it escapes, so a cut can
 * neither split an emoji nor turn an escaped `\<@1>` back into a live mention.
 */
export function fitMarkdown(markdown: string, max: number): string {
  if (markdown.length <= max) return markdown;
  if (max <= 0) return '';
  const budget = Math.max(0, max - ELLIPSIS.length);
  let out = '';
  let pendingBackslash = false;
  // A tail past the cut is enough for grapheme rules; segmenting a megabyte to keep 4 KB is waste.
  for (const { segment } of graphemes(markdown.slice(0, max + 32))) {
    if (!pendingBackslash && segment === '\\') {
      pendingBackslash = true;
      continue;
    }
    const unit = pendingBackslash ? `\\${segment}` : segment;
    pendingBackslash = false;
    if (out.length + unit.length > budget) break;
    out += unit;
  }
  return out.replace(/\s+$/u, '') + ELLIPSIS;
}

/**
 * Escaped text never gets shorter, so a field of `max` units can show at most the first `max`
 * units of the plain text: dropping the rest first keeps huge input cheap (the tail is cut anyway).
 */
function clip(text: string, max: number): string {
  return text.length > max + 32 ? text.slice(0, max + 32) : text;
}

/** Escapes the part of plain text that can show in `max` units, and cuts it to fit. */
function fitText(text: string, max: number): string {
  return fitMarkdown(escapeDiscordMarkdown(clip(text, max)), max);
}

/** "6 Aug 2024" from YYYY-MM-DD (left as is if it is not one). */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const month = months[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

function resultLine(r: ReplyResult, md: (text: string) => string): string {
  const icon = medalEmoji(r.place) ?? (r.place === null ? md(r.status ?? '–') : `${r.place}\\.`);
  const country = r.country ? ` (${md(r.country)})` : '';
  const mark = r.mark ? ` — ${md(r.mark)}` : '';
  // Record codes come from a fixed list, so they can sit in code spans unescaped.
  const badges = r.records.map((code) => ` \`${code}\``).join('');
  const detail = r.detail ? ` · ${md(r.detail)}` : '';
  return `${icon} **${md(r.athlete)}**${country}${mark}${badges}${detail}`;
}

function sourceText(s: ReplySource): string {
  return citation(s, shortDate(s.date));
}

/** The footer: "Source: headline — publisher, 6 Aug 2024" (several joined with " · "). */
function footerText(sources: readonly ReplySource[]): string {
  if (sources.length === 0) return '';
  const label = sources.length === 1 ? 'Source' : 'Sources';
  const text = sources
    .slice(0, DISCORD_MAX_FOOTER / 4)
    .map((s) => clip(sourceText(s), DISCORD_MAX_FOOTER))
    .join(' · ');
  return defuseMentions(clip(`${label}: ${text}`, DISCORD_MAX_FOOTER));
}

/** Markdown blocks of the description, most important first. */
function descriptionBlocks(reply: Reply, max: number): string[] {
  const md = (text: string) => escapeDiscordMarkdown(clip(text, max));
  // Every line takes at least two units with its newline, so more than max / 2 can never show.
  const most = Math.ceil(max / 2);
  const blocks: string[] = [];
  if (reply.summary) blocks.push(md(reply.summary));
  if (reply.results?.length)
    blocks.push(
      reply.results
        .slice(0, most)
        .map((r) => resultLine(r, md))
        .join('\n'),
    );
  if (reply.quote) {
    const quoted = md(reply.quote.text)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((l) => `> ${l}`)
      .join('\n');
    const occasion = reply.quote.occasion ? `, ${md(reply.quote.occasion)}` : '';
    blocks.push(`${quoted || '> …'}\n— **${md(reply.quote.speaker)}**${occasion}`);
  }
  if (reply.lines?.length) blocks.push(reply.lines.slice(0, most).map(md).join('\n'));
  return blocks.filter((b) => b.trim() !== '');
}

/** Joins blocks with blank lines, keeping whole lines while they fit and cutting the first that does not. */
function fitDescription(blocks: readonly string[], max: number): string {
  const whole = blocks.join('\n\n');
  if (whole.length <= max) return whole;
  let out = '';
  for (const line of whole.split('\n')) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (next.length <= max - ELLIPSIS.length - 1) {
      out = next;
      continue;
    }
    const room = max - out.length - 1;
    // Cut the line itself when a useful part fits; otherwise end with a lone ellipsis line.
    if (room > 40 || out === '')
      return out === '' ? fitMarkdown(line, max) : `${out}\n${fitMarkdown(line, room)}`;
    return `${out}\n${ELLIPSIS}`;
  }
  return out;
}

/** Renders a reply as one embed inside every Discord limit (title, description, fields, footer, total). */
export function renderDiscordEmbed(reply: Reply): DiscordEmbed {
  const title = fitText(reply.title, DISCORD_MAX_TITLE) || EMPTY;
  let left = DISCORD_MAX_EMBED_TOTAL - title.length;
  // Footers show text as is (no markdown), so they are cut but not escaped.
  const footer = truncate(
    [pageNote(reply), footerText(reply.sources)].filter((t) => t !== '').join(' · '),
    DISCORD_MAX_FOOTER,
    ELLIPSIS,
  );
  left -= footer.length;
  const room = Math.min(DISCORD_MAX_DESCRIPTION, left);
  const description = fitDescription(descriptionBlocks(reply, room), room);
  left -= description.length;

  const fields: DiscordEmbedField[] = [];
  for (const f of (reply.fields ?? []).slice(0, DISCORD_MAX_FIELDS)) {
    const name = fitText(f.label, DISCORD_MAX_FIELD_NAME) || EMPTY;
    const space = Math.min(DISCORD_MAX_FIELD_VALUE, left - name.length);
    // Fields are the least important part: drop the rest once a useful value no longer fits.
    if (space < Math.min(40, f.value.length + 1)) break;
    const value = fitText(f.value, space) || EMPTY;
    fields.push({ name, value, inline: f.value.length <= 40 });
    left -= name.length + value.length;
  }

  const embed: DiscordEmbed = { title, color: TONE_COLOURS[reply.tone] };
  if (description) embed.description = description;
  if (fields.length) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Renders a reply as a Discord message payload: one embed, no mentions, ephemeral flag when private. */
export function renderDiscordMessage(reply: Reply): DiscordMessage {
  const message: DiscordMessage = { embeds: [renderDiscordEmbed(reply)], allowed_mentions: { parse: [] } };
  if (isPrivate(reply)) message.flags = EPHEMERAL_FLAG;
  const components = renderDiscordComponents(reply);
  if (components.length) message.components = components;
  return message;
}

/** Total characters Discord counts towards an embed's 6,000 limit. */
export function embedLength(embed: DiscordEmbed): number {
  return (
    embed.title.length +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

/** Alt text longer than this is cut (Discord's limit for an attachment description). */
export const DISCORD_ATTACHMENT_DESCRIPTION_MAX = 1024;

/**
 * The message with its card: the embed shows the uploaded file (attachment://) as its image, and
 * the text embed stays as it is, for screen readers and search.
 */
export function withCardImage(message: DiscordMessage, filename: string, alt: string): DiscordMessage {
  const [first, ...rest] = message.embeds;
  if (!first) return message;
  return {
    ...message,
    embeds: [{ ...first, image: { url: `attachment://${filename}` } }, ...rest],
    attachments: [{ id: '0', filename, description: alt.slice(0, DISCORD_ATTACHMENT_DESCRIPTION_MAX) }],
  };
}
