import type { Config } from '../../config.js';
import { PlatformError } from '../../core/errors.js';
import { hostOf, refused, STARTUP_CHECK_TIMEOUT_MS, unreachable } from '../reachability.js';

/**
 * Checks DISCORD_TOKEN against DISCORD_API_URL before anything connects (GET /gateway/bot, which
 * every bot token may call). discord.js would otherwise retry an unreachable host and wait for a
 * READY that never comes; this fails at once with one line naming what to check.
 */
export async function checkDiscordToken(config: Config, timeoutMs = STARTUP_CHECK_TIMEOUT_MS): Promise<void> {
  const token = config.discord.token;
  if (!token) return;
  const url = config.discord.apiUrl;
  let res: Response;
  try {
    res = await fetch(`${url}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw unreachable('discord', url, 'DISCORD_API_URL', err);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status === 401 || res.status === 403)
    throw refused('discord', url, 'DISCORD_TOKEN', `${res.status} ${res.statusText || 'Unauthorized'}`);
  // A rate limit still proves the token and the host; anything else is not Discord's API.
  if (!res.ok && res.status !== 429)
    throw new PlatformError(
      `discord: ${hostOf(url)} answered HTTP ${res.status} to GET /gateway/bot: check DISCORD_API_URL`,
    );
}
