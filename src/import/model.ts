/**
 * The importer's neutral picture of a results file, between a dialect's reader and the knowledge
 * base's own files, and the small rules every dialect shares (marks, flags, names, ids).
 */
import { matchDiscipline } from '../core/disciplines.js';
import { isRecordCode, type RecordCode } from '../core/records.js';
import { RESULT_STATUSES, type ResultStatus, type SportEvent } from '../core/schema.js';
import { fold } from '../core/text.js';

/** A file that cannot be imported: one line saying why. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** A person as one results file names them. */
export interface RawPerson {
  /** Tilastopaja id (Rio's tpAthleteId, Rome's toID). */
  tp: string | null;
  /** World Athletics id. */
  wa: string | null;
  givenName: string;
  familyName: string;
  country: string;
  born: string | null;
  sex: 'men' | 'women' | null;
}

/** One discipline inside a combined-event total. */
export interface RawPart {
  discipline: string;
  mark: string | null;
  points: number | null;
  wind: string | null;
}

/** One entrant's line in a round. */
export interface RawEntry {
  rank: string | null;
  performance: string | null;
  country: string;
  person: RawPerson | null;
  team: { name: string; country: string; runners: Array<{ person: RawPerson; leg: number | null }> } | null;
  flags: string[];
  qualification: 'Q' | 'q' | null;
  wind: string | null;
  parts: RawPart[] | null;
  points: number | null;
}

/** One round (or heat) of one event. */
export interface RawEvent {
  /** How the file names it, for messages: "100 m Men, Heat 2". */
  label: string;
  discipline: string;
  sex: SportEvent['sex'];
  round: SportEvent['round'];
  roundName: string | null;
  partOf: 'decathlon' | 'heptathlon' | null;
  date: string;
  wind: string | null;
  entries: RawEntry[];
}

/** The dataset a file comes from: its citation and the licence note written beside the data. */
export interface RawDataset {
  sourceId: string;
  title: string;
  publisher: string | null;
  published: string;
  licenceNote: string;
}

/** A whole results file, read by a dialect. */
export interface RawCompetition {
  dialect: string;
  competition: string;
  city: string;
  year: string;
  venue: string;
  country: string | null;
  timeZone: string;
  startDate: string;
  endDate: string;
  dataset: RawDataset;
  events: RawEvent[];
  /** What the reader could not use, and why (one line each, counts folded in). */
  unused: string[];
}

/** A kebab-case id from any text: "Sandra Perković" → "sandra-perkovic". */
export function slugify(text: string): string {
  return fold(text).replace(/ /g, '-').slice(0, 100).replace(/-+$/, '');
}

// Name particles fans write in lower case between names ("Jorinde van Klinken").
const PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'del',
  'della',
  'di',
  'von',
  'zu',
  'la',
  'le',
  'ten',
  'ter',
  'af',
  'y',
  'e',
  'bin',
  'ibn',
  'al',
]);

function capitalise(word: string): string {
  return word.charAt(0).toLocaleUpperCase('en') + word.slice(1).toLocaleLowerCase('en');
}

/**
 * A name as fans spell it where a file's casing is off: "Mcleod" → "McLeod", "O'neil" → "O'Neil",
 * "BOLT" → "Bolt", "usain" → "Usain"; particles inside a name stay lower case ("van Klinken"),
 * and a name already in mixed case keeps it ("MacDonald", "De Grasse").
 */
