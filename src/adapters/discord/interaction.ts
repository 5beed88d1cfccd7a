/**
 * What the gateway bot and the HTTP interactions endpoint share: finding the command, turning an
 * interaction's options into its arguments and context, answering autocomplete, and the one deferral
 * policy (reply, edit, follow-up, or follow-up then delete). Transport code (discord.js, node:http)
 * stays in gateway.ts and http.ts.
 */

import type { RawFile } from 'discord.js';
import type { Card } from '../../cards/index.js';
import { type Command, type CommandArgs, type CommandContext, findCommand } from '../../core/command.js';
import { type Choice, complete, MAX_CHOICES } from '../../core/complete.js';
import { type Reply, userErrorReply } from '../../core/reply.js';
import { commandContext, runCommand } from '../../core/run-command.js';
import { echo } from '../../core/text.js';
import { withCard } from '../cards.js';
import { type AdapterDeps, servedCommands } from '../deps.js';
import { within } from '../time-limit.js';
import { withCardFile } from './card-file.js';
import type { DiscordMessage } from './render.js';

/** How long a command may run before the adapter defers (Discord allows 3 s for the first answer). */
export const DISCORD_DEFER_BUDGET_MS = 2000;
/** Discord's Manage Channels permission bit. */
export const MANAGE_CHANNELS_BIT = 1n << 4n;

/** What both Discord transports need. */
export interface DiscordDeps extends AdapterDeps {
  /** How long a command may run before the answer is deferred (default 2 s). */
  deferBudgetMs?: number;
}

/** One option of an interaction as Discord sends it (gateway and HTTP bodies share the shape). */
export interface RawInteractionOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: readonly RawInteractionOption[];
}

/** Where an interaction happened and who used it. */
export interface InteractionPlace {
  channelId: string | null;
  userId: string | null;
  /** The member's permissions in the channel; null outside servers. */
  permissions: bigint | null;
  inGuild: boolean;
}

/** The command of this name among those served (Discord sends lower-case names). */
export function findServedCommand(deps: DiscordDeps, name: string): Command | undefined {
  return findCommand(servedCommands(deps), name);
}

/** The reply for a command Discord knows but this bot does not serve (stale registration). */
export function unknownCommandReply(name: string): Reply {
  return userErrorReply(`I don't know /${echo(name, 32)}`, [
    'The commands registered with Discord are older than this bot: a server admin can run `npx podium discord deploy`.',
    'Try /help.',
  ]);
}

/** Command arguments from an interaction's options: only declared options, strings and integers as sent. */
export function argsFromOptions(
  command: Command,
  options: readonly RawInteractionOption[] | undefined,
): CommandArgs {
  const args: CommandArgs = {};
  for (const spec of command.options) {
    const option = options?.find((o) => o.name === spec.name);
    const value = option?.value;
    if (typeof value === 'string' || typeof value === 'number') args[spec.name] = value;
    else if (typeof value === 'boolean') args[spec.name] = String(value);
  }
  return args;
}

/**
 * The command context of one interaction. Members may manage the channel when they hold Manage
 * Channels there; in a DM with the bot the channel is the user's own, so they may.
 */
export function discordContext(deps: DiscordDeps, place: InteractionPlace): CommandContext {
  const canManageChannel =
    place.permissions !== null
      ? (place.permissions & MANAGE_CHANNELS_BIT) === MANAGE_CHANNELS_BIT
      : !place.inGuild;
  const ctx = commandContext(deps, {
    platform: 'discord',
    channelId: place.channelId,
    userId: place.userId,
    // Discord does not tell bots a server's time zone.
    timeZone: null,
    canManageChannel,
  });
  // Buttons point only at commands this bot serves.
  return { ...ctx, commands: servedCommands(deps) };
}

/** Permissions from an interaction's member (a decimal string on the wire); null when absent or bad. */
export function parsePermissions(value: unknown): bigint | null {
  if (typeof value !== 'string' || !/^\d{1,30}$/.test(value)) return null;
  return BigInt(value);
}

