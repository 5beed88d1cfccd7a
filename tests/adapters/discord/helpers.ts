import type { DestinationStream } from 'pino';
import { type Config, loadConfig } from '../../../src/config.js';
import type { Command } from '../../../src/core/command.js';
import { createLogger, type Logger } from '../../../src/logger.js';

/** A pino logger whose JSON lines are kept for assertions. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination: DestinationStream = {
    write(msg: string) {
      lines.push(JSON.parse(msg) as Record<string, unknown>);
    },
  };
  return { logger: createLogger('debug', destination), lines };
}

/** Configuration pointing Podium's Discord adapter at a fake Discord. */
export function discordConfig(apiUrl: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    DISCORD_TOKEN: 'fake-bot-token',
    DISCORD_APPLICATION_ID: '800000000000000001',
    DISCORD_API_URL: apiUrl,
    PODIUM_STORE: 'memory://',
    LOG_LEVEL: 'debug',
    ...extra,
  });
}

/** A command that always throws, to exercise the error boundary. */
export const explodingCommand: Command = {
  name: 'explode',
  description: 'Throws',
  options: [],
  examples: ['/explode'],
  run() {
    throw new Error('kaboom: secret internals /srv/podium/db.ts:42');
  },
};

/** A command that says what context it was given. */
export const whoamiCommand: Command = {
  name: 'whoami',
  description: 'Echoes the context',
  options: [{ name: 'note', description: 'Anything', type: 'string', required: false }],
  examples: ['/whoami'],
  run(ctx, args) {
    return {
      tone: 'info',
      title: 'Context',
      fields: [
        { label: 'platform', value: ctx.platform },
        { label: 'channel', value: String(ctx.channelId) },
        { label: 'user', value: String(ctx.userId) },
        { label: 'manage', value: String(ctx.canManageChannel) },
        { label: 'zone', value: String(ctx.timeZone) },
        { label: 'note', value: String(args.note) },
      ],
      sources: [],
      ephemeral: false,
    };
  },
};

/** A command declared slow that waits for the test to release it, and optionally answers privately or throws. */
export function gatedCommand(
  name: string,
  gate: Promise<'public' | 'private' | 'throw'>,
  slow: boolean,
  managesChannel = false,
): Command {
  return {
    name,
    description: 'Waits for the test',
    options: [],
    examples: [`/${name}`],
    slow,
    managesChannel,
    async run() {
      const how = await gate;
      if (how === 'throw') throw new Error('failed after deferring');
      return {
        tone: 'info',
        title: `Done ${name}`,
        lines: ['finished'],
        sources: [],
        ephemeral: how === 'private',
      };
    },
  };
}

/** A promise with its resolve function outside. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Waits until a condition holds (polling), failing after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
