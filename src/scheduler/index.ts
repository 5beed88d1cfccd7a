import type { Logger } from 'pino';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { SubscriptionsPort } from '../core/subscriptions.js';
import { openStore, type PodiumStore } from '../store/open-store.js';
import { isStoreError } from '../store/store-error.js';
import { createScheduler, type DeliveryPoster, type RateLimit, type Scheduler } from './scheduler.js';
import { createSubscriptionsPort } from './subscriptions.js';

export {
  createScheduler,
  DEFAULT_RATE_LIMITS,
  type DeliveryPoster,
  type PostOptions,
  type RateLimit,
  type Scheduler,
  type SchedulerOptions,
  type TickReport,
} from './scheduler.js';
export { createSubscriptionsPort, type SubscriptionsPortOptions } from './subscriptions.js';

/** What startOnThisDay needs: the PODIUM_STORE URL, the knowledge base, and the adapters' posters. */
export interface OnThisDayOptions {
  storeUrl: string;
  kb: KnowledgeBase;
  /** One per running adapter (Discord, Slack, console); with none, subscriptions work but nothing is posted. */
  posters: readonly DeliveryPoster[];
  logger: Logger;
  instanceId?: string;
  rateLimits?: Partial<Record<DeliveryPoster['platform'], RateLimit>>;
}

/** The running "on this day" service: the port for CommandContext.subscriptions, and how to stop it. */
export interface OnThisDay {
  store: PodiumStore | null;
  /** Null when the store could not be opened: settings commands then answer "unavailable". */
  subscriptions: SubscriptionsPort | null;
  scheduler: Scheduler | null;
  stop(): Promise<void>;
}

/**
 * Opens the store, builds the subscriptions port and starts the scheduler (a catch-up tick now,
 * then every minute). A store that cannot be opened is logged, not fatal: the bot keeps answering
 * and the settings commands say settings are unavailable.
 */
export async function startOnThisDay(opts: OnThisDayOptions): Promise<OnThisDay> {
  let store: PodiumStore;
  try {
    store = await openStore(opts.storeUrl, { logger: opts.logger });
  } catch (err) {
    if (!isStoreError(err)) throw err;
    opts.logger.error({ err }, 'store unavailable: subscriptions are off until restart');
    return { store: null, subscriptions: null, scheduler: null, stop: async () => {} };
  }
  const subscriptions = createSubscriptionsPort({ store, kb: opts.kb, logger: opts.logger });
  const scheduler =
    opts.posters.length > 0
      ? createScheduler({
          store,
          kb: opts.kb,
          posters: opts.posters,
          logger: opts.logger,
          instanceId: opts.instanceId,
          rateLimits: opts.rateLimits,
        })
      : null;
  await scheduler?.start();
  return {
    store,
    subscriptions,
    scheduler,
    async stop() {
      await scheduler?.stop();
      await store.close();
    },
  };
}
