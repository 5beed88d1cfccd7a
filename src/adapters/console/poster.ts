import type { Writable } from 'node:stream';
import type { ChannelPoster } from '../../core/platform.js';
import { renderText } from './render.js';

/** Posts scheduled replies to the terminal, so "on this day" works in a local console run. */
export function createConsolePoster(output: Writable): ChannelPoster {
  let n = 0;
  return {
    platform: 'console',
    async post(channelId, reply) {
      output.write(`\n[${channelId}] ${renderText(reply)}\n\n`);
      n += 1;
      return { kind: 'sent', messageId: `console-${Date.now()}-${n}` };
    },
  };
}
