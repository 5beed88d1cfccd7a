import { createHash } from 'node:crypto';
import type { PlatformName } from '../core/platform.js';
import type { Reply } from '../core/reply.js';
import type { SubscriptionInfo } from '../core/subscriptions.js';
import { addDays, localDate, zonedInstant } from '../core/zoned-time.js';

/** The store key of a channel: "discord:123456". */
export function channelKey(platform: PlatformName, channelId: string): string {
  return `${platform}:${channelId}`;
}

/** The platform and channel of a channel key, or null for a malformed one. */
export function parseChannelKey(key: string): { platform: PlatformName; channelId: string } | null {
  const i = key.indexOf(':');
  const platform = key.slice(0, i);
  if (i < 1 || (platform !== 'console' && platform !== 'discord' && platform !== 'slack')) return null;
  return { platform, channelId: key.slice(i + 1) };
}

/** The ledger and claim key of one delivery: a channel on a local date. */
export function deliveryKey(channel: string, date: string): string {
  return `${channel}@${date}`;
}

/**
 * A stable 25-character key per delivery that posters may hand to the platform for deduplication
 * (Discord's `nonce` with `enforce_nonce`, at most 25 characters), so a post repeated after a crash
 * between posting and recording does not show twice.
 */
export function idempotencyKey(delivery: string): string {
  return createHash('sha256').update(delivery).digest('base64url').slice(0, 25);
}

/** When a subscription is due on a local date. */
export interface DueSlot {
  localDate: string;
  dueAt: number;
}

/** The instant a subscription is due on `date`. */
export function slotOn(sub: Pick<SubscriptionInfo, 'hour' | 'timeZone'>, date: string): DueSlot {
  return { localDate: date, dueAt: zonedInstant(date, sub.hour, sub.timeZone) };
}

/**
 * The first slot at or after `nowMs` whose local date is not yet delivered: today's if the hour
 * has not passed, otherwise tomorrow's (a new or changed subscription starts at the next occurrence).
 */
export async function firstSlotFrom(
  nowMs: number,
  sub: Pick<SubscriptionInfo, 'hour' | 'timeZone'>,
  delivered: (date: string) => Promise<boolean>,
): Promise<DueSlot> {
  let date = localDate(nowMs, sub.timeZone);
  for (let i = 0; i < 3; i++, date = addDays(date, 1)) {
    const slot = slotOn(sub, date);
    if (slot.dueAt >= nowMs && !(await delivered(date))) return slot;
  }
  return slotOn(sub, date);
}

/** Produces the "on this day" reply of a local date, or null on a quiet day. */
export type AnniversarySource = (localDate: string) => Reply | null;

/**
 * The next `count` local dates from `fromDate` (inclusive) that have something to post, each with a
 * one-line label, looking a year ahead (365 days: each calendar day once).
 */
export function upcomingAnniversaries(
  anniversary: AnniversarySource,
  fromDate: string,
  count: number,
): Array<{ date: string; label: string }> {
  const out: Array<{ date: string; label: string }> = [];
  for (let i = 0, date = fromDate; i < 365 && out.length < count; i++, date = addDays(date, 1)) {
    const reply = anniversary(date);
    if (reply) out.push({ date, label: labelOf(reply) });
  }
  return out;
}

function labelOf(reply: Reply): string {
  const lines = reply.lines ?? [];
  const first = lines[0] ?? reply.title;
  let more = Math.max(0, lines.length - 1);
  // onThisDay ends a long list with "… and N more": count those too, not the line itself.
  const tail = /^… and (\d+) more$/.exec(lines[lines.length - 1] ?? '');
  if (tail && lines.length > 1) more += Number(tail[1]) - 1;
  const label = more > 0 ? `${first} (+${more} more)` : first;
  return label.length > 200 ? `${label.slice(0, 199)}…` : label;
}
