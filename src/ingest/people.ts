/**
 * People in an article: full names, surname-only mentions mapped to them, their countries (from
 * "Norway's", "of Norway", "American", "(NOR)"), ages, roles (coach, agent) and gender where the
 * text makes it clear; and which recently named person a pronoun points to.
 */
import { countryByDemonym, countryOf } from './countries.js';
import type { Doc } from './document.js';
import { ROLE_NOUNS } from './lexicon.js';
import {
  capitalisedRuns,
  classifyRun,
  couldBeName,
  isNonName,
  isTitleCase,
  PLACE_PREPS,
  type RunInfo,
  splitAtCountries,
  type Token,
} from './name-runs.js';
import type { Gender, Mention, Person } from './person.js';
import { inferGenders, mentionFacts } from './person-facts.js';
import { foldName, hasVerb } from './text.js';

export {
  capitalisedRuns,
  classifyRun,
  couldBeName,
  isPlaceWord,
  type RunInfo,
  splitAtCountries,
  type Token,
  tokenize,
} from './name-runs.js';

export type { Gender, Mention, Person } from './person.js';

const MALE_TITLES = new Set(['Mr', 'Sir', 'Lord', 'Monsieur']);
const FEMALE_TITLES = new Set(['Mrs', 'Ms', 'Miss', 'Dame', 'Lady', 'Madame']);

// Descriptors allowed between a demonym and a name: "American outsider Cole Hocker".
const DESCRIPTOR_WORDS = new Set(
  `rival outsider veteran runner star sprinter hurdler athlete teenager champion favourite favorite
   newcomer youngster debutant jumper thrower vaulter miler hope prodigy great legend captain teammate
   team-mate compatriot bitter young former reigning defending world olympic european record-holder
   world-record holder distance middle-distance long-distance marathoner walker pole high long triple
   shot discus javelin hammer coach star veteran surprise`.split(/\s+/),
);
const PREPOSITIONS = new Set(
  `from to with by behind past over than against for of beside alongside ahead after before like as
   about beat beating beats edged edging edges outkicked outkicks outsprinted pipped pips held holding
   holds off defeated defeating beaten denied denying overhauled overhauling passed passing caught
   catching chased chasing trailing trailed toward towards at in on into onto`.split(/\s+/),
);

// Nouns that make "The Larne athlete", "The Northern Ireland runner" stand for a person.
const DESCRIPTOR_HEADS = new Set(
  'runner athlete sprinter hurdler jumper vaulter thrower miler star champion youngster teenager veteran walker marathoner'.split(
    ' ',
  ),
);

/**
 * For each offset of a text, whether only spaces stand between it and the start of the text or a
 * sentence end (. ! ? or a quotation boundary |). Built once per paragraph: testing a regex ending
 * in `$` on each name's whole prefix was quadratic in a paragraph of many names.
 */
function sentenceOpenings(text: string): Uint8Array {
  const open = new Uint8Array(text.length + 1);
  let last = true;
  for (let k = 0; k <= text.length; k++) {
    open[k] = last ? 1 : 0;
    const c = text[k];
    if (c !== undefined && !/\s/u.test(c)) last = '.!?|'.includes(c);
  }
  return open;
}

/** The people of an article and where they are named. */
export class People {
  readonly persons: Person[] = [];
  private readonly byPara = new Map<number, Mention[]>();
  private readonly byKey = new Map<string, Person>();
  /** People by the folded last and first word of their name, for surname look-ups. */
  private readonly byLast = new Map<string, Person[]>();
  private readonly byFirst = new Map<string, Person[]>();

  /** Capitalised runs of each narrative paragraph, classified once for both passes. */
  private readonly runs: Array<Array<{ run: Token[]; info: RunInfo }>>;

  constructor(private readonly doc: Doc) {
    this.runs = doc.texts.map((text, i) => {
      if (!doc.narrative[i]) return [];
      if (doc.paragraphs[i]?.kind === 'headline' && isTitleCase(text)) return [];
      return capitalisedRuns(text)
        .flatMap(splitAtCountries)
        .map((run) => ({ run, info: classifyRun(run) }));
    });
    this.collectNames();
    this.collectMentions();
    inferGenders(this.doc, (para) => this.mentionsIn(para));
    for (const p of this.persons) this.settle(p);
    this.collectDescriptors();
  }