/** Autocomplete suggestions for the focused option: from the option's declared source, best first, at most 25. */
export function autocompleteChoices(
  deps: DiscordDeps,
  commandName: string,
  options: readonly RawInteractionOption[] | undefined,
): Choice[] {
  const command = findServedCommand(deps, commandName);
  const focused = options?.find((o) => o.focused);
  if (!command || !focused) return [];
  const spec = command.options.find((o) => o.name === focused.name);
  if (!spec?.autocomplete) return [];
  const typed = typeof focused.value === 'string' ? focused.value : String(focused.value ?? '');
  return complete(deps.kb, spec.autocomplete, typed, MAX_CHOICES).slice(0, MAX_CHOICES);
}

/** How an answer reaches Discord, given what the interaction has had so far. */
export type DeliveryStep = 'reply' | 'edit' | 'follow-up' | 'follow-up-then-delete';

/** What an interaction has had so far: a "thinking…" deferral (public or private), an answer. */
export interface InteractionState {
  deferred: boolean;
  replied: boolean;
  /** The deferral's "thinking…" is visible only to the user. */
  deferredPrivately: boolean;
}

/**
 * The deferral policy: a first answer is a reply; a deferred one is edited in, except that a
 * public "thinking…" cannot become private, so a private answer then goes as a private follow-up and
 * the placeholder is deleted; after an answer, anything more is a follow-up.
 */
export function deliveryStep(state: InteractionState, answerIsPrivate: boolean): DeliveryStep {
  if (!state.deferred && !state.replied) return 'reply';
  if (state.deferred && !state.replied) {
    return answerIsPrivate && !state.deferredPrivately ? 'follow-up-then-delete' : 'edit';
  }
  return 'follow-up';
}

/**
 * The four ways a transport sends an interaction's messages (discord.js calls, or webhooks over
 * REST). `files` holds the card when there is one: the message's embed already points at it.
 */
export interface InteractionResponder {
  state(): InteractionState;
  reply(message: DiscordMessage, files: RawFile[]): Promise<unknown>;
  /** Edits the deferred "thinking…" (its visibility was fixed at deferral, so no flags). */
  edit(message: Omit<DiscordMessage, 'flags'>, files: RawFile[]): Promise<unknown>;
  followUp(message: DiscordMessage, files: RawFile[]): Promise<unknown>;
  deleteOriginal(): Promise<unknown>;
}

/**
 * Renders a reply (with its card, if any) and sends it the way the deferral policy says,
 * whatever the transport.
 */
export async function deliverReply(
  responder: InteractionResponder,
  reply: Reply,
  card: Card | null = null,
): Promise<void> {
  const { message, files } = withCardFile({ reply, card });
  switch (deliveryStep(responder.state(), message.flags !== undefined)) {
    case 'reply':
      await responder.reply(message, files);
      return;
    case 'edit': {
      const { flags: _fixedAtDeferral, ...edit } = message;
      await responder.edit(edit, files);
      return;
    }
    case 'follow-up':
      await responder.followUp(message, files);
      return;
    case 'follow-up-then-delete':
      await responder.followUp(message, files);
      await responder.deleteOriginal();
      return;
  }
}

/** One slash command as either transport received it. */
export interface CommandCall {
  name: string;
  options: readonly RawInteractionOption[] | undefined;
  place: InteractionPlace;
}

/**
 * Answers one slash command, whatever the transport: finds it, builds its context, runs it, defers
 * (privately for settings commands) when it is declared slow or outruns the budget, and delivers
 * the answer by the deferral policy. Errors propagate to the transport's error boundary.
 */
export async function answerCommand(
  deps: DiscordDeps,
  call: CommandCall,
  responder: InteractionResponder,
  defer: (privately: boolean) => Promise<void>,
): Promise<void> {
  const command = findServedCommand(deps, call.name);
  if (!command) {
    await deliverReply(responder, unknownCommandReply(call.name));
    return;
  }
  // Settings commands answer privately, so their "thinking…" is private too.
  const privately = command.managesChannel === true;
  if (command.slow) await defer(privately);
  // The card is drawn inside the budget too: the answer is the text and its picture together.
  const running = withCard(
    runCommand(command, discordContext(deps, call.place), argsFromOptions(command, call.options)),
    deps.cards,
  );
  if (!responder.state().deferred) {
    // A command that turns out slow still gets its answer: defer before Discord's 3 s run out.
    const quick = await within(running, deps.deferBudgetMs ?? DISCORD_DEFER_BUDGET_MS);
    if (!quick.done) await defer(privately);
  }
  const answer = await running;
  await deliverReply(responder, answer.reply, answer.card);
}
