/** extractDraft: article text → the §6 draft (source, event, results, quotes with speakers). */
import { analyseSpans, resolveSpeakers } from './attribution.js';
import { buildDoc, type Doc, type MaskRange } from './document.js';
import { extractEvent } from './event.js';
import { splitArticle } from './paragraphs.js';
import { People } from './people.js';
import { primaryQuoteKind, scanQuotes, splitByParagraph } from './quote-scanner.js';
import { ResultsExtractor } from './results.js';
import type { Draft, DraftQuote, ExtractOptions } from './types.js';

/** Facts the draft has no field for but turning it into data files needs (the city of the venue). */
export interface ExtractExtras {
  city: string | null;
  /** Country (IOC) of each person the report gives one for, by name: a quoted person's too. */
  countries: Record<string, string>;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
// Beyond this the extractor reads only the start: a news report is far shorter, and the cap keeps
// pathological input (megabytes of quote marks) fast.
const MAX_CHARS = 400_000;

/** Extracts the draft and the extras (city) from an article. Pure; never throws on odd text. */
export function extractArticle(
  articleText: string,
  opts: ExtractOptions = {},
): { draft: Draft; extras: ExtractExtras } {
  const text = typeof articleText === 'string' ? articleText.slice(0, MAX_CHARS) : '';
  const split = splitArticle(text);
  const { paragraphs } = split;
  const published = opts.published && ISO.test(opts.published) ? opts.published : split.dateLine;

  const texts = paragraphs.map((p) => p.text);
  const body = paragraphs.filter((p) => p.kind === 'body').map((p) => p.text);
  const kind = primaryQuoteKind(body);
  // Quotations continue only from body paragraph to body paragraph.
  const continuable = paragraphs.map((p, i) => p.kind === 'body' && paragraphs[i + 1]?.kind === 'body');
  const spans = splitByParagraph(scanQuotes(texts, kind, continuable), texts);

  // First pass: classify spans on the raw paragraphs, then blank them out for the narrative rules.
  const rawDoc = buildDoc(paragraphs, [], false);
  const infos = analyseSpans(rawDoc, spans);
  const masks: MaskRange[] = [];
  for (const info of infos) {
    const { span } = info;
    for (let p = span.startPara; p <= span.endPara; p++) {
      const len = texts[p]?.length ?? 0;
      const start = p === span.startPara ? Math.max(0, span.start) : 0;
      const end = p === span.endPara ? Math.min(len, span.end + 1) : len;
      const stop = p === span.endPara && /[.!?]["'”’]?$/u.test(info.text);
      masks.push({
        para: p,
        start,
        end,
        boundary: info.utterance && p === span.startPara,
        stop: info.utterance && stop,
      });
    }
  }
  const doc = buildDoc(paragraphs, masks);
  const people = new People(doc);

  const event = extractEvent(doc, published);
  const year = event.date ? Number(event.date.slice(0, 4)) : published ? Number(published.slice(0, 4)) : null;
  const resultsRules = new ResultsExtractor(doc, people, {
    discipline: event.discipline,
    sex: event.sex ?? protagonistSex(doc, people),
    year,
    city: event.city,
  });
  const results = resultsRules.extract();

  // The athletes' pronouns tell the sex when the text never says "men's" or "women's".
  let sex = event.sex;
  if (!sex) {
    const placed = people.persons.filter((p) => resultsRules.placeOf(p) !== null);
    const m = placed.filter((p) => p.gender === 'm').length;
    const f = placed.filter((p) => p.gender === 'f').length;
    if (m > 0 && f === 0) sex = 'men';
    else if (f > 0 && m === 0) sex = 'women';
    else sex = narrativeSex(doc.masked.filter((_, i) => doc.narrative[i]).join(' '));
  }
  if (sex === 'men' || sex === 'women') {
    for (const p of people.persons) {
      if (resultsRules.placeOf(p) !== null) people.assumeGender(p, sex === 'men' ? 'm' : 'f');
    }
  }

  const attributed = resolveSpeakers(doc, people, infos, { placeOf: (p) => resultsRules.placeOf(p) });
  const quotes: DraftQuote[] = [];
  const seen = new Set<string>();
  for (const q of attributed) {
    const key = q.info.text.toLowerCase();
    if (!q.info.text || seen.has(key)) continue;
    seen.add(key);
    quotes.push({
      speaker: q.speaker?.name ?? null,
      text: q.info.text,
      paragraph: paragraphs[q.info.span.startPara]?.number ?? 1,
      channel: q.speaker ? q.channel : q.channel,
      confidence: q.speaker ? Math.round(q.confidence * 100) / 100 : 0,
    });
  }

  const draft: Draft = {
    source: { title: split.headline, published: published ?? null },
    event: {
      discipline: event.discipline,
      sex,
      competition: event.competition,
      venue: event.venue,
      date: event.date,
    },
    results: results.map((r) => ({ ...r, country: r.country ?? null })),
    quotes,
  };
  const countries: Record<string, string> = {};
  for (const p of people.persons) if (p.country) countries[p.name] = p.country;
  return { draft, extras: { city: event.city, countries } };
}

/**
 * The sex of the race the article opens with, from its first named person whose gender the
 * text shows ("Britain's Jason Gardener … his attention"): a report leads with its main race.
 */
function protagonistSex(doc: Doc, people: People): 'men' | 'women' | null {
  let body = 0;
  for (let para = 0; para < doc.paragraphs.length && body < 2; para++) {
    const kind = doc.paragraphs[para]?.kind;
    if (kind !== 'body' && kind !== 'headline') continue;
    if (kind === 'body') body++;
    for (const m of people.mentionsIn(para)) {
      if (m.synthetic || m.possessive) continue;
      if (m.person.gender === 'm') return 'men';
      if (m.person.gender === 'f') return 'women';
    }
  }
  // Nobody's gender is known yet: the lede's own pronouns ("his attention", "She").
  const lede = doc.paragraphs
    .map((p, i) => (p.kind === 'body' ? (doc.masked[i] ?? '') : ''))
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
  const he = (lede.match(/\b(?:he|him|his|himself)\b/giu) ?? []).length;
  const she = (lede.match(/\b(?:she|her|hers|herself)\b/giu) ?? []).length;
  return he > 0 && she === 0 ? 'men' : she > 0 && he === 0 ? 'women' : narrativeSex(lede);
}

/** Men or women from the narrative's pronouns when nothing else tells (clear majority only). */
function narrativeSex(text: string): 'men' | 'women' | null {
  const he = (text.match(/\b(?:he|him|his|himself)\b/giu) ?? []).length;
  const she = (text.match(/\b(?:she|her|hers|herself)\b/giu) ?? []).length;
  if (he >= 2 && he >= 2 * she) return 'men';
  if (she >= 2 && she >= 2 * he) return 'women';
  return null;
}

/** Turns a sports report into the §6 draft: source, event, results and attributed quotes. */
export function extractDraft(articleText: string, opts: ExtractOptions = {}): Draft {
  return extractArticle(articleText, opts).draft;
}
