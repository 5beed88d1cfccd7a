import { readlinkSync } from 'node:fs';
import path from 'node:path';
import type { Command, CommandContext } from '../../core/command.js';
import { parseCommandLine } from '../../core/parse.js';
import { internalErrorReply, type Reply } from '../../core/reply.js';
import { type ContextDeps, commandContext, runCommand } from '../../core/run-command.js';
import type { Logger } from '../../logger.js';
import { servedCommands } from '../deps.js';

/** What the console needs to answer a line. */
export interface ConsoleDeps {
  /** Builds the context of one question (fresh clock reading each time). */
  context: () => CommandContext;
  logger: Logger;
  /** The commands to serve; the registry by default. */
  commands?: readonly Command[];
  /** Folder the REPL saves each answer's card to, or null until `/images on` (off by default). */
  cardsDir?: string | null;
}

/** The zone each TZ setting (or none: '') gave, asked once per process. */
const zones = new Map<string, string | null>();

/** The zone /etc/localtime links to (…/zoneinfo/Europe/Paris), as ICU itself finds it; null if none. */
function linkedZone(): string | null {
  try {
    const target = readlinkSync('/etc/localtime');
    return /\/zoneinfo\/(?:posix\/|right\/)?([A-Za-z][\w+-]*(?:\/[\w+-]+)*)$/.exec(target)?.[1] ?? null;
  } catch {
    return null;
  }
}

/**
 * The machine's time zone. With TZ unset, the zone /etc/localtime links to: asking Intl first loads
 * ICU's data, about as long as answering a question. With TZ set, or no such link (Windows), Intl's.
 */
export function machineTimeZone(tz: string | null): string | null {
  const key = tz ?? '';
  if (!zones.has(key)) {
    zones.set(key, (tz ? null : linkedZone()) ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? null);
  }
  return zones.get(key) ?? null;
}

/**
 * The context of a console question: the machine's own time zone, the console as the channel, and
 * the person at the terminal (config.consoleUser) allowed to change its settings.
 */
export function consoleContext(deps: ContextDeps, user: string, tz: string | null = null): CommandContext {
  return commandContext(deps, {
    platform: 'console',
    channelId: 'console',
    userId: user,
    timeZone: machineTimeZone(tz),
    canManageChannel: true,
  });
}

/** Where `/images on` saves cards when no folder is given. */
export const DEFAULT_CARDS_DIR = path.join('var', 'cards');

/** `/images on [folder]` or `/images off`: the REPL's setting for saving cards. */
export function imagesSetting(line: string): { dir: string | null } | null {
  const m = /^\/images(?:\s+(on|off)(?:\s+(.+))?)?$/i.exec(line);
  if (!m) return null;
  if ((m[1] ?? 'on').toLowerCase() === 'off') return { dir: null };
  return { dir: m[2]?.trim() || DEFAULT_CARDS_DIR };
}

/**
 * Answers one typed line. This is the console adapter's single error boundary: any bug becomes
 * the generic "something went wrong" reply (logged with its stack, never shown).
 */
export async function answerLine(line: string, deps: ConsoleDeps): Promise<Reply> {
  const served = servedCommands(deps);
  // Buttons (printed as the command to type next) point only at commands the console serves.
  const ctx: CommandContext = { ...deps.context(), commands: served };
  try {
    const parsed = parseCommandLine(line, ctx.kb, served);
    if (!parsed.ok) return parsed.reply;
    return await runCommand(
      parsed.command,
      parsed.cursor ? { ...ctx, cursor: parsed.cursor } : ctx,
      parsed.args,
    );
  } catch (err) {
    deps.logger.error({ err, line: line.slice(0, 200) }, 'command failed');
    return internalErrorReply();
  }
}
