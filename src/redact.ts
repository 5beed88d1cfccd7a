/**
 * Secrets that travel inside URLs and must never reach a log line: the interaction token in
 * Discord's webhook and callback paths (it lets anyone answer as the bot for 15 minutes), Slack's
 * response_url and webhook paths, and bearer or bot tokens in headers.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // /webhooks/{application}/{token}… and /interactions/{id}/{token}/callback
  [/(\/(?:webhooks|interactions)\/\d{1,25}\/)[A-Za-z0-9._~-]{8,}/g, '$1[redacted]'],
  // https://hooks.slack.com/commands/T…/…/… and /services/…
  [/(hooks\.slack\.com\/(?:commands|actions|services|triggers|workflows)\/)[^\s"'<>]+/g, '$1[redacted]'],
  [/\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{10,}/g, '$1 [redacted]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{6,}/g, 'xox?-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]{6,}/g, 'xapp-[redacted]'],
];

/** The text with every known secret-bearing URL part or token replaced by "[redacted]". */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of a (serialized) value with every string redacted; depth-limited, cycles cut. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1, seen);
  return out;
}
