import { bindActions } from './actions.js';
import type { Command, CommandArgs, CommandContext, OptionSpec } from './command.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { usageReply } from './parse.js';
import type { PlatformName } from './platform.js';
import type { Reply } from './reply.js';
import type { SubscriptionsPort } from './subscriptions.js';
import { type AnswerOutcome, telemetry } from './telemetry.js';
import { MAX_INPUT_LENGTH, sanitizeInput } from './text.js';

/** Reads an hour or a whole number the way people type it: "9", "09", "9:00", "9am", "21h". */
function toInteger(value: string | number, spec: OptionSpec): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const v = value.trim().toLowerCase();
  let m = /^[+-]?\d{1,9}$/.exec(v);
  if (m) return Number(v);
  if (spec.unit === 'hour') {
    m = /^(\d{1,2})(?::00)?\s*(am|pm|h)?$/.exec(v);
    if (m) {
      let h = Number(m[1]);
      if (m[2] === 'pm' && h < 12) h += 12;
      if (m[2] === 'am' && h === 12) h = 0;
      return h;
    }
  }
  return null;
}

/** What every context shares, whatever the platform: the knowledge base, clock, randomness, port. */
export interface ContextDeps {
  kb: KnowledgeBase;
  subscriptions: SubscriptionsPort | null;
  /** Clock for commands (tests inject one). */
  now?: () => Date;
  random?: () => number;
}

/** Where a command is used and what the caller may do there: the platform's part of a context. */
export interface CommandPlace {
  platform: PlatformName;
  channelId: string | null;
  userId: string | null;
  /** The server's or workspace's IANA time zone, when the platform tells. */
  timeZone: string | null;
  canManageChannel: boolean;
}

/** The one command-context builder: console, Discord and Slack differ only in the place. */
export function commandContext(deps: ContextDeps, place: CommandPlace): CommandContext {
  return {
    kb: deps.kb,
    now: deps.now ?? (() => new Date()),
    random: deps.random ?? Math.random,
    subscriptions: deps.subscriptions,
    ...place,
  };
}

/**
 * Checks arguments against the command's declaration (required, type, range, length, choices),
 * cleans user text, and runs the command. Bad input becomes a usage reply; bugs are not caught
 * here — each adapter's single error boundary handles them.
 */
export async function runCommand(command: Command, ctx: CommandContext, raw: CommandArgs): Promise<Reply> {
  const started = performance.now();
  const report = (outcome: AnswerOutcome) =>
    telemetry().answer(command.name, ctx.platform, outcome, (performance.now() - started) / 1000);
  try {
    const reply = await checkedRun(command, ctx, raw);
    report(reply.tone === 'miss' ? 'miss' : reply.tone === 'error' ? 'rejected' : 'ok');
    return reply;
  } catch (err) {
    report('failed');
    throw err;
  }
}

async function checkedRun(command: Command, ctx: CommandContext, raw: CommandArgs): Promise<Reply> {
  const args: CommandArgs = {};
  for (const spec of command.options) {
    const value = raw[spec.name];
    const text = typeof value === 'string' ? value : undefined;
    if (value === undefined || (text !== undefined && text.trim() === '')) {
      if (spec.required) return usageReply(command, `Missing ${spec.name}`);
      continue;
    }
    if (spec.type === 'integer') {
      const n = toInteger(value, spec);
      if (n === null) return usageReply(command, `${spec.name} must be a whole number`);
      if (
        (spec.minValue !== undefined && n < spec.minValue) ||
        (spec.maxValue !== undefined && n > spec.maxValue)
      ) {
        return usageReply(
          command,
          `${spec.name} must be from ${spec.minValue ?? '…'} to ${spec.maxValue ?? '…'}`,
        );
      }
      args[spec.name] = n;
      continue;
    }
    const limit = Math.min(spec.maxLength ?? MAX_INPUT_LENGTH, MAX_INPUT_LENGTH);
    const str = String(value);
    if (str.length > Math.max(limit * 5, 1000)) return usageReply(command, `${spec.name} is too long`);
    const clean = sanitizeInput(str, 10_000);
    if (clean === '') {
      if (spec.required) return usageReply(command, `Missing ${spec.name}`);
      continue;
    }
    if (clean.length > limit)
      return usageReply(command, `${spec.name} is too long (at most ${limit} characters)`);
    if (spec.choices && !spec.choices.some((c) => String(c.value) === clean)) {
      return usageReply(
        command,
        `${spec.name} must be one of ${spec.choices.map((c) => c.value).join(', ')}`,
      );
    }
    args[spec.name] = clean;
  }
  const reply = await command.run(ctx, args);
  // Buttons point only at commands this adapter serves, and carry who asked.
  // Without the served list there is nothing a button could safely point at.
  const served = ctx.commands ?? [];
  return bindActions(reply, { kb: ctx.kb, userId: ctx.userId }, (name) =>
    served.some((c) => c.name === name),
  );
}
