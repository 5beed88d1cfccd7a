import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bindActions,
  dataFingerprint,
  decodeAction,
  encodeAction,
  MAX_ACTION_ID,
  MAX_PAGE,
  normalizeLine,
  type ReplyAction,
  takeCursor,
  typedLine,
  userTag,
} from '../../src/core/actions.js';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import type { Reply } from '../../src/core/reply.js';
import { loadShippedKb } from '../helpers.js';

const kb = await loadShippedKb();
const ids = [...kb.events.keys(), ...kb.athletes.keys(), ...kb.quotes.keys()];

const word = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((w) => !/\s/.test(w)),
  fc.constantFrom(...ids),
  fc.constantFrom('~', '~~x', '~abcdef', '|', 'p1|', 'page:2'),
);
const action: fc.Arbitrary<ReplyAction> = fc.record({
  label: fc.string({ maxLength: 100 }),
  style: fc.constantFrom('primary', 'secondary'),
  mode: fc.constantFrom('update', 'new'),
  line: fc
    .tuple(fc.stringMatching(/^[a-z0-9_-]{1,12}$/), fc.array(word, { maxLength: 4 }))
    .map(([name, words]) => `/${[name, ...words].join(' ')}`),
  page: fc.integer({ min: 1, max: MAX_PAGE }),
  order: fc.stringMatching(/^[0-9a-z]{0,8}$/),
});
const userId = fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null });

describe('action tokens', () => {
  it('decodes every encoded action to itself, within Discord’s 100 characters', () => {
    fc.assert(
      fc.property(action, userId, fc.boolean(), (a, user, ephemeral) => {
        const token = encodeAction(a, { kb, userId: user, ephemeral });
        if (token === null) return;
        expect(token.length).toBeLessThanOrEqual(MAX_ACTION_ID);
        const decoded = decodeAction(token, kb);
        expect(decoded).toEqual({
          ok: true,
          press: {
            line: normalizeLine(a.line),
            page: a.page,
            ...(a.order ? { order: a.order } : {}),
            mode: a.mode,
            ephemeral,
            user: userTag(user),
          },
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes every short line, with ids of the base packed to a few characters', () => {
    const line = `/results ${[...kb.events.keys()][0]}`;
    const token = encodeAction(
      { label: 'Full results', style: 'primary', mode: 'new', line },
      { kb, userId: '900000000000000003', ephemeral: false },
    );
    expect(token).not.toBeNull();
    expect(token?.length).toBeLessThan(40);
    expect(token).toMatch(/\|results ~0$/);
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,10}$/),
        fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 4 }),
        (name, words) => {
          const t = encodeAction(
            {
              label: 'x',
              style: 'secondary',
              mode: 'update',
              line: `/${[name, ...words].join(' ')}`,
              page: 99,
            },
            { kb, userId: 'U0USER', ephemeral: true },
          );
          expect(t).not.toBeNull();
        },
      ),
    );
  });

  it('answers any garbage with a clear miss, never a throw', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.anything(),
      fc.string({ maxLength: 60 }).map((s) => `p1|${s}`),
      fc.string({ maxLength: 60 }).map((s) => `p7|${s}`),
    );
    fc.assert(
      fc.property(garbage, (g) => {
        const decoded = decodeAction(g, kb);
        if (typeof g !== 'string' || !g.startsWith('p')) expect(decoded.ok).toBe(false);
        if (decoded.ok) {
          expect(decoded.press.line.startsWith('/')).toBe(true);
          expect(decoded.press.page).toBeGreaterThanOrEqual(1);
        } else expect(['malformed', 'stale']).toContain(decoded.reason);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on a valid token with characters changed, cut or added', () => {
    const token = encodeAction(
      { label: 'Next', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 2 },
      { kb, userId: 'U1', ephemeral: false },
    ) as string;
    fc.assert(
      fc.property(fc.nat(token.length), fc.string({ maxLength: 3 }), fc.nat(3), (at, insert, drop) => {
        const mutated = token.slice(0, at) + insert + token.slice(at + drop);
        expect(() => decodeAction(mutated, kb)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it('calls a button made from other data stale, and still says what it asked', () => {
    const token = encodeAction(
      { label: 'Next', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 2 },
      { kb, userId: 'U1', ephemeral: false },
    ) as string;
    const events = [...kb.events.values()];
    const rebuild = (change: (e: (typeof events)[number]) => (typeof events)[number]) =>
      KnowledgeBase.fromBundles([
        {
          sources: [...kb.sources.values()],
          athletes: [...kb.athletes.values()],
          events: events.map((e, i) => (i === 0 ? change(e) : e)),
          quotes: [...kb.quotes.values()],
        },
      ]);
    // A placing changed: pages could be cut differently, so old buttons are stale.
    const other = rebuild((e) => ({ ...e, results: e.results.slice(1) }));
    expect(dataFingerprint(other)).not.toBe(dataFingerprint(kb));
    expect(decodeAction(token, other)).toEqual({ ok: false, reason: 'stale', line: '/onthisday 08-06' });
    // A corrected venue name changes no page: old buttons keep working.
    const reworded = rebuild((e) => ({ ...e, venue: `${e.venue} (renamed)` }));
    expect(decodeAction(token, reworded).ok).toBe(true);
    expect(decodeAction(token.replace(/^p1/, 'p2'), kb)).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('binds only buttons for served commands, and drops repeats', () => {
    const reply: Reply = {
      tone: 'result',
      title: 't',
      sources: [],
      ephemeral: false,
      actions: [
        { label: 'Full results', style: 'primary', mode: 'new', line: '/results x' },
        { label: 'Next', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 2 },
        { label: 'Next again', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 2 },
      ],
    };
    const bound = bindActions(reply, { kb, userId: 'U1' }, (name) => name === 'onthisday');
    expect(bound.actions?.map((a) => a.label)).toEqual(['Next']);
    expect(bound.actions?.[0]?.id).toMatch(/^p1\|/);
    expect(bindActions(reply, { kb, userId: 'U1' }, () => false).actions).toBeUndefined();
  });

  it('prints and reads back the typed form of a button', () => {
    fc.assert(
      fc.property(action, (a) => {
        if (a.page === 1 && !a.order) return;
        const back = takeCursor(typedLine(a));
        expect(back.line).toBe(normalizeLine(a.line));
        expect(back.cursor).toEqual({ page: a.page, ...(a.order ? { order: a.order } : {}) });
      }),
    );
    expect(takeCursor('/onthisday 08-06 page:3')).toEqual({ line: '/onthisday 08-06', cursor: { page: 3 } });
    expect(takeCursor('/quote kerr')).toEqual({ line: '/quote kerr' });
  });
});
