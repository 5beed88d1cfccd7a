import { createRequire } from 'node:module';
import type { DestinationStream, LevelWithSilent, Logger, LoggerOptions } from 'pino';
import { redactDeep, redactSecrets } from './redact.js';

const require = createRequire(import.meta.url);
type Pino = typeof import('pino').pino;
let loaded: Pino | null = null;
/** pino itself, loaded on first use: a one-shot answer that logs nothing never pays for it. */
function pino(): Pino {
  loaded ??= (require('pino') as typeof import('pino')).pino;
  return loaded;
}

/** pino's level numbers (pino.levels.values), without loading pino. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** How log lines look: JSON lines, pino-pretty's readable lines, or pretty only on a terminal. */
export type LogFormat = 'json' | 'pretty' | 'auto';

function options(level: string): LoggerOptions {
  return {
    level,
    base: { app: 'podium' },
    redact: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'],
    // Platform errors carry the request URL (a Discord follow-up's holds the interaction token).
    serializers: { err: (err: Error) => redactDeep(pino().stdSerializers.err(err)) },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
}

/**
 * The project's logger, on stderr (stdout stays for answers). JSON lines for machines (production,
 * pipes, files); on a terminal (format auto) or with format pretty, pino-pretty's one readable line
 * per entry, coloured unless `color` is false (NO_COLOR). An explicit destination always gets JSON.
 */
export function createLogger(
  level: string,
  destination?: DestinationStream,
  opts: { format?: LogFormat; color?: boolean } = {},
): Logger {
  if (destination) return pino()(options(level), destination);
  const format = opts.format ?? 'auto';
  return lazy(level, (current) => {
    if (format === 'pretty' || (format === 'auto' && process.stderr.isTTY)) {
      return pino()(options(current), prettyStream(opts.color !== false && process.stderr.isTTY === true));
    }
    return pino()(options(current), pino().destination(2));
  });
}

const METHODS = new Set<string | symbol>(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const noop = () => undefined;

/**
 * A logger made on first real use, so loading pino (~30 ms) waits until a line is written: until
 * then it keeps its own level, and a call below it (a REPL's info lines at level warn) is a no-op.
 * Anything else (a child logger, a line that passes) makes the real one, at the current level.
 */
function lazy(initial: string, make: (level: string) => Logger): Logger {
  let real: Logger | null = null;
  let level = initial;
  const get = () => {
    real ??= make(level);
    return real;
  };
  return new Proxy({} as Logger, {
    get(_, prop) {
      if (!real) {
        if (prop === 'level') return level;
        if (prop === 'isLevelEnabled') return (l: string) => allows(level, l as LevelWithSilent);
        if (METHODS.has(prop) && !allows(level, prop as LevelWithSilent)) return noop;
      }
      const r = get();
      const value = Reflect.get(r, prop, r);
      return typeof value === 'function' ? value.bind(r) : value;
    },
    set(_, prop, value) {
      if (!real && prop === 'level' && typeof value === 'string' && (value === 'silent' || value in LEVELS)) {
        level = value;
        return true;
      }
      return Reflect.set(get(), prop, value);
    },
    has(_, prop) {
      return Reflect.has(get(), prop);
    },
  });
}

/** Whether `level` lets `floor` through: e.g. info lets warn through, error does not. */
export function allows(level: string, floor: LevelWithSilent): boolean {
  const rank = (l: string) => (l === 'silent' ? Number.POSITIVE_INFINITY : (LEVELS[l] ?? 0));
  return rank(level) <= rank(floor);
}

/** pino-pretty as a synchronous stream, loaded only when used (it is no cost to JSON runs). */
function prettyStream(colorize: boolean): DestinationStream {
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pretty({
    destination: 2,
    sync: true,
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app',
  });
}

export type { Logger };
