/**
 * The real Bolt app in HTTP mode over loopback: signed slash-command requests exactly as Slack sends
 * them, against a fake Web API and response_url sink.
 */
import { createServer } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { startSlack } from '../../../src/adapters/slack/app.js';
import { renderSlackMessage } from '../../../src/adapters/slack/render.js';
import { loadConfig } from '../../../src/config.js';
import type { Command, CommandContext } from '../../../src/core/command.js';
import { parseArgs } from '../../../src/core/parse.js';
import { internalErrorReply } from '../../../src/core/reply.js';
import { runCommand } from '../../../src/core/run-command.js';
import { createLogger } from '../../../src/logger.js';
import { FakeSlack } from '../../fakes/slack/fake-slack.js';
import { type SlackHarness, startSlackHarness, TEST_SIGNING_SECRET } from '../../fakes/slack/harness.js';
import { postSlashCommand, send, slackSignature } from '../../fakes/slack/signed-request.js';
import { loadShippedKb, testContext } from '../../helpers.js';

let seenContexts: CommandContext[] = [];
let releaseSlow: () => void = () => undefined;

const reply = (title: string) => ({ tone: 'info' as const, title, sources: [], ephemeral: false });

// Extra commands beside the registry, to reach the slow path, the error boundary and permissions.
const testCommands: Command[] = [
  ...commands,
  {
    name: 'slowpoke',
    description: 'answers after a while',
    options: [],
    examples: [],
    slow: true,
    run: async () => {
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      return reply('Finally, the answer');
    },
  },
  {
    name: 'dawdle',
    description: 'quick by declaration, slow in fact',
    options: [],
    examples: [],
    run: () => new Promise((resolve) => setTimeout(() => resolve(reply('Late but here')), 300)),
  },
  {
    name: 'boom',
    description: 'throws',
    options: [],
    examples: [],
    run: () => {
      throw new Error('secret internal detail');
    },
  },
  {
    name: 'slowboom',
    description: 'throws after the ack',
    options: [],
    examples: [],
    slow: true,
    run: async () => {
      throw new Error('secret slow detail');
    },
  },
  {
    name: 'whoami',
    description: 'shows the context',
    options: [],
    examples: [],
    managesChannel: true,
    run: (ctx) => {
      seenContexts.push(ctx);
      return reply(ctx.canManageChannel ? 'You may manage this channel' : 'Only admins may do that');
    },
  },
];

async function expectedAnswer(name: string, text: string) {
  const kb = await loadShippedKb();
  const command = commands.find((c) => c.name === name) as Command;
  const parsed = parseArgs(command, text, kb);
  if (!parsed.ok) return renderSlackMessage(parsed.reply);
  const ctx = await testContext({
    platform: 'slack',
    channelId: 'C0CHANNEL',
    userId: 'U0USER',
    random: () => 0.5,
    // The served commands: buttons point only at these, as the adapter's do.
    commands: testCommands,
  });
  return renderSlackMessage(await runCommand(command, ctx, parsed.args));
}

