/**
 * The gateway bot against the fake gateway: it shards when /gateway/bot says it must (one
 * connection per shard, each guild's events answered once), and after the connection drops it
 * resumes and keeps answering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type DiscordGatewayHandle, startDiscordGateway } from '../../src/adapters/discord/gateway.js';
import { capturingLogger, discordConfig, until } from '../adapters/discord/helpers.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { chatInputInteraction, str } from '../fakes/discord/interactions.js';
import { loadShippedKb } from '../helpers.js';

let fake: FakeDiscord | null = null;
let bot: DiscordGatewayHandle | null = null;
afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = null;
  fake = null;
});

async function start(shards: number): Promise<{ fake: FakeDiscord; bot: DiscordGatewayHandle }> {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 200, shards });
  bot = await startDiscordGateway({
    config: discordConfig(fake.apiUrl),
    kb: await loadShippedKb(),
    logger: capturingLogger().logger,
    subscriptions: null,
  });
  return { fake, bot };
}

/** Sends /podium 1500m in a guild and waits for the callback; returns how many callbacks it got. */
async function ask(f: FakeDiscord, guildId: string): Promise<number> {
  const interaction = chatInputInteraction('podium', [str('event', '1500m')], {
    applicationId: f.applicationId,
    guildId,
  });
  f.interact(interaction);
  await f.waitForCall((c) => c.path.startsWith(`/interactions/${interaction.id}/`), 10_000);
  await new Promise((r) => setTimeout(r, 100));
  return f.calls.filter((c) => c.path.startsWith(`/interactions/${interaction.id}/`)).length;
}

describe('Discord gateway faults and scale', () => {
  it('opens one connection per shard when /gateway/bot says shards > 1, and answers on each', async () => {
    const { fake: f, bot: b } = await start(3);
    await until(() => f.connectedShards().length === 3, 15_000);
    expect(f.connectedShards()).toEqual([0, 1, 2]);
    expect(f.identifies.map((i) => i.shard)).toEqual(
      expect.arrayContaining([
        [0, 3],
        [1, 3],
        [2, 3],
      ]),
    );
    expect(b.notReady()).toBeNull();
    // Guild ids chosen so each shard gets one: shard = (id >> 22) % 3.
    for (let shard = 0; shard < 3; shard++) {
      const guild = String((BigInt(shard) << 22n) + 1n);
      expect(await ask(f, guild)).toBe(1);
    }
  }, 30_000);

  it('resumes after the connection drops and keeps answering', async () => {
    const { fake: f } = await start(1);
    expect(await ask(f, '900000000000000001')).toBe(1);
    f.dropGateway();
    await until(() => f.resumes > 0 && f.connectedShards().length === 1, 20_000);
    expect(await ask(f, '900000000000000001')).toBe(1);
  }, 30_000);
});
