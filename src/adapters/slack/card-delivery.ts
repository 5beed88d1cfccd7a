import { cardKindFor } from '../../cards/index.js';
import type { Config } from '../../config.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import type { CardMaker } from '../cards.js';
import { cardSigningKey, cardUrl, type FilesUploadClient, uploadCard, withImageBlock } from './cards.js';
import {
  renderSlackBlocks,
  renderSlackMessage,
  type SlackCommandResponse,
  type SlackMessage,
} from './render.js';

/** How the Slack adapter adds cards to what it sends, chosen once from the configuration. */
export interface SlackCards {
  /** The slash-command answer, with an image block when cards go by URL. */
  present(reply: Reply): SlackCommandResponse;
  /** A channel message (scheduled posts), with an image block when cards go by URL. */
  presentBlocks(reply: Reply): SlackMessage;
  /** Uploads the card after the answer when cards go by files.uploadV2; otherwise nothing. */
  upload(client: FilesUploadClient, channel: string, reply: Reply): Promise<void>;
}

/**
 * Cards by image block (PODIUM_PUBLIC_URL set: signed, expiring GET /cards/… URLs), by upload
 * (files.uploadV2, scope files:write), or none (PODIUM_IMAGES=false).
 */
export function slackCards(
  options: { config: Config; cards?: CardMaker | null; now?: () => Date },
  log: Logger,
): SlackCards {
  const cards = options.cards ?? null;
  const { publicUrl } = options.config.images;
  const secret = options.config.slack.signingSecret ?? options.config.slack.botToken;
  const key = publicUrl && secret ? cardSigningKey(secret) : null;
  const now = () => (options.now ? options.now().getTime() : Date.now());
  const addImage = <T extends SlackMessage>(reply: Reply, message: T): T => {
    if (!cards || !key || !publicUrl || reply.ephemeral) return message;
    const kind = cardKindFor(reply);
    if (!kind) return message;
    const url = cardUrl(reply, { publicUrl, key, now: now() });
    if (!url) return message;
    const alt = `${kind === 'quote' ? 'Quote card' : kind === 'podium' ? 'Podium card' : 'Results card'}: ${(reply.card ?? reply).title}`;
    return withImageBlock(message, url, alt) as T;
  };
  return {
    present: (reply) => addImage(reply, renderSlackMessage(reply)),
    presentBlocks: (reply) => addImage(reply, renderSlackBlocks(reply)),
    async upload(client, channel, reply) {
      if (!cards || key) return;
      await uploadCard(client, cards, channel, reply, log);
    },
  };
}
