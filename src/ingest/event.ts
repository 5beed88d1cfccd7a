/** The event a report is about: discipline, sex, competition, venue, date (and the city when named). */
import type { Doc } from './document.js';
import { CITY_TIME_ZONES, MONTHS, VENUE_WORDS, VENUES, WEEKDAYS } from './lexicon.js';
import { isoDate } from './paragraphs.js';
import type { DraftEvent } from './types.js';

/** A discipline mention: canonical key and where it was found. */
export interface DisciplineHit {
  key: string;
  para: number;
  index: number;
  length: number;
}

const FLAT = new Set([
  50, 55, 60, 100, 110, 150, 200, 300, 400, 500, 600, 800, 1000, 1500, 2000, 3000, 5000, 10000,
]);
const TRACK =
  /(?<![\d.:,x×])(\d{1,2},\d{3}|\d{2,5})[\s-]?(?:m|metres|meters|metre|meter)\b(?:\s+(steeplechase|hurdles|hurdlers?|race\s?walk|walk|relay|freestyle|backstroke|breaststroke|butterfly|individual medley|medley))?/giu;
const RELAY = /(?<![\d.])4\s?[x×]\s?(100|200|400)\s?m?(?:\s+(?:mixed\s+)?relay)?\b/giu;
const ROAD = /(?<![\d.])(\d{1,3})\s?km\s+(race\s?walk|walk)\b/giu;
// "the 6km race" in a report about a cross-country meeting.
const KM_RACE =
  /(?<![\d.])(\d{1,2})\s?(?:km|-kilometre|-kilometer)\s+(?:race|course|event|cross[- ]country)\b/giu;
const CROSS_COUNTRY = /\bcross[- ]country\b|\bCross\s+(?:International|Internacional|Country)\b/iu;
// Para-athletics sport classes: "T34 800m", "800m T34", "F46 javelin".
const CLASS_BEFORE = /\b([TF]\d{2})\s+$/u;
const CLASS_AFTER = /^\s+([TF]\d{2})\b/u;
const NAMED =
  /\b(half[- ]marathon|marathon|high jump|long jump|triple jump|pole vault|shot put|discus(?: throw)?|javelin(?: throw)?|hammer(?: throw)?|decathlon|heptathlon|pentathlon|the mile|metric mile)\b/giu;

