/**
 * Turns the results rules' claims into results: the best-supported place per athlete (a place
 * once, unless the text says it was shared), nobody of the other sex, the second of a one-two
 * or of a close finish, then each athlete's best-supported mark and records.
 */
import type { RecordCode } from '../core/reply.js';
import type { Person } from './people.js';
import type { DraftResult } from './types.js';

/** One piece of evidence: a place or mark for a person, its weight and reading order. */
export interface Claim<T> {
  person: Person;
  value: T;
  weight: number;
  order: number;
  /** "shared bronze", "tied for third": the place may be shared. */
  tie?: boolean;
}

/** Everything the rules gathered, and the map of places to fill. */
export interface ClaimState {
  places: Claim<number>[];
  marks: Claim<string>[];
  records: Map<Person, Set<RecordCode>>;
  noMedal: Set<Person>;
  oneTwo: Person[];
  beaten: Array<{ winner: Person; person: Person; order: number }>;
  sex: 'men' | 'women' | 'mixed' | null;
  assigned: Map<Person, number>;
}

const RECORD_ORDER: RecordCode[] = ['WR', 'OR', 'AR', 'NR', 'CR', 'MR', 'PB', 'SB'];

/** Resolves the claims into results sorted by place (fills `st.assigned`). */
export function resolveClaims(st: ClaimState): DraftResult[] {
  const claims = [...st.places].sort((a, b) => b.weight - a.weight || a.order - b.order);
  const taken = new Set<number>();
  const opposite = st.sex === 'men' ? 'f' : st.sex === 'women' ? 'm' : null;
  for (const c of claims) {
    if (st.assigned.has(c.person)) continue;
    if (
      taken.has(c.value) &&
      !(c.tie && st.places.some((o) => o.tie && o.value === c.value && st.assigned.get(o.person) === c.value))
    )
      continue;
    if (opposite && c.person.gender === opposite) continue;
    if (c.value <= 3 && st.noMedal.has(c.person) && c.weight < 5) continue;
    st.assigned.set(c.person, c.value);
    taken.add(c.value);
  }
  // "a Jamaican one-two": the winner and the other athlete named with it.
  if (!taken.has(2)) {
    // The winner need not be named in that sentence ("It was enough to hold off X in a one-two").
    const winner = [...st.assigned].find(([, place]) => place === 1)?.[0];
    const second = st.oneTwo.find((p) => p !== winner && !st.assigned.has(p) && p.gender !== opposite);
    if (winner && second) {
      st.assigned.set(second, 2);
      taken.add(2);
    }
  }
  // Runner-up from "the winner edged Y" when nothing else placed Y.
  if (!taken.has(2)) {
    for (const b of st.beaten) {
      if (st.assigned.get(b.winner) === 1 && !st.assigned.has(b.person) && !st.noMedal.has(b.person)) {
        st.assigned.set(b.person, 2);
        break;
      }
    }
  }
  const results: DraftResult[] = [];
  for (const [person, place] of st.assigned) {
    const marks = st.marks
      .filter((m) => m.person === person)
      .sort((a, b) => b.weight - a.weight || a.order - b.order);
    const records = [...(st.records.get(person) ?? [])].sort(
      (a, b) => RECORD_ORDER.indexOf(a) - RECORD_ORDER.indexOf(b),
    );
    results.push({
      place,
      athlete: person.name,
      country: person.country,
      mark: marks[0]?.value ?? null,
      records,
    });
  }
  return results.sort((a, b) => a.place - b.place);
}
