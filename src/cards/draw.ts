import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { drawable, FONT_STACK, loadFonts } from './fonts.js';
import type { CardHeading } from './model.js';
import { encodePng } from './png.js';

/** Logical card width in CSS pixels; Discord and Slack show images about this wide. */
export const CARD_WIDTH = 1000;
/** Pixel density: cards are drawn at 1.6× (1600 px wide): sharp at Discord's and Slack's 800–1000 px display widths, and 36% fewer pixels to draw and encode than 2×. */
export const CARD_SCALE = 1.6;
/** Inner margin of every card. */
export const PAD = 44;

/** Colours of one card variant. */
export interface Theme {
  name: 'dark' | 'light';
  background: string;
  panel: string;
  text: string;
  muted: string;
  rule: string;
  accent: string;
  gold: string;
  silver: string;
  bronze: string;
  /** Text drawn on a medal-coloured step. */
  onMedal: string;
}

/** Card colour variants. Both are opaque, so either reads on a light or a dark client. */
export const THEMES: Record<Theme['name'], Theme> = {
  dark: {
    name: 'dark',
    background: '#111827',
    panel: '#1f2937',
    text: '#f9fafb',
    muted: '#9ca3af',
    rule: '#374151',
    accent: '#f59e0b',
    gold: '#e8b923',
    silver: '#b8c0cc',
    bronze: '#c8814a',
    onMedal: '#111827',
  },
  light: {
    name: 'light',
    background: '#ffffff',
    panel: '#f3f4f6',
    text: '#111827',
    muted: '#4b5563',
    rule: '#e5e7eb',
    accent: '#b45309',
    gold: '#d4a017',
    silver: '#a7b0bd',
    bronze: '#b8733f',
    onMedal: '#111827',
  },
};

/** Colour of a record badge: world and Olympic records stand out, personal bests stay quiet. */
export function badgeColour(code: string): string {
  const c = code.replace(/^=/, '').toUpperCase();
  if (c === 'WR') return '#dc2626';
  if (c === 'OR') return '#b45309';
  if (c === 'AR' || c === 'CR' || c === 'MR') return '#2563eb';
  if (c === 'NR') return '#059669';
  if (c === 'WL') return '#7c3aed';
  return '#6b7280';
}

/** Font shorthand from our stack. */
export function font(size: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${size}px ${FONT_STACK}`;
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;
const STRONG = /[\p{L}]/u;

/** Base direction of a text, as HTML's dir=auto decides it: from its first strong letter. */
export function directionOf(text: string): 'ltr' | 'rtl' {
  for (const ch of text) if (STRONG.test(ch)) return RTL.test(ch) ? 'rtl' : 'ltr';
  return 'ltr';
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The text cut at a grapheme boundary with an ellipsis so it fits `width` in the current font. */
export function ellipsize(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const g = graphemes(text);
  let lo = 0;
  let hi = g.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${g.slice(0, mid).join('').trimEnd()}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${g.slice(0, lo).join('').trimEnd()}…`;
}

/** Words wrapped to `width`, at most `maxLines` (the last one cut with an ellipsis). */
export function wrap(ctx: SKRSContext2D, text: string, width: number, maxLines: number): string[] {
  // Tokens carry whether a space goes before them: a word wider than the line (or CJK, which has
  // no spaces) breaks between graphemes, which are glued back together without one.
  const tokens = text
    .split(' ')
    .filter((w) => w !== '')
    .flatMap((w) =>
      ctx.measureText(w).width > width || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w)
        ? graphemes(w).map((g, i) => ({ t: g, space: i === 0 }))
        : [{ t: w, space: true }],
    );
  const lines: string[] = [];
  let line = '';
  let rest = 0;
  for (const [i, tok] of tokens.entries()) {
    const next = line === '' ? tok.t : `${line}${tok.space ? ' ' : ''}${tok.t}`;
    if (line !== '' && ctx.measureText(next).width > width) {
      lines.push(line);
      line = tok.t;
      if (lines.length === maxLines) {
        rest = i;
        break;
      }
    } else line = next;
  }
  if (lines.length < maxLines) {
    if (line !== '') lines.push(line);
    return lines;
  }
  if (rest > 0) {
    const last = lines.pop() ?? '';
    const cut = ellipsize(ctx, `${last} ${tokens[rest]?.t ?? ''}`, width);
    lines.push(cut.endsWith('…') ? cut : `${last}…`);
  }
  return lines;
}

