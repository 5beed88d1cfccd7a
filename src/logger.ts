import { type DestinationStream, type Logger, pino } from 'pino';
import { redactDeep, redactSecrets } from './redact.js';

/** The project's logger: JSON lines to stderr (stdout stays for answers), level from config. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'podium' },
      redact: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'],
      // Platform errors carry the request URL (a Discord follow-up's holds the interaction token).
      serializers: { err: (err: Error) => redactDeep(pino.stdSerializers.err(err)) },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
