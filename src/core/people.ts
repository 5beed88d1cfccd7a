/**
 * One record per person across data files: the seed's curated people, and each imported
 * competition's. Records are the same person when they share an id, share a Tilastopaja id (so
 * Rio's Sandra Perković is Rome's Sandra Elkasević), or — for a record without such ids, like the
 * seed's — carry the same name (or alias) and country, and the same birth date where both give one.
 */
import type { Athlete } from './schema.js';
import { compareCodes, fold } from './text.js';

/** People merged: canonical records, and every data id → its canonical id. */
export interface MergedPeople {
  athletes: Map<string, Athlete>;
  canonical: Map<string, string>;
}

/**
 * Merges person records. `newest` gives the date of a record's latest result (or undefined): the
 * name shown is a curated record's if there is one (the name fans use), else the newest record's,
 * so a person is called what they competed as most recently; every other name becomes an alias.
 */
export function mergePeople(
  records: readonly Athlete[],
  newest: (id: string) => string | undefined,
): MergedPeople {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) {
      const next = parent[i] as number;
      parent[i] = r;
      i = next;
    }
    return r;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const firstBy = new Map<string, number>();
  const link = (i: number, key: string) => {
    const first = firstBy.get(key);
    if (first === undefined) firstBy.set(key, i);
    else union(first, i);
  };
  const curated = (a: Athlete) => !a.ids?.tilastopaja?.length;
  records.forEach((a, i) => {
    link(i, `id:${a.id}`);
    for (const t of a.ids?.tilastopaja ?? []) link(i, `tp:${t}`);
  });
  // Name + country joins a curated record to an imported one (never two imported ones: those
  // have ids, and two people may share a name).
  // Only imported records from a curated person's country can match one (and folding thousands
  // of names would cost more than all the rest of the merge).
  const curatedCountries = new Set(records.filter(curated).map((a) => a.country));
  const byName = new Map<string, number[]>();
  records.forEach((a, i) => {
    if (curated(a) || !curatedCountries.has(a.country)) return;
    for (const n of [a.name, ...a.aliases]) {
      const key = `${fold(n)}|${a.country}`;
      const list = byName.get(key) ?? [];
      list.push(i);
      byName.set(key, list);
    }
  });
  records.forEach((a, i) => {
    if (!curated(a)) return;
    for (const n of [a.name, ...a.aliases]) {
      for (const j of byName.get(`${fold(n)}|${a.country}`) ?? []) {
        const b = records[j] as Athlete;
        if (!a.born || !b.born || a.born === b.born) union(i, j);
      }
    }
  });

  const groups = new Map<number, Athlete[]>();
  records.forEach((a, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(a);
    groups.set(r, g);
  });
  const athletes = new Map<string, Athlete>();
  const canonical = new Map<string, string>();
  for (const group of groups.values()) {
    const merged = group.length === 1 ? (group[0] as Athlete) : mergeGroup(group, newest, curated);
    athletes.set(merged.id, merged);
    for (const a of group) canonical.set(a.id, merged.id);
  }
  return { athletes, canonical };
}

function mergeGroup(
  group: Athlete[],
  newest: (id: string) => string | undefined,
  curated: (a: Athlete) => boolean,
): Athlete {
  const byDate = [...group].sort((a, b) => compareCodes(newest(b.id) ?? '', newest(a.id) ?? ''));
  const head = group.find(curated) ?? (byDate[0] as Athlete);
  const latest = byDate[0] as Athlete;
  const names = new Set(group.flatMap((a) => [a.name, ...a.aliases]));
  names.delete(head.name);
  const union = (pick: (a: Athlete) => readonly string[] | undefined) => {
    const all = [...new Set(group.flatMap((a) => pick(a) ?? []))].sort();
    return all.length ? all : undefined;
  };
  const tilastopaja = union((a) => a.ids?.tilastopaja);
  const worldAthletics = union((a) => a.ids?.worldAthletics);
  const formerIds = [...new Set(group.map((a) => a.id).filter((id) => id !== head.id))].sort();
  return {
    ...head,
    ...(formerIds.length ? { formerIds } : {}),
    // The country of the latest competition: Pichardo is Portuguese now, Cuban in Rio.
    country: newest(latest.id) ? latest.country : head.country,
    sex: head.sex ?? group.find((a) => a.sex)?.sex ?? null,
    aliases: [...names],
    born: head.born ?? group.find((a) => a.born)?.born ?? null,
    ...(tilastopaja || worldAthletics
      ? { ids: { ...(tilastopaja ? { tilastopaja } : {}), ...(worldAthletics ? { worldAthletics } : {}) } }
      : {}),
  };
}
