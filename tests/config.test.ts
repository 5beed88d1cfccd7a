import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has sensible defaults with nothing set: console, SQLite store, port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      store: 'sqlite://var/podium.sqlite',
      port: 3000,
      logLevel: 'info',
      discord: { token: null, apiUrl: 'https://discord.com/api' },
      slack: { botToken: null, mode: 'http', apiUrl: 'https://slack.com/api/' },
    });
  });

  it.each([
    [{ PORT: '99999' }, 'PORT: must be a port number from 0 to 65535'],
    [
      { PODIUM_STORE: 'mysql://x' },
      'PODIUM_STORE: must be sqlite://<file>, redis://<host>:<port> or memory://',
    ],
    [{ DISCORD_TOKEN: 'abc' }, 'DISCORD_APPLICATION_ID: must be set when DISCORD_TOKEN is set'],
    [{ SLACK_BOT_TOKEN: 'nope' }, 'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-'],
    [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'socket' },
      'SLACK_APP_TOKEN: must be set for SLACK_MODE=socket (an xapp- token)',
    ],
    [
      { DISCORD_PUBLIC_KEY: 'zz', DISCORD_APPLICATION_ID: '123456' },
      'DISCORD_PUBLIC_KEY: must be the 64-character hex public key from the Developer Portal',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ PODIUM_IMAGES: 'maybe' }, 'PODIUM_IMAGES: must be true or false'],
    [
      { PODIUM_PUBLIC_URL: 'podium.example.org' },
      'PODIUM_PUBLIC_URL: must be the http(s) URL where Podium is reachable, e.g. https://podium.example.org',
    ],
  ])('names the variable and what it needs: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(
      new ConfigError(message.split(':')[0] as string, message.slice(message.indexOf(':') + 2)),
    );
  });

  it('turns cards on by default, off with PODIUM_IMAGES=false, and trims the public URL', () => {
    expect(loadConfig({}).images).toEqual({ enabled: true, publicUrl: null });
    expect(loadConfig({ PODIUM_IMAGES: 'false' }).images.enabled).toBe(false);
    expect(loadConfig({ PODIUM_PUBLIC_URL: 'https://podium.example.org/' }).images.publicUrl).toBe(
      'https://podium.example.org',
    );
  });

  it('picks Socket Mode when an app token is set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack.mode).toBe('socket');
  });

  it('any environment either configures Podium or names one variable and what it must be', () => {
    const names = [
      'PORT',
      'LOG_LEVEL',
      'LOG_FORMAT',
      'SLACK_MODE',
      'PODIUM_STORE',
      'PODIUM_IMAGES',
      'PODIUM_PUBLIC_URL',
      'DISCORD_API_URL',
      'DISCORD_APPLICATION_ID',
      'SLACK_BOT_TOKEN',
    ];
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom('', ' ', '0', '65536', '-1', '3.5', 'INFO', ' warn ', 'http', 'memory://', 'https://x'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (env) => {
        try {
          const c = loadConfig(env);
          expect(Number.isInteger(c.port) && c.port >= 0 && c.port <= 65535).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as Error).message).toMatch(/^[A-Z_]+: must be \S/);
          expect((err as Error).message).not.toContain('\n');
        }
      }),
    );
  });
});
