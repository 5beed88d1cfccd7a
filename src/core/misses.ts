import type { NameMatch } from './name-index.js';
import { missReply, type Reply } from './reply.js';
import type { Athlete } from './schema.js';
import { echo } from './text.js';

/** The reply for a name that did not resolve to one athlete: ask which, or say who we do know. */
export function athleteMissReply(
  match: Exclude<NameMatch<Athlete>, { kind: 'found' }>,
  typed: string,
  retry: string,
): Reply {
  if (match.kind === 'ambiguous') {
    return missReply(
      `Which “${echo(typed)}” do you mean?`,
      [
        ...match.candidates.slice(0, 10).map((a) => `${a.name} (${a.country})`),
        `Try the full name, e.g. ${retry} ${match.candidates[0]?.name ?? ''}`.trim(),
      ],
      true,
    );
  }
  const lines = match.suggestions.length
    ? [`Did you mean ${match.suggestions.map((a) => a.name).join(', ')}?`]
    : ['Try a surname or full name, e.g. Hocker or Josh Kerr.'];
  return missReply(`I don't know “${echo(typed)}”`, lines, true);
}