/** Every discipline mention in a text, as canonical keys ("1500m", "400m hurdles", "pole vault"). */
export function findDisciplines(text: string, para = 0): DisciplineHit[] {
  const hits: DisciplineHit[] = [];
  const lower = text.toLowerCase();
  const digits = /\d/u.test(text);
  for (const m of digits ? text.matchAll(TRACK) : []) {
    const n = Number((m[1] ?? '').replace(',', ''));
    if (!FLAT.has(n)) continue;
    const kind = (m[2] ?? '')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace('racewalk', 'race walk')
      .replace(/^hurdlers?$/u, 'hurdles');
    let key = kind ? `${n}m ${kind === 'walk' ? 'race walk' : kind}` : `${n}m`;
    const index = m.index ?? 0;
    const cls =
      CLASS_BEFORE.exec(text.slice(Math.max(0, index - 6), index)) ??
      CLASS_AFTER.exec(text.slice(index + m[0].length, index + m[0].length + 6));
    if (cls?.[1] && !kind) key = `${n}m ${cls[1]}`;
    hits.push({ key, para, index, length: m[0].length });
  }
  if (digits && /km|kilomet/u.test(lower)) {
    for (const m of text.matchAll(KM_RACE)) {
      const key = /cross/iu.test(m[0]) ? `${m[1]}km cross country` : `${m[1]}km`;
      hits.push({ key, para, index: m.index ?? 0, length: m[0].length });
    }
  }
  for (const m of digits && /\d\s?[x×]\s?\d/u.test(lower) ? text.matchAll(RELAY) : []) {
    hits.push({ key: `4x${m[1]}m relay`, para, index: m.index ?? 0, length: m[0].length });
  }
  for (const m of digits && lower.includes('km') ? text.matchAll(ROAD) : []) {
    hits.push({ key: `${m[1]}km race walk`, para, index: m.index ?? 0, length: m[0].length });
  }
  const named = /marathon|jump|vault|put|discus|javelin|hammer|decathlon|heptathlon|pentathlon|mile/u.test(
    lower,
  );
  for (const m of named ? text.matchAll(NAMED) : []) {
    let key = (m[1] ?? '').toLowerCase().replace('-', ' ');
    if (key === 'the mile') key = 'mile';
    if (key === 'metric mile') key = '1500m';
    // Same keys as the knowledge base: "discus throw", "hammer throw", "javelin throw".
    if (/^(?:discus|hammer|javelin)$/u.test(key)) key = `${key} throw`;
    hits.push({ key, para, index: m.index ?? 0, length: m[0].length });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Texts the event rules read: narrative without quotations, plus captions (they name the event too). */
function eventTexts(doc: Doc): Array<{ para: number; text: string; weight: number }> {
  return doc.paragraphs.map((p, i) => ({
    para: i,
    text: p.kind === 'caption' ? p.text : (doc.masked[i] ?? ''),
    weight: p.kind === 'headline' ? 3 : p.kind === 'dateline' ? 0 : 1,
  }));
}

const SEX_BEFORE = /\b(men|women|mixed|boys|girls)['’]s\s+(?:[\p{L}\d,-]+\s+){0,2}$/iu;

function sexKey(word: string): 'men' | 'women' | 'mixed' {
  const w = word.toLowerCase();
  if (w === 'women' || w === 'girls') return 'women';
  if (w === 'mixed') return 'mixed';
  return 'men';
}

function best<T>(scores: Map<T, number>, order: T[]): T | null {
  let out: T | null = null;
  let top = 0;
  for (const k of order) {
    const s = scores.get(k) ?? 0;
    if (s > top) {
      out = k;
      top = s;
    }
  }
  return out;
}

const STRIP_LEAD = new Set(
  `The A An At In On But And After Before When While As For With From To By Of This That Last Next Since Until Both
   Still Now Then Meanwhile During Ahead Behind Into Across Over Under Its His Her Their`.split(/\s+/),
);
const COMPETITION =
  /\b((?:\p{Lu}[\p{L}'’.-]*|\d{4})(?:\s+(?:of|the|de|\p{Lu}[\p{L}'’.-]*|\d{4})){0,5}?\s+(?:Games|Championships|Championship|Marathon|Grand Prix|Classic|Invitational|Meeting|Meet|League|Trials|Relays|Cup|Tour|Series|Festival))\b/gu;

function cleanName(raw: string): string {
  const words = raw.split(/\s+/u);
  while (
    words.length > 1 &&
    (STRIP_LEAD.has(words[0] as string) ||
      /^\d{4}$/u.test(words[0] as string) ||
      /['’]s$/u.test(words[0] as string) ||
      WEEKDAYS.includes((words[0] as string).toLowerCase()) ||
      MONTHS.has((words[0] as string).toLowerCase()))
  ) {
    words.shift();
  }
  while (words.length > 1 && /^(?:of|the|de)$/u.test(words[0] as string)) words.shift();
  return words.join(' ');
}

/** Competition name: a named meeting ("Pan-Pacific Championships") or the Olympic Games. */
function findCompetition(doc: Doc): string | null {
  const scores = new Map<string, number>();
  const order: string[] = [];
  const add = (name: string, w: number) => {
    if (!scores.has(name)) order.push(name);
    scores.set(name, (scores.get(name) ?? 0) + w);
  };
  for (const { text, weight } of eventTexts(doc)) {
    if (weight === 0) continue;
    for (const m of text.matchAll(
      /\b(?:Olympic Games|Olympics|Olympic\s+(\p{L}+)|(?:these|the)\s+Games)\b/gu,
    )) {
      const next = (m[1] ?? '').toLowerCase();
      const pastTitle = /^(?:champion|champions|gold|title|medall?ist|silver|bronze|medal|medals)$/u.test(
        next,
      );
      add('Olympic Games', (pastTitle ? 0.5 : 1) * weight);
    }
    for (const m of text.matchAll(COMPETITION)) {
      const name = cleanName(m[1] ?? '');
      if (!/\s/u.test(name) || /^(?:Olympic Games|Olympics|Games)$/u.test(name)) continue;
      const lead = text.slice(Math.max(0, (m.index ?? 0) - 8), m.index ?? 0);
      const boost = /\b(?:at|won|win|wins)\s+(?:the\s+)?$/iu.test(lead) ? 1 : 0;
      add(name, weight + boost);
    }
  }
  // A named competition beats the Olympics on a tie: a report names its own meeting.
  const named = order.filter((n) => n !== 'Olympic Games');
  const top = best(scores, [...named, 'Olympic Games']);
  return top;
}

const VENUE_RUN =
  /\b(\p{Lu}[\p{L}'’.-]*(?:\s+(?:de|du|des|la|le|of|the|di|del|[IVX]+|\p{Lu}[\p{L}'’.-]*)){1,4})/gu;

/** Venue: a capitalised name ending in Stadium, Arena, Field … or starting with Stade/Estadio. */
function findVenue(doc: Doc): string | null {
  const scores = new Map<string, number>();
  const order: string[] = [];
  for (const { text, weight } of eventTexts(doc)) {
    if (weight === 0) continue;
    for (const m of text.matchAll(VENUE_RUN)) {
      const words = cleanName((m[1] ?? '').replace(/[.'’]+$/u, '')).split(/\s+/u);
      let cut = -1;
      for (let i = words.length - 1; i >= 0; i--) {
        if (VENUE_WORDS.has(words[i] as string)) {
          cut = i;
          break;
        }
      }
      if (cut < 0) continue;
      const first = words[0] as string;
      const startsVenue = /^(?:Stade|Estadio|Stadio|Stadion)$/u.test(first);
      const name = startsVenue ? words.join(' ') : words.slice(0, cut + 1).join(' ');
      if (name.split(' ').length < 2 && !VENUES.has(name)) continue;
      if (!scores.has(name)) order.push(name);
      scores.set(name, (scores.get(name) ?? 0) + Math.max(1, weight));
    }
  }
  return best(scores, order);
}

const escapeRe = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CITY_AFTER_IN = new RegExp(
  `\\b(?:in|at)\\s+(${[...CITY_TIME_ZONES.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')})\\b`,
  'gu',
);

/** A city named in the narrative ("in Boston"), only if it is a known one. */
export function findCity(doc: Doc, venue: string | null): string | null {
  if (venue && VENUES.has(venue)) return VENUES.get(venue)?.city ?? null;
  const counts = new Map<string, number>();
  for (const { text, weight } of eventTexts(doc)) {
    if (weight === 0) continue;
    for (const m of text.matchAll(CITY_AFTER_IN)) {
      const city = m[1] ?? '';
      counts.set(city, (counts.get(city) ?? 0) + 1);
    }
  }
  return best(counts, [...counts.keys()]);
}

const DAY_MS = 86_400_000;

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The race date: an explicit date, else a weekday or "last night" resolved against the published date. */
function findDate(doc: Doc, published: string | null): string | null {
  const explicit: string[] = [];
  const weekdays = new Map<number, number>();
  const relative = new Map<number, number>();
  const month = [...MONTHS.keys()].join('|');
  const dayFirst = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${month})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'giu');
  const monthFirst = new RegExp(
    `\\b(${month})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
    'giu',
  );
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  const toIso = (d: number, mName: string, y: string | undefined) => {
    const m = MONTHS.get(mName.toLowerCase());
    const year = y ? Number(y) : pubYear;
    if (!m || !year) return null;
    let iso = isoDate(year, m, d);
    // "on 30 December" in a report published 2 January is last year.
    if (iso && !y && published && iso > shift(published, 2)) iso = isoDate(year - 1, m, d);
    return iso;
  };
  for (const { text, weight } of eventTexts(doc)) {
    if (weight === 0) continue;
    const digits = /\d/u.test(text);
    for (const m of digits ? text.matchAll(dayFirst) : []) {
      const iso = toIso(Number(m[1]), m[2] ?? '', m[3]);
      if (iso) explicit.push(iso);
    }
    for (const m of digits ? text.matchAll(monthFirst) : []) {
      if ((m[1] ?? '').toLowerCase() === 'may' && !/^\p{Lu}/u.test(m[1] ?? '')) continue;
      const iso = toIso(Number(m[2]), m[1] ?? '', m[3]);
      if (iso) explicit.push(iso);
    }
    for (const m of text.includes('day')
      ? text.matchAll(
          /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s|\s+(?:night|evening|afternoon|morning))?\b/gu,
        )
      : []) {
      const lead = text.slice(Math.max(0, (m.index ?? 0) - 30), m.index ?? 0);
      // "will race again on Saturday", "next Sunday": not the day of this race.
      if (/\b(?:will|next|continue|continues|until|from|before)\b[^.]*$/iu.test(lead)) continue;
      const day = WEEKDAYS.indexOf((m[1] ?? '').toLowerCase());
      weekdays.set(day, (weekdays.get(day) ?? 0) + 1);
    }
    for (const m of text.matchAll(
      /\b(yesterday|last night|tonight|today|this (?:morning|afternoon|evening))\b/giu,
    )) {
      const w = (m[1] ?? '').toLowerCase();
      const offset = w === 'yesterday' || w === 'last night' ? -1 : 0;
      relative.set(offset, (relative.get(offset) ?? 0) + 1);
    }
  }
  if (explicit.length > 0) {
    const counts = new Map<string, number>();
    for (const d of explicit) counts.set(d, (counts.get(d) ?? 0) + 1);
    return best(counts, explicit);
  }
  if (!published) return null;
  const day = best(weekdays, [...weekdays.keys()]);
  if (day !== null) {
    const pubDay = new Date(`${published}T12:00:00Z`).getUTCDay();
    return shift(published, -((pubDay - day + 7) % 7));
  }
  const rel = best(relative, [...relative.keys()]);
  if (rel !== null) return shift(published, rel);
  return null;
}

/** How many body paragraphs after the headline make the lede that names the main race. */
const LEDE_PARAGRAPHS = 3;

/**
 * Discipline and sex of THE main race: the one the headline and the first paragraphs are about.
 * The first discipline named there wins (a meeting report goes on to other races); only when the
 * top of the article names none does the most-mentioned discipline count.
 */
function findDiscipline(doc: Doc): { discipline: string | null; sex: DraftEvent['sex'] } {
  const texts = eventTexts(doc).filter((t) => t.weight > 0);
  const cross = texts.some((t) => CROSS_COUNTRY.test(t.text));
  const keyOf = (h: DisciplineHit) => (cross && /^\d+km$/u.test(h.key) ? `${h.key} cross country` : h.key);
  const scores = new Map<string, number>();
  const order: string[] = [];
  const sexVotes = new Map<string, Map<'men' | 'women' | 'mixed', number>>();
  const genericSex = new Map<'men' | 'women' | 'mixed', number>();
  let lede: string | null = null;
  let bodySeen = 0;
  for (const { para, text, weight } of texts) {
    const headline = doc.paragraphs[para]?.kind === 'headline';
    if (!headline) bodySeen++;
    const inLede = headline || bodySeen <= LEDE_PARAGRAPHS;
    const hits = findDisciplines(text, para);
    for (const h of hits) {
      const key = keyOf(h);
      const lead = text.slice(Math.max(0, h.index - 30), h.index);
      const sex = SEX_BEFORE.exec(lead);
      if (lede === null && inLede) lede = key;
      if (!scores.has(key)) order.push(key);
      scores.set(key, (scores.get(key) ?? 0) + weight + (sex ? 2 : 0));
      if (sex?.[1] && inLede) {
        const votes = sexVotes.get(key) ?? new Map();
        const k = sexKey(sex[1]);
        // The lede's "women's 5,000m" outweighs later mentions of the same distance.
        votes.set(k, (votes.get(k) ?? 0) + 1);
        sexVotes.set(key, votes);
      }
    }
    for (const m of text.matchAll(
      /\b(men|women|mixed)['’]s\s+(race|final|event|title|competition|result|results|field|contest|podium|heat|sprinting|showpiece)\b/giu,
    )) {
      const k = sexKey(m[1] ?? '');
      // Only the top of the article speaks for the main race; later "women's race" may be another.
      if (inLede) genericSex.set(k, (genericSex.get(k) ?? 0) + 1);
    }
  }
  const discipline = lede ?? best(scores, order);
  let sex: DraftEvent['sex'] = null;
  if (discipline) {
    const votes = sexVotes.get(discipline);
    if (votes) sex = best(votes, ['men', 'women', 'mixed']);
  }
  if (!sex) sex = best(genericSex, ['men', 'women', 'mixed']);
  return { discipline, sex };
}

/** Everything about the event except a sex learned from the athletes (see results). */
export function extractEvent(doc: Doc, published: string | null): DraftEvent & { city: string | null } {
  const { discipline, sex } = findDiscipline(doc);
  const venue = findVenue(doc);
  return {
    discipline,
    sex,
    competition: findCompetition(doc),
    venue,
    date: findDate(doc, published),
    city: findCity(doc, venue),
  };
}
