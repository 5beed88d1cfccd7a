/**
 * Tilastopaja's own results export (e.g. Rome 2024, the AthTech Challenge data): `compName`,
 * `events[]` with `eventName`, `roundName` (Heats, Semifinals, Qualification, Final), `heatName`,
 * `results[]` with `firstname`, `lastname`, `nation`, `bestPerformance`, `toID`, `WAID`, `DOB`,
 * space-separated `recordFlags` and `personalFlags`, relays as `relayTeam` + `relayParticipants`,
 * and combined-event parts as events of their own carrying `combinedEvent` and `combinedPoints`.
 */
import type { SportEvent } from '../core/schema.js';
import { unknownDataset } from './athlib.js';
import {
  disciplineOf,
  englishCity,
  ImportError,
  obj,
  parseWind,
  type RawCompetition,
  type RawDataset,
  type RawEntry,
  type RawEvent,
  type RawPart,
  type RawPerson,
  str,
  Tally,
  timeZoneOf,
  withoutOrdinal,
} from './model.js';

/** True when parsed JSON looks like this dialect. */
export function isTilastopajaExport(json: unknown): boolean {
  const events = obj(json)?.events;
  const first = Array.isArray(events) ? obj(events[0]) : null;
  return first !== null && Array.isArray(first.results) && 'eventName' in first;
}

const ROUNDS: Record<string, SportEvent['round']> = {
  final: 'final',
  finals: 'final',
  semifinal: 'semi-final',
  semifinals: 'semi-final',
  'semi-final': 'semi-final',
  'semi-finals': 'semi-final',
  heat: 'heat',
  heats: 'heat',
  qualification: 'qualification',
  repechage: 'repechage',
};

const ORDER: Record<string, string[]> = {
  decathlon: [
    '100m',
    'long jump',
    'shot put',
    'high jump',
    '400m',
    '110m hurdles',
    'discus throw',
    'pole vault',
    'javelin throw',
    '1500m',
  ],
  heptathlon: ['100m hurdles', 'high jump', 'shot put', '200m', 'long jump', 'javelin throw', '800m'],
};

function datasetOf(meta: Record<string, unknown>, edition: string, endDate: string): RawDataset {
  if (str(meta, 'compID') === '13075167') {
    return {
      sourceId: 'rome-2024-european-athletics-results',
      title:
        'Rome 2024 European Athletics Championships results (Apache-2.0), Tilastopaja and Matsport, via AthTech',
      publisher: 'Tilastopaja Oy',
      published: endDate,
      licenceNote: ROME_LICENCE,
    };
  }
  return unknownDataset(edition, endDate);
}

/** Reads a Tilastopaja results export. */
export function readTilastopajaExport(json: unknown): RawCompetition {
  const meta = obj(json) as Record<string, unknown>;
  const unused = new Tally();
  const city = englishCity(str(meta, 'city') ?? '');
  const startDate = str(meta, 'startDate');
  const endDate = str(meta, 'endDate') ?? startDate;
  const year = (startDate ?? '').slice(0, 4);
  if (!city || !startDate || !endDate || !/^\d{4}$/.test(year))
    throw new ImportError('the file names no city or dates of the competition');
  const country = str(meta, 'country');
  const timeZone = timeZoneOf(country, city);
  if (!timeZone) throw new ImportError(`cannot tell the time zone of ${city} (${country ?? 'no country'})`);
  const edition = `${city} ${year}`;
  const events: RawEvent[] = [];
  // Combined-event parts by athlete id, to rebuild each total's parts.
  const partsById = new Map<string, Array<{ combined: string; part: RawPart }>>();
  for (const [i, item] of ((meta.events as unknown[]) ?? []).entries()) {
    const e = obj(item);
    if (!e) {
      unused.add(`events[${i}] is not an object`);
      continue;
    }
    const name = str(e, 'eventName') ?? `events[${i}]`;
    const heatName = str(e, 'heatName');
    const label = `${name} ${str(e, 'gender') ?? ''}, ${str(e, 'roundName') ?? '?'}${heatName ? ` ${heatName}` : ''}`;
    const discipline = disciplineOf(name);
    let round = ROUNDS[(str(e, 'roundName') ?? '').toLowerCase()];
    const date = str(e, 'date');
    if (!discipline || !round || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      unused.add(`${label}: no discipline, round or date Podium can read, so the event was left out`);
      continue;
    }
    const combined = (str(e, 'combinedEvent') ?? '').toLowerCase();
    const partOf = combined === 'decathlon' || combined === 'heptathlon' ? combined : null;
    // A "Final" with a race name ("Race B") is a second race, not the championship final.
    if (round === 'final' && heatName && !partOf && !/^heat\b/i.test(heatName)) round = 'race';
    // The running disciplines of a combined event come in heats of one final.
    if (round === 'final' && heatName && partOf) round = 'heat';
    const gender = (str(e, 'gender') ?? '').toUpperCase();
    const sex: SportEvent['sex'] =
      /mixed/i.test(name) || gender === 'X' ? 'mixed' : gender === 'W' ? 'women' : 'men';
    const relay = discipline.includes('relay');
    const entries: RawEntry[] = [];
    for (const row of Array.isArray(e.results) ? e.results : []) {
      const r = obj(row);
      if (!r) continue;
      const entry = readEntry(r, sex, relay);
      if (!entry) {
        unused.add(`${label}: a result with neither athlete nor team was left out`);
        continue;
      }
      entries.push(entry);
      const id = str(r, 'toID');
      if (partOf && id && entry.person) {
        const points = Number(str(r, 'combinedPoints'));
        const part: RawPart = {
          discipline,
          mark: str(r, 'bestPerformance'),
          points: Number.isInteger(points) ? points : null,
          wind: entry.wind,
        };
        entry.points = part.points;
        const list = partsById.get(id) ?? [];
        list.push({ combined: partOf, part });
        partsById.set(id, list);
      }
    }
    const isHeatOfRound = round !== 'final' || partOf !== null;
    events.push({
      label,
      discipline,
      sex,
      round,
      roundName: isHeatOfRound || round === 'race' ? (heatName ?? null) : null,
      partOf,
      date,
      wind: parseWind(str(e, 'wind')),
      entries,
    });
  }
  attachParts(events, partsById);
  for (const kind of ['reaction times', 'field attempts and heights', 'clubs']) {
    unused.add(`${kind}: not part of Podium's model, not imported`);
  }
  return {
    dialect: 'Tilastopaja results export',
    competition: withoutOrdinal(str(meta, 'compName') ?? '') || 'Championships',
    city,
    year,
    venue: str(meta, 'arena') ?? city,
    country,
    timeZone,
    startDate,
    endDate,
    dataset: datasetOf(meta, edition, endDate),
    events,
    unused: unused.lines(),
  };
}

