import type { Command } from '../src/core/command.js';
import { makeHelpCommand } from './help.js';
import { medalsCommand } from './medals.js';
import { onThisDayCommand } from './onthisday.js';
import { podiumCommand } from './podium.js';
import { quoteCommand } from './quote.js';
import { resultCommand } from './result.js';
import { resultsCommand } from './results.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionCommand } from './subscription.js';
import { unsubscribeCommand } from './unsubscribe.js';

/** Every command, in the order help lists them. Adapters register exactly these. */
export const commands: readonly Command[] = [
  podiumCommand,
  quoteCommand,
  resultCommand,
  resultsCommand,
  medalsCommand,
  onThisDayCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionCommand,
  makeHelpCommand(() => commands),
];
