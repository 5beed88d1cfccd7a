/**
 * Button presses on Slack (`block_actions` from a Podium button, over HTTP or Socket Mode):
 * acknowledged at once (Slack wants an ack within 3 s), answered by the platform-neutral core,
 * and delivered through the press's `response_url` — replacing the message for paging, as a new
 * message otherwise, and privately for a refusal.
 */
import type { CommandContext } from '../../core/command.js';
import { answerPress, type PressAnswer } from '../../core/press.js';
import { PressLimiter } from '../../core/press-limit.js';
import { internalErrorReply } from '../../core/reply.js';
import { commandContext } from '../../core/run-command.js';
import type { Logger } from '../../logger.js';
import { type AdapterDeps, servedCommands } from '../deps.js';
import { renderSlackBlocks, renderSlackMessage } from './render.js';

/** The parts of Bolt's action listener arguments a press uses. */
export interface SlackPressEvent {
  ack: () => Promise<void>;
  respond: (message: object) => Promise<unknown>;
  action: { action_id?: string; value?: unknown; type?: string };
  body: {
    user?: { id?: string };
    channel?: { id?: string };
    team?: { id?: string } | null;
  };
}

/** What is POSTed to the response_url for an answer. */
export function pressResponse(answer: PressAnswer): Record<string, unknown> {
  if (answer.kind === 'answer' && answer.mode === 'update') {
    // The message keeps its visibility; only its content (and buttons) change.
    return { replace_original: true, ...renderSlackBlocks(answer.reply) };
  }
  return { replace_original: false, ...renderSlackMessage(answer.reply) };
}

/** Builds the press listener: one error boundary per press. */
export function slackPressHandler(options: AdapterDeps, log: Logger) {
  const limiter = options.pressLimiter ?? new PressLimiter();
  return async function onPress(event: SlackPressEvent): Promise<void> {
    const started = performance.now();
    // Acknowledge first: the answer goes through response_url, so the ack needs nothing else.
    await event.ack();
    const user = event.body.user?.id ?? null;
    const meta = { user, channel: event.body.channel?.id, action: event.action.action_id };
    try {
      const ctx: CommandContext = {
        ...commandContext(options, {
          platform: 'slack',
          channelId: event.body.channel?.id ?? null,
          userId: user,
          timeZone: null,
          canManageChannel: false,
        }),
        commands: servedCommands(options),
      };
      const answer = await answerPress(event.action.value, ctx, limiter);
      await event.respond(pressResponse(answer));
      log.debug(
        { ...meta, kind: answer.kind, ms: Math.round(performance.now() - started) },
        'slack: press answered',
      );
    } catch (err) {
      log.error({ err, ...meta }, 'slack: press failed');
      try {
        await event.respond({ replace_original: false, ...renderSlackMessage(internalErrorReply()) });
      } catch (err2) {
        log.error({ err: err2, ...meta }, 'slack: could not deliver the error reply');
      }
    }
  };
}
