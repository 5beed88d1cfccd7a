import type { Command } from '../src/core/command.js';
import { isoDate, parseDay } from '../src/core/dates.js';
import { dayMonth } from '../src/core/format.js';
import { anniversariesOn, anniversaryLine } from '../src/core/on-this-day.js';
import { paginate } from '../src/core/pages.js';
import { missReply, userErrorReply } from '../src/core/reply.js';
import { echo } from '../src/core/text.js';
import { canonicalTimeZone, localDate } from '../src/core/zoned-time.js';

/** `/onthisday [date]` — what happened on that calendar day in past years (default: today). */
export const onThisDayCommand: Command = {
  name: 'onthisday',
  description: 'What happened on a day in past years (default: today)',
  options: [
    {
      name: 'date',
      description: 'A day such as 08-06, 2024-08-06 or Aug 6',
      type: 'string',
      required: false,
      maxLength: 40,
      rest: true,
    },
  ],
  examples: ['/onthisday 08-06', '/onthisday Aug 6', '/onthisday'],
  run(ctx, args) {
    // A zone the platform reported but the clock cannot use (a stray /etc/localtime link) means UTC.
    const zone = (ctx.timeZone && canonicalTimeZone(ctx.timeZone)) || 'UTC';
    const todayIso = localDate(ctx.now().getTime(), zone);
    const [y, m, d] = todayIso.split('-').map(Number) as [number, number, number];
    const text = typeof args.date === 'string' ? args.date : '';
    const day = parseDay(text, { year: y, month: m, day: d });
    if (!day) {
      return userErrorReply(`I can't read “${echo(text)}” as a date`, [
        'Try 08-06, 2024-08-06, Aug 6 or 6 August.',
      ]);
    }
    // Without a year: every earlier year up to today. With one: that year and before.
    const explicitYear = day.year !== null && text.trim() !== '' && /\d{4}/.test(text);
    const year = explicitYear ? (day.year as number) : day.month * 100 + day.day <= m * 100 + d ? y + 1 : y;
    const events = anniversariesOn(ctx.kb, isoDate(year, day.month, day.day), explicitYear);
    if (events.length === 0) {
      return missReply(`Nothing in my records for ${dayMonth(day.month, day.day)}`, [
        'A quiet day — try 08-06.',
      ]);
    }
    // The buttons ask for the same day the same way: with the year only when one was typed.
    const mmdd = `${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
    const shown = paginate(events, ctx.cursor, `/onthisday ${explicitYear ? `${year}-${mmdd}` : mmdd}`);
    return {
      tone: 'info',
      title: `On this day: ${dayMonth(day.month, day.day)}`,
      lines: shown.items.map((e) => anniversaryLine(ctx.kb, e)),
      sources: ctx.kb.citations(shown.items.flatMap((e) => e.sources)),
      ephemeral: false,
      ...(shown.page ? { page: shown.page, actions: shown.actions } : {}),
    };
  },
};
