import { z } from 'zod';
import { RECORD_CODES } from './reply.js';

// Building an Intl formatter costs a fraction of a millisecond; hundreds of events share a few zones.
const knownZones = new Map<string, boolean>();

/** True for an IANA time-zone name this runtime knows. */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  const cached = knownZones.get(name);
  if (cached !== undefined) return cached;
  let ok = true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    ok = false;
  }
  if (knownZones.size < 1000) knownZones.set(name, ok);
  return ok;
}

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id like "cole-hocker"')
  .max(120);
const IsoDate = z.iso.date('a date as YYYY-MM-DD');
const Ioc = z.string().regex(/^[A-Z]{3}$/, 'a three-letter IOC country code like "USA"');
const Text = z.string().trim().min(1, 'non-empty text');
const ExternalId = z.string().regex(/^[0-9A-Za-z-]{1,20}$/, 'an id such as "45032"');
const Wind = z.string().regex(/^[+-]?\d{1,2}(\.\d{1,2})?$/, 'a wind reading like "+0.7" or "-1.1"');

/** A citation: headline, publisher if known, and publication date. Never the article's text. */
export const SourceSchema = z.strictObject({
  id: Id,
  title: Text.max(300),
  publisher: z.string().min(1).nullable(),
  published: IsoDate,
  url: z.url().nullable().optional(),
  /** Written by `podium ingest`; a person reviews and removes the flag. */
  draft: z.boolean().optional(),
});

/** A person the bot can talk about: athlete (or coach, official) with the names fans use. */
export const AthleteSchema = z.strictObject({
  id: Id,
  name: Text.max(120),
  givenName: Text.max(80),
  familyName: Text.max(80),
  country: Ioc,
  sex: z.enum(['men', 'women']).nullable(),
  aliases: z.array(Text.max(120)).default([]),
  born: IsoDate.nullable().optional(),
  /** Ids in results systems: the same person in several files is one record (see people.ts). */
  ids: z
    .strictObject({
      tilastopaja: z.array(ExternalId).optional(),
      worldAthletics: z.array(ExternalId).optional(),
    })
    .optional(),
  /** Ids of records merged into this one (a person imported from several files): references to them still hold. */
  formerIds: z.array(Id).optional(),
  draft: z.boolean().optional(),
});

/** Why a result has no place. */
export const RESULT_STATUSES = ['DNF', 'DNS', 'DQ', 'NM', 'NH'] as const;
/** One of DNF (did not finish), DNS (did not start), DQ (disqualified), NM (no mark), NH (no height). */
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/** One leg of a relay team: the runner (a person) and the leg, when the file gives it. */
export const RunnerSchema = z.strictObject({
  athlete: Id,
  leg: z.int().min(1).max(12).nullable(),
});

/** A relay team: its country (IOC code), the name the file gives it, and its runners. */
export const TeamSchema = z.strictObject({
  country: Ioc,
  name: Text.max(80),
  runners: z.array(RunnerSchema).default([]),
});

/** One discipline of a combined event (decathlon, heptathlon) inside its total. */
export const PartSchema = z.strictObject({
  discipline: Text.max(60),
  mark: z.string().max(40).nullable(),
  points: z.int().min(0).max(2000).nullable(),
  wind: Wind.nullable().optional(),
});

/**
 * One entrant's result: a place (none for DNF, DNS, DQ, NM, NH, which keep their status), an
 * athlete or a relay team, the country of that day, the mark and what went with it.
 */
export const ResultSchema = z.strictObject({
  place: z.int().min(1).max(1000).nullable(),
  status: z.enum(RESULT_STATUSES).optional(),
  /** The person; absent for a relay team. */
  athlete: Id.optional(),
  team: TeamSchema.optional(),
  country: Ioc,
  mark: z
    .string()
    .regex(
      /^(\d{1,2}:)?(\d{1,2}:)?\d{1,2}(\.\d{1,3})?$|^\d+(\.\d{1,3})?m?$/,
      'a mark like "3:27.65" or "9.79"',
    )
    .nullable(),
  records: z.array(z.enum(RECORD_CODES)).default([]),
  wind: Wind.nullable().optional(),
  /** Q: qualified by place; q: qualified by time or distance. */
  qualification: z.enum(['Q', 'q']).optional(),
  /** Combined events: the points total is the mark; parts hold each discipline. */
  parts: z.array(PartSchema).optional(),
  /** Points scored in one discipline of a combined event. */
  points: z.int().min(0).max(20000).optional(),
  /** What the file adds to a status, e.g. the rule of a disqualification. */
  note: z.string().max(120).optional(),
  sources: z.array(Id).min(1, 'at least one source id'),
});

/** A context fact a fan would enjoy, in Podium's own words, with its sources. */
export const FactSchema = z.strictObject({
  text: Text.max(500),
  sources: z.array(Id).min(1, 'at least one source id'),
});