  /** "The Briton", "The Northern Ireland runner" opening a sentence: the person they stand for. */
  readonly descriptors: Mention[] = [];

  private collectDescriptors(): void {
    const { doc } = this;
    const re = /(?:^|[.!?|]\s+)(The)\s+((?:[\p{L}\p{N}-]+\s+){0,3}[\p{L}\p{N}-]+)/gu;
    doc.masked.forEach((text, para) => {
      if (!doc.narrative[para] || doc.paragraphs[para]?.kind !== 'body') return;
      for (const m of text.matchAll(re)) {
        const words = (m[2] ?? '').split(/\s+/u);
        const k = words.findIndex((w) => countryByDemonym(w.toLowerCase()) || DESCRIPTOR_HEADS.has(w));
        if (k < 0) continue;
        const head = words[k] as string;
        // "The Kenyan pair", "The American Noah Lyles": not a descriptor standing alone.
        if (
          /^\p{Lu}/u.test(words[k + 1] ?? '') ||
          /^(?:pair|duo|trio|team|quartet|men|women|record)$/u.test(words[k + 1] ?? '')
        )
          continue;
        const lw = head.toLowerCase();
        const phrase = `The ${words.slice(0, k + 1).join(' ')}`;
        // "The Northern Irishman" may represent GBR or IRL.
        const demonym = /\bNorthern\s+Irish/u.test(phrase) ? null : countryByDemonym(lw);
        const start = (m.index ?? 0) + m[0].length - (m[1] ?? '').length - (m[2] ?? '').length - 1;
        const gender: Gender | null = /man$/u.test(lw) ? 'm' : /woman$/u.test(lw) ? 'f' : null;
        const r = this.resolvePronoun(para, start, gender);
        if (!r) continue;
        if (demonym && /^\p{Lu}/u.test(head)) {
          this.vote(r.person, demonym, 2);
          this.settle(r.person);
        }
        this.descriptors.push({
          para,
          start,
          end: start + phrase.length,
          person: r.person,
          possessive: false,
          synthetic: true,
        });
      }
    });
  }

  /** The person with this full name (folded), if named in the article. */
  byName(name: string): Person | null {
    return this.byKey.get(foldName(name)) ?? null;
  }

  /** Adds a person known only by one name (a speaker the article never names in full). */
  addSingle(name: string): Person {
    const existing = this.byKey.get(foldName(name));
    if (existing) return existing;
    return this.add(name.split(/\s+/));
  }

  /** Every mention, in reading order. */
  get mentions(): Mention[] {
    return [...this.byPara.keys()].sort((a, b) => a - b).flatMap((p) => this.byPara.get(p) ?? []);
  }

  /** Mentions in paragraph `para`, in order. */
  mentionsIn(para: number): readonly Mention[] {
    return this.byPara.get(para) ?? [];
  }

