import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { runDiscordCli } from '../../../src/adapters/discord/cli.js';
import { deployCommands, registrationBody } from '../../../src/adapters/discord/commands.js';
import { ConfigError } from '../../../src/config.js';
import type { Command } from '../../../src/core/command.js';
import { UsageError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/logger.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import { discordConfig } from './helpers.js';

const subscribe: Command = {
  name: 'subscribe',
  description: 'Post “on this day” in this channel every day',
  options: [
    {
      name: 'timezone',
      description: 'IANA time zone',
      type: 'string',
      required: false,
      autocomplete: 'timezone',
    },
    {
      name: 'hour',
      description: 'Local hour, 0–23',
      type: 'integer',
      required: true,
      minValue: 0,
      maxValue: 23,
    },
    {
      name: 'format',
      description: 'How much to post',
      type: 'string',
      required: false,
      autocomplete: 'event',
      choices: [
        { name: 'Short', value: 'short' },
        { name: 'Long', value: 'long' },
      ],
    },
  ],
  examples: ['/subscribe 9 Europe/London'],
  managesChannel: true,
  run: () => ({ tone: 'info', title: 'ok', sources: [], ephemeral: true }),
};

describe('registrationBody', () => {
  it('declares /podium with its required autocompleted event option', () => {
    const podium = registrationBody(commands).find((c) => c.name === 'podium');
    expect(podium).toEqual({
      type: 1,
      name: 'podium',
      description: 'Gold, silver and bronze of an event, with marks and records',
      options: [
        {
          type: 3,
          name: 'event',
          description: 'The event, e.g. 1500m, men’s 1500 m, 1500m paris 2024',
          required: true,
          autocomplete: true,
          max_length: 100,
        },
      ],
      contexts: [0, 1],
      integration_types: [0],
    });
  });

  it('registers every command of the registry, in order', () => {
    expect(registrationBody(commands).map((c) => c.name)).toEqual(commands.map((c) => c.name));
  });

  it('types integers with their range, puts required options first, prefers choices over autocomplete, and guards channel settings', () => {
    expect(registrationBody([subscribe])).toEqual([
      {
        type: 1,
        name: 'subscribe',
        description: 'Post “on this day” in this channel every day',
        options: [
          {
            type: 4,
            name: 'hour',
            description: 'Local hour, 0–23',
            required: true,
            min_value: 0,
            max_value: 23,
          },
          { type: 3, name: 'timezone', description: 'IANA time zone', required: false, autocomplete: true },
          {
            type: 3,
            name: 'format',
            description: 'How much to post',
            required: false,
            choices: [
              { name: 'Short', value: 'short' },
              { name: 'Long', value: 'long' },
            ],
          },
        ],
        contexts: [0],
        integration_types: [0],
        default_member_permissions: 16,
      },
    ]);
  });

  it('cuts descriptions to Discord’s 100 characters', () => {
    const long: Command = { ...subscribe, description: 'x'.repeat(150), managesChannel: false };
    const [body] = registrationBody([long]);
    expect(body?.description).toHaveLength(100);
    expect(body?.default_member_permissions).toBeUndefined();
  });
});

describe('deployCommands', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('overwrites the commands of one server with --guild', async () => {
    const result = await deployCommands(discordConfig(fake.apiUrl), { guildId: '123456789012345678' });
    expect(result.scope).toBe('guild');
    expect(result.commands.map((c) => c.name)).toEqual(commands.map((c) => c.name));
    const call = fake.calls.find((c) => c.method === 'PUT');
    expect(call?.path).toBe(`/applications/${fake.applicationId}/guilds/123456789012345678/commands`);
    expect(call?.authorization).toBe('Bot fake-bot-token');
    expect(call?.body).toEqual(registrationBody(commands));
  });

  it('overwrites the global commands without --guild', async () => {
    const result = await deployCommands(discordConfig(fake.apiUrl));
    expect(result.scope).toBe('global');
    expect(
      fake.calls.some((c) => c.method === 'PUT' && c.path === `/applications/${fake.applicationId}/commands`),
    ).toBe(true);
  });

  it('needs the token and a numeric server id', async () => {
    await expect(deployCommands(discordConfig(fake.apiUrl, { DISCORD_TOKEN: '' }))).rejects.toThrow(
      ConfigError,
    );
    await expect(deployCommands(discordConfig(fake.apiUrl), { guildId: 'my-server' })).rejects.toThrow(
      UsageError,
    );
  });
});

describe('podium discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  async function run(argv: string[]) {
    let out = '';
    const code = await runDiscordCli(argv, {
      config: discordConfig(fake.apiUrl),
      logger: createLogger('silent'),
      io: { stdout: (s) => (out += s), stderr: () => undefined },
    });
    return { code, out };
  }

  it('prints the registration body as JSON', async () => {
    const { code, out } = await run(['commands']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(registrationBody(commands));
  });

  it('deploys to a server and says so', async () => {
    const { code, out } = await run(['deploy', '--guild', '123456789012345678']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Registered \d+ commands in server 123456789012345678: \/podium, \/quote/);
  });

  it('refuses an unknown verb as a usage error', async () => {
    await expect(run(['launch'])).rejects.toThrow(UsageError);
  });
});
