/**
 * How results read in answers, shared by every command: a person or a relay team (with its
 * runners), places or statuses, wind, Q/q, points — and a field in the order fans expect, with
 * the non-finishers last.
 */
import { countryName } from './countries.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { recordLegend } from './records.js';
import type { ReplyResult } from './reply.js';
import type { Part, Result, SportEvent } from './schema.js';

const STATUS_ORDER = ['DNF', 'DQ', 'NM', 'NH', 'DNS'];

/** Who a result belongs to: "Usain Bolt", or a relay team by its country ("Jamaica"). */
export function entrantName(kb: KnowledgeBase, r: Result): string {
  if (r.athlete) return kb.nameAsRecorded(r.athlete);
  const team = r.team;
  if (!team) return r.country;
  return countryName(team.country);
}

/** The runners of a relay team, in leg order: "Powell, Blake, Ashmeade, Bolt". */
export function runnersOf(kb: KnowledgeBase, r: Result): string | null {
  const runners = r.team?.runners ?? [];
  if (runners.length === 0) return null;
  return [...runners]
    .sort((a, b) => (a.leg ?? 99) - (b.leg ?? 99))
    .map((x) => kb.athlete(x.athlete)?.familyName ?? kb.nameOf(x.athlete))
    .join(', ');
}

/** One result as a reply line. `withRunners` adds a relay's runners; `withWind` its wind. */
export function toReplyResult(
  kb: KnowledgeBase,
  r: Result,
  opts: { withRunners?: boolean; withWind?: boolean } = {},
): ReplyResult {
  const detail: string[] = [];
  if (r.qualification) detail.push(r.qualification);
  if (opts.withWind !== false && r.wind) detail.push(`wind ${r.wind}`);
  if (r.points !== undefined) detail.push(`${r.points} pts`);
  if (r.status && r.mark) detail.push(`mark ${r.mark}`);
  if (r.note) detail.push(r.note);
  if (opts.withRunners !== false) {
    const runners = runnersOf(kb, r);
    if (runners) detail.push(runners);
  }
  return {
    place: r.place,
    ...(r.status ? { status: r.status } : {}),
    athlete: entrantName(kb, r),
    country: r.country,
    mark: r.status ? null : r.mark,
    records: r.records,
    ...(detail.length ? { detail: detail.join(' · ') } : {}),
  };
}

/** A field in reading order: places, then unranked marks, then DNF, DQ, NM, NH, DNS. */
export function fieldOrder(results: readonly Result[]): Result[] {
  const rank = (r: Result) =>
    r.place !== null ? r.place : r.status ? 2000 + STATUS_ORDER.indexOf(r.status) : 1500;
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

/** The medallists of a final: places 1–3 (ties included), in order. */
export function podiumOf(e: SportEvent): Result[] {
  return fieldOrder(e.results.filter((r) => r.place !== null && r.place <= 3));
}

// Codes every fan reads without help; the rest get a legend.
const PLAIN = new Set(['WR', 'OR', 'NR', 'PB', 'SB']);

/** A line explaining the less familiar record codes an answer shows (WL, =PB, NU23R…), or null. */
export function legendLine(results: readonly Result[]): string | null {
  const legend = recordLegend(results.flatMap((r) => r.records).filter((c) => !PLAIN.has(c)));
  return legend ? `Records: ${legend}.` : null;
}

/** A combined event's parts on one line: "100m 10.46 (985) · long jump 7.94 (1045) · …". */
export function partsLine(parts: readonly Part[]): string {
  return parts
    .map((p) => `${p.discipline} ${p.mark ?? '–'}${p.points !== null ? ` (${p.points})` : ''}`)
    .join(' · ');
}

/** "Jamaica (JAM)", or just the code when the name is not known. */
export function countryLabel(code: string): string {
  const name = countryName(code);
  return name === code ? code : `${name} (${code})`;
}