  /** Mentions before (para, offset), most recent first, looking back at most `back` paragraphs. */
  *mentionsBefore(para: number, offset: number, back = Number.POSITIVE_INFINITY): Generator<Mention> {
    for (let q = para; q >= 0 && q >= para - back; q--) {
      const list = this.byPara.get(q);
      if (!list) continue;
      // In the query's own paragraph, start below the offset by binary search: skipping the later
      // mentions one by one made every look-up in a paragraph of thousands of mentions linear.
      let lo = 0;
      let hi = list.length;
      if (q === para) {
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((list[mid] as Mention).start < offset) lo = mid + 1;
          else hi = mid;
        }
      }
      for (let i = hi - 1; i >= 0; i--) yield list[i] as Mention;
    }
  }

  private addMention(m: Mention): void {
    const list = this.byPara.get(m.para) ?? [];
    let i = list.length;
    while (i > 0 && (list[i - 1] as Mention).start > m.start) i--;
    list.splice(i, 0, m);
    this.byPara.set(m.para, list);
  }

  /** Records a person named in the text from its first to its last token; returns the mention. */
  private addWritten(person: Person, para: number, first: Token, last: Token): Mention {
    const mention: Mention = {
      para,
      start: first.start,
      end: last.end,
      person,
      possessive: last.possessive,
      synthetic: false,
    };
    this.addMention(mention);
    return mention;
  }

  /** Records that a person was just resolved as a speaker at this place (keeps them salient). */
  addSynthetic(person: Person, para: number, start: number, end: number): void {
    this.addMention({ para, start, end, person, possessive: false, synthetic: true });
  }

  /**
   * Resolves a name as written ("Kerr", "Van Dijk", "Josh Kerr") to a person, preferring the one
   * named in full most recently before (para, offset). Null when unknown or ambiguous.
   */
  resolveName(text: string, para: number, offset: number): Person | null {
    const keys = foldName(text)
      .split(' ')
      .filter((k) => k.length > 0);
    if (keys.length === 0) return null;
    const exact = this.byKey.get(keys.join(' '));
    if (exact) return exact;
    const joined = keys.join(' ');
    const last = keys[keys.length - 1] as string;
    const pool = new Set([
      ...(this.byLast.get(last) ?? []),
      ...(keys.length === 1 ? (this.byFirst.get(last) ?? []) : []),
    ]);
    const candidates = [...pool].filter((p) => {
      if (keys.length > p.keys.length) return false;
      const tail = p.keys.slice(p.keys.length - keys.length).join(' ');
      return tail === joined || (keys.length === 1 && p.keys[0] === keys[0]);
    });
    if (candidates.length === 1) return candidates[0] ?? null;
    if (candidates.length === 0) return null;
    // Several share the name: the one named most recently before this point, if any.
    for (const m of this.mentionsBefore(para, offset)) {
      if (candidates.includes(m.person) && m.person.keys.length > 1) return m.person;
    }
    return null;
  }

  private add(words: string[]): Person {
    const name = words.join(' ');
    const p: Person = {
      name,
      keys: foldName(name).split(' '),
      country: null,
      gender: null,
      age: null,
      roles: new Set(),
      countryVotes: new Map(),
      genderVotes: { m: 0, f: 0 },
    };
    this.persons.push(p);
    this.byKey.set(p.keys.join(' '), p);
    const last = p.keys[p.keys.length - 1] as string;
    const first = p.keys[0] as string;
    this.byLast.set(last, [...(this.byLast.get(last) ?? []), p]);
    this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), p]);
    return p;
  }

  private collectNames(): void {
    const found: string[][] = [];
    const singles: string[] = [];
    const openings: Array<Uint8Array | undefined> = [];
    this.doc.texts.forEach((text, i) => {
      for (const { info } of this.runs[i] ?? []) {
        if (info.kind === 'person') found.push(info.tokens.map((t) => t.text));
        // "Ingebrigtsen did not shy away": a lone name opening a sentence and followed by a verb.
        const only = info.tokens[0];
        if (info.kind === 'single' && only && info.tokens.length === 1 && !info.possessive) {
          const next = /^\s+(\p{Ll}[\p{Ll}'’-]*)/u.exec(text.slice(only.end))?.[1] ?? '';
          openings[i] ??= sentenceOpenings(this.doc.masked[i] ?? '');
          if (openings[i]?.[only.start] === 1 && next && hasVerb(next)) singles.push(only.text);
        }
      }
    });
    const folded = found.map((w) => foldName(w.join(' ')));
    // Every word-boundary tail of every name, gathered once: comparing each name with every other
    // was quadratic in an article naming someone thousands of times.
    const tails = new Set<string>();
    for (const name of new Set(folded)) {
      for (let k = name.indexOf(' '); k >= 0; k = name.indexOf(' ', k + 1)) tails.add(name.slice(k + 1));
    }
    found.forEach((words, i) => {
      const key = folded[i] as string;
      // "Van Dijk" at a sentence start is the tail of "Lotte van Dijk", not another person.
      const isTail = tails.has(key);
      if (!isTail && !this.byKey.has(key)) this.add(words);
    });
    // "Ferreira's wife, Ana, watched": a person known by one name, introduced by their role.
    this.doc.masked.forEach((text, i) => {
      if (!this.doc.narrative[i]) return;
      for (const m of text.matchAll(
        /\b(?:his|her|their|\p{Lu}[\p{L}'’-]*['’]s?)\s+([\p{Ll}-]+),\s+(\p{Lu}\p{Ll}+)(?=,|\s+(?:\p{Ll}|and\b))/gu,
      )) {
        const role = m[1] ?? '';
        const name = m[2] ?? '';
        if (ROLE_NOUNS.has(role) && !isNonName(name)) singles.push(name);
      }
    });
    for (const word of singles) {
      const key = foldName(word);
      const known = this.persons.some((p) => p.keys.includes(key));
      if (!known && !this.byKey.has(key)) this.add([word]);
    }
  }

  private vote(p: Person, code: string | null, weight: number): void {
    if (!code) return;
    p.countryVotes.set(code, (p.countryVotes.get(code) ?? 0) + weight);
  }

  /** Adds country evidence for a person (used by the results rules for "British record"). */
  voteCountry(p: Person, code: string | null, weight: number): void {
    this.vote(p, code, weight);
    this.settle(p);
  }

  private settle(p: Person): void {
    let best: string | null = null;
    let bestWeight = 0;
    for (const [code, w] of p.countryVotes) {
      if (w > bestWeight) {
        best = code;
        bestWeight = w;
      }
    }
    p.country = best;
    const { m, f } = p.genderVotes;
    p.gender = m > f ? 'm' : f > m ? 'f' : null;
  }

  /** Sets a gender learned elsewhere (event sex for athletes, a resolved pronoun) when unknown. */
  assumeGender(p: Person, g: Gender): void {
    if (p.gender === null) {
      p.genderVotes[g] += 0.5;
      this.settle(p);
    }
  }

  private collectMentions(): void {
    const { doc } = this;
    doc.masked.forEach((text, para) => {
      const raw = doc.texts[para] ?? '';
      let pendingCountry: { code: string; end: number; weight: number } | null = null;
      for (const { run, info } of this.runs[para] ?? []) {
        // Names inside quotations are blanked in the masked text: not narrative mentions.
        const start = run[0]?.start ?? 0;
        if (text[start] !== raw[start]) continue;
        const first = info.tokens[0];
        const last = info.tokens[info.tokens.length - 1];
        if (!first || !last) continue;
        // "Seville said", "Hall took gold": a place or thing word that is a named person's name.
        if (run.length === 1 && info.kind !== 'person' && info.kind !== 'single' && couldBeName(first.text)) {
          const prevWord = /([\p{L}]+)\s*$/u.exec(text.slice(0, first.start))?.[1]?.toLowerCase() ?? '';
          const person = PLACE_PREPS.has(prevWord) ? null : this.resolveName(first.text, para, first.start);
          if (person) {
            const mention = this.addWritten(person, para, first, last);
            mentionFacts(mention, text, (p, code, w) => this.vote(p, code, w));
            continue;
          }
        }
        if (
          info.kind === 'country' ||
          (info.kind === 'other' && run.length === 1 && countryOf(run[0]?.text ?? ''))
        ) {
          const code = info.country ?? countryOf(run[0]?.text ?? '');
          if (code)
            pendingCountry = {
              code,
              end: last.end + (last.possessive ? 2 : 0),
              weight: info.possessive ? 3 : 2,
            };
          continue;
        }
        if (info.kind !== 'person' && info.kind !== 'single') continue;
        const written = info.tokens.map((t) => t.text).join(' ');
        const person = this.resolveName(written, para, first.start);
        if (!person) continue;
        const mention = this.addWritten(person, para, first, last);
        if (info.demonym) this.vote(person, countryByDemonym(info.demonym), 3);
        if (info.title && MALE_TITLES.has(info.title)) person.genderVotes.m += 2;
        if (info.title && FEMALE_TITLES.has(info.title)) person.genderVotes.f += 2;
        if (info.title === 'Coach') person.roles.add('coach');
        if (pendingCountry) {
          // "American outsider Cole Hocker", "the American favorite, Brianna Carter".
          const gap = text.slice(pendingCountry.end, first.start).replace(/,\s*$/u, ' ');
          const words = gap.trim().split(/\s+/).filter(Boolean);
          // Also a title between them: "American two-time world champion Katie Moon",
          // "Australia's Olympic silver medallist Nicola Olyslagers".
          const titleWord = (w: string) =>
            DESCRIPTOR_WORDS.has(w.toLowerCase()) ||
            w === 'the' ||
            /^(?:\d+|one|two|three|four|five|six|seven)-time$/u.test(w) ||
            /^(?:gold|silver|bronze|medall?ist|double|triple|global|indoor|Diamond|League|Commonwealth|Paralympic)$/iu.test(
              w,
            );
          if (/^\s+[\p{L}\s\d-]*$/u.test(gap) && words.length <= 5 && words.every(titleWord)) {
            this.vote(person, pendingCountry.code, pendingCountry.weight);
          }
          pendingCountry = null;
        }
        mentionFacts(mention, text, (p, code, w) => this.vote(p, code, w));
      }
    });
  }

  /**
   * The person a pronoun (or a gendered reference) at (para, offset) most likely points to: walk back
   * clause by clause (this paragraph, then up to three before) to the nearest clause naming a
   * compatible person as its subject. Null when nobody fits or two people fit equally.
   */
  resolvePronoun(
    para: number,
    offset: number,
    gender: Gender | null,
  ): { person: Person; sure: boolean } | null {
    const { doc } = this;
    const compatible = (p: Person) => gender === null || p.gender === null || p.gender === gender;
    let fallback: Person | null = null;
    for (let q = para; q >= Math.max(0, para - 3); q--) {
      if (!doc.narrative[q]) continue;
      const mentions = this.mentionsIn(q).filter(
        (m) => (q < para || m.start < offset) && compatible(m.person),
      );
      if (mentions.length === 0) continue;
      const clauses = (doc.clauses[q] ?? []).filter((c) => q < para || c.start < offset);
      for (let ci = clauses.length - 1; ci >= 0; ci--) {
        const c = clauses[ci];
        if (!c) continue;
        const inClause = mentions.filter((m) => m.start >= c.start && m.start < c.end);
        if (inClause.length === 0) continue;
        // "She announced her engagement to Ben Broeders": the clause's subject is the pronoun
        // itself, so the person named in it is not who "she" is; look further back.
        const opening = (doc.masked[q] ?? '').slice(c.start, inClause[0]?.start ?? c.start);
        const subjectPronoun = gender === 'f' ? /^[\s|,]*(?:and\s+)?she\b/iu : /^[\s|,]*(?:and\s+)?he\b/iu;
        if (gender !== null && subjectPronoun.test(opening)) continue;
        if (!fallback) fallback = inClause[inClause.length - 1]?.person ?? null;
        if (c.relative) continue;
        const subject = this.subjectOf(q, c.start, inClause);
        if (!subject) continue;
        // "Smith and Jones embraced": two people in the subject slot, no way to tell.
        const others = inClause.filter((m) => m.person !== subject.person && !m.possessive);
        const text = doc.masked[q] ?? '';
        const joined = others.some((o) => {
          const between =
            o.start > subject.end ? text.slice(subject.end, o.start) : text.slice(o.end, subject.start);
          return (
            /^\s*,?\s*(?:and|&)\s+(?:[^\s.;:!?]+\s+){0,3}$/iu.test(between) ||
            /^\s*(?:and|&)\s*$/iu.test(between)
          );
        });
        if (joined) return null;
        const sure = subject.person.gender !== null && subject.person.gender === gender;
        return { person: subject.person, sure };
      }
    }
    return fallback ? { person: fallback, sure: false } : null;
  }

  /** The mention acting as subject of a clause: the first not governed by a preposition or verb of defeat. */
  subjectOf(para: number, clauseStart: number, inClause: Mention[]): Mention | null {
    const text = this.doc.masked[para] ?? '';
    const free = inClause.filter((m) => {
      const before = text.slice(Math.max(clauseStart, m.start - 24), m.start);
      const words = before.toLowerCase().match(/[\p{L}-]+/gu) ?? [];
      const last = words[words.length - 1];
      const prev = words[words.length - 2];
      if (last && PREPOSITIONS.has(last)) return false;
      // "to Japan's Haruka Nishimura": a preposition before a possessive country still governs.
      if (prev && PREPOSITIONS.has(prev) && last && countryOf(last.replace(/['’]s$/u, ''))) return false;
      return true;
    });
    const nonPossessive = free.find((m) => !m.possessive);
    if (nonPossessive) return nonPossessive;
    const first = free[0];
    if (first?.possessive) {
      const lead = text.slice(clauseStart, first.start);
      if (/^[\s|,]*(?:\p{L}+\s+){0,3}$/u.test(lead)) return first;
    }
    return null;
  }
}