/**
 * Kinds of round. "race" is a race that is not the championship final (Rome 2024's men's 10,000m
 * "Race B"): it is never answered as the final.
 */
export const ROUNDS = ['final', 'semi-final', 'heat', 'qualification', 'repechage', 'race'] as const;

/** A competition event (one race or round). */
export const EventSchema = z.strictObject({
  id: Id,
  sport: Text.max(60),
  /** Canonical discipline key, e.g. "1500m", "marathon", "110m hurdles". */
  discipline: Text.max(60),
  sex: z.enum(['men', 'women', 'mixed']),
  round: z.enum(ROUNDS),
  /** The heat or race name where a round has several ("Heat 2", "Race B"). */
  roundName: Text.max(60).nullable().optional(),
  /** Set on a discipline held inside a decathlon or heptathlon: it is no final of its own. */
  partOf: z.enum(['decathlon', 'heptathlon']).optional(),
  /** The race's wind reading, for sprints and hurdles. */
  wind: Wind.nullable().optional(),
  competition: Text.max(120),
  /** e.g. "Paris 2024". */
  edition: Text.max(120),
  venue: Text.max(120),
  city: Text.max(80),
  country: Ioc.nullable(),
  date: IsoDate,
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone like "Europe/Paris"'),
  results: z.array(ResultSchema).default([]),
  facts: z.array(FactSchema).default([]),
  sources: z.array(Id).min(1, 'at least one source id'),
  draft: z.boolean().optional(),
});

/** Where a quote was said. */
export const QUOTE_CHANNELS = ['interview', 'social media', 'press conference', 'statement'] as const;

/** A person's own words, exactly as reported, with the occasion and the source. */
export const QuoteSchema = z.strictObject({
  id: Id,
  speaker: Id,
  text: Text.max(2000),
  /** e.g. "after the final". */
  occasion: z.string().min(1).nullable(),
  channel: z.enum(QUOTE_CHANNELS).nullable(),
  event: Id.nullable(),
  source: Id,
  /** Paragraph of the source the quote starts in (1-based), for checking. */
  paragraph: z.int().min(1).nullable().optional(),
  draft: z.boolean().optional(),
});

/** A placing the report gives for an event the knowledge base already holds (checked at publish). */
export const ReviewResultSchema = z.strictObject({
  place: z.int().min(1).max(1000),
  /** The name as the report writes it. */
  name: Text.max(120),
  /** The known (or proposed) athlete id; null when nobody could be linked. */
  athlete: Id.nullable(),
  country: Ioc.nullable(),
  mark: ResultSchema.shape.mark,
  records: z.array(z.enum(RECORD_CODES)).default([]),
  /** The known event it belongs to; null when the draft's own event (or none) holds it. */
  event: Id.nullable(),
});

/** What a reviewer needs beside the facts: removed by `podium publish`, never served. */
export const ReviewSchema = z.strictObject({
  /** The article file the draft came from. */
  article: z.string().max(1000).nullable(),
  /** How each quote was attributed: confidence and the paragraph it came from, by quote id. */
  quotes: z
    .array(
      z.strictObject({
        id: Id,
        confidence: z.number().min(0).max(1),
        paragraph: z.string().max(4000),
      }),
    )
    .default([]),
  /** Placings for known events: added at publish when new, a conflict when they differ. */
  results: z.array(ReviewResultSchema).default([]),
  /** Known athletes and events the draft links to, in words. */
  linked: z.array(z.string().max(500)).default([]),
  /** What was left out of the draft, and why. */
  leftOut: z.array(z.string().max(2000)).default([]),
});

/** One data file: any mix of the four collections. Every *.json under data/ (but schema/) is one. */
export const BundleSchema = z.strictObject({
  $schema: z.string().optional(),
  /** A bundle written by `podium ingest --into`, awaiting review. */
  draft: z.boolean().optional(),
  /** The review notes of a draft (see ReviewSchema). */
  review: ReviewSchema.optional(),
  sources: z.array(SourceSchema).optional(),
  athletes: z.array(AthleteSchema).optional(),
  events: z.array(EventSchema).optional(),
  quotes: z.array(QuoteSchema).optional(),
});

export type Source = z.infer<typeof SourceSchema>;
export type Athlete = z.infer<typeof AthleteSchema>;
export type Result = z.infer<typeof ResultSchema>;
export type Fact = z.infer<typeof FactSchema>;
export type SportEvent = z.infer<typeof EventSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Bundle = z.infer<typeof BundleSchema>;
export type Review = z.infer<typeof ReviewSchema>;
export type ReviewResult = z.infer<typeof ReviewResultSchema>;
export type BundleInput = z.input<typeof BundleSchema>;
export type Team = z.infer<typeof TeamSchema>;
export type Part = z.infer<typeof PartSchema>;
