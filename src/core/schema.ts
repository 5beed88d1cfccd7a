import { z } from 'zod';
import { RECORD_CODES } from './reply.js';

/** True for an IANA time-zone name this runtime knows. */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id like "cole-hocker"')
  .max(120);
const IsoDate = z.iso.date('a date as YYYY-MM-DD');
const Ioc = z.string().regex(/^[A-Z]{3}$/, 'a three-letter IOC country code like "USA"');
const Text = z.string().trim().min(1, 'non-empty text');

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
  draft: z.boolean().optional(),
});

/** One placing in an event. */
export const ResultSchema = z.strictObject({
  place: z.int().min(1).max(1000),
  athlete: Id,
  country: Ioc,
  mark: z
    .string()
    .regex(
      /^(\d{1,2}:)?(\d{1,2}:)?\d{1,2}(\.\d{1,3})?$|^\d+(\.\d{1,3})?m?$/,
      'a mark like "3:27.65" or "9.79"',
    )
    .nullable(),
  records: z.array(z.enum(RECORD_CODES)).default([]),
  sources: z.array(Id).min(1, 'at least one source id'),
});

/** A context fact a fan would enjoy, in Podium's own words, with its sources. */
export const FactSchema = z.strictObject({
  text: Text.max(500),
  sources: z.array(Id).min(1, 'at least one source id'),
});

/** A competition event (one race or round). */
export const EventSchema = z.strictObject({
  id: Id,
  sport: Text.max(60),
  /** Canonical discipline key, e.g. "1500m", "marathon", "110m hurdles". */
  discipline: Text.max(60),
  sex: z.enum(['men', 'women', 'mixed']),
  round: z.enum(['final', 'semi-final', 'heat', 'qualification', 'repechage']),
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
