import { type Command, findCommand } from '../../core/command.js';
import { complete } from '../../core/complete.js';
import type { KnowledgeBase } from '../../core/knowledge-base.js';
import { fold } from '../../core/text.js';

/** Words that leave the REPL; completed like commands. */
export const EXIT_WORDS = ['exit', 'quit'] as const;

/**
 * Tab completion for the console, from the same sources as Discord's autocomplete: command names,
 * then the value of the option being typed (events, athletes, time zones). Returns what readline
 * expects: the candidates, each starting with the text being completed, and that text.
 */
export function consoleCompleter(
  kb: KnowledgeBase,
  commands: readonly Command[],
): (line: string) => [string[], string] {
  return (line) => {
    try {
      return completeLine(kb, commands, line.slice(0, 300));
    } catch {
      // Completion is a convenience: whatever it meets, the line stays as typed.
      return [[], line];
    }
  };
}

function completeLine(kb: KnowledgeBase, commands: readonly Command[], line: string): [string[], string] {
  const head = /^\s*(\/?)(\S*)$/.exec(line);
  if (head) {
    const [, slash, typed = ''] = head;
    const names = [...commands.map((c) => `/${c.name}`), ...(slash ? [] : EXIT_WORDS)];
    const word = `${slash}${typed}`.toLowerCase();
    const hits = names.filter((n) => n.startsWith(word) || n.startsWith(`/${word}`));
    // readline inserts what follows the typed text: "pod" completes to "/podium" only as "/pod".
    return [hits.map((n) => (n.startsWith(word) ? n : n.slice(1))).map((n) => `${n} `), `${slash}${typed}`];
  }
  const m = /^\s*\/?(\S+)\s+([\s\S]*)$/.exec(line);
  const command = m ? findCommand(commands, m[1] as string) : undefined;
  if (!m || !command) return [[], line];
  // Positional options before the completed one take one word each (/subscribe 9 Europe/Pa…).
  let rest = m[2] as string;
  for (const option of command.options) {
    if (option.autocomplete) return [candidates(kb, option.autocomplete, rest), rest];
    const word = /^\S+\s+/.exec(rest);
    if (!word) return [[], rest];
    rest = rest.slice(word[0].length);
  }
  return [[], rest];
}

/** Suggestions that extend what was typed: whole values, else the word of a value being typed. */
function candidates(kb: KnowledgeBase, source: 'event' | 'athlete' | 'timezone', typed: string): string[] {
  const choices = complete(kb, source, typed, 25).map((c) => c.value);
  const t = fold(typed);
  const whole = choices.filter((v) => fold(v).startsWith(t)).map((v) => typed + v.slice(typed.length));
  if (whole.length > 0 || t === '') return unique(whole.length > 0 ? whole : choices);
  // "hoc" → "hocker", "1500" → "1500m": complete the last word typed from a word of a suggestion.
  const lastWord = /(\S*)$/.exec(typed)?.[1] ?? '';
  const before = typed.slice(0, typed.length - lastWord.length);
  const lw = fold(lastWord);
  if (lw === '') return [];
  const words = choices.flatMap((v) => v.split(/\s+/)).filter((w) => fold(w).startsWith(lw));
  return unique(words.map((w) => `${before}${lastWord}${w.slice(lastWord.length)}`));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
