/**
 * The "on this day" service as start-up and the CLI use it: open the store, give the subscriptions
 * port to the adapters, then start the scheduler once the adapters' posters exist.
 */
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { ChannelPoster, PlatformName } from '../core/platform.js';
import type { SubscriptionsPort } from '../core/subscriptions.js';
import type { Logger } from '../logger.js';
import { openStore, type PodiumStore } from '../store/open-store.js';
import { isStoreError } from '../store/store-error.js';
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
}

/** The "on this day" service: the port for CommandContext.subscriptions, the scheduler, and how to stop. */
export interface OnThisDay {
  store: PodiumStore | null;
  /** Null when the store could not be opened: settings commands then answer "unavailable". */
  subscriptions: SubscriptionsPort | null;
  /** Null until started, and when there is no store or nothing to post to. */
  readonly scheduler: Scheduler | null;
  /** Starts the scheduler (a catch-up tick now, then every minute) over the adapters' posters. */
  start(posters: readonly ChannelPoster[]): Promise<void>;
  /** Stops the scheduler, then closes the store. */
  stop(): Promise<void>;
}

/**
 * Opens the store and builds the subscriptions port. A store that cannot be opened is logged, not
 * fatal: the bot keeps answering and the settings commands say settings are unavailable.
 */
export async function openOnThisDay(opts: OnThisDayOptions): Promise<OnThisDay> {
  let store: PodiumStore;
  try {
    store = await openStore(opts.storeUrl, { logger: opts.logger });
  } catch (err) {
    if (!isStoreError(err)) throw err;
    opts.logger.error(
      { err },
      `store unavailable (${err.message}): answers keep working; subscriptions and scheduled posts are off`,
    );
    return { store: null, subscriptions: null, scheduler: null, start: async () => {}, stop: async () => {} };
  }
  opts.logger.info({ store: store.label }, 'store opened');
  const subscriptions = createSubscriptionsPort({ store, kb: opts.kb, logger: opts.logger });
  let scheduler: Scheduler | null = null;
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
