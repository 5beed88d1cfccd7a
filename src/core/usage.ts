import type { Command } from './command.js';

/** "/quote [athlete] [keyword]" — the usage line of a command, from its declaration. */
export function usageLine(command: Command): string {
  const opts = command.options.map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`));
  return [`/${command.name}`, ...opts].join(' ');
}
