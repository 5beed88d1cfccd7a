import { afterEach, describe, expect, it } from 'vitest';
import { subscribeCommand } from '../../commands/subscribe.js';
import { subscriptionCommand } from '../../commands/subscription.js';
import { unsubscribeCommand } from '../../commands/unsubscribe.js';
import type { Command, CommandArgs, CommandContext } from '../../src/core/command.js';
import { runCommand } from '../../src/core/run-command.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { loadShippedKb, testContext } from '../helpers.js';

const stores: PodiumStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()?.close();
});

async function context(overrides: Partial<CommandContext> = {}): Promise<CommandContext> {
  const kb = await loadShippedKb();
  const store = await openStore('memory://');
  stores.push(store);
  const now = () => new Date('2026-08-06T10:00:00Z');
  return testContext({
    platform: 'discord',
    channelId: 'C42',
    userId: 'U1',
    now,
    subscriptions: createSubscriptionsPort({ store, kb, clock: now }),
    ...overrides,
  });
}

const run = (command: Command, ctx: CommandContext, args: CommandArgs = {}) => runCommand(command, ctx, args);

describe('/subscribe', () => {
  it('turns posts on at 09:00 in the server zone by default and says when the next one goes out', async () => {
    const ctx = await context({ timeZone: 'Europe/Paris' });
    const reply = await run(subscribeCommand, ctx);
    expect(reply).toMatchObject({ tone: 'info', title: 'Anniversary posts are on', ephemeral: true });
    expect(reply.summary).toContain('every day at 09:00 (Europe/Paris)');
    expect(reply.fields?.[0]?.label).toBe('Next post');
    expect(reply.fields?.[0]?.value).toMatch(/ at 09:00 \(Europe\/Paris\)$/);
    const status = await ctx.subscriptions?.status('discord', 'C42');
    expect(status?.subscription).toMatchObject({ hour: 9, timeZone: 'Europe/Paris', createdBy: 'U1' });
  });

  it('falls back to UTC without a server zone and takes an hour and a zone in any case', async () => {
    const ctx = await context();
    expect((await run(subscribeCommand, ctx)).summary).toContain('09:00 (UTC)');
    const reply = await run(subscribeCommand, ctx, { hour: '6pm', timezone: 'america/new_york' });
    expect(reply.summary).toContain('every day at 18:00 (America/New_York)');
  });

  it('declares hour 0–23 and a time zone with autocomplete, and manages the channel', () => {
    expect(subscribeCommand.managesChannel).toBe(true);
    expect(subscribeCommand.options).toEqual([
      expect.objectContaining({ name: 'hour', type: 'integer', required: false, minValue: 0, maxValue: 23 }),
      expect.objectContaining({
        name: 'timezone',
        type: 'string',
        required: false,
        autocomplete: 'timezone',
      }),
    ]);
  });

  it('explains a bad hour or an unknown zone', async () => {
    const ctx = await context();
    const badHour = await subscribeCommand.run(ctx, { hour: 24 });
    expect(badHour).toMatchObject({
      tone: 'error',
      title: 'The hour must be a whole number from 0 to 23',
      ephemeral: true,
    });
    const viaRunner = await run(subscribeCommand, ctx, { hour: '25' });
    expect(viaRunner.tone).toBe('error');
    const badZone = await run(subscribeCommand, ctx, { timezone: 'Mars/Olympus_Mons' });
    expect(badZone).toMatchObject({ tone: 'error', title: 'Unknown time zone “Mars/Olympus_Mons”' });
    expect(badZone.lines?.[0]).toContain('Europe/Paris');
    expect(await ctx.subscriptions?.status('discord', 'C42')).toBeNull();
  });

  it('refuses politely when the caller cannot manage the channel', async () => {
    const ctx = await context({ canManageChannel: false });
    for (const command of [subscribeCommand, unsubscribeCommand, subscriptionCommand]) {
      const reply = await run(command, ctx);
      expect(reply).toMatchObject({ tone: 'error', ephemeral: true });
      expect(reply.title).toMatch(/^Only people who can manage this channel/);
    }
    expect(await ctx.subscriptions?.status('discord', 'C42')).toBeNull();
  });

  it('asks to be run in a channel when there is none', async () => {
    const ctx = await context({ channelId: null });
    expect((await run(subscribeCommand, ctx)).title).toBe('Run this in a channel');
  });
});

describe('/unsubscribe', () => {
  it('turns posts off, and says so when there was nothing to turn off', async () => {
    const ctx = await context();
    await run(subscribeCommand, ctx, { hour: 7 });
    expect(await run(unsubscribeCommand, ctx)).toMatchObject({
      tone: 'info',
      title: 'Anniversary posts are off',
    });
    expect(await run(unsubscribeCommand, ctx)).toMatchObject({
      tone: 'miss',
      title: 'This channel was not subscribed',
    });
    expect(await ctx.subscriptions?.status('discord', 'C42')).toBeNull();
  });
});
