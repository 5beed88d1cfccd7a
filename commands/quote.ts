import type { ReplyAction } from '../src/core/actions.js';
import type { Command, CommandContext } from '../src/core/command.js';
import { quoteOccasion } from '../src/core/format.js';
import type { KnowledgeBase } from '../src/core/knowledge-base.js';
import { athleteMissReply } from '../src/core/misses.js';
import {
  decodeQuoteOrder,
  encodeQuoteOrder,
  newQuoteOrder,
  type QuoteOrder,
  quoteAt,
} from '../src/core/quote-order.js';
import { missReply, type Reply } from '../src/core/reply.js';
import type { Quote } from '../src/core/schema.js';
import { echo } from '../src/core/text.js';

/**
 * "Another quote": the speaker's next quote in a seeded order that shows each of their quotes once
 * before any repeats (step k of the order; a fresh order starts at the quote just shown).
 */
function anotherQuote(ctx: CommandContext, q: Quote, order: QuoteOrder | null, step: number): ReplyAction[] {
  const all = ctx.kb.quotesBy(q.speaker);
  const n = all.length;
  if (n < 2) return [];
  const o = order ?? newQuoteOrder(n, all.indexOf(q), ctx.random);
  // The order repeats every n steps, so the step wraps and the button never outgrows its token.
  const next = (step + 1) % n;
  return [
    {
      label: 'Another quote',
      style: 'primary',
      mode: 'update',
      line: `/quote ${q.speaker}`,
      page: next + 1,
      order: encodeQuoteOrder(o, n),
    },
  ];
}

/** A quote with its "Another quote" button. */
function quoteAnswer(ctx: CommandContext, q: Quote, order: QuoteOrder | null = null, step = 0): Reply {
  const actions = anotherQuote(ctx, q, order, step);
  const reply = quoteReply(ctx.kb, q);
  return actions.length ? { ...reply, actions } : reply;
}

function quoteReply(kb: KnowledgeBase, q: Quote): Reply {
  const speaker = kb.athlete(q.speaker);
  const event = q.event ? kb.event(q.event) : undefined;
  return {
    tone: 'quote',
    title: speaker ? `${speaker.name} (${speaker.country})` : q.speaker,
    quote: { text: q.text, speaker: speaker?.name ?? q.speaker, occasion: quoteOccasion(q, event) },
    sources: [kb.citation(q.source)],
    ephemeral: false,
  };
}

/** `/quote [athlete] [keyword]` — an athlete's own words with their source; random without an athlete. */
export const quoteCommand: Command = {
  name: 'quote',
  description: 'An athlete’s own words, with the source',
  options: [
    {
      name: 'athlete',
      description: 'Surname or full name (leave out for a random quote)',
      type: 'string',
      required: false,
      autocomplete: 'athlete',
      maxLength: 100,
    },
    {
      name: 'keyword',
      description: 'A word the quote must contain, e.g. silver',
      type: 'string',
      required: false,
      maxLength: 100,
      rest: true,
    },
  ],
  examples: ['/quote hocker', '/quote kerr silver', '/quote'],
  run(ctx, args) {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(ctx.random() * items.length)] as T;
    const athleteText = typeof args.athlete === 'string' ? args.athlete.trim() : '';
    const keyword = typeof args.keyword === 'string' ? args.keyword.trim() : '';

    if (athleteText === '') {
      const pool = ctx.kb.quotesMatching(keyword);
      if (pool.length === 0) {
        return missReply(
          keyword ? `No quote I know mentions “${echo(keyword)}”` : 'I know no quotes yet',
          keyword ? ['Try another word, or /quote with an athlete’s name.'] : [],
        );
      }
      return quoteAnswer(ctx, pick(pool));
    }

    const match = ctx.kb.resolveAthlete(athleteText);
    if (match.kind !== 'found') {
      // "/quote silver": not a name, but a word some quotes contain — treat it as the keyword.
      if (match.kind === 'unknown' && keyword === '' && /^[\p{L}\p{N}' -]+$/u.test(athleteText)) {
        const byWord = ctx.kb.quotesMatching(athleteText);
        if (byWord.length > 0) return quoteAnswer(ctx, pick(byWord));
      }
      return athleteMissReply(match, athleteText, '/quote');
    }
    const a = match.item;
    const all = ctx.kb.quotesBy(a.id);
    if (all.length === 0) {
      return missReply(`I have no quotes from ${a.name}`, [
        `${a.name} (${a.country}) is in my records, but none of my sources quotes them.`,
      ]);
    }
    // A press of "Another quote" (or its typed "page:N order:X") walks the speaker's seeded order.
    const order = keyword === '' ? decodeQuoteOrder(ctx.cursor?.order, all.length) : null;
    if (order && ctx.cursor) {
      const step = (ctx.cursor.page - 1) % all.length;
      return quoteAnswer(ctx, all[quoteAt(order, all.length, step)] as Quote, order, step);
    }
    const pool = keyword ? ctx.kb.quotesMatching(keyword, a.id) : all;
    if (pool.length === 0) {
      return missReply(`No quote from ${a.name} mentions “${echo(keyword)}”`, [
        `I have ${all.length} quote${all.length === 1 ? '' : 's'} from ${a.name}: try /quote ${a.familyName.toLowerCase()} on its own.`,
      ]);
    }
    return quoteAnswer(ctx, pick(pool));
  },
};
