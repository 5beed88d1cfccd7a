/**
 * What every renderer (console, Discord, Slack) shows the same way: the medal of a place, the
 * citation line, the plain result line, whether an answer is private, and cutting text without
 * splitting a grapheme. Renderers keep only their platform's escaping and layout.
 */
import type { Medal, Reply, ReplyResult, ReplySource } from './reply.js';

/** The emoji of each medal. */
export const MEDAL_EMOJI: Readonly<Record<Medal, string>> = { gold: '🥇', silver: '🥈', bronze: '🥉' };

/** Medal for a place. */
export function medalFor(place: number | null | undefined): Medal | null {
  if (place === 1) return 'gold';
  if (place === 2) return 'silver';
  if (place === 3) return 'bronze';
  return null;
}

/** The medal emoji of a place, or null below the podium (renderers write the number their way). */
export function medalEmoji(place: number | null): string | null {
  const medal = medalFor(place);
  return medal ? MEDAL_EMOJI[medal] : null;
}

/** "🥇" on the podium, "4." below it, the status ("DNF") of a non-finisher. */
export function placeLabel(place: number | null, status?: string): string {
  if (place === null) return status ?? '–';
  return medalEmoji(place) ?? `${place}.`;
}

/** "Headline — Publisher, 2024-08-06": a source as every renderer cites it (date as given, or the renderer's). */
export function citation(source: ReplySource, date: string = source.date): string {
  return `${source.title}${source.publisher ? ` — ${source.publisher}` : ''}, ${date}`;
}

/** "🥇 Cole Hocker (USA) — 3:27.65 OR PB": a result as plain text, for fallbacks and notifications. */
export function plainResultLine(result: ReplyResult): string {
  let line = `${placeLabel(result.place, result.status)} ${result.athlete}`;
  if (result.country) line += ` (${result.country})`;
  if (result.mark) line += ` — ${result.mark}`;
  if (result.records.length > 0) line += ` ${result.records.join(' ')}`;
  if (result.detail) line += ` · ${result.detail}`;
  return line;
}

/** Whether only the person who asked sees the answer: errors, help, and replies that say so. */
export function isPrivate(reply: Reply): boolean {
  return reply.ephemeral || reply.tone === 'error' || reply.tone === 'help';
}

// Created on first use: building ICU's grapheme rules costs ~10 ms that a plain answer never needs.
let graphemeSegmenter: Intl.Segmenter | null = null;
function segmenter(): Intl.Segmenter {
  graphemeSegmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return graphemeSegmenter;
}

/** The graphemes of a text (an emoji with its modifiers, a letter with its accents: one each). */
export function graphemes(text: string): Iterable<{ segment: string }> {
  return segmenter().segment(text);
}

/** The largest grapheme boundary at or before `index` (a cut there never splits an emoji or accent). */
export function graphemeBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  if (index <= 0) return 0;
  // Grapheme rules look at the left context and a character or two to the right, so a short tail
  // past the cut is enough: segmenting a megabyte of text to cut at 3,000 would be wasted work.
  const cluster = segmenter()
    .segment(text.slice(0, index + 16))
    .containing(index);
  return cluster ? cluster.index : index;
}

/**
 * Cuts text to at most `max` UTF-16 code units on a grapheme boundary (never inside an emoji or
 * a letter with its accents), ending with `ellipsis` when something was cut.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  const budget = Math.max(0, max - ellipsis.length);
  let out = '';
  for (const { segment } of segmenter().segment(text)) {
    if (out.length + segment.length > budget) break;
    out += segment;
  }
  return out.trimEnd() + ellipsis;
}
