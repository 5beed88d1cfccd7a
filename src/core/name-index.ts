import { deletes1, editDistance, fold } from './text.js';

/** How a name query resolved: one person, several equally good, or none (with near misses). */
export type NameMatch<T> =
  | { kind: 'found'; item: T; exact: boolean }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'unknown'; suggestions: T[] };

interface Entry<T> {
  item: T;
  /** Folded words of the main name, then of each alias. */
  names: string[][];
}

/** Typo budget per word: short words must match exactly or nearly, long ones may carry two slips. */
function maxEdits(len: number): number {
  if (len <= 3) return 0;
  if (len <= 5) return 1;
  return 2;
}

/**
 * Finds people by name the way fans type them: full name, surname or given name, any case,
 * accents optional, typos tolerated. Exact keys answer from one map lookup; typos go through a
 * symmetric-deletion index of the distinct name words (SymSpell's idea), so a lookup costs a few
 * dozen map probes however many people there are, and candidates are verified by edit distance.
 */
export class NameIndex<T> {
  private readonly entries: Entry<T>[] = [];
  /** Folded full name, alias, surname or given name → entry numbers. */
  private readonly exact = new Map<string, number[]>();
  /** Distinct name word → entry numbers. */
  private readonly postings = new Map<string, number[]>();
  /** Word with one letter deleted → distinct words it came from. */
  private readonly deletions = new Map<string, string[]>();

  /** Adds a person under a main name, its surname and given name, and aliases. */
  add(item: T, name: string, familyName: string, givenName: string, aliases: readonly string[] = []): void {
    const n = this.entries.length;
    const names = [name, ...aliases].map((s) => fold(s).split(' ').filter(Boolean));
    this.entries.push({ item, names });
    for (const key of new Set([name, familyName, givenName, ...aliases].map(fold))) {
      if (key) push(this.exact, key, n);
    }
    for (const word of new Set(names.flat())) {
      const list = this.postings.get(word);
      if (list) {
        list.push(n);
        continue;
      }
      this.postings.set(word, [n]);
      for (const d of deletes1(word)) push(this.deletions, d, word);
    }
  }

  /** Number of people indexed. */
  get size(): number {
    return this.entries.length;
  }

  /** Resolves a query to one person, an ambiguity, or near misses. */
  resolve(query: string, suggestionLimit = 5): NameMatch<T> {
    const key = fold(query);
    if (key === '') return { kind: 'unknown', suggestions: [] };
    const exact = this.exact.get(key);
    if (exact && exact.length === 1)
      return { kind: 'found', item: this.item(exact[0] as number), exact: true };
    if (exact && exact.length > 1) return { kind: 'ambiguous', candidates: exact.map((n) => this.item(n)) };

    const ranked = this.rank(key.split(' '));
    const best = ranked[0];
    if (!best) return { kind: 'unknown', suggestions: [] };
    if (best.score >= 0.75) {
      const tied = ranked.filter((r) => r.score >= best.score - 1e-9);
      if (tied.length === 1) return { kind: 'found', item: this.item(best.n), exact: false };
      return { kind: 'ambiguous', candidates: tied.slice(0, 10).map((r) => this.item(r.n)) };
    }
    return { kind: 'unknown', suggestions: ranked.slice(0, suggestionLimit).map((r) => this.item(r.n)) };
  }

  /** People whose name words start with the query's words (for autocomplete), best first. */
  complete(query: string, limit: number): T[] {
    const qWords = fold(query).split(' ').filter(Boolean);
    if (qWords.length === 0) return this.entries.slice(0, limit).map((e) => e.item);
    const last = qWords[qWords.length - 1] as string;
    const scores = new Map<number, number>();
    // Whole words typed so far must match (typos allowed); the last may be a prefix.
    for (const r of this.rank(qWords)) scores.set(r.n, r.score);
    if (last.length >= 2) {
      for (const [word, list] of this.postings) {
        if (!word.startsWith(last)) continue;
        for (const n of list) {
          const others = qWords.slice(0, -1);
          const ok = others.every((w) => this.entries[n]?.names.some((ns) => ns.includes(w)));
          if (ok) scores.set(n, Math.max(scores.get(n) ?? 0, 0.9 + last.length / (10 * word.length)));
        }
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([n]) => this.item(n));
  }

  private item(n: number): T {
    return (this.entries[n] as Entry<T>).item;
  }

  /** Scores people against query words: mean over query words of the best word similarity. */
  private rank(qWords: readonly string[]): Array<{ n: number; score: number }> {
    const perEntry = new Map<number, number[]>();
    qWords.forEach((qw, qi) => {
      for (const [word, similarity] of this.similarWords(qw)) {
        for (const n of this.postings.get(word) ?? []) {
          let sims = perEntry.get(n);
          if (!sims) {
            sims = new Array<number>(qWords.length).fill(0);
            perEntry.set(n, sims);
          }
          if (similarity > (sims[qi] as number)) sims[qi] = similarity;
        }
      }
    });
    const out: Array<{ n: number; score: number }> = [];
    for (const [n, sims] of perEntry) {
      let score = sims.reduce((a, b) => a + b, 0) / qWords.length;
      // Prefer the person whose main name is fully covered ("cole hocker" over "cole hockerson").
      const main = this.entries[n]?.names[0] ?? [];
      if (main.length === qWords.length) score += 0.001;
      out.push({ n, score });
    }
    return out.sort((a, b) => b.score - a.score || a.n - b.n);
  }

  /** Distinct indexed words within the typo budget of `w`, with a similarity in (0, 1]. */
  private similarWords(w: string): Map<string, number> {
    const found = new Map<string, number>();
    if (this.postings.has(w)) found.set(w, 1);
    const budget = maxEdits(w.length);
    if (budget === 0) return found;
    const candidates = new Set<string>();
    const probe = (variant: string) => {
      if (this.postings.has(variant)) candidates.add(variant);
      for (const word of this.deletions.get(variant) ?? []) candidates.add(word);
    };
    probe(w);
    const d1 = deletes1(w);
    for (const v of d1) probe(v);
    if (budget >= 2)
      for (const v of d1) for (const v2 of deletes1(v)) if (this.postings.has(v2)) candidates.add(v2);
    for (const c of candidates) {
      if (found.has(c)) continue;
      const d = editDistance(w, c, budget);
      if (d <= budget) found.set(c, 1 - d / Math.max(w.length, c.length));
    }
    return found;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}
