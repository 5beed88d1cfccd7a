/** Bolt and its Socket Mode client log through the project's pino logger, not the console. */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../logger.js';

const FROM_PINO: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  // Bolt has no "silent"; ERROR is its quietest, and pino still drops the lines.
  silent: LogLevel.ERROR,
};

/**
 * Adapts a pino logger to Bolt's Logger interface (level changes from Bolt are ignored: config
 * decides). While `starting()` is true, Bolt's warnings and errors go to debug: a failed start-up
 * is thrown and reported once, in one line, by startSlack's caller.
 */
export function boltLogger(logger: Logger, starting: () => boolean = () => false): BoltLogger {
  let child = logger.child({ component: 'slack' });
  const write = (wanted: 'debug' | 'info' | 'warn' | 'error', msg: unknown[]) => {
    // The Web API client warns of every failed request, then throws it to the caller, which reports
    // it (start-up in one line, the poster with its outcome): the warning would say it twice.
    const repeated = wanted === 'warn' && /^http request failed/.test(String(msg[0]));
    const level = repeated || (starting() && (wanted === 'warn' || wanted === 'error')) ? 'debug' : wanted;
    // Bolt logs several debug lines per request; skip the formatting when nobody will read them.
    if (!child.isLevelEnabled(level)) return;
    const err = msg.find((m): m is Error => m instanceof Error);
    const text = msg
      .filter((m) => !(m instanceof Error))
      .map((m) => (typeof m === 'string' ? m : JSON.stringify(m)))
      .join(' ');
    if (err) child[level]({ err }, text || err.message);
    else child[level](text);
  };
  return {
    debug: (...msg: unknown[]) => write('debug', msg),
    info: (...msg: unknown[]) => write('info', msg),
    warn: (...msg: unknown[]) => write('warn', msg),
    error: (...msg: unknown[]) => write('error', msg),
    setLevel: () => undefined,
    getLevel: () => FROM_PINO[logger.level] ?? LogLevel.INFO,
    setName: (name: string) => {
      child = logger.child({ component: 'slack', name });
    },
  };
}
