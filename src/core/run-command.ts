import type { Command, CommandArgs, CommandContext, OptionSpec } from './command.js';
import { usageReply } from './parse.js';
import type { Reply } from './reply.js';
import { MAX_INPUT_LENGTH, sanitizeInput } from './text.js';

/** Reads an hour or a whole number the way people type it: "9", "09", "9:00", "9am", "21h". */
function toInteger(value: string | number, spec: OptionSpec): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const v = value.trim().toLowerCase();
  let m = /^[+-]?\d{1,9}$/.exec(v);
  if (m) return Number(v);
  if (spec.name === 'hour') {
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

/**
 * Checks arguments against the command's declaration (required, type, range, length, choices),
 * cleans user text, and runs the command. Bad input becomes a usage reply; bugs are not caught
 * here — each adapter's single error boundary handles them.
 */
export async function runCommand(command: Command, ctx: CommandContext, raw: CommandArgs): Promise<Reply> {
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
  return command.run(ctx, args);
}
