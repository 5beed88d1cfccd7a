/**
 * Three Podium instances sharing one Redis, as behind a load balancer: each with its own store
 * connection, HTTP server (Discord interactions + Slack HTTP mode), posters and scheduler, against
 * one fake Discord and one fake Slack. Answers come from any instance; a replay sent to another
 * instance is refused; every scheduled delivery goes out exactly once although all three tick at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DiscordHttpHandle, startDiscordHttp } from '../../src/adapters/discord/http.js';
import { createDiscordPoster } from '../../src/adapters/discord/poster.js';
import { type SlackHandle, startSlack } from '../../src/adapters/slack/app.js';
import { loadConfig } from '../../src/config.js';
import { createOpsServer, type OpsServer } from '../../src/ops/http-server.js';
import { createScheduler, type Scheduler } from '../../src/scheduler/scheduler.js';
import { createSubscriptionsPort } from '../../src/scheduler/subscriptions.js';
import { openStore, type PodiumStore } from '../../src/store/index.js';
import { discordConfig } from '../adapters/discord/helpers.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { chatInputInteraction, str } from '../fakes/discord/interactions.js';
import { type DiscordSigner, discordSigner } from '../fakes/discord/signer.js';
import { FakeSlack } from '../fakes/slack/fake-slack.js';
import { postSlashCommand } from '../fakes/slack/signed-request.js';
import { loadShippedKb } from '../helpers.js';
import { dropPrefix, freshPrefix, manualClock, quietLogger, REDIS_URL } from '../scheduler/helpers.js';

const SECRET = 'three-instances-secret';
const prefix = freshPrefix('three');
const clock = manualClock('2026-08-06T06:00:00Z');
let discord: FakeDiscord;
let slack: FakeSlack;
let signer: DiscordSigner;

interface Instance {
  store: PodiumStore;
  ops: OpsServer;
  base: string;
  scheduler: Scheduler;
  stop(): Promise<void>;
}
const instances: Instance[] = [];

async function startInstance(n: number): Promise<Instance> {
  const kb = await loadShippedKb();
  const store = await openStore(REDIS_URL, { prefix });
  const subscriptions = createSubscriptionsPort({ store, kb, clock: clock.now });
  const tag = `instance-${n}`;
  const http: DiscordHttpHandle = await startDiscordHttp({
    config: discordConfig(discord.apiUrl, { DISCORD_PUBLIC_KEY: signer.publicKeyHex }),
    kb,
    logger: quietLogger,
    subscriptions,
    listen: false,
    firstDelivery: (id) => store.claims.acquire(`discord-interaction:${id}`, tag, Date.now(), 600_000),
  });
  const slackHandle: SlackHandle = await startSlack({
    config: loadConfig({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: SECRET,
    }),
    kb,
    logger: quietLogger,
    subscriptions,
    listen: false,
    firstDelivery: (key) => store.claims.acquire(`slack-delivery:${key}`, tag, Date.now(), 600_000),
  });
  const ops = createOpsServer({
    handlers: [http.handleRequest, slackHandle.handleRequest ?? (() => false)],
    readiness: {},
    metrics: null,
    logger: quietLogger,
  });
  const base = await ops.listen(0, '127.0.0.1');
  const scheduler = createScheduler({
    store,
    kb,
    posters: [
      createDiscordPoster({ config: discordConfig(discord.apiUrl), logger: quietLogger }),
      slackHandle.poster,
    ],
    clock: clock.now,
    logger: quietLogger,
    instanceId: tag,
    rateLimits: { discord: { postsPerSecond: 2000 }, slack: { postsPerSecond: 2000 } },
  });
  return {
    store,
    ops,
    base,
    scheduler,
    stop: async () => {
      await ops.close(500);
      await http.stop();
      await slackHandle.stop();
      await store.close();
    },
  };
}

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await FakeSlack.start();
  signer = discordSigner();
  for (let n = 0; n < 3; n++) instances.push(await startInstance(n));
}, 60_000);
afterAll(async () => {
  for (const i of instances) await i.stop();
  await discord?.close();
  await slack?.stop();
  await dropPrefix(prefix);
});

describe('three instances on one Redis', () => {
  it('answer from any instance, and a replay reaching another instance runs once', async () => {
    for (const [n, instance] of instances.entries()) {
      const res = await postSlashCommand(`${instance.base}/slack/events`, SECRET, {
        command: '/podium',
        text: '1500m',
        channel_id: 'C1',
        user_id: 'U1',
        team_id: 'T1',
        trigger_id: `any-${n}`,
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('Hocker');
    }
    const body = JSON.stringify(
      chatInputInteraction('podium', [str('event', '1500m')], { applicationId: discord.applicationId }),
    );
    const statuses: number[] = [];
    for (const instance of instances) {
      const res = await fetch(`${instance.base}/discord/interactions`, {
        method: 'POST',
        headers: signer.headers(body),
        body,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 409, 409]);
  });

  it('deliver every subscription exactly once while all three tick together', async () => {
    const kb = await loadShippedKb();
    const port = createSubscriptionsPort({ store: instances[0]?.store as PodiumStore, kb, clock: clock.now });
    const discordIds = Array.from({ length: 150 }, (_, i) => String(300000000000000000n + BigInt(i)));
    const slackIds = Array.from({ length: 150 }, (_, i) => `C3${String(i).padStart(5, '0')}`);
    for (const id of discordIds)
      await port.subscribe({ platform: 'discord', channelId: id, hour: 9, timeZone: 'UTC', createdBy: 'u' });
    for (const id of slackIds)
      await port.subscribe({ platform: 'slack', channelId: id, hour: 9, timeZone: 'UTC', createdBy: 'u' });
    // A post that timed out on a loaded machine is retried by a later tick the same day, as in
    // production (one tick a minute); exactly once still means once by the end of the day.
    for (const t of [
      '2026-08-06T09:00:00Z',
      '2026-08-06T09:01:00Z',
      '2026-08-06T12:00:00Z',
      '2026-08-06T15:00:00Z',
      '2026-08-06T18:00:00Z',
      '2026-08-06T21:00:00Z',
    ]) {
      clock.set(t);
      await Promise.all(instances.map((i) => i.scheduler.tick()));
      // discord.js honours a 429 in real time (its REST queue rejects at once while closed), but
      // this clock jumps hours a tick: let real time pass any limit before the next tick retries.
      await new Promise((r) => setTimeout(r, 2100));
    }
    const discordPosts = discord.calls
      .filter((c) => c.method === 'POST' && /\/channels\/\d+\/messages$/.test(c.path) && c.status === 200)
      .map((c) => c.path.split('/')[2]);
    const slackPosts = slack.callsTo('chat.postMessage').map((c) => String(c.params.channel));
    expect(discordPosts.sort()).toEqual([...discordIds].sort());
    expect(slackPosts.sort()).toEqual([...slackIds].sort());
  }, 60_000);
});
