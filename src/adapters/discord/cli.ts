/** `podium discord …`: print the slash-command registration body, or deploy it. */
import { parseArgs } from 'node:util';
import { commands } from '../../../commands/index.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import { deployCommands, registrationBody } from './commands.js';

/** What `podium discord` needs from the CLI. */
export interface DiscordCliDeps {
  config: Config;
  logger: Logger;
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
}

const DISCORD_USAGE = 'podium discord commands | podium discord deploy [--guild ID]';

/** The JSON `podium discord commands` prints: the bulk-overwrite body, pretty-printed. */
export function discordCommandsJson(): string {
  return `${JSON.stringify(registrationBody(commands), null, 2)}\n`;
}

/** Runs `podium discord <verb>`; resolves to the exit code. */
export async function runDiscordCli(argv: string[], deps: DiscordCliDeps): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'commands') {
    parseArgs({ args: rest, options: {}, allowPositionals: false });
    deps.io.stdout(discordCommandsJson());
    return 0;
  }
  if (verb === 'deploy') {
    const { values } = parseArgs({
      args: rest,
      options: { guild: { type: 'string', short: 'g' } },
      allowPositionals: false,
    });
    const result = await deployCommands(deps.config, { guildId: values.guild ?? null, commands });
    const names = result.commands.map((c) => `/${c.name}`).join(', ');
    deps.logger.info(
      { scope: result.scope, guildId: result.guildId, count: result.commands.length },
      'commands deployed',
    );
    deps.io.stdout(
      result.scope === 'guild'
        ? `Registered ${result.commands.length} commands in server ${result.guildId}: ${names}. They are usable now.\n`
        : `Registered ${result.commands.length} global commands: ${names}. New global commands can take a few minutes to appear.\n`,
    );
    return 0;
  }
  throw new UsageError(`discord needs a verb: ${DISCORD_USAGE}`);
}
