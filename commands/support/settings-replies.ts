/**
 * What the channel-settings commands (/subscribe, /unsubscribe, /subscription) share: the checks
 * they make first, the "unavailable" answer, and how they show times. Not a command itself.
 */
import type { CommandContext } from '../../src/core/command.js';
import { isUnavailable } from '../../src/core/errors.js';
import { longDate } from '../../src/core/format.js';
import { type Reply, userErrorReply } from '../../src/core/reply.js';
import type { SubscriptionStatus, SubscriptionsPort } from '../../src/core/subscriptions.js';

/** The answer when the store is missing or failing: settings commands must still answer. */
export function settingsUnavailableReply(): Reply {
  return {
    tone: 'error',
    title: 'Settings are unavailable right now',
    lines: ['The bot cannot reach its storage at the moment. Please try again in a few minutes.'],
    sources: [],
    ephemeral: true,
  };
}

/**
 * What every channel-settings command checks first: permission, a channel, a store. Returns the
 * refusal to answer with, or the port and channel to work on.
 */
export function settingsPreflight(
  ctx: CommandContext,
): { ok: false; reply: Reply } | { ok: true; port: SubscriptionsPort; channelId: string } {
  if (!ctx.canManageChannel) {
    return {
      ok: false,
      reply: userErrorReply('Only people who can manage this channel can change its anniversary posts', [
        'On Discord that takes the Manage Channels permission; on Slack, a workspace admin or owner.',
      ]),
    };
  }
  if (!ctx.channelId) {
    return {
      ok: false,
      reply: userErrorReply('Run this in a channel', [
        'Anniversary posts are set for one channel at a time.',
      ]),
    };
  }
  if (!ctx.subscriptions) return { ok: false, reply: settingsUnavailableReply() };
  return { ok: true, port: ctx.subscriptions, channelId: ctx.channelId };
}

/** Runs a settings step; a store failure becomes the "unavailable" answer, anything else is a bug. */
export async function orUnavailable(run: () => Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (err) {
    if (isUnavailable(err)) return settingsUnavailableReply();
    throw err;
  }
}

/** "09:00". */
export function clockHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** "Tuesday 3 June 2025 at 09:00 (Europe/Paris)" for the next post, or why there is none. */
export function nextPostText(status: SubscriptionStatus): string {
  if (status.paused) return 'None while paused';
  if (!status.nextPostLocal) return 'None in the next year: nothing to remember yet';
  const date = status.nextPostLocal.slice(0, 10);
  const time = status.nextPostLocal.slice(11, 16);
  return `${longDate(date)} at ${time} (${status.subscription.timeZone})`;
}

/** "3 June: 2024 — Men's 1500m final, Paris 2024: …" for each upcoming anniversary. */
export function upcomingLines(status: SubscriptionStatus): string[] {
  return status.upcoming.map((u) => `${longDate(u.date)}: ${u.label}`);
}
