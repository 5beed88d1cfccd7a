import { describe, expect, it } from 'vitest';
import {
  createDiscordPoster,
  startDiscordGateway,
  startDiscordHttp,
} from '../../src/adapters/discord/index.js';
import { startSlack } from '../../src/adapters/slack/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { createLogger } from '../../src/logger.js';

const deps = { kb: KnowledgeBase.fromBundles([]), logger: createLogger('silent'), subscriptions: null };
const none = loadConfig({});

describe('an adapter started without its credentials', () => {
  it('says which variable is missing with a ConfigError, like every other configuration problem', async () => {
    expect(() => createDiscordPoster({ config: none, logger: deps.logger })).toThrow(ConfigError);
    await expect(startDiscordGateway({ ...deps, config: none })).rejects.toThrow(/^DISCORD_TOKEN: /);
    await expect(startDiscordHttp({ ...deps, config: none })).rejects.toThrow(/^DISCORD_PUBLIC_KEY: /);
    await expect(startSlack({ ...deps, config: none })).rejects.toBeInstanceOf(ConfigError);
    // A config object built by hand (not through loadConfig) may lack the mode's own secret.
    const socket = { ...none, slack: { ...none.slack, botToken: 'xoxb-1', mode: 'socket' as const } };
    await expect(startSlack({ ...deps, config: socket })).rejects.toThrow(/^SLACK_APP_TOKEN: /);
    const http = { ...none, slack: { ...none.slack, botToken: 'xoxb-1', mode: 'http' as const } };
    await expect(startSlack({ ...deps, config: http })).rejects.toThrow(/^SLACK_SIGNING_SECRET: /);
  });
});
