import type { Command, SubscriptionsPort } from '../core/command.js';
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { Logger } from '../logger.js';

/** What every chat adapter needs to answer commands. */
export interface AdapterDeps {
  kb: KnowledgeBase;
  logger: Logger;
  subscriptions: SubscriptionsPort | null;
  /** Clock for commands (tests inject one). */
  now?: () => Date;
  random?: () => number;
  /** The commands to serve; the registry by default. */
  commands?: readonly Command[];
}
