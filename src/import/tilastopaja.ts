/**
 * Tilastopaja's own results export (e.g. Rome 2024, the AthTech Challenge data): `compName`,
 * `events[]` with `eventName`, `roundName` (Heats, Semifinals, Qualification, Final), `heatName`,
 * `results[]` with `firstname`, `lastname`, `nation`, `bestPerformance`, `toID`, `WAID`, `DOB`,
 * space-separated `recordFlags` and `personalFlags`, relays as `relayTeam` + `relayParticipants`,
 * and combined-event parts as events of their own carrying `combinedEvent` and `combinedPoints`.
 */
import type { SportEvent } from '../core/schema.js';
import { unknownDataset } from './athlib.js';
import * as model from './model.js';

/** True when parsed JSON looks like this dialect. */
export function isTilastopajaExport(json: unknown): boolean {
  const events = model.obj(json)?.events;
  const first = Array.isArray(events) ? model.obj(events[0]) : null;
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

function datasetOf(meta: Record<string, unknown>, edition: string, endDate: string): model.RawDataset {
  if (model.str(meta, 'compID') === '13075167') {
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
export function readTilastopajaExport(json: unknown): model.RawCompetition {
  const meta = model.obj(json) as Record<string, unknown>;
  const unused = new model.Tally();
  const city = model.englishCity(model.str(meta, 'city') ?? '');
  const startDate = model.str(meta, 'startDate');
  const endDate = model.str(meta, 'endDate') ?? startDate;
  const year = (startDate ?? '').slice(0, 4);
  if (!city || !startDate || !endDate || !/^\d{4}$/.test(year))
    throw new model.ImportError('the file names no city or dates of the competition');
  const country = model.str(meta, 'country');
  const timeZone = model.timeZoneOf(country, city);
  if (!timeZone)
    throw new model.ImportError(`cannot tell the time zone of ${city} (${country ?? 'no country'})`);
  const edition = `${city} ${year}`;
  const events: model.RawEvent[] = [];
  // Combined-event parts by athlete id, to rebuild each total's parts.
  const partsById = new Map<string, Array<{ combined: string; part: model.RawPart }>>();
  for (const [i, item] of ((meta.events as unknown[]) ?? []).entries()) {
    const e = model.obj(item);
    if (!e) {
      unused.add(`events[${i}] is not an object`);
      continue;
    }
    const name = model.str(e, 'eventName') ?? `events[${i}]`;
    const heatName = model.str(e, 'heatName');
    const label = `${name} ${model.str(e, 'gender') ?? ''}, ${model.str(e, 'roundName') ?? '?'}${heatName ? ` ${heatName}` : ''}`;
    const discipline = model.disciplineOf(name);
    let round = ROUNDS[(model.str(e, 'roundName') ?? '').toLowerCase()];
    const date = model.str(e, 'date');
    if (!discipline || !round || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      unused.add(`${label}: no discipline, round or date Podium can read, so the event was left out`);
      continue;
    }
    const combined = (model.str(e, 'combinedEvent') ?? '').toLowerCase();
    const partOf = combined === 'decathlon' || combined === 'heptathlon' ? combined : null;
    // A "Final" with a race name ("Race B") is a second race, not the championship final.
    if (round === 'final' && heatName && !partOf && !/^heat\b/i.test(heatName)) round = 'race';
    // The running disciplines of a combined event come in heats of one final.
    if (round === 'final' && heatName && partOf) round = 'heat';
    const gender = (model.str(e, 'gender') ?? '').toUpperCase();
    const sex: SportEvent['sex'] =
      /mixed/i.test(name) || gender === 'X' ? 'mixed' : gender === 'W' ? 'women' : 'men';
    const relay = discipline.includes('relay');
    const entries: model.RawEntry[] = [];
    for (const row of Array.isArray(e.results) ? e.results : []) {
      const r = model.obj(row);
      if (!r) continue;
      const entry = readEntry(r, sex, relay);
      if (!entry) {
        unused.add(`${label}: a result with neither athlete nor team was left out`);
        continue;
      }
      entries.push(entry);
      const id = model.str(r, 'toID');
      if (partOf && id && entry.person) {
        const points = Number(model.str(r, 'combinedPoints'));
        const part: model.RawPart = {
          discipline,
          mark: model.str(r, 'bestPerformance'),
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
      wind: model.parseWind(model.str(e, 'wind')),
      entries,
    });
  }
  attachParts(events, partsById);
  for (const kind of ['reaction times', 'field attempts and heights', 'clubs']) {
    unused.add(`${kind}: not part of Podium's model, not imported`);
  }
  return {
    dialect: 'Tilastopaja results export',
    competition: model.withoutOrdinal(model.str(meta, 'compName') ?? '') || 'Championships',
    city,
    year,
    venue: model.str(meta, 'arena') ?? city,
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
  events: model.RawEvent[],
  partsById: Map<string, Array<{ combined: string; part: model.RawPart }>>,
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

function person(
  r: Record<string, unknown>,
  country: string,
  sex: model.RawPerson['sex'],
): model.RawPerson | null {
  const givenName = model.str(r, 'firstname') ?? '';
  const familyName = model.str(r, 'lastname') ?? '';
  if (!givenName && !familyName) return null;
  const wa = model.str(r, 'WAID');
  const born = model.str(r, 'DOB');
  return {
    tp: model.str(r, 'toID'),
    wa: wa && wa !== '0' ? wa : null,
    givenName,
    familyName,
    country,
    born: born && /^\d{4}-\d{2}-\d{2}$/.test(born) ? born : null,
    sex,
  };
}

function readEntry(
  r: Record<string, unknown>,
  sex: SportEvent['sex'],
  relay: boolean,
): model.RawEntry | null {
  const country = (model.str(r, 'nation') ?? '').toUpperCase();
  const personSex = sex === 'mixed' ? null : sex;
  const q = model.str(r, 'qualified');
  let team: model.RawEntry['team'] = null;
  let athlete: model.RawPerson | null = null;
  if (relay || 'relayTeam' in r) {
    const runners = (Array.isArray(r.relayParticipants) ? r.relayParticipants : []).flatMap((x) => {
      const o = model.obj(x);
      const p = o ? person(o, (o && model.str(o, 'nation')?.toUpperCase()) || country, personSex) : null;
      if (!p || !o) return [];
      const leg = Number(model.str(o, 'leg'));
      return [{ person: p, leg: Number.isInteger(leg) && leg > 0 ? leg : null }];
    });
    team = { name: model.str(r, 'relayTeam') ?? country, country, runners };
  } else athlete = person(r, country, personSex);
  if (!athlete && !team) return null;
  return {
    rank: model.str(r, 'rank'),
    performance: model.str(r, 'bestPerformance'),
    country,
    person: athlete,
    team,
    flags: [model.str(r, 'recordFlags'), model.str(r, 'personalFlags')].filter(
      (f): f is string => f !== null,
    ),
    qualification: q === 'Q' || q === 'q' ? q : null,
    wind: model.parseWind(model.str(r, 'wind')),
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
