import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/core/knowledge-base.js';
import { parseBundle } from '../../src/core/validate.js';
import { linkEvent, PersonLinker } from '../../src/ingest/link.js';
import type { Draft } from '../../src/ingest/types.js';
import { REPO_ROOT } from '../helpers.js';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/kb-mini/championships.json');
const kb = KnowledgeBase.fromBundles([parseBundle(FIXTURE, await readFile(FIXTURE, 'utf8'))]);
const people = new PersonLinker(kb);

function draft(
  event: Partial<Draft['event']>,
  results: Draft['results'] = [],
  published = '2024-06-13',
): Draft {
  return {
    source: { title: 'x', published },
    event: { discipline: '1500m', sex: 'men', competition: null, venue: null, date: null, ...event },
    results,
    quotes: [],
  };
}
const placing = (place: number, athlete: string, country: string | null = null) => ({
  place,
  athlete,
  country,
  mark: null,
  records: [],
});

describe('linking people', () => {
  it('finds a known person by full name, accents and case aside', () => {
    expect(people.link('JAKOB INGEBRIGTSEN')?.id).toBe('jakob-ingebrigtsen');
  });

  it('tells namesakes apart by country, and links neither when nothing tells them apart', () => {
    expect(people.link('James Smith', { country: 'GBR' })?.id).toBe('james-smith-gbr');
    expect(people.link('James Smith', { country: 'USA' })?.id).toBe('james-smith-usa');
    expect(people.link('James Smith')).toBeNull();
  });

  it('links a surname alone only among the finishers of the known event', () => {
    const final = kb.event('rome-2024-men-1500m-final') ?? null;
    expect(people.link('Arese', { event: final })?.id).toBe('pietro-arese');
    expect(people.link('Arese')).toBeNull();
    expect(people.link('Smith', { event: final })).toBeNull();
  });
});

describe('linking events', () => {
  it('attaches a report of the final to the final, not the heat of the same championships', () => {
    const link = linkEvent(kb, draft({ date: '2024-06-12', competition: 'European Championships' }), people);
    expect(link.kind === 'known' && link.event.id).toBe('rome-2024-men-1500m-final');
  });

  it('uses the days before publication when the report gives no date, and the finishers it names', () => {
    const link = linkEvent(
      kb,
      draft({}, [placing(1, 'Jakob Ingebrigtsen', 'NOR'), placing(2, 'Jochem Vermeulen', 'BEL')]),
      people,
    );
    expect(link.kind === 'known' && link.event.id).toBe('rome-2024-men-1500m-final');
  });

  it('keeps the sex apart, and proposes a new event when nothing known fits', () => {
    const women = linkEvent(kb, draft({ sex: 'women', date: '2024-06-12' }), people);
    expect(women.kind === 'known' && women.event.id).toBe('rome-2024-women-1500m-final');
    expect(linkEvent(kb, draft({ date: '2025-06-12' }, [], '2025-06-13'), people).kind).toBe('none');
    expect(linkEvent(kb, draft({ discipline: '800m', date: '2024-06-12' }), people).kind).toBe('none');
    expect(linkEvent(kb, draft({ discipline: null }), people).kind).toBe('none');
  });
});
