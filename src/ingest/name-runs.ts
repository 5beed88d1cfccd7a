/**
 * Capitalised runs and what they are: words with offsets ("Kerr's" → possessive "Kerr"), runs of
 * capitalised words ("Jakob Ingebrigtsen", "Lotte van Dijk"), and whether a run is a person, a
 * single name word, a country or something else — including names that are also places or things
 * (Oblique Seville, Georgia Hunter Bell, Anna Hall).
 */
import { countryByDemonym, countryByName, countryNames, countryOf } from './countries.js';
import { CITY_TIME_ZONES, COMPETITION_WORDS, NOT_NAME_WORDS, VENUE_WORDS, VENUES } from './lexicon.js';

/** A word with its offsets. */
export interface Token {
  text: string;
  start: number;
  end: number;
  possessive: boolean;
}

/** Lower-case name particles (van, de, bin). */
export const PARTICLES = new Set(
  'de da das do dos du des van von der den ter ten la le di del della al el bin ibn'.split(' '),
);
/** Titles stripped from the front of a name (Mr, Dame, Coach). */
export const TITLES = new Set(
  'Mr Mrs Ms Miss Sir Dame Dr Coach Captain Prof President Director Lord Lady Madame Monsieur'.split(' '),
);

/** True when a word starts with a capital letter (ASCII answered without a regular expression). */
export const isCap = (w: string) => {
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

/** Prepositions after which a place word is a place, never a given name. */
export const PLACE_PREPS = new Set([
  'in',
  'at',
  'from',
  'to',
  'near',
  'of',
  'around',
  'across',
  'outside',
  'into',
]);

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
export const isNonName = (w: string): boolean => {
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
    isAllCaps(w) ||
    // "Nine-time Paralympic champion", "Two-time world champion": a count of titles, not a name.
    /-times?$/u.test(lw);
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
function nameLike(words: readonly string[], from = 0): boolean {
  // Stops at a fifth capitalised word: a run of thousands of them is no name, and each call stays short.
  const caps: string[] = [];
  for (let i = from; i < words.length && caps.length <= 4; i++) {
    const w = words[i] as string;
    if (isCap(w) && !PARTICLES.has(w.toLowerCase())) caps.push(w);
  }
  return (
    caps.length >= 2 &&
    caps.length <= 4 &&
    !caps.some(strongNonName) &&
    caps.some((w) => !isNonName(w)) &&
    !isAllCaps(caps[0] as string)
  );
}

/** A word that may stand in a name after a demonym ("Fellow Briton Sean Frame"). */
const nameWordToo = (t: Token): boolean => !isNonName(t.text) || NAME_TOO.has(t.text);

/** Classifies a run as a person's name, a single name word, a country, or something else. */
export function classifyRun(run: Token[]): RunInfo {
  let demonym: string | null = null;
  let title: string | null = null;
  const possessive = run[run.length - 1]?.possessive ?? false;
  const whole = run.map((t) => t.text).join(' ');
  const asCountry = countryByName(whole);
  if (asCountry) return { kind: 'country', tokens: [...run], demonym, title, country: asCountry, possessive };
  // An index, not shift(): shifting a run of thousands of capitalised words was quadratic.
  const runWords = run.map((t) => t.text);
  let skip = 0;
  let stripped = '';
  while (run.length - skip > 1) {
    const first = runWords[skip] as string;
    if (TITLES.has(first)) title = first;
    else if (countryByDemonym(first)) demonym = first;
    else if (!isNonName(first)) break;
    else if (nameLike(runWords, skip) && !PLACE_PREPS.has(stripped.toLowerCase())) break;
    stripped = first;
    skip++;
  }
  let tokens = run.slice(skip);
  // "Fellow Briton Sean Frame", "Compatriot Kenyan Mary Moraa": the name follows the demonym.
  // Whether every word after i could be a name is carried down from the end (linear, not a slice per i).
  let namesAfter = tokens.length > 0 && nameWordToo(tokens[tokens.length - 1] as Token);
  for (let i = tokens.length - 2; i >= 1; i--) {
    const w = (tokens[i] as Token).text;
    if (countryByDemonym(w) && namesAfter) {
      demonym = w;
      tokens = tokens.slice(i + 1);
      break;
    }
    namesAfter &&= nameWordToo(tokens[i] as Token);
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
export function isTitleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => w.length > 3 && /^\p{L}/u.test(w));
  if (words.length < 4) return false;
  return words.filter((w) => isCap(w)).length / words.length >= 0.6;
}
