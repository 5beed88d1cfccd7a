/**
 * The athlib dialect (openath/athlib's JSON of Tilastopaja's XML, e.g. Rio 2016): `name`,
 * `eventCode`, `round` (HEAT, SEMI, PRELIM, FINAL), `roundName`, `result[]` with `givenName`,
 * `familyName`, `country`, `performance`, `rank`, `recordFlags` (or a `recordflag` string),
 * relays as `teamCode` + `runners`, combined totals with their parts under `results`.
 */
import type { SportEvent } from '../core/schema.js';
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
export function isAthlib(json: unknown): boolean {
  const events = obj(json)?.events;
  const first = Array.isArray(events) ? obj(events[0]) : null;
  return first !== null && Array.isArray(first.result) && 'eventCode' in first && 'name' in first;
}

const ROUNDS: Record<string, SportEvent['round']> = {
  FINAL: 'final',
  SEMI: 'semi-final',
  HEAT: 'heat',
  PRELIM: 'qualification',
  QUAL: 'qualification',
  REPECHAGE: 'repechage',
};

const CODE_DISCIPLINES: Record<string, string> = {
  '100': '100m',
  '200': '200m',
  '400': '400m',
  '800': '800m',
  '1500': '1500m',
  '100H': '100m hurdles',
  '110H': '110m hurdles',
  LJ: 'long jump',
  SP: 'shot put',
  HJ: 'high jump',
  DT: 'discus throw',
  PV: 'pole vault',
  JT: 'javelin throw',
};

/** The Rio 2016 dataset, recognised by its Tilastopaja competition id. */
function datasetOf(meta: Record<string, unknown>, edition: string, endDate: string): RawDataset {
  if (str(meta, 'competitionId') === '7266') {
    return {
      sourceId: 'rio-2016-athletics-results-tilastopaja',
      title: 'Rio 2016 Olympic athletics results, Tilastopaja Oy (ODbL 1.0), via openath/athlib',
      publisher: 'Tilastopaja Oy',
      published: endDate,
      licenceNote: RIO_LICENCE,
    };
  }
  return unknownDataset(edition, endDate);
}

/** A dataset whose licence Podium does not know: cited, and flagged in its licence note. */
export function unknownDataset(edition: string, endDate: string): RawDataset {
  return {
    sourceId: `${edition.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-results-file`,
    title: `${edition} results file`,
    publisher: null,
    published: endDate,
    licenceNote: `# ${edition} results\n\nImported with \`podium import\`. The licence of the source file is not known to Podium: check it before publishing this data.\n`,
  };
}

/** Reads an athlib results file. */
export function readAthlib(json: unknown): RawCompetition {
  const meta = obj(json) as Record<string, unknown>;
  const unused = new Tally();
  const [compName = '', venueName = ''] = (str(meta, 'name') ?? '').split(',').map((s) => s.trim());
  const city = englishCity(str(meta, 'city') ?? '');
  const year = str(meta, 'year') ?? (str(meta, 'startDate') ?? '').slice(0, 4);
  const startDate = str(meta, 'startDate');
  const endDate = str(meta, 'endDate') ?? startDate;
  if (!city || !/^\d{4}$/.test(year) || !startDate || !endDate)
    throw new ImportError('the file names no city, year or dates of the competition');
  const country = str(meta, 'country');
  const timeZone = timeZoneOf(country, city);
  if (!timeZone) throw new ImportError(`cannot tell the time zone of ${city} (${country ?? 'no country'})`);
  const organiser = str(meta, 'organiser_id');
  const competition =
    organiser === 'IOC' || /olympic/i.test(compName)
      ? 'Olympic Games'
      : withoutOrdinal(compName) || 'Championships';
  const edition = `${city} ${year}`;
  const events: RawEvent[] = [];
  for (const [i, item] of ((meta.events as unknown[]) ?? []).entries()) {
    const e = obj(item);
    if (!e) {
      unused.add(`events[${i}] is not an object`);
      continue;
    }
    const name = str(e, 'name') ?? `events[${i}]`;
    const roundName = str(e, 'roundName');
    const label = roundName ? `${name}, ${roundName}` : name;
    const discipline = disciplineOf(name);
    const round = ROUNDS[(str(e, 'round') ?? '').toUpperCase()];
    const date = str(e, 'date');
    if (!discipline || !round || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      unused.add(`${label}: no discipline, round or date Podium can read, so the event was left out`);
      continue;
    }
    const gender = (str(e, 'gender') ?? '').toUpperCase();
    const sex =
      /mixed/i.test(name) || gender === 'X' ? 'mixed' : gender === 'W' || gender === 'F' ? 'women' : 'men';
    const athlon = (str(e, 'athlon') ?? '').toLowerCase();
    const partOf = athlon === 'decathlon' || athlon === 'heptathlon' ? athlon : null;
    const rows = Array.isArray(e.result) ? e.result : [];
    const relay = discipline.includes('relay');
    const entries: RawEntry[] = [];
    for (const row of rows) {
      const r = obj(row);
      if (!r) continue;
      const entry = readEntry(r, sex, relay, unused);
      if (entry) entries.push(entry);
      else unused.add(`${label}: a result with neither athlete nor team was left out`);
    }
    events.push({
      label,
      discipline,
      sex,
      round: prelimRound(round, roundName),
      roundName: round === 'final' ? null : roundName,
      partOf,
      date,
      wind: parseWind(str(e, 'wind')),
      entries,
    });
  }
  for (const kind of ['reaction times', 'field attempts and heights', 'qualification groups']) {
    unused.add(`${kind}: not part of Podium's model, not imported`);
  }
  return {
    dialect: 'athlib (Tilastopaja XML as JSON)',
    competition,
    city,
    year,
    venue: venueName || city,
    country,
    timeZone,
    startDate,
    endDate,
    dataset: datasetOf(meta, edition, endDate),
    events,
    unused: unused.lines(),
  };
}

