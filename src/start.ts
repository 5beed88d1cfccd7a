import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { consoleContext, runRepl } from './adapters/console/console.js';
import { createConsolePoster } from './adapters/console/poster.js';
import type { Config } from './config.js';
import { loadKnowledgeBase } from './core/knowledge-base.js';
import type { ChannelPoster } from './core/platform.js';
import type { Logger } from './logger.js';
import { openOnThisDay } from './scheduler/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;
interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Starts every adapter whose credentials are set, the store and the scheduler; with no platform
 * credentials, the console REPL (scheduled posts then print in the terminal). Resolves to the exit
 * code when the bot stops: at the end of the REPL, or on SIGINT/SIGTERM.
 */
export async function start(config: Config, logger: Logger): Promise<number> {
  // A library promise nobody awaits (e.g. a Socket Mode reconnect that fails for good) must not
  // leave a half-working bot: log it and exit non-zero so a supervisor restarts a clean process.
  process.once('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection: exiting');
    process.exit(1);
  });
  // With no platform configured this is a terminal session: JSON info lines would interleave with
  // the answers, so only warnings show unless LOG_LEVEL asks for more.
  const consoleMode = !config.discord.token && !config.discord.publicKey && !config.slack.botToken;
  if (consoleMode && !config.logLevelSet) logger.level = 'warn';
  const kb = await loadKnowledgeBase(config.dataDir, { includeDrafts: config.includeDrafts });
  logger.info(
    {
      athletes: kb.athletes.size,
      events: kb.events.size,
      quotes: kb.quotes.size,
      draftsSkipped: kb.draftsSkipped,
    },
    'knowledge base loaded',
  );

  // Answers never depend on the store: if it cannot be opened, subscriptions and posts are off.
  const onThisDay = await openOnThisDay({ storeUrl: config.store, kb, logger });
  const { store, subscriptions } = onThisDay;

  const stoppers: Stoppable[] = [];
  const posters: ChannelPoster[] = [];
  const handlers: Handler[] = [];
  const deps = { config, kb, logger, subscriptions };

  if (config.discord.publicKey) {
    // HTTP interactions: Discord sends every interaction to the endpoint once its URL is saved,
    // so a gateway connection would sit idle. Scheduled posts go over REST with the bot token.
    const { startDiscordHttp, createDiscordPoster } = await import('./adapters/discord/index.js');
    const http = await startDiscordHttp({ ...deps, listen: false });
    stoppers.push(http);
    handlers.push(http.handleRequest);
    if (config.discord.token) posters.push(createDiscordPoster({ config, logger }));
    else
      logger.warn(
        'DISCORD_TOKEN is not set: interactions are answered, but scheduled posts to Discord are off',
      );
  } else if (config.discord.token) {
    const { startDiscordGateway } = await import('./adapters/discord/index.js');
    const discord = await startDiscordGateway(deps);
    stoppers.push(discord);
    posters.push(discord.poster);
    logger.info({ user: discord.client.user.tag }, 'discord gateway connected');
  }
  if (config.slack.botToken) {
    const { startSlack, SLACK_DEDUPE_TTL_MS } = await import('./adapters/slack/app.js');
    const shared = store?.kind === 'redis' ? store : null;
    const instance = `slack-${process.pid}-${Date.now().toString(36)}`;
    const slack = await startSlack({
      ...deps,
      allowEveryoneToManageChannels: config.slack.everyoneManagesChannels,
      listen: false,
      // Several instances share Redis: a Slack retry that lands on another one is answered once.
      ...(shared
        ? {
            firstDelivery: (key: string) =>
              shared.claims.acquire(`slack-delivery:${key}`, instance, Date.now(), SLACK_DEDUPE_TTL_MS),
          }
        : {}),
    });
    stoppers.push(slack);
    posters.push(slack.poster);
    if (slack.handleRequest) handlers.push(slack.handleRequest);
    logger.info({ mode: config.slack.mode }, 'slack connected');
  }

  let server: Server | null = null;
  if (handlers.length > 0) {
    server = createServer((req, res) => {
      // Every receiver serves /healthz (src/adapters/health.ts), so the first one answers it.
      for (const handle of handlers) if (handle(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(config.port, () => resolve());
    });
    logger.info({ port: config.port }, 'http receivers listening');
  }

  if (consoleMode) posters.push(createConsolePoster(process.stdout));

  await onThisDay.start(posters);

  let stopping: Promise<void> | null = null;
  const stopAll = () => {
    stopping ??= (async () => {
      logger.info('stopping');
      await Promise.allSettled(stoppers.map((s) => s.stop()));
      if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
      await onThisDay.stop();
    })();
    return stopping;
  };

  if (consoleMode) {
    const ended = runRepl(
      { context: () => consoleContext({ kb, subscriptions }, config.consoleUser), logger },
      process.stdin,
      process.stdout,
    );
    const signalled = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await Promise.race([ended, signalled]);
    await stopAll();
    return 0;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stopAll();
  return 0;
}
