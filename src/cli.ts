/**
 * The `podium` command: start the bot, answer one question, ingest, review and publish a report, and print or deploy
 * the platforms' command definitions. Answers go to stdout, diagnostics to stderr.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { answerLine, consoleContext } from './adapters/console/console.js';
import { renderText } from './adapters/console/render.js';
import { helpFor, USAGE, wantsHelp } from './cli-help.js';
import { type Config, ConfigError, loadConfig, PACKAGE_ROOT, withDotEnv } from './config.js';
import { DataError, PlatformError, UsageError } from './core/errors.js';
import { loadKnowledgeBase } from './core/load.js';
import { parseCommandLine } from './core/parse.js';
import type { Reply } from './core/reply.js';
import { createLogger, type Logger } from './logger.js';
import { redactSecrets } from './redact.js';
import type { PodiumStore } from './store/index.js';

const FORMATS = ['text', 'json', 'discord', 'slack'] as const;
type Format = (typeof FORMATS)[number];

/** Where the CLI writes; swapped in tests. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

async function renderAs(format: Format, reply: Reply): Promise<string> {
  switch (format) {
    case 'text':
      return renderText(reply);
    case 'json':
      return JSON.stringify(reply, null, 2);
    case 'discord': {
      const { renderDiscordMessage } = await import('./adapters/discord/render.js');
      return JSON.stringify(renderDiscordMessage(reply), null, 2);
    }
    case 'slack': {
      const { renderSlackMessage } = await import('./adapters/slack/render.js');
      return JSON.stringify(renderSlackMessage(reply), null, 2);
    }
  }
}

async function ask(argv: string[], config: Config, logger: Logger, io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      image: { type: 'string', short: 'i' },
    },
    allowPositionals: true,
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (positionals.length === 0)
    throw new UsageError('ask needs a command line, e.g. podium ask "/podium 1500m"');
  if (values.image !== undefined && values.image.trim() === '')
    throw new UsageError('--image needs a file name, e.g. --image podium.png');
  const line = positionals.join(' ');
  const kb = await loadKnowledgeBase(config.dataDir, {
    includeDrafts: config.includeDrafts,
    // The validated snapshot (never committed): later starts skip zod when the data is unchanged.
    cacheDir: path.join(PACKAGE_ROOT, 'var', 'cache'),
  });
  // Settings commands need the store (the console is a channel too); answers never do, so a
  // plain question neither opens nor creates it.
  const parsed = parseCommandLine(line, kb, commands);
  const store = parsed.ok && parsed.command.managesChannel ? await openStoreOrNull(config, io) : null;
  try {
    // No logger for store failures: the answer says settings are unavailable, and stderr has had
    // its one line; a JSON stack there only buries it.
    // Imported only here: a plain question never loads the scheduler or the store backends.
    const subscriptions = store
      ? (await import('./scheduler/index.js')).createSubscriptionsPort({ store, kb })
      : null;
    const reply = await answerLine(line, {
      context: () => consoleContext({ kb, subscriptions }, config.consoleUser, config.tz),
      logger,
    });
    io.stdout(`${await renderAs(format, reply)}\n`);
    if (values.image !== undefined) {
      // The path goes to stderr so stdout stays the answer alone (JSON stays parseable).
      const { saveCard } = await import('./adapters/console/cards.js');
      const written = await saveCard(reply, values.image);
      io.stderr(written.length ? `card: ${written.join(', ')}\n` : 'no card for this answer\n');
    }
  } finally {
    await store?.close().catch(() => undefined);
  }
  return 0;
}

/** The store for one answer, or null after one clear line on stderr (never a stack). */
async function openStoreOrNull(config: Config, io: CliIo): Promise<PodiumStore | null> {
  try {
    const { openStore } = await import('./store/index.js');
    return await openStore(config.store);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    io.stderr(
      `podium: store unavailable (${redactSecrets(reason).replace(/\s+/g, ' ')}): settings are off for this answer\n`,
    );
    return null;
  }
}

/** Runs the CLI with arguments (without `node podium`); resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [verb = 'start', ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === 'help') {
    // `podium help ask` is `podium ask --help`.
    io.stdout(`${(rest[0] && helpFor(rest[0])) || USAGE}\n`);
    return 0;
  }
  const page = helpFor(verb);
  if (page && wantsHelp(rest)) {
    io.stdout(`${page}\n`);
    return 0;
  }
  if (verb === '--version' || verb === '-v') {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  try {
    // .env in the working directory fills in what the real environment does not set.
    const config = loadConfig(withDotEnv());
    const logger = createLogger(config.logLevel, undefined, {
      format: config.logFormat,
      color: config.color,
    });
    switch (verb) {
      case 'start': {
        const { start } = await import('./start.js');
        return await start(config, logger);
      }
      case 'ask':
        return await ask(rest, config, logger, io);
      case 'ingest': {
        const { runIngestCli } = await import('./ingest/cli.js');
        return await runIngestCli(rest, io);
      }
      case 'review': {
        const { runReviewCli } = await import('./ingest/review-cli.js');
        return await runReviewCli(rest, io);
      }
      case 'publish': {
        const { runPublishCli } = await import('./ingest/review-cli.js');
        return await runPublishCli(rest, io);
      }
      case 'import': {
        const { runImportCli } = await import('./import/cli.js');
        return await runImportCli(rest, io);
      }
      case 'discord': {
        const { runDiscordCli } = await import('./adapters/discord/cli.js');
        return await runDiscordCli(rest, { config, logger, io });
      }
      case 'slack': {
        const { runSlackCli } = await import('./adapters/slack/cli.js');
        return await runSlackCli(rest, { config, logger, io });
      }
      default:
        throw new UsageError(`unknown command "${verb.slice(0, 40)}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`podium: ${(err as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof ConfigError || err instanceof DataError) {
      io.stderr(`podium: ${err.message}\n`);
      return 1;
    }
    if (err instanceof PlatformError) {
      // Already one line naming the platform: "discord: cannot reach discord.com (ENOTFOUND): …".
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
