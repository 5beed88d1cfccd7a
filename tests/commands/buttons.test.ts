import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { answerLine } from '../../src/adapters/console/console.js';
import { encodeAction, type ReplyAction, typedLine } from '../../src/core/actions.js';
import type { CommandContext } from '../../src/core/command.js';
import { parseCommandLine } from '../../src/core/parse.js';
import { answerPress } from '../../src/core/press.js';
import { PressLimiter } from '../../src/core/press-limit.js';
import type { Reply } from '../../src/core/reply.js';
import { runCommand } from '../../src/core/run-command.js';
import { createLogger } from '../../src/logger.js';
import { buttonsKb, EXTRA_YEARS, stubResultsCommand } from '../fixtures/buttons-kb.js';
import { testContext } from '../helpers.js';

const kb = await buttonsKb();
const withResults = [...commands, stubResultsCommand];
const unlimited = () => new PressLimiter({ burst: 1e9 });

async function ask(line: string, extra: Partial<CommandContext> = {}): Promise<Reply> {
  const ctx = await testContext({ kb, commands, ...extra });
  const parsed = parseCommandLine(line, kb, commands);
  if (!parsed.ok) throw new Error(`bad line ${line}`);
  return runCommand(parsed.command, parsed.cursor ? { ...ctx, cursor: parsed.cursor } : ctx, parsed.args);
}

function button(reply: Reply, label: string): ReplyAction {
  const found = reply.actions?.find((a) => a.label.includes(label));
  if (!found) throw new Error(`no ${label} button on ${JSON.stringify(reply.actions)}`);
  return found;
}

async function press(action: ReplyAction, extra: Partial<CommandContext> = {}) {
  const ctx = await testContext({ kb, commands, ...extra });
  return answerPress(action.id, ctx, unlimited());
}

describe('/podium buttons', () => {
  it('offers Full results, Heats and Semi-finals once /results is served', async () => {
    const reply = await ask('/podium 1500m', { commands: withResults });
    expect(reply.actions?.map((a) => [a.label, a.line, a.mode])).toEqual([
      ['Full results', '/results paris-2024-athletics-men-1500m-final', 'new'],
      ['Heats', '/results paris-2024-athletics-men-1500m-heat-1', 'new'],
      ['Semi-finals', '/results paris-2024-athletics-men-1500m-semi-final-1', 'new'],
    ]);
    const answer = await press(button(reply, 'Heats'), { commands: withResults });
    expect(answer).toMatchObject({ kind: 'answer', mode: 'new' });
    // /results is a real command now (issue 10): the press reaches it, not the stub.
    expect(answer.reply.title).toBe("Men's 1500m heat — Paris 2024");
  });

  it('offers the buttons with the shipped registry, which now serves /results', async () => {
    const reply = await ask('/podium 1500m');
    expect(reply.actions?.map((a) => a.label)).toEqual(['Full results', 'Heats', 'Semi-finals']);
  });
});

describe('/onthisday pages', () => {
  it('pages a long day with Previous and Next, each answering the neighbouring page', async () => {
    const first = await ask('/onthisday 08-06');
    expect(first.page).toEqual({ index: 1, count: 3 });
    expect(first.lines).toHaveLength(10);
    expect(first.actions?.map((a) => a.label)).toEqual(['Next ▶']);
    const second = await press(button(first, 'Next'));
    expect(second).toMatchObject({ kind: 'answer', mode: 'update' });
    expect(second.reply.page).toEqual({ index: 2, count: 3 });
    expect(second.reply.actions?.map((a) => a.label)).toEqual(['◀ Previous', 'Next ▶']);
    const third = await press(button(second.reply, 'Next'));
    expect(third.reply.page).toEqual({ index: 3, count: 3 });
    expect(third.reply.actions?.map((a) => a.label)).toEqual(['◀ Previous']);
    const shown = [first, second.reply, third.reply].flatMap((r) => r.lines ?? []);
    expect(shown).toHaveLength(EXTRA_YEARS.length + 1);
    expect(new Set(shown).size).toBe(shown.length);
    const back = await press(button(third.reply, 'Previous'));
    expect(back.reply.lines).toEqual(second.reply.lines);
  });

  it('answers a press exactly as the typed command with the same page', async () => {
    const first = await ask('/onthisday 08-06');
    const next = button(first, 'Next');
    const pressed = await press(next);
    const typed = await ask(typedLine(next));
    expect(typedLine(next)).toBe('/onthisday 08-06 page:2');
    expect(pressed.reply).toEqual(typed);
  });

  it('keeps a short day as it was: no page, no buttons', async () => {
    const reply = await ask('/onthisday 2024-08-06', { kb: await testContext().then((c) => c.kb) });
    expect(reply.page).toBeUndefined();
    expect(reply.actions).toBeUndefined();
  });
});

describe('/result pages', () => {
  it('pages an athlete with many results', async () => {
    const first = await ask('/result hocker');
    expect(first.page).toEqual({ index: 1, count: 3 });
    const next = await press(button(first, 'Next'));
    expect(next.reply.page?.index).toBe(2);
    expect(next.reply.title).toBe(first.title);
  });
});