describe('Slack adapter over HTTP', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      mode: 'http',
      commands: testCommands,
      fake: { users: { U0ADMIN: { is_admin: true, tz: 'America/New_York' }, U0USER: {} } },
      adapter: { ackBudgetMs: 100 },
    });
  });
  afterAll(() => h.stop());
  afterEach(() => {
    seenContexts = [];
  });

  const signed = (command: string, text: string, overrides: Record<string, string> = {}) =>
    postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, h.fake.slashCommand(command, text, overrides));

  it('checks the bot token with auth.test at start-up', () => {
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('answers /podium 1500m in the ack, in the channel, with medal blocks and fallback text', async () => {
    const res = await signed('/podium', '1500m');
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/json');
    expect(res.body).toEqual(await expectedAnswer('podium', '1500m'));
    const body = res.body as ReturnType<typeof renderSlackMessage>;
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: "Men's 1500m final — Paris 2024", emoji: true },
    });
    expect(JSON.stringify(body.blocks)).toContain('🥇 *Cole Hocker* (USA) — 3:27.65 `OR` `PB`');
    expect(body.text).toContain('🥇 Cole Hocker (USA) — 3:27.65 OR PB');
    expect(h.fake.responses).toHaveLength(0);
  });

  it('parses the text after /quote into the athlete and keyword options', async () => {
    const res = await signed('/quote', 'kerr silver');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(await expectedAnswer('quote', 'kerr silver'));
    expect(JSON.stringify(res.body)).toContain('Josh Kerr');
  });

  it('answers /quote hocker with a quote block and its source', async () => {
    const res = await signed('/quote', 'hocker');
    const body = res.body as ReturnType<typeof renderSlackMessage>;
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks.some((b) => b.type === 'section' && b.text?.text.startsWith('> “'))).toBe(true);
    expect(body.blocks.at(-1)?.type).toBe('context');
  });

  it('shows help and usage errors only to the person who asked', async () => {
    const help = await signed('/help', '');
    expect((help.body as { response_type: string }).response_type).toBe('ephemeral');
    const usage = await signed('/result', '');
    expect(usage.body).toEqual(await expectedAnswer('result', ''));
    expect((usage.body as { response_type: string }).response_type).toBe('ephemeral');
  });

  it('keeps mentions typed into a command as text', async () => {
    const res = await signed('/quote', '<!channel> <@U0ADMIN> &');
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<@U0ADMIN>');
    expect(raw).not.toMatch(/(?<!&lt;)[!@]channel&gt;|<[!@#]/);
  });

  it('rejects unsigned, wrongly signed and stale requests with 401 and answers nothing', async () => {
    const before = { calls: h.fake.calls.length, responses: h.fake.responses.length };
    const fields = h.fake.slashCommand('/podium', '1500m');
    const unsigned = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields, { unsigned: true });
    const wrong = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields, { wrongSecret: 'not-it' });
    const stale = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields, {
      timestampSec: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    for (const res of [unsigned, wrong, stale]) {
      expect(res.status).toBe(401);
      expect(res.body).toBe('');
    }
    // The same request signed properly is still answered: nothing was remembered from the rejects.
    const good = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    expect((good.body as { response_type: string }).response_type).toBe('in_channel');
    expect(h.fake.calls.length).toBe(before.calls);
    expect(h.fake.responses.length).toBe(before.responses);
  });

  it('rejects a body that was changed after signing', async () => {
    const fields = h.fake.slashCommand('/podium', '1500m');
    const ts = Math.floor(Date.now() / 1000);
    const signature = slackSignature(TEST_SIGNING_SECRET, ts, new URLSearchParams(fields).toString());
    const tampered = new URLSearchParams({ ...fields, text: 'marathon' }).toString();
    const res = await send(
      h.eventsUrl,
      'POST',
      {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature,
      },
      tampered,
    );
    expect(res.status).toBe(401);
  });

  it('acks a slow command at once and delivers the answer through response_url', async () => {
    const fields = h.fake.slashCommand('/slowpoke', '');
    const res = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(h.fake.responses.filter((r) => fields.response_url?.endsWith(r.id))).toHaveLength(0);
    releaseSlow();
    await h.fake.waitFor(() => h.fake.responses.some((r) => fields.response_url?.endsWith(r.id)));
    const delivered = h.fake.responses.find((r) => fields.response_url?.endsWith(r.id));
    expect(delivered?.body).toEqual(renderSlackMessage(reply('Finally, the answer')));
  });

  it('acks empty and answers through response_url when a quick command runs past the ack budget', async () => {
    const fields = h.fake.slashCommand('/dawdle', '');
    const res = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    expect(res.body).toBe('');
    await h.fake.waitFor(() => h.fake.responses.some((r) => fields.response_url?.endsWith(r.id)));
    const delivered = h.fake.responses.find((r) => fields.response_url?.endsWith(r.id));
    expect(delivered?.body).toMatchObject({ text: 'Late but here' });
  });

  it('answers a retried delivery (x-slack-retry-num) once', async () => {
    const fields = h.fake.slashCommand('/podium', '1500m');
    const first = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    const retry = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields, { retryNum: 1 });
    expect((first.body as { response_type: string }).response_type).toBe('in_channel');
    expect(retry.status).toBe(200);
    expect(retry.body).toBe('');
    expect(h.logs.some((l) => l.msg === 'slack: redelivered command ignored' && l.retry === 1)).toBe(true);
  });

  it('posts a slow answer once even when Slack redelivers the command', async () => {
    const fields = h.fake.slashCommand('/slowpoke', '');
    const first = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    const retry = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields, { retryNum: 2 });
    expect([first.body, retry.body]).toEqual(['', '']);
    releaseSlow();
    const mine = () => h.fake.responses.filter((r) => fields.response_url?.endsWith(r.id));
    await h.fake.waitFor(() => mine().length > 0);
    // A later command's answer arriving proves the redelivery had its chance to answer and did not.
    const marker = h.fake.slashCommand('/dawdle', '');
    await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, marker);
    await h.fake.waitFor(() => h.fake.responses.some((r) => marker.response_url?.endsWith(r.id)));
    expect(mine()).toHaveLength(1);
  });

  it('turns a bug into the ephemeral internal error, logged with its stack and never shown', async () => {
    const res = await signed('/boom', '');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(renderSlackMessage(internalErrorReply()));
    const body = res.body as ReturnType<typeof renderSlackMessage>;
    expect(body.response_type).toBe('ephemeral');
    expect(body.text.startsWith('Something went wrong')).toBe(true);
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
    const logged = h.logs.find((l) => l.msg === 'slack: command failed' && l.command === '/boom');
    expect((logged?.err as { stack?: string })?.stack).toContain('secret internal detail');
  });

  it('turns a bug after the ack into an ephemeral internal error through response_url', async () => {
    const fields = h.fake.slashCommand('/slowboom', '');
    await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
    await h.fake.waitFor(() => h.fake.responses.some((r) => fields.response_url?.endsWith(r.id)));
    const delivered = h.fake.responses.find((r) => fields.response_url?.endsWith(r.id));
    expect(delivered?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(delivered?.body)).not.toContain('secret slow detail');
  });

  it('answers an unknown command with an ephemeral hint', async () => {
    const res = await signed('/trophies', 'usa');
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    expect((res.body as { text: string }).text).toContain('/podium');
  });

  it('lets workspace admins manage a channel, with their time zone, and refuses regular members', async () => {
    const admin = await signed('/whoami', '', { user_id: 'U0ADMIN', channel_id: 'C0NEWS' });
    const member = await signed('/whoami', '', { user_id: 'U0USER' });
    const stranger = await signed('/whoami', '', { user_id: 'U0UNKNOWN' });
    expect((admin.body as { text: string }).text).toBe('You may manage this channel');
    expect((member.body as { text: string }).text).toBe('Only admins may do that');
    expect((stranger.body as { text: string }).text).toBe('Only admins may do that');
    expect(seenContexts[0]).toMatchObject({
      platform: 'slack',
      channelId: 'C0NEWS',
      userId: 'U0ADMIN',
      timeZone: 'America/New_York',
      canManageChannel: true,
    });
    expect(h.fake.callsTo('users.info').map((c) => c.params.user)).toEqual([
      'U0ADMIN',
      'U0USER',
      'U0UNKNOWN',
    ]);
  });

  it('does not look users up for commands that change nothing', async () => {
    const before = h.fake.callsTo('users.info').length;
    await signed('/podium', '1500m');
    expect(h.fake.callsTo('users.info').length).toBe(before);
  });

  it('serves a health check', async () => {
    const res = await send(`${h.baseUrl}/healthz`, 'GET');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });
});

