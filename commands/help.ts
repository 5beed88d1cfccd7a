import { type Command, findCommand } from '../src/core/command.js';
import type { Reply } from '../src/core/reply.js';
import { echo } from '../src/core/text.js';
import { usageLine } from '../src/core/usage.js';

/**
 * `/help [command]` — generated from the command declarations, so it can never drift from them.
 * Built from the registry it is given (commands/index.ts passes the full list).
 */
export function makeHelpCommand(registry: () => readonly Command[]): Command {
  const help: Command = {
    name: 'help',
    description: 'What Podium can answer, with examples',
    options: [
      {
        name: 'command',
        description: 'A command to explain, e.g. quote',
        type: 'string',
        required: false,
        maxLength: 40,
      },
    ],
    examples: ['/help', '/help quote'],
    run(_ctx, args): Reply {
      const all = registry();
      const wanted =
        typeof args.command === 'string' ? args.command.trim().replace(/^\//, '').toLowerCase() : '';
      const one = findCommand(all, wanted);
      if (one) {
        return {
          tone: 'help',
          title: usageLine(one),
          summary: one.description,
          fields: one.options.map((o) => ({
            label: o.name + (o.required ? '' : ' (optional)'),
            value: o.description,
          })),
          lines: one.examples.map((e) => `Example: ${e}`),
          sources: [],
          ephemeral: true,
        };
      }
      return {
        tone: 'help',
        title: 'Podium — sports answers with sources',
        ...(wanted ? { summary: `There is no /${echo(wanted, 40)} command. Here is what I know:` } : {}),
        lines: all.map((c) => `${usageLine(c)} — ${c.description} (e.g. ${c.examples[0] ?? usageLine(c)})`),
        sources: [],
        ephemeral: true,
      };
    },
  };
  return help;
}
