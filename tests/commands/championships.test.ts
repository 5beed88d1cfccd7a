/**
 * Answers about Rio 2016 and Rome 2024 checked against the raw results files in ../shared/data
 * (not against hand-copied expectations): every final's podium, and every medal table.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine } from '../../src/adapters/console/console.js';
import type { Reply } from '../../src/core/reply.js';
import { fold } from '../../src/core/text.js';
import { createLogger } from '../../src/logger.js';
import { loadShippedKb, SHARED_DIR, sharedAvailable, testContext } from '../helpers.js';

const RIO = path.join(SHARED_DIR, 'data/rio-2016/rio_athletics_results.json');
const ROME = path.join(SHARED_DIR, 'data/rome-2024/Rome2024.json');
const haveData = sharedAvailable() && existsSync(RIO) && existsSync(ROME);

type Row = Record<string, unknown>;
/** A final in the raw file: the query a fan would type, and its top three. */
interface RawFinal {
  query: string;
  edition: string;
  top: Array<{ name: string | null; country: string; mark: string }>;
}

function rioFinals(): RawFinal[] {
  const raw = JSON.parse(readFileSync(RIO, 'utf8')) as { events: Row[] };
  return raw.events
    .filter((e) => e.round === 'FINAL' && !e.athlon)
    .map((e) => {
      const sex = e.gender === 'W' ? 'women' : 'men';
      const discipline = String(e.name).replace(/\s*(Men|Women)$/, '');
      const top = (e.result as Row[])
        .filter((r) => ['1', '2', '3'].includes(String(r.rank)))
        .map((r) => ({
          name: r.givenName ? `${String(r.givenName).trim()} ${String(r.familyName).trim()}` : null,
          country: String(r.country),
          mark: String(r.performance),
        }));
      return { query: `${discipline} ${sex} rio 2016`, edition: 'Rio 2016', top };
    });
}

function romeFinals(): RawFinal[] {
  const raw = JSON.parse(readFileSync(ROME, 'utf8').replace(/^\uFEFF/, '')) as { events: Row[] };
  return raw.events
    .filter((e) => e.roundName === 'Final' && e.heatName === null && !e.combinedEvent)
    .map((e) => {
      const name = String(e.eventName);
      const sex = /mixed/i.test(name) ? '' : e.gender === 'W' ? 'women' : 'men';
      const top = (e.results as Row[])
        .filter((r) => ['1', '2', '3'].includes(String(r.rank)))
        .map((r) => ({
          name: r.firstname ? `${String(r.firstname).trim()} ${String(r.lastname).trim()}` : null,
          country: String(r.nation),
          mark: String(r.bestPerformance),
        }));
      return { query: `${sex} rome 2024 ${name}`, edition: 'Rome 2024', top };
    });
}

const logger = createLogger('silent');
async function ask(line: string): Promise<Reply> {
  const ctx = await testContext();
  return answerLine(line, { context: () => ctx, logger });
}

describe.runIf(haveData)('championship answers match the raw results files', () => {
  const finals = haveData ? [...rioFinals(), ...romeFinals()] : [];

  it('covers every final of both championships', () => {
    expect(finals.filter((f) => f.edition === 'Rio 2016')).toHaveLength(47);
    expect(finals.filter((f) => f.edition === 'Rome 2024')).toHaveLength(47);
  });

  it.each(finals.map((f) => [f.query, f] as const))(
    '/podium %s names the raw top three and marks',
    async (_q, f) => {
      const r = await ask(`/podium ${f.query}`);
      expect(r.title).toMatch(/ final — /);
      expect(r.title).toContain(f.edition);
      const got = (r.results ?? []).map((x) => ({ name: fold(x.athlete), country: x.country, mark: x.mark }));
      const want = f.top.map((t) => ({
        name: t.name ? fold(t.name) : got.find((g) => g.country === t.country)?.name,
        country: t.country,
        mark: t.mark,
      }));
      const key = (x: { name?: string | undefined; country: string | null; mark: string | null }) =>
        `${x.name}|${x.country}|${x.mark}`;
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(r.sources.length).toBeGreaterThan(0);
    },
  );

  it.each(['Rio 2016', 'Rome 2024'])('/medals %s counts what the raw finals give', async (edition) => {
    const counts = new Map<string, [number, number, number]>();
    // Count by raw rank (ties share a rank).
    const rawEvents =
      edition === 'Rio 2016'
        ? (JSON.parse(readFileSync(RIO, 'utf8')) as { events: Row[] }).events
            .filter((e) => e.round === 'FINAL' && !e.athlon)
            .flatMap((e) => e.result as Row[])
            .map((r) => [String(r.rank), String(r.country)])
        : (JSON.parse(readFileSync(ROME, 'utf8').replace(/^\uFEFF/, '')) as { events: Row[] }).events
            .filter((e) => e.roundName === 'Final' && e.heatName === null && !e.combinedEvent)
            .flatMap((e) => e.results as Row[])
            .map((r) => [String(r.rank), String(r.nation)]);
    for (const [rank, country] of rawEvents) {
      const i = ['1', '2', '3'].indexOf(rank as string);
      if (i < 0) continue;
      const row = counts.get(country as string) ?? [0, 0, 0];
      row[i] = (row[i] ?? 0) + 1;
      counts.set(country as string, row);
    }
    const kb = await loadShippedKb();
    const ed = kb.editions().find((e) => e.edition === edition);
    expect(ed).toBeDefined();
    const table = kb.medalTable(ed as NonNullable<typeof ed>);
    expect(new Map(table.map((m) => [m.country, [m.gold, m.silver, m.bronze]]))).toEqual(counts);
    const r = await ask(`/medals ${edition}`);
    const first = table[0] as (typeof table)[number];
    expect(r.lines?.[0]).toMatch(
      new RegExp(
        `^1\\. .*${first.country}\\) — ${first.gold} gold, ${first.silver} silver, ${first.bronze} bronze$`,
      ),
    );
  });
});

