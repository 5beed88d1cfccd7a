/**
 * Reading an event as fans type it — "women's 4x100m relay rio", "steeple 2024 rome final",
 * "decathlon long jump", "10,000m race b" — into what an event must match: discipline, sex,
 * round (and heat or race name), and words that must appear among the event's place and
 * competition words, in any order.
 */
import { matchDiscipline } from './disciplines.js';
import type { SportEvent } from './schema.js';
import { fold, words } from './text.js';

/** What an event query asks for. */
export interface EventQuery {
  /** Discipline bucket: "1500m", or "decathlon long jump" for a part of a combined event. */
  key: string;
  sex: SportEvent['sex'] | null;
  round: SportEvent['round'] | null;
  /** "heat 2", "race b", folded. */
  roundName: string | null;
  /** Other words, each of which must be one of the event's keywords. */
  soft: string[];
  /** Rio's 100m preliminary round ("Prelim 1"), apart from the heats proper. */
  prelim: boolean;
}

const SEX_WORDS: Record<string, 'men' | 'women' | 'mixed'> = {
  men: 'men',
  mens: 'men',
  man: 'men',
  male: 'men',
  boys: 'men',
  women: 'women',
  womens: 'women',
  woman: 'women',
  female: 'women',
  ladies: 'women',
  girls: 'women',
  mixed: 'mixed',
};
const ROUND_WORDS: Record<string, SportEvent['round']> = {
  final: 'final',
  finals: 'final',
  semi: 'semi-final',
  semis: 'semi-final',
  semifinal: 'semi-final',
  semifinals: 'semi-final',
  heat: 'heat',
  heats: 'heat',
  round: 'heat',
  qualification: 'qualification',
  qualifying: 'qualification',
  quali: 'qualification',
  qual: 'qualification',
  repechage: 'repechage',
};
/** Words that say nothing about which event ("the", "relay" once the discipline is read). */
const STOP_WORDS = new Set([
  'the',
  'at',
  'in',
  'of',
  'event',
  'relay',
  'run',
  's',
  'and',
  'games',
  'results',
  'result',
  'podium',
  'medals',
  'who',
  'won',
]);
/** What fans call competitions, as the data's own words. */
const SYNONYMS: Record<string, string> = {
  olympics: 'olympic',
  og: 'olympic',
  euros: 'european',
  europeans: 'european',
  ec: 'european',
  roma: 'rome',
  rio2016: 'rio',
};

/** The words an event answers to: its competition, edition, venue, city, country and year. */
export function eventKeywords(e: SportEvent): Set<string> {
  return new Set(
    words(
      [e.sport, e.competition, e.edition, e.venue, e.city, e.country ?? '', e.date.slice(0, 4)].join(' '),
    ),
  );
}

/** The discipline bucket of an event: its discipline, or "<combined> <discipline>" for a part. */
export function eventBucket(e: SportEvent, key: string): string {
  return e.partOf ? `${e.partOf} ${key}` : key;
}

