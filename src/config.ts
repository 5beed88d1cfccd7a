import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

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
  /** TZ as set for this process, or null: the console then answers in the system's own zone. */
  tz: string | null;
}

const BOOLEAN_WORDS = ['true', 'false', '1', '0', 'yes', 'no'] as const;

/*
 * Plain checks rather than a zod schema: config is read by every `podium ask`, and importing zod
 * costs about as much as starting Node itself (issue #13: ask ≤ 3× `node -e 0`). Each check keeps
 * the rule and the message the schema had; the first bad variable, in this order, is reported.
 */

/** Throws the ConfigError for a variable that is set but not valid. */
function bad(variable: string, need: string): never {
  throw new ConfigError(variable, `must be ${describeNeed(variable) ?? need}`);
}

/** A set, non-blank value, trimmed; undefined when unset or blank. */
function text(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** An optional value that must match a pattern. */
function matching(env: NodeJS.ProcessEnv, name: string, pattern: RegExp, need: string): string | undefined {
  const v = text(env, name);
  if (v !== undefined && !pattern.test(v)) bad(name, need);
  return v;
}

/** One of a few words (case-insensitive, trimmed unless `trim` is false), or the default when blank. */
function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  words: readonly T[],
  fallback: T,
  trim = true,
): T {
  const raw = env[name];
  if (typeof raw !== 'string' || raw.trim() === '') return fallback;
  const v = (trim ? raw.trim() : raw).toLowerCase();
  if (!(words as readonly string[]).includes(v)) bad(name, `one of ${words.join(', ')}`);
  return v as T;
}

/** An http(s) URL, or the default when blank. */
function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const v = text(env, name) ?? fallback;
  if (!/^https?:\/\/[^\s]+$/.test(v)) bad(name, 'an http(s) URL');
  return v;
}

/** The checked environment, variable by variable. */
function checkEnv(env: NodeJS.ProcessEnv) {
  const DISCORD_TOKEN = text(env, 'DISCORD_TOKEN');
  const DISCORD_APPLICATION_ID = matching(
    env,
    'DISCORD_APPLICATION_ID',
    /^\d{5,25}$/,
    'a numeric application id (a snowflake)',
  );
  const DISCORD_PUBLIC_KEY = matching(
    env,
    'DISCORD_PUBLIC_KEY',
    /^[0-9a-fA-F]{64}$/,
    'the 64-character hex public key from the Developer Portal',
  );
  const DISCORD_API_URL = httpUrl(env, 'DISCORD_API_URL', 'https://discord.com/api');
  const SLACK_BOT_TOKEN = matching(env, 'SLACK_BOT_TOKEN', /^xoxb-\S+$/, 'a bot token starting with xoxb-');
  const SLACK_APP_TOKEN = matching(
    env,
    'SLACK_APP_TOKEN',
    /^xapp-\S+$/,
    'an app-level token starting with xapp-',
  );
  const SLACK_SIGNING_SECRET = text(env, 'SLACK_SIGNING_SECRET');
  // Not trimmed, as before: " socket" is reported rather than guessed.
  const rawMode = env.SLACK_MODE;
  let SLACK_MODE: 'socket' | 'http' | undefined;
  if (typeof rawMode === 'string' && rawMode.trim() !== '') {
    if (rawMode !== 'socket' && rawMode !== 'http') bad('SLACK_MODE', 'socket or http');
    SLACK_MODE = rawMode;
  }
  const SLACK_API_URL = httpUrl(env, 'SLACK_API_URL', 'https://slack.com/api/');
  const SLACK_EVERYONE_MANAGES_CHANNELS = oneOf(
    env,
    'SLACK_EVERYONE_MANAGES_CHANNELS',
    BOOLEAN_WORDS,
    'false',
  );
  const PODIUM_IMAGES = oneOf(env, 'PODIUM_IMAGES', BOOLEAN_WORDS, 'true');
  const PODIUM_PUBLIC_URL = matching(env, 'PODIUM_PUBLIC_URL', /^https?:\/\/[^\s?#]+$/, 'an http(s) URL');
  const rawPort = text(env, 'PORT');
  const PORT = rawPort === undefined ? 3000 : Number(rawPort);
  if (!Number.isInteger(PORT) || PORT < 0 || PORT > 65535) bad('PORT', 'a port number from 0 to 65535');
  const PODIUM_STORE = text(env, 'PODIUM_STORE') ?? 'sqlite://var/podium.sqlite';
  if (!/^(sqlite:\/\/.+|rediss?:\/\/.+|memory:\/\/)$/.test(PODIUM_STORE)) {
    bad('PODIUM_STORE', 'sqlite://<file>, redis://<host>:<port> or memory://');
  }
  const PODIUM_DATA_DIR = text(env, 'PODIUM_DATA_DIR');
  const PODIUM_INCLUDE_DRAFTS = oneOf(env, 'PODIUM_INCLUDE_DRAFTS', BOOLEAN_WORDS, 'false');
  const LOG_LEVEL = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info', false);
  const LOG_FORMAT = oneOf(env, 'LOG_FORMAT', ['json', 'pretty', 'auto'] as const, 'auto');
  return {
    DISCORD_TOKEN,
    DISCORD_APPLICATION_ID,
    DISCORD_PUBLIC_KEY,
    DISCORD_API_URL,
    SLACK_BOT_TOKEN,
    SLACK_APP_TOKEN,
    SLACK_SIGNING_SECRET,
    SLACK_MODE,
    SLACK_API_URL,
    SLACK_EVERYONE_MANAGES_CHANNELS,
    PODIUM_IMAGES,
    PODIUM_PUBLIC_URL,
    PORT,
    PODIUM_STORE,
    PODIUM_DATA_DIR,
    PODIUM_INCLUDE_DRAFTS,
    LOG_LEVEL,
    LOG_FORMAT,
    NO_COLOR: text(env, 'NO_COLOR'),
    PODIUM_HISTORY: text(env, 'PODIUM_HISTORY'),
  };
}

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
  const e = checkEnv(env);
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
    tz: env.TZ?.trim() || null,
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