describe('Slack adapter over HTTP, open to everyone', () => {
  it('lets every member manage channels when the operator allows it', async () => {
    const h = await startSlackHarness({
      mode: 'http',
      commands: testCommands,
      fake: { users: { U0USER: {} } },
      adapter: { allowEveryoneToManageChannels: true },
    });
    try {
      const res = await postSlashCommand(
        h.eventsUrl,
        TEST_SIGNING_SECRET,
        h.fake.slashCommand('/whoami', ''),
      );
      expect((res.body as { text: string }).text).toBe('You may manage this channel');
    } finally {
      await h.stop();
    }
  });

  it('refuses to start with a bot token Slack does not accept', async () => {
    await expect(startSlackHarness({ mode: 'http', botToken: 'xoxb-revoked-token' })).rejects.toThrow(
      /invalid_auth/,
    );
  });
});

describe('Slack adapter on a shared HTTP server', () => {
  it('serves /slack/events and /healthz through handleRequest and leaves other paths to the caller', async () => {
    const fake = await FakeSlack.start();
    const slack = await startSlack({
      config: loadConfig({
        SLACK_MODE: 'http',
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      }),
      kb: await loadShippedKb(),
      logger: createLogger('silent'),
      subscriptions: null,
      listen: false,
    });
    const server = createServer((req, res) => {
      if (slack.handleRequest?.(req, res)) return;
      res.writeHead(418).end('discord would answer here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      expect(slack.port).toBeUndefined();
      const answer = await postSlashCommand(
        `http://127.0.0.1:${port}/slack/events`,
        TEST_SIGNING_SECRET,
        fake.slashCommand('/podium', '1500m'),
      );
      expect(answer.body).toMatchObject({ response_type: 'in_channel' });
      expect((await send(`http://127.0.0.1:${port}/healthz`, 'GET')).status).toBe(200);
      expect((await send(`http://127.0.0.1:${port}/slack/events`, 'GET')).status).toBe(404);
      expect((await send(`http://127.0.0.1:${port}/interactions`, 'POST')).status).toBe(418);
    } finally {
      server.close();
      await slack.stop();
      await fake.stop();
    }
  });
});
