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

/** Wider budget for comparing a word against one candidate's words directly. */
function fallbackEdits(len: number): number {
  if (len <= 3) return 0;
  if (len <= 5) return 1;
  if (len <= 8) return 2;
  return 3;
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

  /** True when the text is exactly someone's full name, surname, given name or alias (any case, accents optional). */
  hasExact(text: string): boolean {
    return this.exact.has(fold(text));
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

  /**
   * Scores people against query words: the mean over query words of the best word similarity.
   * Words found through the deletion index vote for everyone who has them; then, for each such
   * candidate, a query word that matched none of their words is compared with their words
   * directly, with a wider budget — a matched given name makes a badly misspelt surname findable
   * by checking only the few dozen people who share that given name.
   */
  private rank(qWords: readonly string[]): Array<{ n: number; score: number }> {
    const score = new Map<number, number>();
    const mask = new Map<number, number>();
    qWords.forEach((qw, qi) => {
      const best = new Map<number, number>();
      for (const [word, similarity] of this.similarWords(qw)) {
        for (const n of this.postings.get(word) ?? []) {
          if (similarity > (best.get(n) ?? 0)) best.set(n, similarity);
        }
      }
      for (const [n, sim] of best) {
        score.set(n, (score.get(n) ?? 0) + sim);
        mask.set(n, (mask.get(n) ?? 0) | (1 << qi));
      }
    });
    const full = (1 << qWords.length) - 1;
    const out: Array<{ n: number; score: number }> = [];
    for (const [n, sum] of score) {
      let total = sum;
      const m = mask.get(n) ?? 0;
      const entry = this.entries[n] as Entry<T>;
      // Direct comparison only for someone who already matches all but one typed word: it finds
      // a badly misspelt surname next to a right given name, and keeps a stray extra word
      // ("kerr silver") from comparing against everyone who shares one name with it.
      if (m !== full && popcount(m) >= qWords.length - 1) {
        qWords.forEach((qw, qi) => {
          if (m & (1 << qi)) return;
          const budget = fallbackEdits(qw.length);
          let sim = 0;
          for (const words of entry.names) {
            for (const w of words) {
              const d = editDistance(qw, w, budget);
              if (d <= budget) sim = Math.max(sim, 1 - d / Math.max(qw.length, w.length));
            }
          }
          total += sim;
        });
      }
      let s = total / qWords.length;
      // Prefer the person whose main name is fully covered ("cole hocker" over "cole hockerson").
      if ((entry.names[0]?.length ?? 0) === qWords.length) s += 0.001;
      out.push({ n, score: s });
    }
    return out.sort((a, b) => b.score - a.score || a.n - b.n);
  }

  /** Distinct indexed words within the typo budget of `w`, with a similarity in (0, 1]. */
  private similarWords(w: string): Map<string, number> {
    const found = new Map<string, number>();
    // A word that exists as typed is taken as meant: its misspelt neighbours would only add noise
    // (and hundreds of candidates for a common given name).
    if (this.postings.has(w)) {
      found.set(w, 1);
      return found;
    }
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
    if (budget >= 2) {
      for (const v of d1) {
        for (let i = 0; i < v.length; i++) {
          const v2 = v.slice(0, i) + v.slice(i + 1);
          if (this.postings.has(v2)) candidates.add(v2);
        }
      }
    }
    for (const c of candidates) {
      if (found.has(c)) continue;
      const d = editDistance(w, c, budget);
      if (d <= budget) found.set(c, 1 - d / Math.max(w.length, c.length));
    }
    return found;
  }
}

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}