/** Reads a query; null when it names no discipline. */
export function parseEventQuery(text: string): EventQuery | null {
  const d = matchDiscipline(text);
  if (!d) return null;
  let key = d.key;
  let rest = d.rest;
  // "decathlon 100m" / "long jump heptathlon": a part of a combined event.
  if (key === 'decathlon' || key === 'heptathlon') {
    const part = matchDiscipline(rest);
    if (part) {
      key = `${key} ${part.key}`;
      rest = part.rest;
    }
  } else {
    const combined = /\b(decathlon|heptathlon)\b/.exec(rest);
    if (combined) {
      key = `${combined[1]} ${key}`;
      rest = rest.replace(combined[0], ' ');
    }
  }
  let sex: EventQuery['sex'] = null;
  let round: EventQuery['round'] = null;
  let roundName: string | null = null;
  const soft: string[] = [];
  let prelim = false;
  const ws = fold(rest).split(' ').filter(Boolean);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string;
    const next = ws[i + 1];
    if (SEX_WORDS[w]) sex = SEX_WORDS[w];
    else if (w === 'preliminary' || w === 'prelim' || w === 'prelims') {
      prelim = true;
      round ??= 'heat';
    } else if (/^\d{1,2}$/.test(w) && round !== null && round !== 'final' && roundName === null) {
      // "semi final 2", "prelim heat 1": the number of the heat just named.
      roundName = `${round === 'semi-final' ? 'semifinal' : 'heat'} ${Number(w)}`;
    } else if (w === 'race' && next && /^[a-z]$/.test(next)) {
      round = 'race';
      roundName = `race ${next}`;
      i++;
    } else if (ROUND_WORDS[w]) {
      const r = ROUND_WORDS[w];
      // "semi final": the "final" belongs to the semi.
      if (!(r === 'final' && round === 'semi-final')) round = r;
      if ((r === 'heat' || r === 'semi-final') && next && /^\d{1,2}$/.test(next)) {
        roundName = `${r === 'heat' ? 'heat' : 'semifinal'} ${Number(next)}`;
        i++;
      }
    } else if (/^(heat|semi)(\d{1,2})$/.test(w)) {
      const m = /^(heat|semi)(\d{1,2})$/.exec(w) as RegExpExecArray;
      round = m[1] === 'heat' ? 'heat' : 'semi-final';
      roundName = `${m[1] === 'heat' ? 'heat' : 'semifinal'} ${Number(m[2])}`;
    } else if (w === 'race' || w === 'walk') {
      // "race walk" is read with the discipline; a lone "race" says nothing.
    } else if (!STOP_WORDS.has(w)) soft.push(SYNONYMS[w] ?? w);
  }
  return { key, sex, round, roundName, soft, prelim };
}

/** True when an event fits a query's sex, round, heat and words. */
export function fitsQuery(e: SportEvent, q: EventQuery, keywords: Set<string> | undefined): boolean {
  if (q.sex !== null && e.sex !== q.sex) return false;
  if (q.round !== null && e.round !== q.round) return false;
  // Heat names are folded only when the query names a heat or the preliminary round.
  if (!q.prelim && q.roundName === null) return q.soft.every((w) => keywords?.has(w));
  const name = fold(e.roundName ?? '');
  if (q.prelim !== name.startsWith('prelim')) return false;
  if (q.roundName !== null) {
    // Heats and semi-finals by number: Rome calls its semi-finals "Heat 1", Rio "Semifinal 1".
    const num = (s: string) => /(\d+)$/.exec(s)?.[1];
    if (q.roundName.startsWith('race') ? name !== q.roundName : num(name) !== num(q.roundName)) return false;
  }
  return q.soft.every((w) => keywords?.has(w));
}

/** A discipline's events of one sex and round, newest first, with what is derived from them on use. */
export interface Narrowed {
  events: readonly SportEvent[];
  /** The answer to the query when it names nothing more (no heat, no place words). */
  match: { kind: 'found'; event: SportEvent; others: readonly SportEvent[] } | null;
  /** Events by keyword (city, year, competition…), newest first, built on the first query with words. */
  words: Map<string, SportEvent[]> | null;
}

/** The events that may carry every word: those with the rarest of them (none when one is unknown). */
export function withWords(
  n: Narrowed,
  soft: readonly string[],
  keywordsOf: ReadonlyMap<string, Set<string>>,
): readonly SportEvent[] {
  if (soft.length === 0) return n.events;
  if (!n.words) {
    const index = new Map<string, SportEvent[]>();
    for (const e of n.events) {
      for (const w of keywordsOf.get(e.id) ?? []) {
        const list = index.get(w);
        if (list) list.push(e);
        else index.set(w, [e]);
      }
    }
    n.words = index;
  }
  let best: readonly SportEvent[] = n.events;
  for (const w of soft) {
    const list = n.words.get(w) ?? [];
    if (list.length < best.length) best = list;
  }
  return best;
}
