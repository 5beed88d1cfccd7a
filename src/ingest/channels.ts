/**
 * Where a quotation was said (social media, a press conference, a statement), from the words of
 * its attribution or of the paragraph's narrative before it.
 */
import { SOCIAL_PLATFORMS, SOCIAL_VERBS } from './lexicon.js';
import type { QuoteChannel } from './types.js';

const PLATFORM = new RegExp(
  `\\b(?:on|via|to|in)\\s+(?:his|her|their|an?|the)?\\s*(?:${[...SOCIAL_PLATFORMS].join('|')})\\b`,
  'u',
);
// In the order they decide; the verb cue (posted, tweeted) sits between the second and third.
const BEFORE_VERB: Array<[RegExp, QuoteChannel]> = [
  [PLATFORM, 'social media'],
  [/\bsocial(?:\s+media|\s+networks?)\b/iu, 'social media'],
];
const AFTER_VERB: Array<[RegExp, QuoteChannel]> = [
  [/\b(?:press|news|media)\s+(?:conference|briefing)\b|\bpresser\b/iu, 'press conference'],
  [/\bstatement\b|\bpress release\b/iu, 'statement'],
  // "a second post", "with the caption" — but not "post-race".
  [/\b(?:post|tweet|caption|story|reel)\b(?!-)/iu, 'social media'],
];

/** Channel cues in attribution text. */
export function channelOf(context: string, verb: string | null): QuoteChannel | null {
  for (const [re, channel] of BEFORE_VERB) if (re.test(context)) return channel;
  if (verb && SOCIAL_VERBS.has(verb)) return 'social media';
  for (const [re, channel] of AFTER_VERB) if (re.test(context)) return channel;
  return null;
}

/**
 * The channel of each prefix of a paragraph's narrative, from one pass over the paragraph: where
 * each cue first ends, so a paragraph of thousands of quotations is not rescanned for each one.
 */
export function narrativeChannels(text: string): (prefixLength: number) => QuoteChannel | null {
  const ends = [...BEFORE_VERB, ...AFTER_VERB].map(([re, channel]) => {
    const m = re.exec(text);
    return { end: m ? m.index + m[0].length : Number.POSITIVE_INFINITY, channel };
  });
  return (length) => ends.find((e) => e.end <= length)?.channel ?? null;
}
