/**
 * People in an article: full names, surname-only mentions mapped to them, their countries (from
 * "Norway's", "of Norway", "American", "(NOR)"), ages, roles (coach, agent) and gender where the
 * text makes it clear; and which recently named person a pronoun points to.
 */
import { countryByDemonym, countryByName, countryNames, countryOf } from './countries.js';
import type { Doc } from './document.js';
import {
  CITY_TIME_ZONES,
  COMPETITION_WORDS,
  NOT_NAME_WORDS,
  ROLE_NOUNS,
  VENUE_WORDS,
  VENUES,
} from './lexicon.js';
import { foldName, hasVerb } from './text.js';

/** Gender as the text shows it. */
export type Gender = 'm' | 'f';

/** A person named in the article. */
export interface Person {
  /** Full name as first written ("Cole Hocker"); a surname alone when that is all there is. */
  name: string;
  /** Folded name tokens. */
  keys: string[];
  country: string | null;
  gender: Gender | null;
  age: number | null;
  roles: Set<string>;
  /** Country evidence by code (weights), resolved into `country`. */
  countryVotes: Map<string, number>;
  genderVotes: { m: number; f: number };
}

/** A place in the narrative where a person is named (or, synthetic, was just resolved as a speaker). */
export interface Mention {
  para: number;
  start: number;
  end: number;
  person: Person;
  /** "Kerr's" — the person owns something rather than acts. */
  possessive: boolean;
  synthetic: boolean;
}

/** A word with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
  possessive: boolean;
}

const PARTICLES = new Set(
  'de da das do dos du des van von der den ter ten la le di del della al el bin ibn'.split(' '),
);
const TITLES = new Set(
  'Mr Mrs Ms Miss Sir Dame Dr Coach Captain Prof President Director Lord Lady Madame Monsieur'.split(' '),
);
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

/** True when a word starts with a capital letter (ASCII answered without a regular expression). */
const isCap = (w: string) => {
  const code = w.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return /^\p{Lu}/u.test(w);
};
const isAllCaps = (w: string) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w);
const cities = new Set([...CITY_TIME_ZONES.keys()].map((c) => c.toLowerCase()));
const venues = new Set([...VENUES.keys()].map((v) => v.toLowerCase()));

/** Words of a text with offsets; "Kerr's" and "Jones'" become possessive "Kerr", "Jones". */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /[\p{L}\p{M}\p{N}]+(?:[’'\-.][\p{L}\p{M}\p{N}]+)*/gu;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    let word = m[0];
    let possessive = false;
    const end = m.index + word.length;
    const last = word[word.length - 1];
    if (
      (last === 's' || last === 'S') &&
      word.length > 2 &&
      (word[word.length - 2] === '’' || word[word.length - 2] === "'")
    ) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (
      (last === 's' || last === 'z' || last === 'S' || last === 'Z') &&
      (text[end] === '’' || text[end] === "'") &&
      !/\p{L}/u.test(text[end + 1] ?? '')
    ) {
      possessive = isCap(word);
    }
    out.push({ text: word, start: m.index, end: m.index + word.length, possessive });
    m = re.exec(text);
  }
  return out;
}

const PLACE_PREPS = new Set(['in', 'at', 'from', 'to', 'near', 'of', 'around', 'across', 'outside', 'into']);

/** Runs of capitalised words ("Jakob Ingebrigtsen", "Lotte van Dijk"); a possessive ends a run. */
export function capitalisedRuns(text: string, tokens: Token[] = tokenize(text)): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    while (run.length > 0 && !isCap(run[run.length - 1]?.text ?? '')) run.pop();
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const prev = run[run.length - 1];
    const joined = prev !== undefined && t.start - prev.end === 1 && text[prev.end] === ' ';
    const cap = isCap(t.text);
    const particle = !cap
      ? t.text.length <= 4 && PARTICLES.has(t.text)
      : t.text.length <= 3 && PARTICLES.has(t.text.toLowerCase());
    if (run.length > 0 && (!joined || prev?.possessive)) close();
    if (cap && t.text.length > 1) {
      run.push(t);
      // "in London Kerr won": a place after "in"/"at" is its own run, never a given name.
      const prevTok = tokens[i - 1];
      if (run.length === 1 && prevTok && PLACE_PREPS.has(prevTok.text.toLowerCase()) && isPlaceWord(t.text))
        close();
    } else if (particle && run.length > 0) {
      run.push(t);
    } else {
      close();
    }
    if (t.possessive) close();
  }
  close();
  return runs;
}

// Every word of every country name, to skip runs that cannot contain one.
const COUNTRY_WORDS = new Set(countryNames().flatMap((n) => n.split(' ')));

