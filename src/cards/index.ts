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

/**
 * Reply → PNG: the podium, results or quote card for this reply, or null when the reply has no
 * card (misses, errors, help). Pure: it reads only the reply and the fonts Podium ships.
 */
export async function renderCard(given: Reply, options: CardOptions = {}): Promise<Card | null> {
  const reply = pictured(given);
  const kind = options.kind ?? cardKindFor(reply);
  if (!kind) return null;
  const theme = THEMES[options.theme ?? 'dark'];
  if (kind === 'quote') return { kind, png: await renderQuoteCard(reply, theme) };
  if (kind === 'results') return { kind, png: await renderResultsCard(reply, theme, options.page ?? 1) };
  return { kind, png: await renderPodiumCard(reply, theme) };
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
