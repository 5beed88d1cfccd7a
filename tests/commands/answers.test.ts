import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { answerLine } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render.js';
import type { Reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/logger.js';
import { testContext } from '../helpers.js';

const logger = createLogger('silent');
async function ask(line: string, now?: string): Promise<Reply> {
  const ctx = await testContext(now ? { now: () => new Date(now) } : {});
  return answerLine(line, { context: () => ctx, logger });
}

describe('/podium', () => {
  it('gives gold, silver and bronze with marks, records, date, venue and sources', async () => {
    const r = await ask('/podium 1500m');
    expect(r.tone).toBe('result');
    expect(r.title).toBe("Men's 1500m final — Paris 2024");
    expect(r.summary).toBe('Olympic Games · Stade de France, Paris · Tuesday 6 August 2024');
    expect(r.results).toEqual([
      { place: 1, athlete: 'Cole Hocker', country: 'USA', mark: '3:27.65', records: ['OR', 'PB'] },
      { place: 2, athlete: 'Josh Kerr', country: 'GBR', mark: '3:27.79', records: ['NR'] },
      { place: 3, athlete: 'Yared Nuguse', country: 'USA', mark: '3:27.80', records: [] },
    ]);
    expect(r.sources.map((s) => s.date)).toEqual(['2024-08-06', '2024-08-06']);
    expect(r.lines?.join(' ')).toMatch(/since .*2016.*1912|1912/);
  });

  it.each([
    '/podium 1500',
    '/podium 1,500m',
    '/podium 1500 metres',
    "/podium men's 1500 m",
    '/podium mens 1500',
    '/PODIUM 1500M PARIS 2024',
  ])('forgives %j', async (line) => {
    expect((await ask(line)).title).toBe("Men's 1500m final — Paris 2024");
  });

  it('says which events it knows for one it does not', async () => {
    // Paris 2024 has only the men's 1500m; the other 1500m finals are Rio's and Rome's.
    const r = await ask('/podium 1500m paris women');
    expect(r.tone).toBe('miss');
    expect(r.title).toMatch(/no 1500m race/);
    expect(r.lines).toContain("Men's 1500m final — Paris 2024");
  });

  it('asks for the event when none is given', async () => {
    const r = await ask('/podium');
    expect(r).toMatchObject({ tone: 'error', title: 'Missing event', ephemeral: true });
  });
});

describe('/quote', () => {
  it('quotes Hocker with the keyword gold, attributed, with occasion and source', async () => {
    const r = await ask('/quote hocker gold');
    expect(r.quote?.speaker).toBe('Cole Hocker');
    expect(r.quote?.text.toLowerCase()).toContain('gold');
    expect(r.quote?.occasion).toMatch(/after the final/);
    expect(r.sources).toHaveLength(1);
  });

  it('finds Kerr’s quotes about silver', async () => {
    const r = await ask('/quote kerr silver');
    expect(r.quote?.speaker).toBe('Josh Kerr');
    expect(r.quote?.text).toMatch(/silver/);
    expect(r.sources[0]?.title).toBe('Josh Kerr was beaten to 1500m gold by surprise winner Cole Hocker');
  });

  it.each(['hocker', 'Hocker', 'cole', 'COLE HOCKER', 'hoker'])(
    'understands %j as Cole Hocker',
    async (name) => {
      expect((await ask(`/quote ${name}`)).quote?.speaker).toBe('Cole Hocker');
    },
  );

  it.each(['ingebritsen', 'jakob', 'Ingebrigtsen'])('understands %j as Jakob Ingebrigtsen', async (name) => {
    expect((await ask(`/quote ${name}`)).quote?.speaker).toBe('Jakob Ingebrigtsen');
  });

  it('answers nothing-found for a known athlete with no quotes, never someone else’s words', async () => {
    const r = await ask('/quote nuguse');
    expect(r).toMatchObject({ tone: 'miss', title: 'I have no quotes from Yared Nuguse' });
    expect(r.quote).toBeUndefined();
  });

  it('says it does not know an unknown name, with suggestions', async () => {
    // (Not "jon kerr": with Rio's field, "jon" is a word of Son Myeong-Jon's name.)
    const r = await ask('/quote zzyx kerr');
    expect(r.title).toBe('I don’t know “zzyx kerr”'.replace('’', "'"));
    expect(r.lines?.[0]).toMatch(/Did you mean .*Josh Kerr/);
  });

  it('gives a random quote with no athlete, from the injected random source', async () => {
    const r = await ask('/quote');
    expect(r.tone).toBe('quote');
    expect(r.quote?.text.length).toBeGreaterThan(0);
  });

  it('says when an athlete’s quotes do not mention the keyword', async () => {
    const r = await ask('/quote kerr banana');
    expect(r.title).toBe('No quote from Josh Kerr mentions “banana”');
  });

  it('treats a lone word that is no name as a keyword', async () => {
    expect((await ask('/quote deafening')).quote?.speaker).toBe('Cole Hocker');
  });
});

describe('/result', () => {
  it('gives place, mark, records and medal', async () => {
    const r = await ask('/result hocker');
    expect(r.summary).toMatch(/^1st — gold in the Men's 1500m final — Paris 2024/);
    expect(r.results?.[0]).toMatchObject({ mark: '3:27.65', records: ['OR', 'PB'] });
  });

  it('gives fourth place without a medal, among the same person’s Rome 2024 results', async () => {
    const r = await ask('/result ingebritsen');
    expect(r.title).toBe('Jakob Ingebrigtsen (NOR)');
    expect(r.lines).toContain("  Men's 1500m final: 4th in 3:28.24, Tuesday 6 August 2024");
    expect(r.lines).toContain('Rome 2024 — European Athletics Championships');
  });

  it('says when a known athlete has no result', async () => {
    expect((await ask('/result wightman')).title).toBe('I have no results for Jake Wightman yet');
  });
});

describe('/onthisday', () => {
  it.each(['08-06', '2024-08-06', 'Aug 6', '6 August'])('remembers the final on %j', async (d) => {
    const r = await ask(`/onthisday ${d}`);
    expect(r.title).toBe('On this day: 6 August');
    expect(r.lines?.[0]).toBe(
      "2024 — Men's 1500m final, Paris 2024: Cole Hocker (USA) won in 3:27.65 (OR, PB)",
    );
    expect(r.sources.length).toBeGreaterThan(0);
  });

  it('defaults to today', async () => {
    expect((await ask('/onthisday', '2026-08-06T10:00:00Z')).title).toBe('On this day: 6 August');
  });

  it('says a quiet day is quiet', async () => {
    const r = await ask('/onthisday 03-01');
    expect(r).toMatchObject({ tone: 'miss', title: 'Nothing in my records for 1 March' });
  });

  it('explains a date it cannot read', async () => {
    expect((await ask('/onthisday 02-30')).tone).toBe('error');
  });
});

describe('/help', () => {
  it('is generated from every command’s declaration and is ephemeral', async () => {
    const r = await ask('/help');
    expect(r.ephemeral).toBe(true);
    for (const c of commands) expect(r.lines?.join('\n')).toContain(`/${c.name}`);
  });

  it('explains one command with its options and examples', async () => {
    const r = await ask('/help quote');
    expect(r.title).toBe('/quote [athlete] [keyword]');
    expect(r.lines).toContain('Example: /quote kerr silver');
  });
});

describe('every answer', () => {
  it.each(['/podium 1500m', '/quote hocker', '/result kerr', '/onthisday 08-06'])(
    '%s names its source and date',
    async (line) => {
      const text = renderText(await ask(line));
      expect(text).toMatch(/Source: .+, 2024-08-06/);
    },
  );

  it('turns an unknown command into a hint', async () => {
    const r = await ask('/trophies');
    expect(r).toMatchObject({ tone: 'error', ephemeral: true });
    expect(r.lines?.[0]).toMatch(/\/podium/);
  });
});
