import type { RawFile } from 'discord.js';
import { type Answer, CARD_FILENAME, cardAltText } from '../cards.js';
import { type DiscordMessage, renderDiscordMessage, withCardImage } from './render.js';

/**
 * The message of an answer and, with a card, the file @discordjs/rest uploads as multipart
 * (`payload_json` + `files[0]`); the embed's image points at it with attachment://card.png.
 */
export function withCardFile(answer: Answer): { message: DiscordMessage; files: RawFile[] } {
  const plain = renderDiscordMessage(answer.reply);
  if (!answer.card) return { message: plain, files: [] };
  return {
    message: withCardImage(plain, CARD_FILENAME, cardAltText(answer.reply, answer.card)),
    files: [{ name: CARD_FILENAME, data: answer.card.png, contentType: 'image/png' }],
  };
}
