/**
 * The "on this day" service as start-up and the CLI use it: open the store, give the subscriptions
 * port to the adapters, then start the scheduler once the adapters' posters exist.
 */
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { ChannelPoster, PlatformName } from '../core/platform.js';
import type { SubscriptionsPort } from '../core/subscriptions.js';
import type { Logger } from '../logger.js';
import { openResilientStore, type ResilientStore } from '../store/resilient-store.js';
import { createScheduler, type RateLimit, type Scheduler } from './scheduler.js';
import { createSubscriptionsPort } from './subscriptions.js';

export {
  createScheduler,
  DEFAULT_RATE_LIMITS,
  type RateLimit,
  type Scheduler,
  type SchedulerOptions,
  type TickReport,
} from './scheduler.js';
export { createSubscriptionsPort, type SubscriptionsPortOptions } from './subscriptions.js';

/** What openOnThisDay needs: the PODIUM_STORE URL and the knowledge base. */
export interface OnThisDayOptions {
  storeUrl: string;
  kb: KnowledgeBase;
  logger: Logger;
  instanceId?: string;
  rateLimits?: Partial<Record<PlatformName, RateLimit>>;
  /** Resolve before the store has opened (its first operations wait for it): the console's prompt. */
  background?: boolean;
}

/** The "on this day" service: the port for CommandContext.subscriptions, the scheduler, and how to stop. */
export interface OnThisDay {
  /** Reopens itself while unavailable; operations fail with "store unavailable" meanwhile. */
  store: ResilientStore;
  /** Settings commands answer "unavailable" while the store is away. */
  subscriptions: SubscriptionsPort;
  /** Null until started, and when there is no store or nothing to post to. */
  readonly scheduler: Scheduler | null;
  /** Starts the scheduler (a catch-up tick now, then every minute) over the adapters' posters. */
  start(posters: readonly ChannelPoster[]): Promise<void>;
  /** Stops the scheduler, then closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens the store and builds the subscriptions port. A store that cannot be opened is not fatal:
 * the bot keeps answering, settings say they are unavailable, and the store is reopened in the
 * background; once it opens the scheduler ticks at once (catch-up the same local day).
 */
export async function openOnThisDay(opts: OnThisDayOptions): Promise<OnThisDay> {
  let scheduler: Scheduler | null = null;
  const store = await openResilientStore(opts.storeUrl, {
    logger: opts.logger,
    onOpen: () => scheduler?.catchUp(),
    background: opts.background === true,
  });
  const subscriptions = createSubscriptionsPort({ store, kb: opts.kb, logger: opts.logger });
  return {
    store,
    subscriptions,
    get scheduler() {
      return scheduler;
    },
    async start(posters) {
      if (scheduler || posters.length === 0) return;
      scheduler = createScheduler({
        store,
        kb: opts.kb,
        posters,
        logger: opts.logger,
        ...(opts.instanceId ? { instanceId: opts.instanceId } : {}),
        ...(opts.rateLimits ? { rateLimits: opts.rateLimits } : {}),
      });
      await scheduler.start();
    },
    async stop() {
      await scheduler?.stop();
      await store.close();
    },
  };
}
