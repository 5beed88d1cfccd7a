import { type RawFile, type REST, Routes } from 'discord.js';
import type { Logger } from '../../logger.js';
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

/** The message as a JSON interaction response can carry it: no attachments, no image yet. */
export function withoutCardImage(message: DiscordMessage): DiscordMessage {
  const { attachments: _uploadedByTheEdit, ...text } = message;
  const [first, ...others] = text.embeds;
  if (!first) return text;
  const { image: _addedByTheEdit, ...firstText } = first;
  return { ...text, embeds: [firstText, ...others] };
}

/** Edits the card into an answer already sent as the interaction response; a failure is logged. */
export async function editInCard(
  rest: REST,
  hook: { appId: string; token: string },
  message: DiscordMessage,
  files: RawFile[],
  log: Logger,
): Promise<void> {
  const { flags: _fixedByTheResponse, ...edit } = message;
  try {
    await rest.patch(Routes.webhookMessage(hook.appId, hook.token, '@original'), {
      body: edit,
      files,
      auth: false,
    });
  } catch (err) {
    log.warn({ err }, 'discord: could not attach the card');
  }
}