/** Draws one line of text with its own base direction, aligned within [x, x + width]. */
export function text(
  ctx: SKRSContext2D,
  value: string,
  x: number,
  y: number,
  width: number,
  align: 'left' | 'center' | 'right' = 'left',
): void {
  const shown = ellipsize(ctx, value, width);
  ctx.direction = directionOf(shown);
  ctx.textAlign = align;
  const at = align === 'left' ? x : align === 'center' ? x + width / 2 : x + width;
  ctx.fillText(shown, at, y);
  ctx.direction = 'ltr';
  ctx.textAlign = 'left';
}

/** Draws record badges from x along baseline y; returns the x after the last one. */
export function badges(ctx: SKRSContext2D, codes: string[], x: number, y: number, maxX: number): number {
  ctx.font = font(13, true);
  let at = x;
  for (const code of codes) {
    const label = drawable(code);
    const w = ctx.measureText(label).width + 14;
    if (at + w > maxX) break;
    ctx.fillStyle = badgeColour(label);
    ctx.beginPath();
    ctx.roundRect(at, y - 15, w, 21, 5);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, at + 7, y);
    at += w + 6;
  }
  return at;
}

/** A card being drawn: the surface it is drawn on and its size in device pixels. */
export interface CardSurface {
  canvas: Canvas;
  width: number;
  height: number;
}

// Every card is drawn on one canvas, grown to the tallest card so far and cleared for each card:
// a fresh 5 MB surface per card cost ~13 ms of page faults here as the bin runs (glibc maps it
// anew), and a canvas per height would keep one surface for every card height. Sharing is safe
// because a card is drawn and its pixels copied out synchronously (startCard → toPng's
// getImageData, no await between).
let shared: Canvas | null = null;
/** Cards come in bursts: the canvas (5–8 MB) is let go after this long without one. */
const IDLE_MS = 1000;
let idle: NodeJS.Timeout | null = null;

function release(): void {
  shared = null;
  idle = null;
}

/** The shared canvas at CARD_SCALE, cleared, with the card background painted; the context draws in logical pixels. */
export function startCard(height: number, theme: Theme): { canvas: CardSurface; ctx: SKRSContext2D } {
  loadFonts();
  const width = CARD_WIDTH * CARD_SCALE;
  const pixelHeight = Math.round(Math.ceil(height) * CARD_SCALE);
  if (!shared || shared.height < pixelHeight) shared = createCanvas(width, pixelHeight);
  if (idle) idle.refresh();
  else idle = setTimeout(release, IDLE_MS).unref();
  const ctx = shared.getContext('2d');
  ctx.reset(); // transparent pixels and default state, as a new canvas has
  ctx.scale(CARD_SCALE, CARD_SCALE);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, CARD_WIDTH, height);
  ctx.fillStyle = theme.accent;
  ctx.fillRect(0, 0, CARD_WIDTH, 6);
  return { canvas: { canvas: shared, width, height: pixelHeight }, ctx };
}

/** A scratch context for measuring before the card's height is known. */
export function measuringContext(): SKRSContext2D {
  loadFonts();
  return createCanvas(8, 8).getContext('2d');
}

/** Height the heading takes for these lines of title and subtitle. */
export function headingHeight(titleLines: number, subtitleLines: number): number {
  return 34 + 18 + titleLines * 40 + subtitleLines * 26 + 18;
}

