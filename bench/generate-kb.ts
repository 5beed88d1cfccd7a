/**
 * Deterministic generator of a large knowledge base for benchmarks: athletes with invented
 * names (so surnames are mostly unique, as in real life), events across disciplines and
 * editions with eight placings each, and quotes made of common words.
 */
import type { RecordCode } from '../src/core/records.js';
import type { Athlete, Bundle, Quote, Result, Source, SportEvent } from '../src/core/schema.js';

const RECORDS: RecordCode[] = ['WR', 'OR', 'AR', 'NR', 'CR', 'PB', 'SB', 'WL', '=PB', '=SB', 'NU23R', 'NJR'];

/** A small fast seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = [
  'b',
  'br',
  'c',
  'ch',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'h',
  'j',
  'k',
  'kl',
  'l',
  'm',
  'n',
  'p',
  'pr',
  'r',
  's',
  'sh',
  'st',
  't',
  'tr',
  'v',
  'w',
  'y',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia', 'y'];
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'k', 'm', 'th', 'ng', 'x', 'rd', 'st'];
const IOC = [
  'USA',
  'GBR',
  'NOR',
  'KEN',
  'ETH',
  'JAM',
  'FRA',
  'GER',
  'ITA',
  'ESP',
  'AUS',
  'CAN',
  'JPN',
  'CHN',
  'BRA',
  'NED',
  'BEL',
  'SWE',
  'POL',
  'UGA',
  'MAR',
  'RSA',
  'NZL',
  'IRL',
  'POR',
  'SUI',
  'AUT',
  'CZE',
  'UKR',
  'QAT',
];
const DISCIPLINES = [
  '100m',
  '200m',
  '400m',
  '800m',
  '1500m',
  '5000m',
  '10000m',
  'marathon',
  '110m hurdles',
  '100m hurdles',
  '400m hurdles',
  '3000m steeplechase',
  '4x100m relay',
  '4x400m relay',
  'high jump',
  'pole vault',
  'long jump',
  'triple jump',
  'shot put',
  'discus throw',
  'hammer throw',
  'javelin throw',
  'decathlon',
  'heptathlon',
  '20km race walk',
];
const COMPETITIONS: Array<[string, string]> = [
  ['Olympic Games', 'Olympics'],
  ['World Athletics Championships', 'Worlds'],
  ['European Athletics Championships', 'Europeans'],
  ['Commonwealth Games', 'Commonwealth'],
  ['Diamond League', 'DL'],
];
const CITIES: Array<[string, string, string]> = [
  ['Paris', 'Stade de France', 'Europe/Paris'],
  ['Tokyo', 'Japan National Stadium', 'Asia/Tokyo'],
  ['London', 'London Stadium', 'Europe/London'],
  ['Eugene', 'Hayward Field', 'America/Los_Angeles'],
  ['Budapest', 'National Athletics Centre', 'Europe/Budapest'],
  ['Rome', 'Stadio Olimpico', 'Europe/Rome'],
  ['Oslo', 'Bislett Stadium', 'Europe/Oslo'],
  ['Doha', 'Khalifa International Stadium', 'Asia/Qatar'],
  ['Sydney', 'Stadium Australia', 'Australia/Sydney'],
  ['Nairobi', 'Kasarani Stadium', 'Africa/Nairobi'],
];
const WORDS =
  'the race was hard and fast i felt strong today we trained all year for this moment my coach believed in me gold silver bronze medal final lap kick pace crowd proud team family dream record time track training season injury recovery focus mental strength happy disappointed next olympics championship victory tough finish line legs wind heat rain start gun plan tactics rivals respect'.split(
    ' ',
  );

function syllable(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  return pick(ONSETS) + pick(VOWELS) + pick(CODAS);
}
function word(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += syllable(r);
  return w.charAt(0).toUpperCase() + w.slice(1);
}
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Sizes of a generated base. */
export interface KbSize {
  events: number;
  athletes: number;
  quotes: number;
}

/** The size the core issue asks to measure. */
export const LARGE: KbSize = { events: 10_000, athletes: 50_000, quotes: 200_000 };

