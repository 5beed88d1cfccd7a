import { commands as registry } from '../../commands/index.js';
import type { Command } from '../core/command.js';
import type { PressLimiter } from '../core/press-limit.js';
import type { ContextDeps } from '../core/run-command.js';
import type { Logger } from '../logger.js';
import type { CardMaker } from './cards.js';

/** What every chat adapter needs to answer commands. */
export interface AdapterDeps extends ContextDeps {
  logger: Logger;
  /** Draws answers' PNG cards; absent or null when PODIUM_IMAGES=false. */
  cards?: CardMaker | null;
  /** The commands to serve; the registry by default. */
  commands?: readonly Command[];
  /** Per-user limit on button presses (one per adapter by default; tests inject a clock). */
  pressLimiter?: PressLimiter;
}

/** The commands an adapter serves: the ones it was given, else the registry. */
export function servedCommands(deps: { commands?: readonly Command[] | undefined }): readonly Command[] {
  return deps.commands ?? registry;
}
