import { describe, expect, it } from 'vitest';
import { complete } from '../../src/core/complete.js';
import { disciplineKey } from '../../src/core/disciplines.js';
import { bestOf } from '../../src/core/editions.js';
import { eventBucket, eventKeywords, fitsQuery, parseEventQuery } from '../../src/core/event-query.js';
import { loadShippedKb } from '../helpers.js';

describe('events at championship scale', () => {
  it('reads every autocomplete value back to the very round it names', async () => {
    const kb = await loadShippedKb();
    for (const e of kb.events.values()) {
      const choices = complete(kb, 'event', `${e.sex} ${e.discipline} ${e.edition}`, 25);
      expect(choices.length).toBeGreaterThan(0);
    }
    let checked = 0;
    for (const e of kb.eventList()) {
      const label = kb.resolveEvent(
        [e.sex, e.discipline, e.partOf, e.edition, e.round === 'final' ? 'final' : '']
          .filter(Boolean)
          .join(' '),
      );
      expect(label.kind).toBe('found');
      checked++;
    }
    expect(checked).toBe(kb.events.size);
  });

  it('offers suggestions as fans read them, half-typed words included', async () => {
    const kb = await loadShippedKb();
    expect(complete(kb, 'event', '100m rio', 3)[0]).toEqual({
      name: "Men's 100m final — Rio 2016",
      value: 'men 100m Rio 2016 final',
    });
    expect(complete(kb, 'event', 'women 4x4', 1)[0]?.name).toBe("Women's 4x400m relay final — Rome 2024");
    for (const c of complete(kb, 'event', '100m rio', 25)) {
      const m = kb.resolveEvent(c.value);
      expect(m.kind === 'found' && m.event.edition).toBe('Rio 2016');
    }
  });

  it.each([
    ['shot put women rio', "Women's shot put final — Rio 2016"],
    ['rio women shot', "Women's shot put final — Rio 2016"],
    ['2016 10,000m men', "Men's 10,000m final — Rio 2016"],
    ["women's 4x100m relay rio", "Women's 4x100m relay final — Rio 2016"],
    ['4 x 400 mixed', 'Mixed 4x400m relay final — Rome 2024'],
    ['steeple women 2016', "Women's 3000m steeplechase final — Rio 2016"],
    ['50km walk', "Men's 50km race walk final — Rio 2016"],
    ['heptathlon olympics', "Women's heptathlon final — Rio 2016"],
    ['european championships hammer women', "Women's hammer throw final — Rome 2024"],
    ['decathlon long jump rio', "Men's decathlon long jump final — Rio 2016"],
    ['100m men semi 2 rio', "Men's 100m semi-final 2 — Rio 2016"],
    ['100m men semi-final 2 rome', "Men's 100m semi-final 2 — Rome 2024"],
    ['100m prelim 1 men', "Men's 100m preliminary heat 1 — Rio 2016"],
    ['half marathon women', "Women's half marathon final — Rome 2024"],
  ])('reads %j as the %s', async (text, title) => {
    const kb = await loadShippedKb();
    const m = kb.resolveEvent(text);
    const { eventTitle } = await import('../../src/core/format.js');
    expect(m.kind === 'found' && eventTitle(m.event)).toBe(title);
  });

  it('answers from its indexes exactly as a scan of every event would, asked once or again', async () => {
    const kb = await loadShippedKb();
    const texts = new Set<string>();
    for (const e of kb.eventList()) {
      const year = e.date.slice(0, 4);
      texts.add(`${e.discipline}${e.partOf ? ` ${e.partOf}` : ''}`);
      texts.add(`${e.sex} ${e.discipline} ${e.city} ${year}`);
      texts.add(`${e.discipline} ${e.round} ${e.roundName ?? ''} ${e.competition}`);
      texts.add(`${e.discipline} atlantis ${year}`);
    }
    for (const text of texts) {
      const q = parseEventQuery(text);
      if (!q) continue;
      const fits = kb
        .eventList()
        .filter((e) => eventBucket(e, disciplineKey(e.discipline)) === q.key)
        .filter((e) => fitsQuery(e, q, eventKeywords(e)));
      const want = fits.length ? bestOf(fits) : null;
      for (let i = 0; i < 2; i++) {
        const got = kb.resolveEvent(text);
        if (!want) expect(got.kind, text).toBe('unknown');
        else if (got.kind !== 'found') expect.fail(`${text}: ${got.kind}`);
        else {
          expect(got.event.id, text).toBe(want.event.id);
          expect(
            got.others.map((e) => e.id),
            text,
          ).toEqual(want.others.map((e) => e.id));
        }
      }
    }
  });
});
