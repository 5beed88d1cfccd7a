import { runRepl } from './adapters/console/console.js';
import { consoleContext } from './cli.js';
import type { Config } from './config.js';
import { loadKnowledgeBase } from './core/knowledge-base.js';
import type { Logger } from './logger.js';

/**
 * Starts every adapter whose credentials are set, the scheduler and the store; with no platform
 * credentials, the console REPL. Resolves to the exit code when the bot stops.
 */
export async function start(config: Config, logger: Logger): Promise<number> {
  const kb = await loadKnowledgeBase(config.dataDir);
  logger.info(
    { athletes: kb.athletes.size, events: kb.events.size, quotes: kb.quotes.size },
    'knowledge base loaded',
  );
  await runRepl({ context: () => consoleContext(kb), logger }, process.stdin, process.stdout);
  return 0;
}
