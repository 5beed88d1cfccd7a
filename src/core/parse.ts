import { takeCursor } from './actions.js';
import { type Command, type CommandArgs, type CommandContext, findCommand } from './command.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { type Reply, userErrorReply } from './reply.js';
import { echo, editDistance, fold, MAX_INPUT_LENGTH, sanitizeInput } from './text.js';
import { usageLine } from './usage.js';

/** Longest typed line we read at all; beyond it the answer is "too long", not a guess. */
export const MAX_LINE_LENGTH = 1000;

/** Parsed arguments, or the reply to give instead. */
export type ParsedArgs = { ok: true; args: CommandArgs } | { ok: false; reply: Reply };
/** A parsed command line, or the reply to give instead. */
export type ParsedLine =
  | { ok: true; command: Command; args: CommandArgs; cursor?: CommandContext['cursor'] }
  | { ok: false; reply: Reply };

function tooLong(): Reply {
  return userErrorReply('That is too long for me', [
    `Keep it under ${MAX_INPUT_LENGTH} characters, e.g. /podium 1500m.`,
  ]);
}

/** Splits on white space, keeping "quoted phrases" together. */
function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out.filter((t) => t !== '');
}

/**
 * Parses the text typed after a command into its declared options. Accepts `name:value` pairs
 * (as Discord users type them) or positional words; an athlete option takes the longest run of
 * words that names someone ("josh kerr silver" → athlete "josh kerr", keyword "silver").
 */
export function parseArgs(command: Command, text: string, kb: KnowledgeBase): ParsedArgs {
  if (text.length > MAX_LINE_LENGTH) return { ok: false, reply: tooLong() };
  const clean = sanitizeInput(text, MAX_LINE_LENGTH);
  const args: CommandArgs = {};
  const names = command.options.map((o) => o.name);
  const named = new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'gi');
  if (names.length > 0 && named.test(clean)) {
    named.lastIndex = 0;
    const marks = [...clean.matchAll(named)];
    marks.forEach((m, i) => {
      const start = (m.index ?? 0) + m[0].length;
      const end = marks[i + 1]?.index ?? clean.length;
      args[(m[1] as string).toLowerCase()] = clean.slice(start, end).trim();
    });
    return { ok: true, args };
  }
  const tokens = tokenize(clean);
  command.options.forEach((opt, i) => {
    if (tokens.length === 0) return;
    const last = i === command.options.length - 1;
    if (opt.rest || last) {
      args[opt.name] = tokens.splice(0).join(' ');
    } else if (opt.autocomplete === 'athlete') {
      // Longest run of words that names someone exactly (a map lookup each); failing that, the
      // longest that resolves with typos, else the longest that is near someone ("jon kerr"
      // stays together so the answer can suggest Josh Kerr); else one word.
      const max = Math.min(4, tokens.length);
      const prefix = (n: number) => tokens.slice(0, n).join(' ');
      let take = 0;
      for (let n = max; n >= 1 && take === 0; n--) if (kb.isExactAthleteName(prefix(n))) take = n;
      let near = 0;
      for (let n = max; n >= 1 && take === 0; n--) {
        const m = kb.resolveAthlete(prefix(n));
        if (m.kind !== 'unknown') take = n;
        else if (near === 0 && m.suggestions.length > 0) near = n;
      }
      take ||= near || 1;
      args[opt.name] = tokens.splice(0, take).join(' ');
    } else {
      args[opt.name] = tokens.shift();
    }
  });
  return { ok: true, args };
}

/** Parses a whole line as a user types it ("/quote kerr silver") against the commands served. */
export function parseCommandLine(line: string, kb: KnowledgeBase, commands: readonly Command[]): ParsedLine {
  if (line.length > MAX_LINE_LENGTH) return { ok: false, reply: tooLong() };
  // A trailing "page:N [order:X]" is what a button asks for, typed (the console prints buttons so).
  const { line: clean, cursor } = takeCursor(sanitizeInput(line, MAX_LINE_LENGTH));
  const m = /^\/?(\S+)\s*([\s\S]*)$/.exec(clean);
  if (!m) {
    return {
      ok: false,
      reply: userErrorReply('Type a command', ['For example /podium 1500m — or /help for the list.']),
    };
  }
  const command = findCommand(commands, m[1] as string);
  if (!command) {
    const near = nearestCommand(commands, m[1] as string);
    return {
      ok: false,
      reply: userErrorReply(`I don't know the command “${echo(m[1] as string, 30)}”`, [
        ...(near ? [`Did you mean /${near.name}?`] : []),
        `Try ${commands.map((c) => `/${c.name}`).join(', ')} — or /help.`,
      ]),
    };
  }
  const parsed = parseArgs(command, m[2] ?? '', kb);
  if (!parsed.ok) return parsed;
  return cursor ? { ok: true, command, args: parsed.args, cursor } : { ok: true, command, args: parsed.args };
}

/**
 * The command a mistyped name was probably meant to be: a typo or two away (one for short names),
 * or the only command it begins ("/pod" → /podium), else null.
 */
export function nearestCommand(commands: readonly Command[], typed: string): Command | null {
  const t = fold(typed.replace(/^\//, '')).slice(0, 40);
  if (t === '') return null;
  let best: Command | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of commands) {
    const limit = c.name.length <= 4 ? 1 : 2;
    const d = editDistance(t, c.name, limit);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best) return best;
  const starts = commands.filter((c) => t.length >= 2 && c.name.startsWith(t));
  return starts.length === 1 ? (starts[0] as Command) : null;
}

/** The usage reply for a command that was given bad arguments. */
export function usageReply(command: Command, problem: string): Reply {
  return userErrorReply(problem, [
    `Usage: ${usageLine(command)}`,
    ...command.examples.slice(0, 2).map((e) => `e.g. ${e}`),
  ]);
}
