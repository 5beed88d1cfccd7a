import type { Command } from '../src/core/command.js';
import { missReply, type Reply } from '../src/core/reply.js';
import { orUnavailable, settingsPreflight } from './support/settings-replies.js';

/** `/unsubscribe` — turn this channel's daily "on this day" posts off. */
export const unsubscribeCommand: Command = {
  name: 'unsubscribe',
  description: 'Stop the daily “on this day” posts in this channel',
  options: [],
  examples: ['/unsubscribe'],
  managesChannel: true,
  async run(ctx): Promise<Reply> {
    const pre = settingsPreflight(ctx);
    if (!pre.ok) return pre.reply;
    return orUnavailable(async () => {
      const was = await pre.port.unsubscribe(ctx.platform, pre.channelId);
      if (!was)
        return missReply('This channel was not subscribed', ['/subscribe turns anniversary posts on.'], true);
      return {
        tone: 'info',
        title: 'Anniversary posts are off',
        lines: ['This channel gets no more “on this day” posts. /subscribe turns them back on.'],
        sources: [],
        ephemeral: true,
      };
    });
  },
};
