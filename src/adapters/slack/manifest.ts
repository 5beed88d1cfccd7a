/**
 * The Slack app manifest, generated from the command registry so the slash commands Slack shows are
 * always the ones the bot answers. Paste its output into "Create app → From a manifest".
 */
import { stringify } from 'yaml';
import type { Command, OptionSpec } from '../../core/command.js';

/** Where Slack delivers slash commands: over a Socket Mode WebSocket, or to a public HTTPS URL. */
export type SlackMode = 'socket' | 'http';

/** The path the HTTP receiver serves (and the manifest points every command at). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Longest slash command name Slack accepts, with its slash. */
export const SLACK_MAX_COMMAND_LENGTH = 32;
/** Longest usage hint Slack accepts. */
export const SLACK_MAX_USAGE_HINT = 1000;
/** Longest slash command description (the manifest allows 2000; the picker shows about 100). */
export const SLACK_MAX_COMMAND_DESCRIPTION = 2000;
/** Most slash commands one app may declare. */
export const SLACK_MAX_COMMANDS = 50;

/** Slack's own commands: a manifest that declares one of them is rejected as a whole. */
export const SLACK_RESERVED_COMMANDS: ReadonlySet<string> = new Set([
  'me',
  'status',
  'away',
  'dnd',
  'shrug',
  'remind',
  'msg',
  'dm',
  'feed',
  'who',
  'collapse',
  'expand',
  'leave',
  'join',
  'open',
  'search',
  'topic',
  'mute',
  'invite',
  'shortcuts',
  'apps',
]);

/** Options of the manifest. */
export interface SlackManifestOptions {
  mode: SlackMode;
  /** Public base URL of the bot in HTTP mode, e.g. https://podium.example.org (the path is added). */
  requestUrl?: string;
  /** App and bot name shown in Slack. */
  name?: string;
  /**
   * Cards are uploaded with files.uploadV2 (PODIUM_IMAGES on and no PODIUM_PUBLIC_URL), which
   * needs files:write. Image blocks pointing at PODIUM_PUBLIC_URL need no scope.
   */
  uploadsCards?: boolean;
}

/** The subset of Slack's manifest (schema 1.x) that Podium fills in. */
export interface SlackManifest {
  _metadata: { major_version: number; minor_version: number };
  display_information: { name: string; description: string; background_color: string };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: Array<{
      command: string;
      description: string;
      usage_hint?: string;
      url?: string;
      should_escape: boolean;
    }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    /** Button presses (block_actions): to /slack/events in HTTP mode, over the socket otherwise. */
    interactivity: { is_enabled: true; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/**
 * A usage hint from a command's options and first example: "[athlete] [keyword]   e.g. hocker".
 * Required options go bare and optional ones in brackets; no angle brackets, which Slack treats as markup.
 */
export function usageHint(command: Command): string | undefined {
  if (command.options.length === 0) return undefined;
  const hint = command.options.map((o: OptionSpec) => (o.required ? o.name : `[${o.name}]`)).join(' ');
  const example = command.examples[0]?.replace(/^\/\S+\s*/, '');
  const full = example ? `${hint}   e.g. ${example}` : hint;
  return full.slice(0, SLACK_MAX_USAGE_HINT);
}

/**
 * Bot scopes the commands need. `commands` for slash commands; `chat:write` for scheduled posts;
 * `chat:write.public` so a public channel that ran /subscribe gets its posts without inviting the bot
 * (private channels still need `/invite`); `users:read` to tell workspace admins apart for commands
 * that change a channel's settings; `files:write` only when cards are uploaded (no public URL).
 */
export function botScopes(commands: readonly Command[], uploadsCards = false): string[] {
  const scopes = ['commands', 'chat:write', 'chat:write.public'];
  if (commands.some((c) => c.managesChannel)) scopes.push('users:read');
  if (uploadsCards) scopes.push('files:write');
  return scopes;
}

function requestUrlFor(base: string | undefined): string {
  if (!base || !/^https?:\/\/[^\s]+$/.test(base)) {
    throw new Error(
      'slack manifest: HTTP mode needs the public URL of the bot, e.g. https://podium.example.org',
    );
  }
  const trimmed = base.replace(/\/+$/, '');
  return trimmed.endsWith(SLACK_EVENTS_PATH) ? trimmed : `${trimmed}${SLACK_EVENTS_PATH}`;
}

/** Builds the manifest object for the given commands (the registry in production). */
export function slackManifest(commands: readonly Command[], options: SlackManifestOptions): SlackManifest {
  const name = options.name ?? 'Podium';
  const url = options.mode === 'http' ? requestUrlFor(options.requestUrl) : undefined;
  if (commands.length > SLACK_MAX_COMMANDS)
    throw new Error(`slack manifest: at most ${SLACK_MAX_COMMANDS} commands`);
  const slash = commands.map((c) => {
    const command = `/${c.name}`;
    if (SLACK_RESERVED_COMMANDS.has(c.name)) {
      throw new Error(`slack manifest: ${command} is one of Slack's built-in commands; rename it`);
    }
    if (!/^[a-z0-9_-]+$/.test(c.name) || command.length > SLACK_MAX_COMMAND_LENGTH) {
      throw new Error(`slack manifest: ${command} is not a valid Slack command name`);
    }
    const hint = usageHint(c);
    return {
      command,
      description: c.description.slice(0, SLACK_MAX_COMMAND_DESCRIPTION),
      ...(hint ? { usage_hint: hint } : {}),
      ...(url ? { url } : {}),
      // Unescaped text: the bot parses names as typed and escapes everything it echoes back.
      should_escape: false,
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description:
        'Olympic podiums, athletes’ own words and “on this day” posts — every answer with its source.',
      background_color: '#1d3557',
    },
    features: {
      app_home: {
        home_tab_enabled: false,
        messages_tab_enabled: false,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slash,
    },
    oauth_config: { scopes: { bot: botScopes(commands, options.uploadsCards === true) } },
    settings: {
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.mode === 'socket',
      token_rotation_enabled: false,
    },
  };
}

/** The manifest as text, JSON (two-space indent) or YAML, as `podium slack manifest` prints it. */
export function formatSlackManifest(manifest: SlackManifest, format: 'json' | 'yaml'): string {
  return format === 'yaml' ? stringify(manifest, { lineWidth: 0 }) : `${JSON.stringify(manifest, null, 2)}\n`;
}
