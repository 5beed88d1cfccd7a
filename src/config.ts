import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The folder Podium is installed in: src/.. when run from source, dist/src/../.. when compiled. */
export const PACKAGE_ROOT =
  path.basename(path.resolve(HERE, '..')) === 'dist'
    ? path.resolve(HERE, '..', '..')
    : path.resolve(HERE, '..');

/** Raised for a missing or malformed environment variable; its message is one line naming it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    need: string,
  ) {
    super(`${variable}: ${need}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Validated configuration, read once at start-up. */
export interface Config {
  discord: {
    token: string | null;
    applicationId: string | null;
    publicKey: string | null;
    apiUrl: string;
  };
  slack: {
    botToken: string | null;
    appToken: string | null;
    signingSecret: string | null;
    mode: 'socket' | 'http';
    apiUrl: string;
    /** Let every member change channel settings (/subscribe …); by default workspace admins only. */
    everyoneManagesChannels: boolean;
  };
  /** PNG cards (podium, results, quote) attached to answers. */
  images: {
    /** PODIUM_IMAGES: attach cards (default true). */
    enabled: boolean;
    /** PODIUM_PUBLIC_URL: where Podium's own GET /cards/<id>.png is reachable (Slack image blocks). */
    publicUrl: string | null;
  };
  port: number;
  /** sqlite://path, redis://…, rediss://… or memory:// */
  store: string;
  dataDir: string;
  /** Serve data marked draft (PODIUM_INCLUDE_DRAFTS=true): for trying a draft out before publishing. */
  includeDrafts: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Whether LOG_LEVEL was set. */
  logLevelSet: boolean;
  /** Who is at the terminal (USER), the console's user id. */
  consoleUser: string;
  /** json: one JSON object a line; pretty: pino-pretty; auto: pretty on a terminal, JSON elsewhere. */
  logFormat: 'json' | 'pretty' | 'auto';
  /** Whether colours are allowed at all (NO_COLOR unset, https://no-color.org). */
  color: boolean;
  /** The console REPL's history file; null keeps no history. */
  historyFile: string | null;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const url = (fallback: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .default(fallback)
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'an http(s) URL'),
  );

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{5,25}$/, 'a numeric application id (a snowflake)')
      .optional(),
  ),
  DISCORD_PUBLIC_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F]{64}$/, 'the 64-character hex public key from the Developer Portal')
      .optional(),
  ),
  DISCORD_API_URL: url('https://discord.com/api'),
  SLACK_BOT_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^xoxb-\S+$/, 'a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^xapp-\S+$/, 'an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_MODE: z.preprocess(blankToUndefined, z.enum(['socket', 'http']).optional()),
  SLACK_API_URL: url('https://slack.com/api/'),
  SLACK_EVERYONE_MANAGES_CHANNELS: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('false'),
  ),
  PODIUM_IMAGES: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('true'),
  ),
  PODIUM_PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\/[^\s?#]+$/.test(v), 'an http(s) URL')
      .optional(),
  ),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PODIUM_STORE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .default('sqlite://var/podium.sqlite')
      .refine(
        (v) => /^(sqlite:\/\/.+|rediss?:\/\/.+|memory:\/\/)$/.test(v),
        'sqlite://<file>, redis://<host>:<port> or memory://',
      ),
  ),
  PODIUM_DATA_DIR: optionalString,
  PODIUM_INCLUDE_DRAFTS: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('false'),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS).default('info'),
  ),
  LOG_FORMAT: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.trim().toLowerCase()) : v),
    z.enum(['json', 'pretty', 'auto']).default('auto'),
  ),
  NO_COLOR: optionalString,
  PODIUM_HISTORY: optionalString,
});

/**
 * The environment with the variables of a `.env` file (default: in the working directory) added
 * beneath it: a variable already set in the real environment always wins, even when empty. A
 * missing file is no error. Returns a new object; process.env is left as it is.
 */
