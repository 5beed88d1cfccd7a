/**
 * Slash-command definitions generated from the command registry, and the deploy step that sends
 * them (a bulk overwrite: guild commands for development, global ones otherwise).
 */
import { REST, Routes } from 'discord.js';
import { commands as registry } from '../../../commands/index.js';
import { type Config, ConfigError } from '../../config.js';
import type { Command, OptionSpec } from '../../core/command.js';
import { UsageError } from '../../core/errors.js';
import { truncate } from '../../core/presentation.js';

/** Discord's option types Podium uses. */
export const OPTION_TYPE = { string: 3, integer: 4 } as const;
/** CHAT_INPUT: a slash command. */
export const CHAT_INPUT = 1;
/** The Manage Channels permission bit: required by default for commands that change a channel's settings. */
export const MANAGE_CHANNELS = 16;
/** Interaction contexts: a server, and a DM with the bot. */
export const CONTEXT = { guild: 0, botDm: 1 } as const;
/** Installed to a server (not to a user's account). */
export const GUILD_INSTALL = 0;
/** Longest command and option description. */
export const MAX_DESCRIPTION = 100;
/** Longest value a string option accepts. */
export const MAX_STRING_LENGTH = 6000;

/** One option of a slash command, as the registration body carries it. */
export interface DiscordOptionBody {
  type: 3 | 4;
  name: string;
  description: string;
  required: boolean;
  autocomplete?: true;
  choices?: Array<{ name: string; value: string | number }>;
  min_value?: number;
  max_value?: number;
  max_length?: number;
}

/** One slash command of the bulk registration body. */
export interface DiscordCommandBody {
  type: 1;
  name: string;
  description: string;
  options: DiscordOptionBody[];
  contexts: number[];
  integration_types: number[];
  default_member_permissions?: number;
}

function optionBody(o: OptionSpec): DiscordOptionBody {
  const body: DiscordOptionBody = {
    type: OPTION_TYPE[o.type],
    name: o.name,
    description: truncate(o.description, MAX_DESCRIPTION),
    required: o.required,
  };
  // Discord rejects an option with both fixed choices and autocomplete; fixed choices win.
  if (o.choices?.length) {
    body.choices = o.choices.slice(0, 25).map((c) => ({
      name: truncate(c.name, 100),
      value: o.type === 'integer' ? Number(c.value) : String(c.value),
    }));
  } else if (o.autocomplete) {
    body.autocomplete = true;
  }
  if (o.type === 'integer') {
    if (o.minValue !== undefined) body.min_value = o.minValue;
    if (o.maxValue !== undefined) body.max_value = o.maxValue;
  } else if (o.maxLength !== undefined) {
    body.max_length = Math.min(Math.max(1, o.maxLength), MAX_STRING_LENGTH);
  }
  return body;
}

/**
 * The body of `PUT /applications/{app}/commands`: every registry command as a slash command.
 * Required options come first (Discord's rule); commands that change channel settings need
 * Manage Channels by default and are offered in servers only.
 */
export function registrationBody(commands: readonly Command[]): DiscordCommandBody[] {
  return commands.map((c) => {
    const options = [...c.options.filter((o) => o.required), ...c.options.filter((o) => !o.required)];
    const body: DiscordCommandBody = {
      type: CHAT_INPUT,
      name: c.name,
      description: truncate(c.description, MAX_DESCRIPTION),
      options: options.map(optionBody),
      contexts: c.managesChannel ? [CONTEXT.guild] : [CONTEXT.guild, CONTEXT.botDm],
      integration_types: [GUILD_INSTALL],
    };
    if (c.managesChannel) body.default_member_permissions = MANAGE_CHANNELS;
    return body;
  });
}

/** What `deployCommands` registered. */
export interface DeployResult {
  scope: 'global' | 'guild';
  guildId: string | null;
  commands: Array<{ id: string; name: string }>;
}

/**
 * Sends the registration body (bulk overwrite) to Discord at `config.discord.apiUrl`: to one guild
 * when `guildId` is given (instant, for development), globally otherwise. Commands default to the registry.
 */
export async function deployCommands(
  config: Config,
  options: { guildId?: string | null; commands?: readonly Command[] } = {},
): Promise<DeployResult> {
  const commands = options.commands ?? registry;
  const { token, applicationId, apiUrl } = config.discord;
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'must be set to deploy commands (the bot token)');
  if (!applicationId) throw new ConfigError('DISCORD_APPLICATION_ID', 'must be set to deploy commands');
  const guildId = options.guildId ?? null;
  if (guildId !== null && !/^\d{5,25}$/.test(guildId)) {
    throw new UsageError(
      '--guild must be a server id (a number; Developer Mode → right-click the server → Copy ID)',
    );
  }
  const rest = new REST({ api: apiUrl }).setToken(token);
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: registrationBody(commands) })) as Array<{
    id: string;
    name: string;
  }>;
  return {
    scope: guildId ? 'guild' : 'global',
    guildId,
    commands: registered.map((c) => ({ id: c.id, name: c.name })),
  };
}