/** Wraps the heading's title (bold, 2 lines) and subtitle (2 lines) for the card's width. */
export function layoutHeading(
  ctx: SKRSContext2D,
  heading: CardHeading,
  label: string,
): { label: string; title: string[]; subtitle: string[] } {
  ctx.font = font(32, true);
  const title = wrap(ctx, drawable(heading.title), CARD_WIDTH - 2 * PAD, 2);
  ctx.font = font(19);
  const subtitle = heading.subtitle ? wrap(ctx, drawable(heading.subtitle), CARD_WIDTH - 2 * PAD, 2) : [];
  return { label, title, subtitle };
}

/** Draws the heading laid out by layoutHeading; returns the y below it. */
export function drawHeading(
  ctx: SKRSContext2D,
  theme: Theme,
  h: { label: string; title: string[]; subtitle: string[] },
): number {
  const inner = CARD_WIDTH - 2 * PAD;
  let y = 34 + 14;
  ctx.font = font(14, true);
  ctx.fillStyle = theme.accent;
  ctx.fillText(h.label.toUpperCase(), PAD, y);
  y += 4;
  ctx.fillStyle = theme.text;
  ctx.font = font(32, true);
  for (const line of h.title) {
    y += 40;
    text(ctx, line, PAD, y, inner);
  }
  ctx.fillStyle = theme.muted;
  ctx.font = font(19);
  for (const line of h.subtitle) {
    y += 26;
    text(ctx, line, PAD, y, inner);
  }
  return y + 18;
}

/** Height of the footer. */
export const FOOTER_HEIGHT = 56;

/** Draws the source line and the Podium mark along the bottom; `extra` sits before the mark. */
export function drawFooter(
  ctx: SKRSContext2D,
  theme: Theme,
  height: number,
  heading: CardHeading,
  extra = '',
): void {
  const top = height - FOOTER_HEIGHT;
  ctx.fillStyle = theme.rule;
  ctx.fillRect(PAD, top, CARD_WIDTH - 2 * PAD, 1);
  const y = top + 33;
  ctx.font = font(15, true);
  const mark = extra ? `${extra}  ·  PODIUM` : 'PODIUM';
  const markWidth = ctx.measureText(mark).width;
  ctx.fillStyle = theme.accent;
  ctx.textAlign = 'right';
  ctx.fillText(mark, CARD_WIDTH - PAD, y);
  ctx.textAlign = 'left';
  ctx.font = font(15);
  ctx.fillStyle = theme.muted;
  const width = CARD_WIDTH - 2 * PAD - markWidth - 24;
  if (heading.source.length === 0) {
    text(ctx, 'No source cited', PAD, y, width);
    return;
  }
  // The headline gives way first, so the date and the count of other sources always show. Each
  // part is isolated (FSI … PDI) so an Arabic headline cannot pull the date into its run.
  const iso = (p: string) => `\u2068${p}\u2069`;
  const [headline = '', ...rest] = heading.source.map(drawable);
  const more = heading.moreSources ? ` (+${heading.moreSources} more)` : '';
  const tail = `${rest.map((p) => ` · ${iso(p)}`).join('')}${more}`;
  const room = width - ctx.measureText(`Source: ${tail}`).width;
  const cut = ellipsize(ctx, headline, Math.max(room, width / 3));
  text(ctx, `Source: ${iso(cut)}${tail}`, PAD, y, width);
}

/**
 * Encodes the finished card. Its pixels are copied out now, before any await (the canvas is
 * shared), and compressed on the libuv pool (src/cards/png.ts). getImageData gives exactly the
 * pixels Skia's own encoder wrote (straight RGBA) and only the card's rows of the shared canvas.
 * Skia's encode('png') (no compression level) took ~35 ms of a ~45 ms podium card. The pixel
 * copy is freed by a finalizer after the next GCs (an earlier attempt, timed in a loop that never
 * let the event loop turn, saw that as a leak); the bin's MIMALLOC_PURGE_DELAY=0 then returns it.
 */
export async function toPng(card: CardSurface): Promise<Buffer> {
  const { canvas, width, height } = card;
  const { data } = canvas.getContext('2d').getImageData(0, 0, width, height);
  return encodePng(width, height, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