/** Gives each decathlon and heptathlon total its parts, in the order they are contested. */
function attachParts(
  events: RawEvent[],
  partsById: Map<string, Array<{ combined: string; part: RawPart }>>,
): void {
  for (const e of events) {
    if (e.partOf || (e.discipline !== 'decathlon' && e.discipline !== 'heptathlon')) continue;
    const order = ORDER[e.discipline] ?? [];
    for (const entry of e.entries) {
      const id = entry.person?.tp;
      const parts = id ? (partsById.get(id) ?? []).filter((p) => p.combined === e.discipline) : [];
      if (parts.length === 0) continue;
      entry.parts = parts
        .map((p) => p.part)
        .sort((a, b) => order.indexOf(a.discipline) - order.indexOf(b.discipline));
    }
  }
}

function person(r: Record<string, unknown>, country: string, sex: RawPerson['sex']): RawPerson | null {
  const givenName = str(r, 'firstname') ?? '';
  const familyName = str(r, 'lastname') ?? '';
  if (!givenName && !familyName) return null;
  const wa = str(r, 'WAID');
  const born = str(r, 'DOB');
  return {
    tp: str(r, 'toID'),
    wa: wa && wa !== '0' ? wa : null,
    givenName,
    familyName,
    country,
    born: born && /^\d{4}-\d{2}-\d{2}$/.test(born) ? born : null,
    sex,
  };
}

function readEntry(r: Record<string, unknown>, sex: SportEvent['sex'], relay: boolean): RawEntry | null {
  const country = (str(r, 'nation') ?? '').toUpperCase();
  const personSex = sex === 'mixed' ? null : sex;
  const q = str(r, 'qualified');
  let team: RawEntry['team'] = null;
  let athlete: RawPerson | null = null;
  if (relay || 'relayTeam' in r) {
    const runners = (Array.isArray(r.relayParticipants) ? r.relayParticipants : []).flatMap((x) => {
      const o = obj(x);
      const p = o ? person(o, (o && str(o, 'nation')?.toUpperCase()) || country, personSex) : null;
      if (!p || !o) return [];
      const leg = Number(str(o, 'leg'));
      return [{ person: p, leg: Number.isInteger(leg) && leg > 0 ? leg : null }];
    });
    team = { name: str(r, 'relayTeam') ?? country, country, runners };
  } else athlete = person(r, country, personSex);
  if (!athlete && !team) return null;
  return {
    rank: str(r, 'rank'),
    performance: str(r, 'bestPerformance'),
    country,
    person: athlete,
    team,
    flags: [str(r, 'recordFlags'), str(r, 'personalFlags')].filter((f): f is string => f !== null),
    qualification: q === 'Q' || q === 'q' ? q : null,
    wind: parseWind(str(r, 'wind')),
    parts: null,
    points: null,
  };
}

const ROME_LICENCE = `# Rome 2024 European Athletics Championships — results

The files in this folder are derived from \`Rome2024.json\` of captainrobbo/trhackathon (the AthTech
Challenge 2025 data set, commit c697d42002ba6c45bf8e63e31c0e88d65dc9c24f), licensed under the
**Apache License, Version 2.0** (https://www.apache.org/licenses/LICENSE-2.0).

- Credits, as the data set's README gives them: **Tilastopaja** (https://www.tilastopaja.info/),
  who provided the athlete and results data, and **Matsport** (https://www.matsport.com/), who
  provided the IsoLynx tracking data of the same challenge.
- Every result here cites the source \`rome-2024-european-athletics-results\`.
- Changes made by \`podium import\`: converted to Podium's knowledge-base format; record and personal
  flags merged into one list of codes; non-finishers kept with their status; relay teams with their
  runners; decathlon and heptathlon totals given their parts. Reaction times, field attempts and
  heights, and clubs are not imported.

Licensed under the Apache License, Version 2.0; you may not use these files except in compliance
with the License. Distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND.
`;
