/**
 * Button presses on Discord (component interactions, type 3), shared by the gateway bot and the HTTP
 * endpoint: the press is answered by the platform-neutral core, and the answer becomes an
 * interaction callback — UPDATE_MESSAGE (7) when it replaces the pressed message (paging), a new
 * message (4) otherwise, and always a private message for a refusal.
 */
import { answerPress, type PressAnswer } from '../../core/press.js';
import type { PressLimiter } from '../../core/press-limit.js';
import { within } from '../time-limit.js';
import {
  DISCORD_DEFER_BUDGET_MS,
  type DiscordDeps,
  discordContext,
  type InteractionPlace,
} from './interaction.js';
import { type DiscordMessage, renderDiscordMessage } from './render.js';

/** Interaction type of a message component (button press). */
export const MESSAGE_COMPONENT = 3;
/** Callback types a press is answered with. */
export const CHANNEL_MESSAGE_CALLBACK = 4;
/** Acknowledge a press now and edit the message (or follow up) later. */
export const DEFERRED_UPDATE_MESSAGE = 6;
/** Replace the message the button is on. */
export const UPDATE_MESSAGE = 7;

/** An interaction callback answering a press. */
export type PressCallback =
  | { type: typeof CHANNEL_MESSAGE_CALLBACK; data: DiscordMessage }
  | { type: typeof UPDATE_MESSAGE; data: Omit<DiscordMessage, 'flags'> };

/**
 * The callback for an answered press. An update keeps the message's visibility (flags cannot change
 * by editing) and always sends `components`, so a last page drops the button it no longer has.
 */
export function pressCallback(answer: PressAnswer): PressCallback {
  const message = renderDiscordMessage(answer.reply);
  if (answer.kind === 'answer' && answer.mode === 'update') {
    const { flags: _visibilityIsFixed, ...edit } = message;
    return { type: UPDATE_MESSAGE, data: { ...edit, components: message.components ?? [] } };
  }
  return { type: CHANNEL_MESSAGE_CALLBACK, data: message };
}

/** The ways a transport answers a press (discord.js calls, or the HTTP response and webhooks). */
export interface PressResponder {
  /** Answers now, with the callback (an update of the pressed message, or a new message). */
  respond(callback: PressCallback): Promise<unknown>;
  /** Acknowledges now (DEFERRED_UPDATE_MESSAGE); the answer follows. */
  deferUpdate(): Promise<unknown>;
  /** After deferUpdate: edits the pressed message. */
  editOriginal(message: Omit<DiscordMessage, 'flags'>): Promise<unknown>;
  /** After deferUpdate: a new message. */
  followUp(message: DiscordMessage): Promise<unknown>;
}

/** One button press as either transport received it. */
export interface PressCall {
  customId: unknown;
  place: InteractionPlace;
}

/**
 * Answers one press, whatever the transport: the core answers it as the command its button carries
 * (in the presser's context, against the commands served); within the budget the answer is the
 * callback itself, past it the press is acknowledged and the answer edits the message or follows up.
 */
export async function answerDiscordPress(
  deps: DiscordDeps,
  limiter: PressLimiter,
  call: PressCall,
  responder: PressResponder,
): Promise<void> {
  const running = answerPress(call.customId, discordContext(deps, call.place), limiter);
  const quick = await within(running, deps.deferBudgetMs ?? DISCORD_DEFER_BUDGET_MS);
  if (quick.done) {
    await responder.respond(pressCallback(quick.value));
    return;
  }
  await responder.deferUpdate();
  const callback = pressCallback(await running);
  if (callback.type === UPDATE_MESSAGE) await responder.editOriginal(callback.data);
  else await responder.followUp(callback.data);
}
