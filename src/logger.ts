import { type DestinationStream, type Logger, pino } from 'pino';

/** The project's logger: JSON lines to stderr (stdout stays for answers), level from config. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'podium' },
      redact: ['*.token', '*.botToken', '*.appToken', '*.signingSecret', 'headers.authorization'],
    },
    destination ?? pino.destination(2),
  );
}

export type { Logger };
