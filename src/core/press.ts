/**
 * Answering a button press, the same for every platform: check the press rate, decode the token,
 * check who may press, then run the command line it carries through the same core as a typed
 * command. Adapters only translate the platform's event in and the answer out.
 */
import { type ActionMode, bindActions, decodeAction, lineCommand, userTag } from './actions.js';
import type { CommandContext } from './command.js';
import { parseArgs } from './parse.js';
import { isPrivate } from './presentation.js';
import type { PressLimiter } from './press-limit.js';
import { type Reply, userErrorReply } from './reply.js';
import { runCommand } from './run-command.js';

/** What a press gets: an answer shown by updating the pressed message or as a new one, or a private refusal. */
export type PressAnswer =
  | { kind: 'answer'; reply: Reply; mode: ActionMode }
  | { kind: 'refuse'; reply: Reply };

function refuse(title: string, lines: string[]): PressAnswer {
  return { kind: 'refuse', reply: userErrorReply(title, lines) };
}

/**
 * Answers a press of the button whose token is `token`, by the person in `ctx` (their user id,
 * channel, the commands served). Never throws for bad input: a foreign, stale or other person's
 * button gets a clear private message. A press on someone else's public answer is answered privately
 * as a new message, so nobody pages a message another person asked for.
 */
export async function answerPress(
  token: unknown,
  ctx: CommandContext,
  limiter: PressLimiter,
): Promise<PressAnswer> {
  const allowance = limiter.take(ctx.userId ?? 'anonymous');
  if (!allowance.ok) {
    const seconds = Math.max(1, Math.ceil(allowance.retryAfterMs / 1000));
    return refuse('Easy on the buttons', [
      `That is a lot of presses in a short time: try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
    ]);
  }
  const decoded = decodeAction(token, ctx.kb);
  if (!decoded.ok) {
    if (decoded.reason === 'malformed')
      return refuse('I can’t answer that button', ['It is not one of mine. Try /help for what I can do.']);
    return refuse('This answer is out of date', [
      'My records have changed since it was made, so its buttons no longer match them.',
      decoded.line ? `Ask again: ${decoded.line}` : 'Ask the question again to get fresh buttons.',
    ]);
  }
  const press = decoded.press;
  const asker = press.user === userTag(ctx.userId);
  if (press.ephemeral && !asker)
    return refuse('These buttons are not yours', ['Only the person who asked can page this answer.']);
  const served = ctx.commands ?? [];
  const command = served.find((c) => c.name === lineCommand(press.line));
  if (!command) {
    return refuse(`I don’t serve ${lineCommand(press.line) || 'that'} here`, [
      `Try ${served.map((c) => `/${c.name}`).join(', ')}.`,
    ]);
  }
  const parsed = parseArgs(command, press.line.replace(/^\/\S+\s*/, ''), ctx.kb);
  if (!parsed.ok) return { kind: 'refuse', reply: parsed.reply };
  const cursor = press.order ? { page: press.page, order: press.order } : { page: press.page };
  const reply = await runCommand(command, { ...ctx, cursor }, parsed.args);
  if (press.mode === 'update' && !asker) {
    // Someone else's public answer stays as its asker left it: this person gets their own copy.
    const own = bindActions({ ...reply, ephemeral: true }, { kb: ctx.kb, userId: ctx.userId }, (name) =>
      served.some((c) => c.name === name),
    );
    return { kind: 'answer', reply: own, mode: 'new' };
  }
  // A message cannot turn private or public by being edited: such an answer comes as a new message.
  const mode = press.mode === 'update' && isPrivate(reply) !== press.ephemeral ? 'new' : press.mode;
  return { kind: 'answer', reply, mode };
}
