/**
 * Starts the real Slack adapter (Bolt) against the fake Slack, for tests and benchmarks.
 */
import { type SlackHandle, type StartSlackOptions, startSlack } from '../../../src/adapters/slack/app.js';
import { loadConfig } from '../../../src/config.js';
import type { Command } from '../../../src/core/command.js';
import { createLogger } from '../../../src/logger.js';
import { loadShippedKb } from '../../helpers.js';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.js';

/** The signing secret the harness configures in HTTP mode. */
export const TEST_SIGNING_SECRET = 'podium-test-signing-secret';

/** A running adapter, its fake Slack, and the log lines it wrote. */
export interface SlackHarness {
  fake: FakeSlack;
  slack: SlackHandle;
  /** http://127.0.0.1:PORT/slack/events (HTTP mode). */
  eventsUrl: string;
  baseUrl: string;
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Options of the harness. */
export interface HarnessOptions {
  mode: 'http' | 'socket';
  commands?: readonly Command[];
  fake?: FakeSlackOptions;
  adapter?: Partial<StartSlackOptions>;
  logLevel?: string;
  /** Configure this bot token instead of the one the fake accepts. */
  botToken?: string;
  /** More environment for loadConfig (PODIUM_PUBLIC_URL …). */
  env?: Record<string, string>;
}

/** Starts a fake Slack and the adapter connected to it. */
export async function startSlackHarness(options: HarnessOptions): Promise<SlackHarness> {
  const fake = await FakeSlack.start(options.fake);
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(options.logLevel ?? 'info', {
    write: (line: string) => {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: options.botToken ?? fake.botToken,
    SLACK_API_URL: fake.apiUrl,
    SLACK_MODE: options.mode,
    PORT: '0',
    ...options.env,
  };
  if (options.mode === 'http') env.SLACK_SIGNING_SECRET = TEST_SIGNING_SECRET;
  else env.SLACK_APP_TOKEN = fake.appToken;
  let slack: SlackHandle;
  try {
    slack = await startSlack({
      config: loadConfig(env),
      kb: await loadShippedKb(),
      logger,
      subscriptions: null,
      now: () => new Date('2026-08-06T10:00:00Z'),
      random: () => 0.5,
      host: '127.0.0.1',
      port: 0,
      ...(options.commands ? { commands: options.commands } : {}),
      ...options.adapter,
    });
  } catch (err) {
    await fake.stop();
    throw err;
  }
  const baseUrl = `http://127.0.0.1:${slack.port ?? 0}`;
  return {
    fake,
    slack,
    baseUrl,
    eventsUrl: `${baseUrl}/slack/events`,
    logs,
    stop: async () => {
      await slack.stop();
      await fake.stop();
    },
  };
}
