import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { servedCommands } from '../deps.js';
import { colorize, useColor } from './colors.js';
import { consoleCompleter, EXIT_WORDS } from './completer.js';
import { answerLine, type ConsoleDeps, imagesSetting } from './console.js';
import { HISTORY_SIZE, openHistory } from './history.js';
import { renderText } from './render.js';

/** How the REPL looks and remembers. */
export interface ReplOptions {
  /** Colours allowed by configuration (false under NO_COLOR); used only on a terminal. */
  color?: boolean;
  /** History file kept across runs; null or absent keeps none. */
  historyFile?: string | null;
}

const GREETING =
  'Podium — sports answers with sources. Try /podium 1500m, /quote kerr silver, /help. Tab completes; /images on saves cards; exit or Ctrl-D to leave.';

/**
 * Runs the interactive REPL until the input ends (Ctrl-D), the user types exit or quit, or presses
 * Ctrl-C on an empty line. On a terminal: tab completion, history across runs, colours.
 */
export async function runRepl(
  deps: ConsoleDeps,
  input: Readable,
  output: Writable,
  options: ReplOptions = {},
): Promise<void> {
  const terminal = (output as { isTTY?: boolean }).isTTY === true;
  const color = useColor(options.color !== false, output as { isTTY?: boolean });
  const history = openHistory(terminal ? (options.historyFile ?? null) : null);
  const kb = deps.context().kb;
  const rl = readline.createInterface({
    input,
    output,
    prompt: color ? '\u001b[1mpodium>\u001b[22m ' : 'podium> ',
    terminal,
    completer: consoleCompleter(kb, servedCommands(deps)),
    history: history.lines,
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    tabSize: 4,
  });
  // Ctrl-C clears a half-typed line, and leaves on an empty one (as in node's own REPL).
  rl.on('SIGINT', () => {
    if (rl.line.length > 0) {
      output.write('\n');
      (rl as unknown as { line: string }).line = '';
      rl.prompt();
    } else rl.close();
  });
  const closed = new Promise<void>((resolve) => rl.once('close', resolve));
  let cardsDir = deps.cardsDir ?? null;
  let saved = 0;
  output.write(`${GREETING}\n`);
  rl.prompt();
  const lines = rl[Symbol.asyncIterator]();
  while (true) {
    const next = await Promise.race([lines.next(), closed.then(() => ({ done: true, value: '' }) as const)]);
    if (next.done) break;
    const trimmed = next.value.trim();
    const word = trimmed.toLowerCase().replace(/^\//, '');
    if ((EXIT_WORDS as readonly string[]).includes(word)) break;
    if (trimmed !== '') history.add(trimmed);
    const setting = imagesSetting(trimmed);
    if (setting) {
      cardsDir = setting.dir;
      output.write(cardsDir ? `Cards will be saved in ${cardsDir}/\n\n` : 'Cards are no longer saved.\n\n');
    } else if (trimmed !== '') {
      const reply = await answerLine(trimmed, deps);
      const text = renderText(reply);
      output.write(`${color ? colorize(text) : text}\n`);
      if (cardsDir) {
        saved += 1;
        const file = path.join(cardsDir, `card-${Date.now()}-${saved}.png`);
        try {
          // Loaded on the first card: the canvas and its fonts are most of a start's cost otherwise.
          const { saveCard } = await import('./cards.js');
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
  if (terminal) output.write('\n');
}