describe('/quote Another quote', () => {
  it('walks every quote of the speaker once before any repeats, then starts the round again', async () => {
    const all = kb.quotesBy('cole-hocker').map((q) => q.text);
    let reply = await ask('/quote hocker');
    const seen = [reply.quote?.text];
    for (let i = 1; i < all.length * 2; i++) {
      const answer = await press(button(reply, 'Another quote'));
      expect(answer).toMatchObject({ kind: 'answer', mode: 'update' });
      reply = answer.reply;
      seen.push(reply.quote?.text);
    }
    expect(new Set(seen.slice(0, all.length))).toEqual(new Set(all));
    expect(seen.slice(all.length)).toEqual(seen.slice(0, all.length));
  });

  it('stays with the speaker of a random or keyword quote', async () => {
    const reply = await ask('/quote silver');
    const speaker = reply.quote?.speaker;
    const next = await press(button(reply, 'Another quote'));
    expect(next.reply.quote?.speaker).toBe(speaker);
    expect(next.reply.quote?.text).not.toBe(reply.quote?.text);
  });

  it('never repeats, whatever the random source, for every speaker', async () => {
    const speakers = ['cole-hocker', 'josh-kerr', 'jakob-ingebrigtsen'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...speakers),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        async (id, r) => {
          const n = kb.quotesBy(id).length;
          let reply = await ask(`/quote ${id}`, { random: () => r });
          const seen = new Set([reply.quote?.text]);
          for (let i = 1; i < n; i++) {
            reply = (await press(button(reply, 'Another quote'), { random: () => r })).reply;
            seen.add(reply.quote?.text);
          }
          expect(seen.size).toBe(n);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('presses', () => {
  it('lets only the asker page a private answer', async () => {
    const private_: Reply = { ...(await ask('/onthisday 08-06')), ephemeral: true };
    const next = button(private_, 'Next');
    const id = encodeAction(next, { kb, userId: 'tester', ephemeral: true }) as string;
    const mine = await answerPress(id, await testContext({ kb, commands }), unlimited());
    expect(mine.kind).toBe('answer');
    const theirs = await answerPress(
      id,
      await testContext({ kb, commands, userId: 'someone-else' }),
      unlimited(),
    );
    expect(theirs).toMatchObject({
      kind: 'refuse',
      reply: { title: 'These buttons are not yours', ephemeral: true },
    });
  });

  it('answers another person’s press on a public answer privately, as a new message', async () => {
    const first = await ask('/onthisday 08-06');
    const answer = await press(button(first, 'Next'), { userId: 'another-fan' });
    expect(answer).toMatchObject({ kind: 'answer', mode: 'new', reply: { ephemeral: true } });
    expect(answer.reply.page?.index).toBe(2);
  });

  it('limits presses per person with a clear message', async () => {
    const first = await ask('/onthisday 08-06');
    const limiter = new PressLimiter({ burst: 2, refillMs: 1000, now: () => 0 });
    const ctx = await testContext({ kb, commands });
    const id = button(first, 'Next').id;
    expect((await answerPress(id, ctx, limiter)).kind).toBe('answer');
    expect((await answerPress(id, ctx, limiter)).kind).toBe('answer');
    const limited = await answerPress(id, ctx, limiter);
    expect(limited).toMatchObject({
      kind: 'refuse',
      reply: { title: 'Easy on the buttons', ephemeral: true },
    });
    expect(limited.reply.lines?.[0]).toContain('1 second');
    expect((await answerPress(id, await testContext({ kb, commands, userId: 'other' }), limiter)).kind).toBe(
      'answer',
    );
  });

  it('says a button from older data is out of date, and how to ask again', async () => {
    const first = await ask('/onthisday 08-06');
    const shipped = (await testContext()).kb;
    const answer = await answerPress(
      button(first, 'Next').id,
      await testContext({ kb: shipped }),
      unlimited(),
    );
    expect(answer.reply.title).toBe('This answer is out of date');
    expect(answer.reply.lines).toContain('Ask again: /onthisday 08-06');
  });

  it('answers any press token with a reply, never a throw', async () => {
    const ctx = await testContext({ kb, commands });
    const first = await ask('/quote kerr');
    const valid = first.actions?.[0]?.id ?? '';
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.string({ maxLength: 120 }),
          fc
            .tuple(fc.nat(valid.length), fc.string({ maxLength: 4 }))
            .map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + 1)),
        ),
        async (token) => {
          const answer = await answerPress(token, ctx, unlimited());
          expect(answer.reply.title.length).toBeGreaterThan(0);
          expect(JSON.stringify(answer.reply)).not.toMatch(/at .*\.ts:\d+/);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers any cursor on any paging command, with buttons that all encode', async () => {
    const lines = [
      '/onthisday 08-06',
      '/onthisday 2024-08-06',
      '/result hocker',
      '/quote hocker',
      '/quote kerr silver',
      '/podium 1500m',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...lines),
        fc.integer({ min: 1, max: 46_655 }),
        fc.option(fc.stringMatching(/^[0-9a-z]{1,8}$/), { nil: undefined }),
        async (line, page, order) => {
          const parsed = parseCommandLine(line, kb, withResults);
          if (!parsed.ok) throw new Error(line);
          const ctx = await testContext({
            kb,
            commands: withResults,
            cursor: order ? { page, order } : { page },
          });
          const reply = await runCommand(parsed.command, ctx, parsed.args);
          expect(reply.title.length).toBeGreaterThan(0);
          for (const a of reply.actions ?? []) expect(a.id).toMatch(/^p1\|/);
          if (reply.page) {
            expect(reply.page.index).toBeGreaterThanOrEqual(1);
            expect(reply.page.index).toBeLessThanOrEqual(reply.page.count);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers typed pages in the console as a button would', async () => {
    const ctx = await testContext({ kb, commands });
    const reply = await answerLine('/onthisday 08-06 page:3', {
      context: () => ctx,
      logger: createLogger('silent'),
    });
    expect(reply.page).toEqual({ index: 3, count: 3 });
  });
});
