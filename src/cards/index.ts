import { createHash } from 'node:crypto';
import type { Reply } from '../core/reply.js';
import { THEMES, type Theme } from './draw.js';
import { type CardKind, cardKindFor } from './model.js';
import { renderPodiumCard } from './podium-card.js';
import { renderQuoteCard } from './quote-card.js';
import { renderResultsCard, resultsPageCount } from './results-card.js';

export type { CardKind } from './model.js';
export { cardKindFor } from './model.js';
export { resultsPageCount } from './results-card.js';

/** How to draw a card. */
export interface CardOptions {
  /** Colour variant; dark by default (it reads on light and dark clients alike). */
  theme?: Theme['name'];
  /** Results card page, from 1. */
  page?: number;
  /** Draw this card instead of the one cardKindFor picks. */
  kind?: CardKind;
}

/** The reply a card draws: the one that illustrates this reply, if any (one level deep). */
function pictured(reply: Reply): Reply {
  return reply.card && typeof reply.card === 'object' ? reply.card : reply;
}

/** A rendered card. */
export interface Card {
  kind: CardKind;
  png: Buffer;
}

// Fans ask the same questions (the day's final, a famous quote) over and over; a card is a pure
// function of its reply, so the last few are kept by fingerprint and a repeat costs a hash.
const CACHE_SIZE = 16;
const cache = new Map<string, Card>();

function fingerprint(reply: Reply, kind: CardKind, options: CardOptions): string | null {
  try {
    const key = JSON.stringify([kind, options.theme ?? 'dark', options.page ?? 1, reply]);
    return createHash('sha1').update(key).digest('base64');
  } catch {
    return null; // a reply JSON cannot hold (a cycle, a bigint) is drawn, not cached
  }
}

async function draw(reply: Reply, kind: CardKind, options: CardOptions): Promise<Buffer> {
  const theme = THEMES[options.theme ?? 'dark'];
  if (kind === 'quote') return renderQuoteCard(reply, theme);
  if (kind === 'results') return renderResultsCard(reply, theme, options.page ?? 1);
  return renderPodiumCard(reply, theme);
}

/** Forgets the cached cards (benchmarks use it to time a cold render). */
export function clearCardCache(): void {
  cache.clear();
}

/**
 * Reply → PNG: the podium, results or quote card for this reply, or null when the reply has no
 * card (misses, errors, help). Pure: it reads only the reply and the fonts Podium ships; the
 * last few cards are cached by reply, so callers must not modify the returned buffer.
 */
export async function renderCard(given: Reply, options: CardOptions = {}): Promise<Card | null> {
  const reply = pictured(given);
  const kind = options.kind ?? cardKindFor(reply);
  if (!kind) return null;
  const key = fingerprint(reply, kind, options);
  const hit = key ? cache.get(key) : undefined;
  if (key && hit) {
    cache.delete(key); // re-insert: Map order is the LRU order
    cache.set(key, hit);
    return hit;
  }
  const card: Card = { kind, png: await draw(reply, kind, options) };
  if (!key) return card;
  cache.set(key, card);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return card;
}

/** Every page of a reply's card (one for podium and quote cards, one per page of a long field). */
export async function renderCardPages(given: Reply, options: CardOptions = {}): Promise<Card[]> {
  const reply = pictured(given);
  const kind = options.kind ?? cardKindFor(reply);
  if (!kind) return [];
  const pages = kind === 'results' ? resultsPageCount(reply) : 1;
  const out: Card[] = [];
  for (let page = 1; page <= pages; page++) {
    const card = await renderCard(reply, { ...options, kind, page });
    if (card) out.push(card);
  }
  return out;
}