/** Splits a run around country names inside it ("Ingebrigtsen Great Britain’s" → two runs). */
export function splitAtCountries(run: Token[]): Token[][] {
  if (!run.some((t) => COUNTRY_WORDS.has(t.text.toLowerCase()))) return [run];
  const out: Token[][] = [];
  let current: Token[] = [];
  let i = 0;
  while (i < run.length) {
    let matched = 0;
    for (let n = Math.min(4, run.length - i); n >= 1; n--) {
      const words = run.slice(i, i + n).map((t) => t.text);
      if (countryByName(words.join(' '))) {
        matched = n;
        break;
      }
    }
    if (matched > 0 && (i > 0 || matched < run.length)) {
      if (current.length > 0) out.push(current);
      out.push(run.slice(i, i + matched));
      current = [];
      i += matched;
    } else {
      current.push(run[i] as Token);
      i++;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** What a capitalised run is. */
export interface RunInfo {
  kind: 'person' | 'single' | 'country' | 'other';
  /** The tokens left after stripping leading titles and demonyms. */
  tokens: Token[];
  /** A demonym stripped from the front ("American Cole Hocker"). */
  demonym: string | null;
  /** A title stripped from the front ("Coach", "Mrs"). */
  title: string | null;
  country: string | null;
  possessive: boolean;
}

const nonNameCache = new Map<string, boolean>();
/** True for capitalised words that are never (part of) a person's name. Memoised: called per word. */
const isNonName = (w: string): boolean => {
  const hit = nonNameCache.get(w);
  if (hit !== undefined) return hit;
  const lw = w.toLowerCase();
  const value =
    NOT_NAME_WORDS.has(w) ||
    VENUE_WORDS.has(w) ||
    COMPETITION_WORDS.has(w) ||
    countryByDemonym(lw) !== null ||
    countryByName(lw) !== null ||
    cities.has(lw) ||
    isAllCaps(w);
  if (nonNameCache.size > 50_000) nonNameCache.clear();
  nonNameCache.set(w, value);
  return value;
};

// Capitalised words the rules otherwise read as things ("at the bell", "Hall", "Gold") that are
// also common surnames or given names: Georgia Hunter Bell, Anna Hall, Sydney McLaughlin.
const NAME_TOO = new Set(
  `Bell Hall Park Field Street Gold Silver King Prince Queen Young Rose Hill Lord Hunter Well Mile Shot
   Summer Winter Spring Hammer Doctor Professor Record Round Centre Track Heat Lap Cup Fall Road
   Sterling Grace Faith Hope May Will Bishop Church Marsh Wood Moon Star Sun Day Love Black White
   Green Brown Gray Grey`.split(/\s+/),
);

/** A lone word that names a person when the article names someone so ("Seville said", "Hall won"). */
export function couldBeName(w: string): boolean {
  return isPlaceWord(w) || NAME_TOO.has(w);
}

/** True for a word that is never a name, even beside other names (function words, months, "Diamond"). */
const strongNonName = (w: string): boolean => isNonName(w) && !isPlaceWord(w) && !NAME_TOO.has(w);

/** A city or country written as one word: also a name (Oblique Seville, Georgia, Jordan, Sydney). */
export function isPlaceWord(w: string): boolean {
  const lw = w.toLowerCase();
  return (
    /^\p{Lu}\p{Ll}/u.test(w) &&
    !countryByDemonym(lw) &&
    !NOT_NAME_WORDS.has(w) &&
    (cities.has(lw) || countryByName(lw) !== null)
  );
}

/** Words that could belong to a full name: none strong non-name, at least one an ordinary name word. */
function nameLike(words: readonly string[]): boolean {
  const caps = words.filter((w) => isCap(w) && !PARTICLES.has(w.toLowerCase()));
  return (
    caps.length >= 2 &&
    caps.length <= 4 &&
    !caps.some(strongNonName) &&
    caps.some((w) => !isNonName(w)) &&
    !isAllCaps(caps[0] as string)
  );
}

/** Classifies a run as a person's name, a single name word, a country, or something else. */
export function classifyRun(run: Token[]): RunInfo {
  const tokens = [...run];
  let demonym: string | null = null;
  let title: string | null = null;
  const possessive = run[run.length - 1]?.possessive ?? false;
  const whole = run.map((t) => t.text).join(' ');
  const asCountry = countryByName(whole);
  if (asCountry) return { kind: 'country', tokens, demonym, title, country: asCountry, possessive };
  let stripped = '';
  while (tokens.length > 1) {
    const first = (tokens[0] as Token).text;
    if (TITLES.has(first)) title = first;
    else if (countryByDemonym(first)) demonym = first;
    else if (!isNonName(first)) break;
    else if (nameLike(tokens.map((t) => t.text)) && !PLACE_PREPS.has(stripped.toLowerCase())) break;
    stripped = first;
    tokens.shift();
  }
  // "Fellow Briton Sean Frame", "Compatriot Kenyan Mary Moraa": the name follows the demonym.
  for (let i = tokens.length - 2; i >= 1; i--) {
    const w = (tokens[i] as Token).text;
    if (countryByDemonym(w) && tokens.slice(i + 1).every((t) => !isNonName(t.text) || NAME_TOO.has(t.text))) {
      demonym = w;
      tokens.splice(0, i + 1);
      break;
    }
  }
  const words = tokens.map((t) => t.text);
  // Multi-word places ("Los Angeles", "Great Britain", "Stade de France") are not people.
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 2; j <= Math.min(words.length, i + 4); j++) {
      const sub = words.slice(i, j).join(' ');
      if (countryByName(sub) || cities.has(sub.toLowerCase()) || venues.has(sub.toLowerCase())) {
        return { kind: 'other', tokens, demonym, title, country: null, possessive };
      }
    }
  }
  const caps = words.filter((w) => isCap(w) && !PARTICLES.has(w.toLowerCase()));
  if (nameLike(words)) return { kind: 'person', tokens, demonym, title, country: null, possessive };
  if (words.some((w) => isCap(w) && !PARTICLES.has(w.toLowerCase()) && isNonName(w))) {
    if (words.length === 1 && countryOf(words[0] as string)) {
      return { kind: 'country', tokens, demonym, title, country: countryOf(words[0] as string), possessive };
    }
    return { kind: 'other', tokens, demonym, title, country: null, possessive };
  }
  if (caps.length === 1 && words.length <= 3)
    return { kind: 'single', tokens, demonym, title, country: null, possessive };
  if (caps.length >= 2 && caps.length <= 4)
    return { kind: 'person', tokens, demonym, title, country: null, possessive };
  return { kind: 'other', tokens, demonym, title, country: null, possessive };
}

/** True when most longer words are capitalised (Title Case Headline), so runs there are not names. */
function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 3 && /^\p{L}/u.test(w));
  if (words.length < 4) return false;
  return words.filter((w) => isCap(w)).length / words.length >= 0.6;
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
    this.inferGenders();
    for (const p of this.persons) this.settle(p);
    this.collectDescriptors();
  }

  /** "The Briton", "The Northern Ireland runner" opening a sentence: the person they stand for. */
  readonly descriptors: Mention[] = [];

  private collectDescriptors(): void {
    const { doc } = this;
    const re = /(?:^|[.!?|]\s+)(The)\s+((?:[\p{L}-]+\s+){0,3}[\p{L}-]+)/gu;
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
      for (let i = list.length - 1; i >= 0; i--) {
        const m = list[i] as Mention;
        if (q === para && m.start >= offset) continue;
        yield m;
      }
    }
  }

  private addMention(m: Mention): void {
    const list = this.byPara.get(m.para) ?? [];
    let i = list.length;
    while (i > 0 && (list[i - 1] as Mention).start > m.start) i--;
    list.splice(i, 0, m);
    this.byPara.set(m.para, list);
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
    this.doc.texts.forEach((text, i) => {
      for (const { info } of this.runs[i] ?? []) {
        if (info.kind === 'person') found.push(info.tokens.map((t) => t.text));
        // "Ingebrigtsen did not shy away": a lone name opening a sentence and followed by a verb.
        const only = info.tokens[0];
        if (info.kind === 'single' && only && info.tokens.length === 1 && !info.possessive) {
          const before = this.doc.masked[i]?.slice(0, only.start) ?? '';
          const next = /^\s+(\p{Ll}[\p{Ll}'’-]*)/u.exec(text.slice(only.end))?.[1] ?? '';
          if (/(?:^|[.!?|]\s*)$/u.test(before.trimEnd()) && next && hasVerb(next)) singles.push(only.text);
        }
      }
    });
    const folded = found.map((w) => foldName(w.join(' ')));
    found.forEach((words, i) => {
      const key = folded[i] as string;
      // "Van Dijk" at a sentence start is the tail of "Lotte van Dijk", not another person.
      const isTail = folded.some((other) => other !== key && other.endsWith(` ${key}`));
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
            const mention: Mention = {
              para,
              start: first.start,
              end: last.end,
              person,
              possessive: last.possessive,
              synthetic: false,
            };
            this.addMention(mention);
            this.mentionFacts(mention, text);
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
        const mention: Mention = {
          para,
          start: first.start,
          end: last.end,
          person,
          possessive: last.possessive,
          synthetic: false,
        };
        this.addMention(mention);
        if (info.demonym) this.vote(person, countryByDemonym(info.demonym), 3);
        if (info.title && MALE_TITLES.has(info.title)) person.genderVotes.m += 2;
        if (info.title && FEMALE_TITLES.has(info.title)) person.genderVotes.f += 2;
        if (info.title === 'Coach') person.roles.add('coach');
        if (pendingCountry) {
          // "American outsider Cole Hocker", "the American favorite, Brianna Carter".
          const gap = text.slice(pendingCountry.end, first.start).replace(/,\s*$/u, ' ');
          const words = gap.trim().split(/\s+/).filter(Boolean);
          if (
            /^\s+[\p{Ll}\s-]*$/u.test(gap) &&
            words.length <= 2 &&
            words.every((w) => DESCRIPTOR_WORDS.has(w) || w === 'the')
          ) {
            this.vote(person, pendingCountry.code, pendingCountry.weight);
          }
          pendingCountry = null;
        }
        this.mentionFacts(mention, text);
      }
    });
  }

  /** Country, age and role facts written right around a mention. */
  private mentionFacts(m: Mention, text: string): void {
    const after = text.slice(m.end + (m.possessive ? 2 : 0), m.end + 80);
    const before = text.slice(Math.max(0, m.start - 60), m.start);
    const p = m.person;
    const of =
      /^\s*,?\s+(?:of|from)\s+((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]*){0,3})/u.exec(
        after,
      );
    if (of?.[1]) {
      const words = of[1].replace(/^the\s+/u, '').split(/\s+/);
      for (let n = words.length; n > 0; n--) {
        const code = countryByName(words.slice(0, n).join(' '));
        if (code) {
          this.vote(p, code, 3);
          break;
        }
      }
    }
    const paren = after.trimStart().startsWith('(') ? /^\s*\(([^)]{2,40})\)/u.exec(after) : null;
    if (paren?.[1]) this.vote(p, countryOf(paren[1]), 4);
    const comma = after.trimStart().startsWith(',');
    const age = comma ? /^\s*,\s*(\d{2}),/u.exec(after) : null;
    if (age?.[1]) p.age = Number(age[1]);
    const roleBefore = /\b([\p{L}-]+)\s*,?\s*$/u.exec(before);
    if (roleBefore?.[1] && ROLE_NOUNS.has(roleBefore[1].toLowerCase()))
      p.roles.add(roleBefore[1].toLowerCase());
    const roleAfter = !comma
      ? null
      : /^,\s+(?:(?:his|her|their|the|a|an)\s+)?(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)\s*[,.]/u.exec(after);
    if (roleAfter?.[1] && ROLE_NOUNS.has(roleAfter[1].toLowerCase())) p.roles.add(roleAfter[1].toLowerCase());
    const demonymWas = !/\b(?:was|is)\s+$/u.test(before.slice(-6))
      ? null
      : /(\p{L}+)\s+(?:[\p{Ll}-]+\s+){0,2}(?:was|is)\s+$/u.exec(before);
    if (demonymWas?.[1]) this.vote(p, countryByDemonym(demonymWas[1]), 1);
    // "the Irishman Cathal Brennan" / "Dutchwoman" tell the gender too.
    const lead = /(\p{L}+)\s+$/u.exec(before)?.[1] ?? '';
    if (/(?:man)$/u.test(lead) && countryByDemonym(lead)) p.genderVotes.m += 2;
    if (/(?:woman)$/u.test(lead) && countryByDemonym(lead)) p.genderVotes.f += 2;
  }

  /** Gender from sentences naming one person followed by "he" or "she" (not possessives). */
  private inferGenders(): void {
    const { doc } = this;
    doc.masked.forEach((text, para) => {
      if (!doc.narrative[para]) return;
      const sentences = doc.sentences[para] ?? [];
      let carry: Person | null = null;
      for (const s of sentences) {
        const inSentence = this.mentionsIn(para).filter((m) => m.start >= s.start && m.end <= s.end);
        const distinct = [...new Set(inSentence.map((m) => m.person))];
        const body = text.slice(s.start, s.end);
        const he = (body.match(/\b(?:he|himself)\b/giu) ?? []).length;
        const she = (body.match(/\b(?:she|herself)\b/giu) ?? []).length;
        if (distinct.length === 1 && inSentence[0]) {
          const firstAt = inSentence[0].start - s.start;
          const after = body.slice(firstAt);
          // "Femke Bol lived up to her favourite tag": with one person named, "his"/"her" is theirs.
          const heAfter = /\b(?:he|himself|his)\b/iu.test(after);
          const sheAfter = /\b(?:she|herself|her)\b/iu.test(after);
          const p = distinct[0] as Person;
          if (heAfter && !sheAfter) p.genderVotes.m += 1;
          if (sheAfter && !heAfter) p.genderVotes.f += 1;
          carry = p;
        } else if (distinct.length === 0 && carry) {
          if (/^\s*\|?\s*He\b/u.test(body) && she === 0) carry.genderVotes.m += 1;
          if (/^\s*\|?\s*She\b/u.test(body) && he === 0) carry.genderVotes.f += 1;
          carry = null;
        } else {
          carry = null;
        }
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
