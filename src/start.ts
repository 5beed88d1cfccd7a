import path from 'node:path';
import { createCardMaker } from './adapters/cards.js';
import { consoleContext } from './adapters/console/console.js';
import { createConsolePoster } from './adapters/console/poster.js';
import { runRepl } from './adapters/console/repl.js';
import { type Config, PACKAGE_ROOT } from './config.js';
import { loadKnowledgeBase } from './core/load.js';
import type { ChannelPoster } from './core/platform.js';
import { setTelemetry } from './core/telemetry.js';
import { allows, type Logger } from './logger.js';
import type { OpsServer, ReadinessCheck, RequestHandler } from './ops/http-server.js';
import { openOnThisDay } from './scheduler/index.js';

/** How long SIGTERM/SIGINT waits for requests, deferred answers and posts in flight. */
export const SHUTDOWN_DRAIN_MS = 10_000;
/** How long an interaction id is remembered across instances (Discord's signature window, doubled). */
const DISCORD_REPLAY_TTL_MS = 10 * 60_000;
const instanceTag = `podium-${process.pid}-${Date.now().toString(36)}`;
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
  // With no platform configured this is a terminal session: info lines would interleave with the
  // answers, so a terminal shows warnings and errors only, whatever LOG_LEVEL says. Redirected
  // (npm start 2>var/podium.log), stderr gets what an explicit LOG_LEVEL asks for.
  const consoleMode = !config.discord.token && !config.discord.publicKey && !config.slack.botToken;
  const quiet = process.stderr.isTTY === true || !config.logLevelSet;
  if (consoleMode && quiet && allows(logger.level, 'warn')) logger.level = 'warn';
  const kb = await loadKnowledgeBase(config.dataDir, {
    includeDrafts: config.includeDrafts,
    // The validated snapshot (never committed): later starts skip zod when the data is unchanged.
    cacheDir: path.join(PACKAGE_ROOT, 'var', 'cache'),
  });
  logger.info(
    {
      athletes: kb.athletes.size,
      events: kb.events.size,
      quotes: kb.quotes.size,
      draftsSkipped: kb.draftsSkipped,
    },
    'knowledge base loaded',
  );

  // Answers never depend on the store. If it cannot be opened now, it keeps trying in the
  // background; settings answer "unavailable" meanwhile and the scheduler catches up once it opens.
  // The console opens it while its prompt comes up: a setting typed meanwhile waits for the opening.
  const onThisDay = await openOnThisDay({ storeUrl: config.store, kb, logger, background: consoleMode });
  const { store, subscriptions } = onThisDay;

  const stoppers: Stoppable[] = [];
  const posters: ChannelPoster[] = [];
  const handlers: RequestHandler[] = [];
  const readiness: Record<string, ReadinessCheck> = {
    knowledge: () => (kb.events.size > 0 ? null : 'knowledge base is empty'),
    store: () => store.ping(),
  };
  // PODIUM_IMAGES=false leaves cards out everywhere: answers, scheduled posts and Slack uploads.
  // The console draws none unless asked (/images on loads the canvas then), so it never pays for it.
  const cards = consoleMode ? null : createCardMaker({ enabled: config.images.enabled, logger });
  const deps = { config, kb, logger, subscriptions, cards };

  try {
    await startAdapters();
  } catch (err) {
    // One platform that cannot start stops the bot: release what did start, so the process exits.
    await Promise.allSettled(stoppers.map((s) => s.stop()));
    await onThisDay.stop().catch(() => undefined);
    throw err;
  }

  async function startAdapters(): Promise<void> {
    if (config.discord.publicKey) {
      // HTTP interactions: Discord sends every interaction to the endpoint once its URL is saved,
      // so a gateway connection would sit idle. Scheduled posts go over REST with the bot token.
      const { startDiscordHttp, createDiscordPoster, checkDiscordToken } = await import(
        './adapters/discord/index.js'
      );
      // The token is only for posting, but a wrong one should fail now, not at the first post.
      await checkDiscordToken(config);
      const shared = store.kind === 'redis' ? store : null;
      const http = await startDiscordHttp({
        ...deps,
        listen: false,
        // A replayed interaction is run once even when the replay reaches another instance.
        ...(shared
          ? {
              firstDelivery: (id: string) =>
                shared.claims.acquire(
                  `discord-interaction:${id}`,
                  instanceTag,
                  Date.now(),
                  DISCORD_REPLAY_TTL_MS,
                ),
            }
          : {}),
      });
      stoppers.push(http);
      handlers.push(http.handleRequest);
      readiness.discord = () => null;
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
      readiness.discord = () => discord.notReady();
      logger.info({ user: discord.client.user.tag }, 'discord gateway connected');
    }
    if (config.slack.botToken) {
      const { startSlack, SLACK_DEDUPE_TTL_MS } = await import('./adapters/slack/app.js');
      const shared = store.kind === 'redis' ? store : null;
      const slack = await startSlack({
        ...deps,
        allowEveryoneToManageChannels: config.slack.everyoneManagesChannels,
        listen: false,
        // Several instances share Redis: a Slack retry that lands on another one is answered once.
        ...(shared
          ? {
              firstDelivery: (key: string) =>
                shared.claims.acquire(`slack-delivery:${key}`, instanceTag, Date.now(), SLACK_DEDUPE_TTL_MS),
            }
          : {}),
      });
      stoppers.push(slack);
      posters.push(slack.poster);
      if (slack.handleRequest) handlers.push(slack.handleRequest);
      readiness.slack = () => slack.notReady();
      logger.info({ mode: config.slack.mode }, 'slack connected');
    }
  }

  // Slack image blocks point at GET /cards/<id>.png on this server (signed, expiring URLs).
  const cardSecret = config.slack.signingSecret ?? config.slack.botToken;
  if (cards && config.images.publicUrl && cardSecret) {
    const { cardRoute, cardSigningKey } = await import('./adapters/slack/cards.js');
    handlers.push(cardRoute({ key: cardSigningKey(cardSecret), logger }));
  }

  // One HTTP server whenever a platform adapter runs: health, readiness, metrics and receivers.
  let ops: OpsServer | null = null;
  if (!consoleMode) {
    // The HTTP server and prom-client load only here: a console session serves no /metrics.
    const [{ createMetrics }, { createOpsServer }] = await Promise.all([
      import('./ops/metrics.js'),
      import('./ops/http-server.js'),
    ]);
    const metrics = createMetrics();
    setTelemetry(metrics.telemetry);
    ops = createOpsServer({ handlers, readiness, metrics, logger });
    await ops.listen(config.port);
    logger.info({ port: config.port }, 'http server listening (/healthz /readyz /metrics and receivers)');
  }

  if (consoleMode) posters.push(createConsolePoster(process.stdout));
  // The console's scheduler starts once the prompt is up (below): a person waits for the prompt.
  else await onThisDay.start(posters);

  let stopping: Promise<void> | null = null;
  const stopAll = () => {
    stopping ??= (async () => {
      logger.info({ drainMs: SHUTDOWN_DRAIN_MS }, 'stopping: draining requests and posts in flight');
      const drain = (async () => {
        // Stop accepting and finish requests in flight; the scheduler posts what it has started
        // and releases the claims it had not posted yet; deferred answers are completed.
        await Promise.all([ops?.close(SHUTDOWN_DRAIN_MS), onThisDay.scheduler?.stop()]);
        await Promise.allSettled(stoppers.map((s) => s.stop()));
      })();
      const limit = new Promise<'late'>((resolve) =>
        setTimeout(resolve, SHUTDOWN_DRAIN_MS + 2000, 'late').unref(),
      );
      if ((await Promise.race([drain, limit])) === 'late') logger.warn('stopping: drain limit reached');
      await onThisDay
        .stop()
        .catch((err: unknown) => logger.warn({ err }, 'stopping: closing the store failed'));
      logger.info('stopped');
    })();
    return stopping;
  };

  if (consoleMode) {
    const ended = runRepl(
      { context: () => consoleContext({ kb, subscriptions }, config.consoleUser, config.tz), logger },
      process.stdin,
      process.stdout,
      { color: config.color, historyFile: config.historyFile },
    );
    const signalled = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await onThisDay.start(posters);
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
