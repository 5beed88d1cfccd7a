import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { PACKAGE_ROOT } from '../config.js';

/**
 * The fonts Podium ships (assets/fonts, Noto under the SIL OFL 1.1) and the code points they cover.
 * Cards never use the machine's fonts: Skia would fall back to them for a glyph none of ours has,
 * which makes a card look different on every host, so such characters are replaced before drawing.
 */

interface FontFile {
  file: string;
  family: string;
  weight: number;
  ranges: string;
}

/** The font stack every card draws with; the order decides which font wins for shared glyphs. */
export const FONT_STACK = "'Podium Sans', 'Podium Arabic', 'Podium Hebrew', 'Podium CJK', 'Podium Emoji'";

/** Drawn instead of a character none of the shipped fonts can show. */
export const MISSING_GLYPH = '\u25A1';

const FONT_DIR = path.join(PACKAGE_ROOT, 'assets', 'fonts');

let covered: Uint8Array | null = null;
/** A font slice, its code-point ranges, whether it was handed to Skia, and whether Skia took it. */
interface Slice {
  file: string;
  family: string;
  ranges: Array<[number, number]>;
  registered: boolean;
  usable: boolean;
}
let slices: Slice[] = [];
/** Code points every slice covering them has been registered for. */
const ready = new Set<number>();

function parseRanges(ranges: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const part of ranges.split(',')) {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m?.[1]) continue;
    const from = Number.parseInt(m[1], 16);
    out.push([from, m[2] ? Number.parseInt(m[2], 16) : from]);
  }
  return out;
}

const covers = (ranges: Array<[number, number]>, cp: number) => ranges.some(([a, b]) => cp >= a && cp <= b);

function register(slice: Slice): void {
  slice.registered = true;
  slice.usable = GlobalFonts.registerFromPath(path.join(FONT_DIR, slice.file), slice.family) !== null;
}

/**
 * Reads the shipped fonts' manifest once (about 130 small woff2 slices) and registers the slices
 * that draw Latin text; the others (CJK, emoji, Arabic …) are registered the first time a card's
 * text needs one (see drawable), so a process drawing only Latin names never holds them. Later
 * calls are free.
 */
export function loadFonts(): void {
  if (covered) return;
  const manifest = JSON.parse(readFileSync(path.join(FONT_DIR, 'fonts.json'), 'utf8')) as FontFile[];
  const map = new Uint8Array(0x110000);
  slices = manifest.map((f) => ({
    file: f.file,
    family: f.family,
    ranges: parseRanges(f.ranges),
    registered: false,
    usable: false,
  }));
  for (const slice of slices) {
    for (const [from, to] of slice.ranges) map.fill(1, from, Math.min(to, map.length - 1) + 1);
    // Registering under the family name merges the slices into one family, by weight.
    if (covers(slice.ranges, 0x41)) register(slice);
  }
  covered = map;
}

/** Registers every slice that covers this code point; false when none of them could be. */
function ensureGlyph(cp: number): boolean {
  if (ready.has(cp)) return true;
  let usable = false;
  for (const slice of slices) {
    if (!covers(slice.ranges, cp)) continue;
    if (!slice.registered) register(slice);
    usable ||= slice.usable;
  }
  if (usable) ready.add(cp);
  else (covered as Uint8Array)[cp] = 0; // a missing font file: drawn as MISSING_GLYPH, never a system font
  return usable;
}

// Marks that shape the text they sit in, with no glyph of their own: keep them.
const SHAPING = new Set([0x200c, 0x200d, 0xfe0e, 0xfe0f, 0x20e3]);
// Bidi overrides and isolates would let one name reorder the whole line it is drawn in.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu;

/**
 * Text as a card can draw it: one line, no control or bidi-override characters, and every
 * character the shipped fonts cannot show replaced by MISSING_GLYPH (never a system font).
 */
export function drawable(text: string): string {
  loadFonts();
  const map = covered as Uint8Array;
  let out = '';
  for (const ch of text.replace(BIDI_CONTROLS, '')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d) out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (cp === 0x20 || SHAPING.has(cp)) out += ch;
    else if (map[cp] && ensureGlyph(cp)) out += ch;
    else if (/\p{M}/u.test(ch)) continue;
    else out += MISSING_GLYPH;
  }
  return out.replace(/\s+/g, ' ').trim();
}
