/**
 * The rounds of one championship event (heats, semi-finals, final of the same discipline, sex and
 * edition), indexed once per loaded base so a /podium answer does not scan every event for its
 * round buttons.
 */
import { disciplineKey } from './disciplines.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { SportEvent } from './schema.js';

const indexes = new WeakMap<KnowledgeBase, Map<string, SportEvent[]>>();

function roundKey(e: SportEvent): string {
  // A decathlon's 100m is a round of the decathlon, never a heat of the 100m.
  return `${e.competition}\u0000${e.edition}\u0000${e.sex}\u0000${disciplineKey(e.discipline)}\u0000${e.partOf ?? ''}`;
}

/** Every event of the same competition, edition, sex, discipline and combined event (if any) as `e` (itself included), in load order. */
export function roundsOf(kb: KnowledgeBase, e: SportEvent): readonly SportEvent[] {
  let index = indexes.get(kb);
  if (!index) {
    index = new Map();
    for (const other of kb.events.values()) {
      const key = roundKey(other);
      const list = index.get(key);
      if (list) list.push(other);
      else index.set(key, [other]);
    }
    indexes.set(kb, index);
  }
  return index.get(roundKey(e)) ?? [];
}