export function withDotEnv(
  env: NodeJS.ProcessEnv = process.env,
  file: string = path.resolve('.env'),
): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return env;
    throw new ConfigError('.env', `could not be read (${code ?? (err as Error).message})`);
  }
  return { ...parseEnv(text), ...env };
}

/**
 * Reads and validates the environment once. Throws ConfigError naming the first bad variable.
 * Only this module reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const need = describeNeed(variable) ?? issue?.message ?? 'valid';
    throw new ConfigError(variable, `must be ${need}`);
  }
  const e = parsed.data;
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError('DISCORD_APPLICATION_ID', 'must be set when DISCORD_TOKEN is set');
  }
  if (e.DISCORD_PUBLIC_KEY && !e.DISCORD_APPLICATION_ID) {
    throw new ConfigError('DISCORD_APPLICATION_ID', 'must be set when DISCORD_PUBLIC_KEY is set');
  }
  const slackMode = e.SLACK_MODE ?? (e.SLACK_APP_TOKEN ? 'socket' : 'http');
  if (e.SLACK_BOT_TOKEN && slackMode === 'socket' && !e.SLACK_APP_TOKEN) {
    throw new ConfigError('SLACK_APP_TOKEN', 'must be set for SLACK_MODE=socket (an xapp- token)');
  }
  if (e.SLACK_BOT_TOKEN && slackMode === 'http' && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'must be set for SLACK_MODE=http');
  }
  const dataDir = e.PODIUM_DATA_DIR ? path.resolve(e.PODIUM_DATA_DIR) : path.join(PACKAGE_ROOT, 'data');
  return {
    discord: {
      token: e.DISCORD_TOKEN ?? null,
      applicationId: e.DISCORD_APPLICATION_ID ?? null,
      publicKey: e.DISCORD_PUBLIC_KEY?.toLowerCase() ?? null,
      apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
    },
    slack: {
      botToken: e.SLACK_BOT_TOKEN ?? null,
      appToken: e.SLACK_APP_TOKEN ?? null,
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      mode: slackMode,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      everyoneManagesChannels: ['true', '1', 'yes'].includes(e.SLACK_EVERYONE_MANAGES_CHANNELS),
    },
    images: {
      enabled: ['true', '1', 'yes'].includes(e.PODIUM_IMAGES),
      publicUrl: e.PODIUM_PUBLIC_URL ? e.PODIUM_PUBLIC_URL.replace(/\/+$/, '') : null,
    },
    port: e.PORT,
    store: e.PODIUM_STORE,
    dataDir,
    includeDrafts: ['true', '1', 'yes'].includes(e.PODIUM_INCLUDE_DRAFTS),
    logLevel: e.LOG_LEVEL,
    logLevelSet: typeof env.LOG_LEVEL === 'string' && env.LOG_LEVEL.trim() !== '',
    consoleUser: env.USER?.trim() || 'console',
    logFormat: e.LOG_FORMAT,
    color: !e.NO_COLOR,
    historyFile: historyFile(e.PODIUM_HISTORY),
  };
}

/** PODIUM_HISTORY: a file, or off/none/false for no history; default var/console-history beside the store. */
function historyFile(value: string | undefined): string | null {
  if (!value) return path.resolve('var', 'console-history');
  if (['off', 'none', 'false', '0'].includes(value.toLowerCase())) return null;
  return path.resolve(value);
}

function describeNeed(variable: string): string | null {
  switch (variable) {
    case 'PORT':
      return 'a port number from 0 to 65535';
    case 'SLACK_MODE':
      return 'socket or http';
    case 'SLACK_EVERYONE_MANAGES_CHANNELS':
    case 'PODIUM_INCLUDE_DRAFTS':
    case 'PODIUM_IMAGES':
      return 'true or false';
    case 'PODIUM_PUBLIC_URL':
      return 'the http(s) URL where Podium is reachable, e.g. https://podium.example.org';
    case 'LOG_LEVEL':
      return `one of ${LOG_LEVELS.join(', ')}`;
    case 'LOG_FORMAT':
      return 'json, pretty or auto';
    default:
      return null;
  }
}
