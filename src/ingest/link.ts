/**
 * Links what a report names to what the knowledge base already knows: people by name (full name,
 * alias, or a surname among the event's finishers) narrowed by country and event; events by
 * discipline and sex, then date, competition, venue and who took part. Only the read-only maps of
 * the knowledge base are used, so any data folder (shipped, imported championships, published
 * drafts) links the same way.
 */
import { disciplineKey } from '../core/disciplines.js';
import type { Athlete, SportEvent } from '../core/schema.js';
import { foldName } from './text.js';
import type { Draft } from './types.js';

/** The read-only parts of a knowledge base that linking needs. */
export interface LinkView {
  readonly athletes: ReadonlyMap<string, Athlete>;
  readonly events: ReadonlyMap<string, SportEvent>;
}

/** What a report says about a person besides the name, to tell namesakes apart. */
export interface PersonHints {
  country?: string | null;
  /** The known event the report is about, whose finishers are the likeliest match. */
  event?: SportEvent | null;
}

/** The outcome of linking an event: the known event, or why none was chosen. */
export type EventLink =
  | { kind: 'known'; event: SportEvent; why: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: SportEvent[] };

const DAY_MS = 86_400_000;

/** An index of known athletes by folded full name, given + family name, and alias. */
export class PersonLinker {
  private readonly byName = new Map<string, Athlete[]>();

  constructor(private readonly kb: LinkView) {
    for (const a of kb.athletes.values()) {
      const keys = new Set([a.name, `${a.givenName} ${a.familyName}`, ...a.aliases].map(foldName));
      for (const k of keys) {
        const list = this.byName.get(k);
        if (list) list.push(a);
        else this.byName.set(k, [a]);
      }
    }
  }

  /** The one known person the name (and hints) can mean, or null when none or several fit. */
  link(name: string, hints: PersonHints = {}): Athlete | null {
    const key = foldName(name.trim());
    if (!key) return null;
    let hits = this.byName.get(key) ?? [];
    // A surname alone ("Kerr said") is only safe among the people of the event.
    if (hits.length === 0 && !key.includes(' ') && hints.event) {
      hits = this.finishers(hints.event).filter(
        (a) => foldName(a.familyName) === key || foldName(a.givenName) === key,
      );
    }
    return narrow(hits, hints, (a) => this.finishers(hints.event ?? null).includes(a));
  }

  private finishers(event: SportEvent | null): Athlete[] {
    if (!event) return [];
    return event.results.flatMap((r) => {
      const a = r.athlete ? this.kb.athletes.get(r.athlete) : undefined;
      return a ? [a] : [];
    });
  }
}

/** One candidate left → it; several → those of the same country, then those in the event. */
function narrow(hits: Athlete[], hints: PersonHints, inEvent: (a: Athlete) => boolean): Athlete | null {
  if (hits.length <= 1) return hits[0] ?? null;
  let left = hits;
  if (hints.country) {
    const same = left.filter((a) => a.country === hints.country);
    if (same.length > 0) left = same;
  }
  if (left.length > 1) {
    const there = left.filter(inEvent);
    if (there.length > 0) left = there;
  }
  return left.length === 1 ? (left[0] ?? null) : null;
}

/**
 * Finds the known event a draft reports on. Candidates share the discipline (and the sex when the
 * draft knows it); each then scores on the same date (or the days before publication), the same
 * year, competition, venue, and the finishers the report names. A candidate must agree on the
 * date, or on the year plus a competition, venue or two finishers; a final beats the other rounds
 * of the same day, since a report names its race by the medals.
 */
export function linkEvent(kb: LinkView, draft: Draft, people: PersonLinker): EventLink {
  const { discipline, sex, date, competition, venue } = draft.event;
  if (!discipline) return { kind: 'none' };
  const key = disciplineKey(discipline);
  const when = date ?? draft.source.published;
  const year = when ? when.slice(0, 4) : null;
  const scored: { event: SportEvent; score: number; why: string[] }[] = [];
  for (const e of kb.events.values()) {
    if (disciplineKey(e.discipline) !== key || (sex && e.sex !== sex)) continue;
    const why: string[] = [];
    let score = 0;
    let anchored = false;
    if (date && e.date === date) {
      score += 4;
      anchored = true;
      why.push('date');
    } else if (!date && when && daysBefore(e.date, when) <= 3) {
      score += 3;
      anchored = true;
      why.push('days before publication');
    }
    const sameYear = year !== null && e.date.startsWith(year);
    if (sameYear) score += 1;
    let soft = 0;
    if (competition && sameName(e.competition, competition)) {
      score += 2;
      soft++;
      why.push('competition');
    }
    if (venue && (sameName(e.venue, venue) || sameName(e.city, venue))) {
      score += 2;
      soft++;
      why.push('venue');
    }
    const finishers = new Set(e.results.map((r) => r.athlete));
    const shared = draft.results.filter((r) => {
      const a = people.link(r.athlete, { country: r.country, event: e });
      return a !== null && finishers.has(a.id);
    }).length;
    if (shared > 0) {
      score += Math.min(shared, 4);
      why.push(`${shared} finisher(s)`);
    }
    if (shared >= 2) soft++;
    if (!anchored && !(sameYear && soft > 0)) continue;
    if (e.round === 'final') score += 0.5;
    scored.push({ event: e, score, why });
  }
  if (scored.length === 0) return { kind: 'none' };
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best) return { kind: 'none' };
  if (second && second.score === best.score) {
    return {
      kind: 'ambiguous',
      candidates: scored.filter((s) => s.score === best.score).map((s) => s.event),
    };
  }
  return { kind: 'known', event: best.event, why: best.why.join(', ') };
}

/** Whole days from an event's date to a publication date (negative when the event came after). */
function daysBefore(eventDate: string, published: string): number {
  const d = (Date.parse(published) - Date.parse(eventDate)) / DAY_MS;
  return Number.isFinite(d) && d >= 0 ? d : Number.POSITIVE_INFINITY;
}

const NAME_STOP = new Set(['the', 'of', 'and', 'de', 'di']);

/** Words of a name, "Olympics" read as "Olympic Games". */
function nameWords(text: string): string[] {
  return foldName(text)
    .replace(/\bolympics\b/gu, 'olympic games')
    .split(/[^a-z0-9]+/u)
    .filter((w) => w && !NAME_STOP.has(w));
}

/** "European Championships" ≈ "European Athletics Championships": every word of one is in the other. */
function sameName(known: string, reported: string): boolean {
  const a = nameWords(known);
  const b = nameWords(reported);
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  return short.every((w) => long.has(w));
}