// Rio's 100m "Prelim 1–3" are a preliminary round of heats, not field qualification.
function prelimRound(round: SportEvent['round'], roundName: string | null): SportEvent['round'] {
  return round === 'qualification' && roundName && /^prelim/i.test(roundName) ? 'heat' : round;
}

function person(r: Record<string, unknown>, country: string, sex: RawPerson['sex']): RawPerson | null {
  const givenName = str(r, 'givenName') ?? '';
  const familyName = str(r, 'familyName') ?? '';
  if (!givenName && !familyName) return null;
  return { tp: str(r, 'tpAthleteId'), wa: null, givenName, familyName, country, born: null, sex };
}

function readEntry(
  r: Record<string, unknown>,
  sex: SportEvent['sex'],
  relay: boolean,
  unused: Tally,
): RawEntry | null {
  const country = (str(r, 'country') ?? str(r, 'teamCode') ?? '').toUpperCase();
  const personSex = sex === 'mixed' ? null : sex;
  const flags = [
    ...(Array.isArray(r.recordFlags) ? r.recordFlags.map(String) : [str(r, 'recordFlags')]),
    str(r, 'recordflag'),
  ];
  const q = str(r, 'qualification');
  let team: RawEntry['team'] = null;
  let athlete: RawPerson | null = null;
  if (relay || Array.isArray(r.runners) || 'teamCode' in r) {
    const runners = (Array.isArray(r.runners) ? r.runners : []).flatMap((x) => {
      const o = obj(x);
      const p = o ? person(o, country, personSex) : null;
      if (!p) return [];
      const leg = typeof o?.legNumber === 'number' ? o.legNumber : Number(str(o ?? {}, 'legNumber')) || null;
      return [{ person: p, leg }];
    });
    team = { name: str(r, 'teamCode') ?? country, country, runners };
  } else athlete = person(r, country, personSex);
  if (!athlete && !team) return null;
  let parts: RawPart[] | null = null;
  if (Array.isArray(r.results)) {
    parts = r.results.flatMap((x) => {
      const p = obj(x);
      if (!p) return [];
      const code = (str(p, 'eventCode') ?? '').toUpperCase();
      const discipline = CODE_DISCIPLINES[code];
      if (!discipline) {
        unused.add(`combined-event part with code “${code.slice(0, 10)}” not recognised, left out`);
        return [];
      }
      const points = Number(str(p, 'points'));
      return [
        {
          discipline,
          mark: str(p, 'performance'),
          points: Number.isInteger(points) ? points : null,
          wind: parseWind(str(p, 'wind')),
        },
      ];
    });
  }
  return {
    rank: str(r, 'rank'),
    performance: str(r, 'performance'),
    country,
    person: athlete,
    team,
    flags: flags.filter((f): f is string => typeof f === 'string'),
    qualification: q === 'Q' || q === 'q' ? q : null,
    wind: parseWind(str(r, 'wind')),
    parts,
    points: null,
  };
}

const RIO_LICENCE = `# Rio 2016 Olympic Games — athletics results

The files in this folder are derived from the Rio 2016 Olympic athletics results provided by
**Tilastopaja Oy** (Finland) under the **Open Database License (ODbL) 1.0**
(https://opendatacommons.org/licenses/odbl/1-0/), as published by openath/athlib
(\`sampledata/rio2016/rio_athletics_results.json\`, commit fe60183d75eec30c54c638449b562360f73e2e67;
the athlib repository itself is Apache-2.0).

- **Attribution**: contains information from the Rio 2016 athletics results database of Tilastopaja
  Oy, made available under the ODbL. Every result here cites the source
  \`rio-2016-athletics-results-tilastopaja\`.
- **Share-alike**: this folder is a derived database. If you publicly use an adapted version of it,
  you must offer that adapted database under the ODbL as well.
- **Keep open**: do not apply technical measures that restrict it without also offering an
  unrestricted version.

Converted by \`podium import\`: names cased as fans spell them, record flags mapped to Podium's codes,
non-finishers kept with their status. Reaction times, field attempts and heights, and qualification
groups are not imported.
`;
