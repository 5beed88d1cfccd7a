import { describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import { runSlackCli } from '../../../src/adapters/slack/cli.js';
import { botScopes, slackManifest, usageHint } from '../../../src/adapters/slack/manifest.js';
import { loadConfig } from '../../../src/config.js';
import type { Command, OptionSpec } from '../../../src/core/command.js';
import { UsageError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/logger.js';

const base: Command = {
  name: 'quote',
  description: 'An athlete’s own words',
  options: [
    { name: 'athlete', description: 'who', type: 'string', required: false },
    { name: 'keyword', description: 'word', type: 'string', required: false, rest: true },
  ],
  examples: ['/quote hocker', '/quote kerr silver'],
  run: () => ({ tone: 'info', title: 'x', sources: [], ephemeral: false }),
};

describe('slackManifest', () => {
  it('turns Socket Mode on and gives commands no request URL', () => {
    const m = slackManifest([base], { mode: 'socket' });
    expect(m.settings.socket_mode_enabled).toBe(true);
    // Button presses arrive over the socket: interactivity on, no URL.
    expect(m.settings.interactivity).toEqual({ is_enabled: true });
    expect(m.features.slash_commands).toEqual([
      {
        command: '/quote',
        description: 'An athlete’s own words',
        usage_hint: '[athlete] [keyword]   e.g. hocker',
        should_escape: false,
      },
    ]);
  });

  it('points every command at /slack/events in HTTP mode', () => {
    const m = slackManifest(commands, { mode: 'http', requestUrl: 'https://bot.example.org/' });
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: 'https://bot.example.org/slack/events',
    });
    expect(new Set(m.features.slash_commands.map((c) => c.url))).toEqual(
      new Set(['https://bot.example.org/slack/events']),
    );
  });

  it('refuses HTTP mode without a public URL', () => {
    expect(() => slackManifest(commands, { mode: 'http' })).toThrow(/public URL/);
  });

  it('asks for users:read only when a command changes channel settings', () => {
    expect(botScopes([base])).toEqual(['commands', 'chat:write', 'chat:write.public']);
    expect(botScopes([base, { ...base, name: 'subscribe', managesChannel: true }])).toContain('users:read');
  });

  it('refuses a command named like one of Slack’s built-ins', () => {
    expect(() => slackManifest([{ ...base, name: 'status' }], { mode: 'socket' })).toThrow(/built-in/);
  });

  it('leaves the usage hint out for a command without options', () => {
    expect(usageHint({ ...base, options: [] })).toBeUndefined();
    expect(
      usageHint({ ...base, options: [{ ...(base.options[0] as OptionSpec), required: true }], examples: [] }),
    ).toBe('athlete');
  });
});

describe('podium slack', () => {
  const deps = () => ({
    config: loadConfig({}),
    logger: createLogger('silent'),
    io: { stdout: () => undefined, stderr: () => undefined },
  });

  it('rejects an unknown verb, format or mode as a usage error', async () => {
    await expect(runSlackCli(['deploy'], deps())).rejects.toBeInstanceOf(UsageError);
    await expect(runSlackCli(['manifest', '--format', 'xml'], deps())).rejects.toBeInstanceOf(UsageError);
    await expect(runSlackCli(['manifest', '--mode', 'rtm'], deps())).rejects.toBeInstanceOf(UsageError);
    await expect(runSlackCli(['manifest', '--mode', 'http'], deps())).rejects.toBeInstanceOf(UsageError);
  });
});
