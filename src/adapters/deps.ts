import { commands as registry } from '../../commands/index.js';
import type { Command } from '../core/command.js';
import type { ContextDeps } from '../core/run-command.js';
import type { Logger } from '../logger.js';

/** What every chat adapter needs to answer commands. */
export interface AdapterDeps extends ContextDeps {
  logger: Logger;
  /** The commands to serve; the registry by default. */
  commands?: readonly Command[];
}

/** The commands an adapter serves: the ones it was given, else the registry. */
export function servedCommands(deps: { commands?: readonly Command[] | undefined }): readonly Command[] {
  return deps.commands ?? registry;
}
