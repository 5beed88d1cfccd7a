import type { Command } from '../src/core/command.js';
import { longDate } from '../src/core/format.js';
import { missReply, type Reply, type ReplyField } from '../src/core/reply.js';
import type { SubscriptionStatus } from '../src/core/subscriptions.js';
import * as settings from './support/settings-replies.js';

function statusFields(s: SubscriptionStatus): ReplyField[] {
  const fields: ReplyField[] = [
    {
      label: 'Time',
      value: `${settings.clockHour(s.subscription.hour)} every day (${s.subscription.timeZone})`,
    },
    { label: 'Next post', value: settings.nextPostText(s) },
    {
      label: 'Last post',
      value: s.lastDelivery
        ? `${longDate(s.lastDelivery.localDate)} (message ${s.lastDelivery.messageId})`
        : 'None yet',
    },
  ];
  if (s.paused) {
    fields.push({
      label: 'Paused',
      value: `${s.paused.reason}, since ${longDate(s.paused.at.slice(0, 10))}. Fix the channel, then /subscribe again to resume.`,
    });
  } else if (s.failures > 0) {
    fields.push({
      label: 'Failures',
      value: `${s.failures} failed attempt${s.failures === 1 ? '' : 's'} in a row`,
    });
  }
  fields.push({ label: 'Subscribed', value: longDate(s.subscription.createdAt.slice(0, 10)) });
  return fields;
}

/** `/subscription` — this channel's anniversary-post setting, next post, upcoming anniversaries, last delivery. */
export const subscriptionCommand: Command = {
  name: 'subscription',
  description: 'Show this channel’s “on this day” setting and what comes next',
  options: [],
  examples: ['/subscription'],
  managesChannel: true,
  async run(ctx): Promise<Reply> {
    const pre = settings.settingsPreflight(ctx);
    if (!pre.ok) return pre.reply;
    return settings.orUnavailable(async () => {
      const status = await pre.port.status(ctx.platform, pre.channelId);
      if (!status) {
        return missReply(
          'This channel has no anniversary posts',
          ['/subscribe [hour] [timezone] turns them on, e.g. /subscribe 9 Europe/Paris.'],
          true,
        );
      }
      const upcoming = settings.upcomingLines(status);
      return {
        tone: 'info',
        title: 'Anniversary posts in this channel',
        summary:
          upcoming.length > 0
            ? upcoming.length === 1
              ? 'The next anniversary it will post is listed below.'
              : `The next ${upcoming.length} anniversaries it will post are listed below.`
            : 'No anniversaries in the next year yet.',
        fields: statusFields(status),
        lines: upcoming,
        sources: [],
        ephemeral: true,
      };
    });
  },
};
