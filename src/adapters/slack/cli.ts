/** `podium slack …`: prints the app manifest generated from the command registry. */
import { parseArgs } from 'node:util';
import { commands } from '../../../commands/index.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import { formatSlackManifest, type SlackMode, slackManifest } from './manifest.js';

/** What `podium slack` needs from the CLI. */
export interface SlackCliDeps {
  config: Config;
  logger: Logger;
  io: { stdout: (s: string) => void; stderr: (s: string) => void };
}

const SLACK_USAGE =
  'podium slack manifest [--format json|yaml] [--mode socket|http] [--url https://your.host]';

/**
 * Runs `podium slack <verb>`; resolves to the exit code. Socket Mode is the default (no public URL
 * needed); `--url` (or `--mode http`) gives the HTTP manifest whose commands point at URL/slack/events.
 */
export async function runSlackCli(argv: string[], deps: SlackCliDeps): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'manifest') throw new UsageError(`slack needs a verb: ${SLACK_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      format: { type: 'string', short: 'f', default: 'json' },
      mode: { type: 'string' },
      url: { type: 'string' },
    },
    allowPositionals: false,
  });
  const format = values.format;
  if (format !== 'json' && format !== 'yaml') throw new UsageError('--format must be json or yaml');
  if (values.mode !== undefined && values.mode !== 'socket' && values.mode !== 'http') {
    throw new UsageError('--mode must be socket or http');
  }
  // A fresh user has no tokens yet, so Socket Mode unless HTTP is asked for (flag, URL, or a configured HTTP bot).
  const configuredHttp = deps.config.slack.mode === 'http' && deps.config.slack.signingSecret !== null;
  const mode: SlackMode =
    (values.mode as SlackMode | undefined) ?? (values.url || configuredHttp ? 'http' : 'socket');
  if (mode === 'http' && !values.url) {
    throw new UsageError('HTTP mode needs the public URL of the bot: --url https://your.host');
  }
  if (values.url && !/^https?:\/\/[^\s]+$/.test(values.url)) {
    throw new UsageError('--url must be an http(s) URL, e.g. https://podium.example.org');
  }
  const { enabled, publicUrl } = deps.config.images;
  const manifest = slackManifest(commands, {
    mode,
    ...(values.url ? { requestUrl: values.url } : {}),
    uploadsCards: enabled && !publicUrl,
  });
  deps.io.stdout(formatSlackManifest(manifest, format));
  return 0;
}
