/**
 * Record and performance flags a mark can carry, each with a meaning a fan can read. The codes are
 * those results files use (World Athletics' abbreviations); a leading "=" marks a tie ("=PB":
 * equalled a personal best). Nothing outside this list is accepted, so no flag is ever invented.
 */
const MEANINGS = {
  WR: 'world record',
  OR: 'Olympic record',
  AR: 'area record',
  NR: 'national record',
  CR: 'championship record',
  MR: 'meeting record',
  PB: 'personal best',
  SB: 'season’s best',
  WL: 'world lead (fastest or best in the world this year)',
  WJL: 'world junior (under-20) lead',
  NJR: 'national junior (under-20) record',
  NUR: 'national under-23 record',
  AJR: 'area junior (under-20) record',
  AUR: 'area under-23 record',
  WJR: 'world junior (under-20) record',
  NU20R: 'national under-20 record',
  NU23R: 'national under-23 record',
  AU20R: 'area under-20 record',
  AU23R: 'area under-23 record',
  WU20R: 'world under-20 record',
  WU23R: 'world under-23 record',
} as const;

/** A flag without its tie mark. */
export type BaseRecordCode = keyof typeof MEANINGS;

const BASE = Object.keys(MEANINGS) as BaseRecordCode[];

/** Every accepted flag: the base codes, then each as a tie ("=PB"). */
export const RECORD_CODES = [...BASE, ...BASE.map((c) => `=${c}` as const)] as [RecordCode, ...RecordCode[]];
/** One record flag, possibly a tie. */
export type RecordCode = BaseRecordCode | `=${BaseRecordCode}`;

/** True for a flag Podium knows. */
export function isRecordCode(code: string): code is RecordCode {
  return (RECORD_CODES as readonly string[]).includes(code);
}

/** "national record", "equalled personal best". */
export function recordMeaning(code: RecordCode): string {
  if (code.startsWith('=')) return `equalled ${MEANINGS[code.slice(1) as BaseRecordCode]}`;
  return MEANINGS[code as BaseRecordCode];
}

/** "NR = national record; =PB = equalled personal best" for the codes of an answer (each once). */
export function recordLegend(codes: Iterable<RecordCode>): string | null {
  const seen = [...new Set(codes)];
  if (seen.length === 0) return null;
  return seen.map((c) => `${c} = ${recordMeaning(c)}`).join('; ');
}