export function fanCase(name: string): string {
  const parts = name.trim().replace(/\s+/g, ' ').split(' ');
  return parts
    .map((word, i) => {
      let w = word;
      const letters = w.replace(/[^\p{L}]/gu, '');
      const allUpper = letters.length > 1 && letters === letters.toLocaleUpperCase('en');
      const allLower = letters.length > 0 && letters === letters.toLocaleLowerCase('en');
      if (allLower && i > 0 && PARTICLES.has(letters)) return w;
      if (allUpper || allLower) w = w.split('-').map(capitalise).join('-');
      return w
        .replace(/(^|-)Mc(\p{Ll})/gu, (_m, pre: string, c: string) => `${pre}Mc${c.toLocaleUpperCase('en')}`)
        .replace(
          /(^|-)([OD])['’](\p{Ll})/gu,
          (_m, pre: string, o: string, c: string) => `${pre}${o}'${c.toLocaleUpperCase('en')}`,
        );
    })
    .join(' ');
}

/** A mark as the knowledge base stores it, a status, and what else the text said. */
export interface ParsedPerformance {
  mark: string | null;
  status: ResultStatus | null;
  note: string | null;
}

const MARK_RE = /^(\d{1,2}:)?(\d{1,2}:)?\d{1,2}(\.\d{1,3})?$|^\d+(\.\d{1,3})?m?$/;
const STATUS_RE = new RegExp(`(${RESULT_STATUSES.join('|')})`);
// Rule references that follow a disqualification: "IAAF Rule 32.2.a", "R 163.3a", "ADR 2.2".
const RULE_RE = /(?:IAAF Rule|\bRule|ADR|\bR)\s*\d+(?:\.\d+)*(?:\.?[a-z])?\b/i;

/** Reads "9.81", "DNF", "DQ R 163.3a", "8:21.67DQ 8:21.67", "6.58DQADR 2.2". */
export function parsePerformance(text: string | null | undefined): ParsedPerformance {
  const raw = (text ?? '').trim();
  if (raw === '') return { mark: null, status: null, note: null };
  if (MARK_RE.test(raw)) return { mark: raw, status: null, note: null };
  const status = (STATUS_RE.exec(raw)?.[1] as ResultStatus | undefined) ?? null;
  const rule = RULE_RE.exec(raw)?.[0] ?? null;
  const rest = rule ? raw.replace(rule, ' ') : raw;
  const mark = /\d{1,2}(?::\d{1,2}){0,2}\.\d{1,3}|\d{1,2}:\d{2}(?::\d{2})?/.exec(rest)?.[0] ?? null;
  const note = rule ?? (status === null ? `unreadable mark “${raw.slice(0, 40)}”` : null);
  return { mark: mark && MARK_RE.test(mark) ? mark : null, status, note };
}

/** A place from a rank, only for an entrant with a mark and no status. */
export function placeOf(rank: string | null, status: ResultStatus | null): number | null {
  if (status !== null || rank === null) return null;
  const m = /^\s*(\d{1,4})\.?\s*$/.exec(rank);
  const n = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : null;
}

/** Record flags from a list or a space-separated string; duplicates kept once, unknown ones reported. */
export function parseFlags(
  values: ReadonlyArray<string | null | undefined>,
  report: (line: string) => void,
): RecordCode[] {
  const out: RecordCode[] = [];
  for (const v of values) {
    for (const token of (v ?? '').split(/[\s,]+/).filter(Boolean)) {
      const code = token.toUpperCase();
      if (isRecordCode(code)) {
        if (!out.includes(code)) out.push(code);
      } else report(`record flag “${token.slice(0, 12)}” is not one Podium knows, so it was left out`);
    }
  }
  return out;
}

/** A wind reading as stored: "+0.7", "-1.1"; null when absent or unreadable. */
export function parseWind(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const m = /^\s*([+-]?)(\d{1,2})(?:\.(\d{1,2}))?\s*$/.exec(String(text));
  if (!m) return null;
  const value = Number(`${m[2]}.${m[3] ?? '0'}`);
  const sign = m[1] === '-' && value !== 0 ? '-' : '+';
  return `${sign}${value.toFixed(1)}`;
}

/** The discipline a file's event name means ("100 m hurdles Women" → "100m hurdles"), or null. */
export function disciplineOf(name: string): string | null {
  const m = matchDiscipline(name.replace(/\b(mixed|men|women)\b/gi, ' '));
  if (!m) return null;
  // Fans read 10,000m with its comma.
  return m.key.replace(/^(\d{2})(\d{3})m$/, '$1,$2m');
}

/** The venue's IANA time zone from its country (and city where a country has several). */
export function timeZoneOf(country: string | null, city: string): string | null {
  const byCity: Record<string, string> = {
    'rio de janeiro': 'America/Sao_Paulo',
    'sao paulo': 'America/Sao_Paulo',
    eugene: 'America/Los_Angeles',
    'los angeles': 'America/Los_Angeles',
    'new york': 'America/New_York',
    edmonton: 'America/Edmonton',
    sydney: 'Australia/Sydney',
    melbourne: 'Australia/Melbourne',
  };
  const byCountry: Record<string, string> = {
    ITA: 'Europe/Rome',
    FRA: 'Europe/Paris',
    GBR: 'Europe/London',
    GER: 'Europe/Berlin',
    ESP: 'Europe/Madrid',
    NED: 'Europe/Amsterdam',
    BEL: 'Europe/Brussels',
    SUI: 'Europe/Zurich',
    AUT: 'Europe/Vienna',
    SWE: 'Europe/Stockholm',
    NOR: 'Europe/Oslo',
    FIN: 'Europe/Helsinki',
    DEN: 'Europe/Copenhagen',
    POL: 'Europe/Warsaw',
    CZE: 'Europe/Prague',
    HUN: 'Europe/Budapest',
    GRE: 'Europe/Athens',
    TUR: 'Europe/Istanbul',
    POR: 'Europe/Lisbon',
    IRL: 'Europe/Dublin',
    CRO: 'Europe/Zagreb',
    SRB: 'Europe/Belgrade',
    EST: 'Europe/Tallinn',
    LAT: 'Europe/Riga',
    LTU: 'Europe/Vilnius',
    JPN: 'Asia/Tokyo',
    CHN: 'Asia/Shanghai',
    KOR: 'Asia/Seoul',
    QAT: 'Asia/Qatar',
    BRA: 'America/Sao_Paulo',
    KEN: 'Africa/Nairobi',
    RSA: 'Africa/Johannesburg',
    JAM: 'America/Jamaica',
    NZL: 'Pacific/Auckland',
    MEX: 'America/Mexico_City',
    ARG: 'America/Argentina/Buenos_Aires',
    HKG: 'Asia/Hong_Kong',
    SGP: 'Asia/Singapore',
  };
  return byCity[fold(city)] ?? (country ? (byCountry[country] ?? null) : null);
}

/** English names of host cities that files give in the local language. */
export function englishCity(city: string): string {
  const exonyms: Record<string, string> = {
    roma: 'Rome',
    munchen: 'Munich',
    praha: 'Prague',
    moskva: 'Moscow',
    goteborg: 'Gothenburg',
    wien: 'Vienna',
    lisboa: 'Lisbon',
    warszawa: 'Warsaw',
    bruxelles: 'Brussels',
    torino: 'Turin',
    milano: 'Milan',
    firenze: 'Florence',
    napoli: 'Naples',
    athina: 'Athens',
    kobenhavn: 'Copenhagen',
  };
  return exonyms[fold(city)] ?? city.trim();
}

/** "31st Olympic Games" → "Olympic Games". */
export function withoutOrdinal(name: string): string {
  return name.replace(/^\s*\d+(st|nd|rd|th)\.?\s+/i, '').trim();
}

/** A string field of an untyped object, trimmed; null when absent or not text. */
export function str(o: Record<string, unknown>, key: string): string | null {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** An object's own record, or null for anything else. */
export function obj(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** Counts lines so a summary says "… (412 results)" once instead of 412 times. */
export class Tally {
  private readonly counts = new Map<string, number>();
  /** Records one occurrence of a reason. */
  add(reason: string): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + 1);
  }
  /** "reason (n×)" lines in first-seen order. */
  lines(): string[] {
    return [...this.counts].map(([r, n]) => (n > 1 ? `${r} (${n}×)` : r));
  }
}
