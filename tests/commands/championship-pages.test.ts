import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { ReplyAction } from '../../src/core/actions.js';
import type { CommandContext } from '../../src/core/command.js';
import { parseCommandLine } from '../../src/core/parse.js';
import { answerPress } from '../../src/core/press.js';
import { PressLimiter } from '../../src/core/press-limit.js';
import type { Reply } from '../../src/core/reply.js';
import { runCommand } from '../../src/core/run-command.js';
import { loadShippedKb, testContext } from '../helpers.js';

const kb = await loadShippedKb();

async function ask(line: string, extra: Partial<CommandContext> = {}): Promise<Reply> {
  const ctx = await testContext({ kb, commands, ...extra });
  const parsed = parseCommandLine(line, kb, commands);
  if (!parsed.ok) throw new Error(`bad line ${line}`);
  return runCommand(parsed.command, parsed.cursor ? { ...ctx, cursor: parsed.cursor } : ctx, parsed.args);
}

async function pressNext(reply: Reply): Promise<Reply> {
  const next = reply.actions?.find((a: ReplyAction) => a.label.includes('Next'));
  if (!next) throw new Error('no Next button');
  const answer = await answerPress(
    next.id,
    await testContext({ kb, commands }),
    new PressLimiter({ burst: 1e9 }),
  );
  if (answer.kind !== 'answer') throw new Error(`press answered ${answer.kind}`);
  expect(answer.mode).toBe('update');
  return answer.reply;
}

describe('championship answers page when long', () => {
  it('pages a marathon field through every entrant once, non-finishers last', async () => {
    const first = await ask("/results men's marathon rio");
    const event = kb.resolveEvent("men's marathon rio 2016");
    if (event.kind !== 'found') throw new Error('no Rio marathon');
    const total = event.event.results.length;
    expect(first.page?.index).toBe(1);
    const seen = [...(first.results ?? [])];
    let reply = first;
    while (reply.page && reply.page.index < reply.page.count) {
      reply = await pressNext(reply);
      seen.push(...(reply.results ?? []));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.athlete)).size).toBe(total);
    expect(seen.at(-1)?.place ?? null).toBeNull();
    expect(reply.actions?.map((a) => a.label)).toEqual(['◀ Previous']);
  });

  it('pages the medal table with ranks that continue from page to page', async () => {
    const first = await ask('/medals rio 2016');
    expect(first.page?.count).toBeGreaterThan(1);
    expect(first.lines?.[0]).toMatch(/^1\. /);
    const second = await pressNext(first);
    const rank = Number(/^(\d+)\./.exec(second.lines?.[0] ?? '')?.[1]);
    expect(rank).toBe((first.lines ?? []).filter((l) => /^\d+\./.test(l)).length + 1);
  });

  it('keeps a short field on one page, with no paging buttons', async () => {
    const reply = await ask("/results women's 100m rome");
    expect(reply.page).toBeUndefined();
    expect(reply.actions?.some((a) => /Next|Previous/.test(a.label)) ?? false).toBe(false);
  });
});

describe('round buttons on /podium', () => {
  it('point at rounds of the same event, never at a combined event part', async () => {
    const finals = [...kb.events.values()].filter((e) => e.round === 'final' && !e.partOf);
    expect(finals.length).toBeGreaterThan(50);
    for (const final of finals) {
      const reply = await ask(`/podium ${final.id}`);
      for (const action of reply.actions ?? []) {
        const id = action.line?.split(' ')[1] ?? '';
        const round = kb.events.get(id);
        if (!round) continue;
        expect(round.partOf, `${action.label} of ${final.id} → ${id}`).toBeUndefined();
        expect([round.discipline, round.sex, round.edition]).toEqual([
          final.discipline,
          final.sex,
          final.edition,
        ]);
      }
    }
  });
});
