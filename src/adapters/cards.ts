import type { Card } from '../cards/index.js';
import type { Reply } from '../core/reply.js';
import type { Logger } from '../logger.js';

/** Draws the card of a reply for an adapter; null when the reply has none or cards are off. */
export type CardMaker = (reply: Reply) => Promise<Card | null>;

/** File name every adapter uploads the card as (Discord's embed points at attachment://card.png). */
export const CARD_FILENAME = 'card.png';

/**
 * The card maker adapters use: a picture that fails to draw is logged and left out, never a
 * reason to lose the text answer. Null when PODIUM_IMAGES=false.
 */
export function createCardMaker(options: { enabled: boolean; logger: Logger }): CardMaker | null {
  if (!options.enabled) return null;
  // Load the canvas and register the fonts now, at start-up: doing it on the first answer would
  // block the event loop for a few hundred milliseconds while a gateway connection waits for its
  // heartbeat. Imported, not linked: a process that never makes a card maker never loads the canvas.
  const renderer = Promise.all([import('../cards/index.js'), import('../cards/fonts.js')]).then(
    ([cards, fonts]) => {
      fonts.loadFonts();
      return cards.renderCard;
    },
  );
  renderer.catch(() => undefined); // a canvas that cannot load is reported by each render below
  return async (reply) => {
    try {
      return await (await renderer)(reply);
    } catch (err) {
      options.logger.error({ err, title: reply.title.slice(0, 120) }, 'card: render failed');
      return null;
    }
  };
}

/** Alt text for a card: what the picture shows, for screen readers (the text answer has the rest). */
export function cardAltText(reply: Reply, card: Card): string {
  const what = card.kind === 'quote' ? 'Quote card' : card.kind === 'podium' ? 'Podium card' : 'Results card';
  return `${what}: ${reply.title}`.slice(0, 1000);
}

/** A reply with its card (null when it has none). */
export interface Answer {
  reply: Reply;
  card: Card | null;
}

/** Waits for the reply and draws its card, so the whole answer fits one defer budget. */
export async function withCard(
  running: Promise<Reply>,
  cards: CardMaker | null | undefined,
): Promise<Answer> {
  const reply = await running;
  return { reply, card: cards ? await cards(reply) : null };
}
