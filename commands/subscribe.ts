import type { Command } from '../src/core/command.js';
import { type Reply, userErrorReply } from '../src/core/reply.js';
import { echo } from '../src/core/text.js';
import { canonicalTimeZone } from '../src/core/zoned-time.js';
import {
  clockHour,
  nextPostText,
  orUnavailable,
  settingsPreflight,
  upcomingLines,
} from './support/settings-replies.js';

/** Hour of the daily post when none is given. */
export const DEFAULT_HOUR = 9;

function hourOf(value: string | number | undefined): number | null {
  if (value === undefined) return DEFAULT_HOUR;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  return Number.isInteger(n) && n >= 0 && n <= 23 ? n : null;
}

/** `/subscribe [hour] [timezone]` — turn daily "on this day" posts on (or change their time) for this channel. */
export const subscribeCommand: Command = {
  name: 'subscribe',
  description: 'Post “on this day” anniversaries in this channel every day',
  options: [
    {
      name: 'hour',
      description: 'Hour of the day, 0–23 (default 9)',
      type: 'integer',
      unit: 'hour',
      required: false,
      minValue: 0,
      maxValue: 23,
    },
    {
      name: 'timezone',
      description: 'Time zone, e.g. Europe/Paris (default: the server’s, else UTC)',
      type: 'string',
      required: false,
      autocomplete: 'timezone',
      maxLength: 64,
    },
  ],
  examples: ['/subscribe', '/subscribe 8 Europe/Paris', '/subscribe 18 America/New_York'],
  managesChannel: true,
  async run(ctx, args): Promise<Reply> {
    const pre = settingsPreflight(ctx);
    if (!pre.ok) return pre.reply;
    const hour = hourOf(args.hour);
    if (hour === null) {
      return userErrorReply('The hour must be a whole number from 0 to 23', [
        'For 9 in the morning use 9; for 9 in the evening, 21.',
      ]);
    }
    const asked = typeof args.timezone === 'string' ? args.timezone.trim() : '';
    let timeZone: string | null;
    if (asked) {
      timeZone = canonicalTimeZone(asked);
      if (!timeZone) {
        return userErrorReply(`Unknown time zone “${echo(asked, 64)}”`, [
          'Use an IANA name such as Europe/Paris, America/New_York or Australia/Sydney.',
        ]);
      }
    } else {
      timeZone = (ctx.timeZone && canonicalTimeZone(ctx.timeZone)) || 'UTC';
    }
    const zone = timeZone;
    return orUnavailable(async () => {
      await pre.port.subscribe({
        platform: ctx.platform,
        channelId: pre.channelId,
        hour,
        timeZone: zone,
        createdBy: ctx.userId,
      });
      const status = await pre.port.status(ctx.platform, pre.channelId);
      const upcoming = status ? upcomingLines(status) : [];
      return {
        tone: 'info',
        title: 'Anniversary posts are on',
        summary: `This channel gets an “on this day” post every day at ${clockHour(hour)} (${zone}), on days with something to remember.`,
        fields: status ? [{ label: 'Next post', value: nextPostText(status) }] : [],
        lines: [
          ...upcoming.slice(0, 1).map((l) => `First: ${l}`),
          'Change the time with /subscribe again; stop with /unsubscribe.',
        ],
        sources: [],
        ephemeral: true,
      };
    });
  },
};
