import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command, CommandContext } from '../../core/command.js';
import { parseCommandLine } from '../../core/parse.js';
import { internalErrorReply, type Reply } from '../../core/reply.js';
import { type ContextDeps, commandContext, runCommand } from '../../core/run-command.js';
import type { Logger } from '../../logger.js';
import { servedCommands } from '../deps.js';
import { saveCard } from './cards.js';
import { renderText } from './render.js';

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

/**
 * The context of a console question: the machine's own time zone, the console as the channel, and
 * the person at the terminal (config.consoleUser) allowed to change its settings.
 */
export function consoleContext(deps: ContextDeps, user: string): CommandContext {
  return commandContext(deps, {
    platform: 'console',
    channelId: 'console',
    userId: user,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
    canManageChannel: true,
  });
}

/** Where `/images on` saves cards when no folder is given. */
export const DEFAULT_CARDS_DIR = path.join('var', 'cards');

/** `/images on [folder]` or `/images off`: the REPL's setting for saving cards. */
function imagesSetting(line: string): { dir: string | null } | null {
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

/** Runs the interactive REPL until the input ends or the user types /quit. */
export async function runRepl(deps: ConsoleDeps, input: Readable, output: Writable): Promise<void> {
  const rl = readline.createInterface({
    input,
    output,
    prompt: 'podium> ',
    terminal: (output as { isTTY?: boolean }).isTTY === true,
  });
  output.write(
    'Podium — sports answers with sources. Try /podium 1500m, /quote kerr silver, /help. /images on saves cards. /quit to leave.\n',
  );
  rl.prompt();
  let cardsDir = deps.cardsDir ?? null;
  let saved = 0;
  for await (const line of rl) {
    const trimmed = line.trim();
    if (trimmed === '/quit' || trimmed === '/exit') break;
    const setting = imagesSetting(trimmed);
    if (setting) {
      cardsDir = setting.dir;
      output.write(cardsDir ? `Cards will be saved in ${cardsDir}/\n\n` : 'Cards are no longer saved.\n\n');
    } else if (trimmed !== '') {
      const reply = await answerLine(trimmed, deps);
      output.write(`${renderText(reply)}\n`);
      if (cardsDir) {
        saved += 1;
        const file = path.join(cardsDir, `card-${Date.now()}-${saved}.png`);
        try {
          const written = await saveCard(reply, file);
          if (written.length) output.write(`Card saved: ${written.join(', ')}\n`);
        } catch (err) {
          deps.logger.error({ err }, 'card not saved');
          output.write(`Card not saved: ${(err as Error).message}\n`);
        }
      }
      output.write('\n');
    }
    rl.prompt();
  }
  rl.close();
}