/** Generates bundles (sources, athletes, events, quotes) for a base of the given size. */
export function generateKb(
  size: KbSize,
  seed = 2024,
): { sources: Bundle; athletes: Bundle; events: Bundle; quotes: Bundle } {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)] as T;
  const sources: Source[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `gen-source-${i}`,
    title: `Report ${i}: ${word(r, 2, 3)} wins at the ${word(r, 2, 2)} meeting`,
    publisher: i % 3 === 0 ? null : `${word(r, 2, 3)} Times`,
    published: `${2000 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const givenPool = Array.from({ length: 600 }, () => word(r, 1, 2));
  const athletes: Athlete[] = [];
  const seen = new Set<string>();
  while (athletes.length < size.athletes) {
    const givenName = pick(givenPool);
    const familyName = word(r, 2, 3);
    const name = `${givenName} ${familyName}`;
    const id = slug(name);
    if (seen.has(id)) continue;
    seen.add(id);
    athletes.push({
      id,
      name,
      givenName,
      familyName,
      country: pick(IOC),
      sex: r() < 0.5 ? 'men' : 'women',
      aliases: r() < 0.1 ? [`${givenName.charAt(0)}. ${familyName}`] : [],
      ...(r() < 0.5 ? { ids: { tilastopaja: [String(100000 + athletes.length)] } } : {}),
    });
  }
  const events: SportEvent[] = [];
  for (let i = 0; i < size.events; i++) {
    const [competition] = pick(COMPETITIONS);
    const [city, venue, timeZone] = pick(CITIES);
    const year = 1950 + Math.floor(r() * 75);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const discipline = pick(DISCIPLINES);
    const sex = r() < 0.5 ? 'men' : 'women';
    const src = [pick(sources).id];
    // The championship shape: heats with names and Q/q, relays with runners, non-finishers,
    // combined-event totals with parts, wind, and every kind of record flag.
    const roll = r();
    const round: SportEvent['round'] =
      roll < 0.5 ? 'final' : roll < 0.65 ? 'semi-final' : roll < 0.98 ? 'heat' : 'race';
    const roundName =
      round === 'final' ? null : round === 'race' ? 'Race B' : `Heat ${1 + Math.floor(r() * 6)}`;
    const relay = discipline.includes('relay');
    const combined = discipline === 'decathlon' || discipline === 'heptathlon';
    const wind = /^(100m|200m|110m hurdles|100m hurdles)$/.test(discipline)
      ? `+${(r() * 2).toFixed(1)}`
      : null;
    const results: Result[] = Array.from({ length: 8 }, (_, p) => {
      const a = pick(athletes);
      const out = p === 7 && r() < 0.3;
      const result: Result = {
        place: out ? null : p + 1,
        ...(out ? { status: pick(['DNF', 'DQ', 'DNS'] as const) } : {}),
        country: a.country,
        mark: out
          ? null
          : `${3 + Math.floor(r() * 2)}:${String(10 + Math.floor(r() * 49)).padStart(2, '0')}.${String(Math.floor(r() * 100)).padStart(2, '0')}`,
        records: p === 0 && r() < 0.2 ? [pick(RECORDS)] : [],
        ...(round === 'heat' && p < 3 ? { qualification: p < 2 ? ('Q' as const) : ('q' as const) } : {}),
        ...(combined
          ? {
              parts: [
                { discipline: '100m', mark: '10.50', points: 975, wind: '+0.4' },
                { discipline: 'long jump', mark: '7.80', points: 1010 },
              ],
            }
          : {}),
        sources: src,
      };
      if (relay) {
        result.team = {
          country: a.country,
          name: a.country,
          runners: [a, pick(athletes), pick(athletes), pick(athletes)].map((x, leg) => ({
            athlete: x.id,
            leg: leg + 1,
          })),
        };
      } else result.athlete = a.id;
      return result;
    });
    events.push({
      id: `gen-event-${i}`,
      sport: 'Athletics',
      discipline,
      sex,
      round,
      roundName,
      ...(wind ? { wind } : {}),
      competition,
      edition: `${city} ${year}`,
      venue,
      city,
      country: null,
      date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      timeZone,
      results,
      facts: [],
      sources: src,
    });
  }
  const quotes: Quote[] = Array.from({ length: size.quotes }, (_, i) => ({
    id: `gen-quote-${i}`,
    speaker: pick(athletes).id,
    text: `${Array.from({ length: 8 + Math.floor(r() * 20) }, () => pick(WORDS)).join(' ')}.`,
    occasion: 'after the final',
    channel: 'interview',
    event: pick(events).id,
    source: pick(sources).id,
    paragraph: null,
  }));
  return { sources: { sources }, athletes: { athletes }, events: { events }, quotes: { quotes } };
}

/** Applies `edits` random typos (delete, insert, substitute, swap) to a string. */
export function typo(text: string, edits: number, r: () => number): string {
  let s = text;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let e = 0; e < edits; e++) {
    const i = 1 + Math.floor(r() * Math.max(1, s.length - 2));
    const kind = Math.floor(r() * 4);
    const c = letters[Math.floor(r() * 26)] as string;
    if (kind === 0) s = s.slice(0, i) + s.slice(i + 1);
    else if (kind === 1) s = s.slice(0, i) + c + s.slice(i);
    else if (kind === 2) s = s.slice(0, i) + c + s.slice(i + 1);
    else s = s.slice(0, i) + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2);
  }
  return s;
}