describe.runIf(haveData)('championship knowledge', () => {
  it('never claims an Olympic record for Rio, whose file has none', async () => {
    const kb = await loadShippedKb();
    for (const e of kb.events.values()) {
      if (e.edition === 'Rio 2016') for (const r of e.results) expect(r.records).not.toContain('OR');
    }
  });

  it("answers Rome's men's 10,000m with the final, never Race B", async () => {
    const r = await ask('/podium 10000m men rome');
    expect(r.title).toBe("Men's 10,000m final — Rome 2024");
    const b = await ask('/results 10,000m race b');
    expect(b.title).toBe("Men's 10,000m race B — Rome 2024");
    const p = await ask('/podium 10000m race b');
    expect(p.lines?.[0]).toMatch(/not a medal final/);
  });

  it('knows Sandra Perković of Rio and Sandra Elkasević of Rome as one person', async () => {
    const kb = await loadShippedKb();
    const a = kb.resolveAthlete('perkovic');
    const b = kb.resolveAthlete('Sandra Elkasevic');
    expect(a.kind === 'found' && b.kind === 'found' && a.item.id === b.item.id).toBe(true);
    const r = await ask('/result perkovic');
    expect(r.lines).toContain('Rio 2016 — Olympic Games');
    expect(r.lines).toContain('Rome 2024 — European Athletics Championships');
  });

  it('keeps the country of the day: Pichardo for Cuba in Rio, Portugal in Rome', async () => {
    const kb = await loadShippedKb();
    const m = kb.resolveAthlete('pichardo');
    const countries =
      m.kind === 'found' ? kb.resultsOf(m.item.id).map((x) => `${x.event.edition}:${x.result.country}`) : [];
    expect(countries).toContain('Rio 2016:CUB');
    expect(countries).toContain('Rome 2024:POR');
    expect(m.kind === 'found' && m.item.country).toBe('POR');
  });

  it('shows a relay in each runner’s record, with medals marked', async () => {
    const r = await ask('/result usain bolt');
    expect(r.lines?.some((l) => /4x100m relay final: 1st — gold in 37\.27.*Bolt/.test(l))).toBe(true);
  });

  it('spells names as fans do', async () => {
    expect((await ask('/result omar mcleod')).title).toBe('Omar McLeod (JAM)');
  });

  it('lists a final’s whole field with non-finishers last', async () => {
    const r = await ask('/results 10000m women rio');
    const places = (r.results ?? []).map((x) => x.place);
    const firstUnplaced = places.indexOf(null);
    if (firstUnplaced >= 0) expect(places.slice(firstUnplaced).every((p) => p === null)).toBe(true);
    expect(r.results?.[0]?.place).toBe(1);
  });

  it('gives a heat by its number', async () => {
    const r = await ask('/results 100m men heat 2 rio');
    expect(r.title).toBe("Men's 100m heat 2 — Rio 2016");
    expect(r.lines?.join('\n')).toMatch(/Q = qualified by place/);
  });

  it.each([
    ['/medals', 'Medal table — Rome 2024'],
    ['/medals olympics', 'Medal table — Rio 2016'],
    ['/medals rio 2016 kenya', 'Kenya (KEN) at Rio 2016'],
    ['/medals GBR rome', 'Great Britain (GBR) at Rome 2024'],
    ['/medals competition:rio country:jamaican', 'Jamaica (JAM) at Rio 2016'],
  ])('%s answers %j', async (line, title) => {
    expect((await ask(line)).title).toBe(title);
  });

  it('lists one country’s medallists gold first, relays as the team', async () => {
    const r = await ask('/medals rio jamaica');
    expect(r.lines?.[0]).toMatch(/^gold — /);
    expect(r.lines).toContain("gold — Men's 4x100m relay: Jamaica, 37.27");
  });

  it('remembers every final of a day, newest first, kept short', async () => {
    const r = await ask('/onthisday 08-14');
    expect(r.lines?.[0]).toMatch(/^2016 — /);
    expect(r.lines?.every((l) => !/heat|semi/.test(l))).toBe(true);
  });
});
