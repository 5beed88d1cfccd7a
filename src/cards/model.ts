import type { Reply } from '../core/reply.js';

/**
 * What a card needs from a Reply, read defensively: the Reply model grows (relay teams with
 * runners, non-finishers with a status and no place, wind, ties), and a card must draw whatever
 * subset of those fields a reply carries without knowing which branch added them.
 */

/** One row of a podium or results card. */
export interface CardRow {
  /** Null for non-finishers (DNF, DNS, DQ, …), who keep their status instead. */
  place: number | null;
  /** True when another row shares this place. */
  tied: boolean;
  status: string | null;
  /** Athlete, or relay team name. */
  name: string;
  /** Relay runners, in running order; empty for individual events. */
  runners: string[];
  country: string | null;
  mark: string | null;
  wind: string | null;
  records: string[];
}

/** One heading, footer and body for any card. */
export interface CardHeading {
  title: string;
  subtitle: string | null;
  /** The first source's headline, publisher and date, for the footer; empty when it cites nothing. */
  source: string[];
  /** How many more sources the reply cites. */
  moreSources: number;
}

const str = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
};

function personName(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o.name) ?? str(o.athlete);
  }
  return null;
}

function toRow(raw: unknown): CardRow | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const place = typeof r.place === 'number' && Number.isFinite(r.place) && r.place > 0 ? r.place : null;
  const name = personName(r.athlete) ?? personName(r.team) ?? str(r.name) ?? personName(r.relay);
  const runners = Array.isArray(r.runners)
    ? r.runners.map(personName).filter((n): n is string => n !== null)
    : [];
  const records = Array.isArray(r.records)
    ? r.records.map((c) => str(c)?.slice(0, 8) ?? null).filter((c): c is string => c !== null)
    : [];
  return {
    place,
    tied: r.tied === true || r.tie === true,
    status: str(r.status)?.slice(0, 8) ?? (place === null ? 'DNF' : null),
    name: name ?? (runners.length ? runners.join(', ') : 'Unknown athlete'),
    runners,
    country: str(r.country),
    mark: str(r.mark),
    wind: str(r.wind),
    records,
  };
}

/** The rows of a reply, in order of place, non-finishers last; ties marked. */
export function cardRows(reply: Reply): CardRow[] {
  const raw: unknown = (reply as { results?: unknown }).results;
  if (!Array.isArray(raw)) return [];
  const rows = raw.map(toRow).filter((r): r is CardRow => r !== null);
  const counts = new Map<number, number>();
  for (const r of rows) if (r.place !== null) counts.set(r.place, (counts.get(r.place) ?? 0) + 1);
  for (const r of rows) if (r.place !== null && (counts.get(r.place) ?? 0) > 1) r.tied = true;
  // Stable sort: the reply's own order breaks ties (it may know photo-finish order we do not).
  return rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        (a.r.place ?? Number.POSITIVE_INFINITY) - (b.r.place ?? Number.POSITIVE_INFINITY) || a.i - b.i,
    )
    .map(({ r }) => r);
}

/** Heading and footer text shared by every card. */
export function cardHeading(reply: Reply): CardHeading {
  const sources = Array.isArray(reply.sources) ? reply.sources : [];
  const first = sources[0];
  const source =
    first && typeof first === 'object'
      ? [str(first.title), str(first.publisher), str(first.date)].filter((b): b is string => b !== null)
      : [];
  return {
    title: str(reply.title) ?? 'Podium',
    subtitle: str(reply.summary),
    source,
    moreSources: source.length ? sources.length - 1 : 0,
  };
}

/** Which card a reply is drawn as, or null when it has no picture worth posting. */
export type CardKind = 'podium' | 'results' | 'quote';

/**
 * The card for a reply: quotes get the quote card; a result with only medal places the podium
 * card; a longer field (places past 3, non-finishers) the results table. Misses, errors and help
 * get none: their text is the whole answer. A reply illustrated by another (reply.card) gets that one's.
 */
export function cardKindFor(reply: Reply): CardKind | null {
  const card = reply.card;
  if (card && typeof card === 'object') return card.card ? null : cardKindFor(card);
  if (reply.tone === 'error' || reply.tone === 'help' || reply.tone === 'miss') return null;
  const quote = (reply as { quote?: unknown }).quote;
  if (quote && typeof quote === 'object' && str((quote as { text?: unknown }).text)) return 'quote';
  const rows = cardRows(reply);
  if (rows.length === 0) return null;
  return rows.some((r) => r.place === null || r.place > 3) ? 'results' : 'podium';
}
