/**
 * Who said each quotation: the references the phrase rules read (attribution-phrases.ts) resolved
 * to people — names, pronouns to the right recently named person, "the Norwegian", "the
 * 24-year-old", "her coach" to the person they describe — then interrupted quotations, pieces of a
 * quotation over several paragraphs and quote-only paragraphs inheriting their speaker. An unclear
 * speaker stays null.
 */
import { attributionRef, type SpanInfo, type SpeakerRef } from './attribution-phrases.js';
import { channelOf, narrativeChannels } from './channels.js';
import type { Doc } from './document.js';
import { couldBeName, type Gender, type People, type Person } from './people.js';
import type { QuoteChannel } from './types.js';

export {
  type Attribution,
  type AttributionRule,
  analyseSpans,
  attributionRef,
  cleanQuoteText,
  interpretPhrase,
  parseAfter,
  parseBefore,
  type SpanInfo,
  type SpeakerRef,
} from './attribution-phrases.js';
export { channelOf } from './channels.js';

/** A resolved quotation. */
export interface AttributedQuote {
  info: SpanInfo;
  speaker: Person | null;
  channel: QuoteChannel | null;
  confidence: number;
}

/** Context the resolution step needs beyond the people: who finished where. */
export interface ResolveContext {
  placeOf: (p: Person) => number | null;
}

/** Resolves every utterance's speaker and channel, in reading order. */
export function resolveSpeakers(
  doc: Doc,
  people: People,
  infos: SpanInfo[],
  ctx: ResolveContext,
): AttributedQuote[] {
  const out: AttributedQuote[] = [];
  const own = new Map<SpanInfo, AttributedQuote>();
  const utterances = infos.filter((i) => i.utterance);
  const narratives = new Map<number, (prefixLength: number) => QuoteChannel | null>();
  for (const info of utterances) {
    const a = info.attribution;
    if (!a) continue;
    const ref = attributionRef(a);
    // A lead-in that names nobody we can read leaves the quotation to the inheritance rules.
    if (!ref && a.rule !== 'after' && a.rule !== 'dash') continue;
    const resolved = ref ? resolveRef(people, ref, a.para, ctx) : { person: null, confidence: 0 };
    let channel = channelOf(a.context, a.verb);
    if (!channel && a.rule !== 'dash') {
      // The paragraph's own narrative before the quotation ("At the press conference, …").
      // Read from one pass over the paragraph: a slice per quotation was quadratic.
      const para = info.span.startPara;
      if (!narratives.has(para)) narratives.set(para, narrativeChannels(doc.masked[para] ?? ''));
      channel = narratives.get(para)?.(Math.max(0, info.span.start)) ?? null;
    }
    // Rules that infer rather than read an attribution are less sure.
    const scale = a.rule === 'topic' ? 0.75 : a.rule === 'beat' ? 0.85 : 1;
    const q: AttributedQuote = {
      info,
      speaker: resolved.person,
      channel,
      confidence: resolved.confidence * scale,
    };
    if (ref && resolved.person && (ref.type === 'pronoun' || ref.type === 'demonym' || ref.type === 'age')) {
      const at = ref.at;
      people.addSynthetic(resolved.person, a.para, at, at + 1);
      if (ref.type === 'pronoun') people.assumeGender(resolved.person, ref.gender);
    }
    own.set(info, q);
  }
  let previous: AttributedQuote | null = null;
  for (const info of utterances) {
    let q = own.get(info) ?? null;
    if (!q) {
      q = inherit(info, utterances, own, previous);
    } else if (
      q.channel === null &&
      previous &&
      previous.speaker === q.speaker &&
      q.speaker !== null &&
      info.attribution?.verb &&
      /^(?:added|adds|continued|continues|went on|goes on)$/u.test(info.attribution.verb) &&
      info.span.startPara - previous.info.span.endPara <= 1
    ) {
      q.channel = previous.channel;
    }
    if (q.speaker && q.channel === null) q.channel = 'interview';
    out.push(q);
    previous = q;
  }
  return out;
}

/** A quotation without its own attribution: interrupted (same paragraph) or continued (next paragraph). */
function inherit(
  info: SpanInfo,
  utterances: SpanInfo[],
  own: Map<SpanInfo, AttributedQuote>,
  previous: AttributedQuote | null,
): AttributedQuote {
  const idx = utterances.indexOf(info);
  // A piece of a quotation that ran over several paragraphs: the speaker named on any piece.
  if (info.span.group !== undefined) {
    const piece = utterances.find((o) => o.span.group === info.span.group && own.get(o)?.speaker);
    const q = piece ? own.get(piece) : undefined;
    if (q) return { info, speaker: q.speaker, channel: q.channel, confidence: q.confidence * 0.95 };
  }
  // Interrupted: "A," he said. "B" — the nearest attributed quotation in the same paragraph.
  for (let j = idx - 1; j >= 0; j--) {
    const o = utterances[j] as SpanInfo;
    if (o.span.endPara !== info.span.startPara) break;
    const q = own.get(o);
    if (q) return { info, speaker: q.speaker, channel: q.channel, confidence: q.confidence * 0.97 };
  }
  for (let j = idx + 1; j < utterances.length; j++) {
    const o = utterances[j] as SpanInfo;
    if (o.span.startPara !== info.span.endPara) break;
    const q = own.get(o);
    if (q) return { info, speaker: q.speaker, channel: q.channel, confidence: q.confidence * 0.95 };
  }
  // A quote-only paragraph right after a quotation continues its speaker.
  const quoteOnly = info.opensParagraph && !/[\p{L}\p{N}]/u.test(info.after);
  if (quoteOnly && previous && previous.info.span.endPara === info.span.startPara - 1) {
    return {
      info,
      speaker: previous.speaker,
      channel: previous.channel,
      confidence: previous.speaker ? previous.confidence * 0.92 : 0,
    };
  }
  return { info, speaker: null, channel: null, confidence: 0 };
}

/** Turns a speaker reference into a person, with a confidence. */
function resolveRef(
  people: People,
  ref: SpeakerRef,
  para: number,
  ctx: ResolveContext,
): { person: Person | null; confidence: number } {
  switch (ref.type) {
    case 'name': {
      let p = people.resolveName(ref.name, para, ref.at);
      if (!p) {
        const words = ref.name.split(/\s+/u);
        // A speaker the article names only here; keep the name as written.
        if (words.length <= 4 && !(words.length === 1 && couldBeName(ref.name)))
          p = people.addSingle(ref.name);
      }
      return { person: p, confidence: p ? 0.95 : 0 };
    }
    case 'pronoun': {
      const r = people.resolvePronoun(para, ref.at, ref.gender);
      return r ? { person: r.person, confidence: r.sure ? 0.9 : 0.82 } : { person: null, confidence: 0 };
    }
    case 'demonym': {
      const r = recentWhere(
        people,
        para,
        ref.at,
        (p) => p.country === ref.country && genderOk(p, ref.gender),
      );
      return { person: r, confidence: r ? 0.85 : 0 };
    }
    case 'age': {
      const matches = people.persons.filter((p) => p.age === ref.age);
      const known =
        matches.length === 1
          ? (matches[0] ?? null)
          : recentWhere(people, para, ref.at, (p) => p.age === ref.age);
      if (known) return { person: known, confidence: 0.85 };
      // "added the 26-year-old" about someone whose age the text gave only as "The 26-year-old …":
      // read it like a pronoun, skipping anyone known to have another age.
      const r = people.resolvePronoun(para, ref.at, null);
      const fits = r && (r.person.age === null || r.person.age === ref.age);
      return fits && r ? { person: r.person, confidence: 0.75 } : { person: null, confidence: 0 };
    }
    case 'role': {
      // A title like "champion" must belong to exactly one person; a coach is the most recent one.
      const holders = people.persons.filter((p) => p.roles.has(ref.role));
      const r =
        ref.role === 'champion' || ref.role === 'winner'
          ? holders.length === 1
            ? (holders[0] ?? null)
            : null
          : recentWhere(people, para, ref.at, (p) => p.roles.has(ref.role));
      return { person: r, confidence: r ? 0.8 : 0 };
    }
    case 'place': {
      const matches = people.persons.filter((p) => ctx.placeOf(p) === ref.place);
      const r = matches.length === 1 ? (matches[0] ?? null) : null;
      return { person: r, confidence: r ? 0.8 : 0 };
    }
    default:
      return { person: null, confidence: 0 };
  }
}

const genderOk = (p: Person, g: Gender | null) => g === null || p.gender === null || p.gender === g;

/** The most recently mentioned person (before para/offset, within eight paragraphs) passing the test. */
function recentWhere(
  people: People,
  para: number,
  offset: number,
  test: (p: Person) => boolean,
): Person | null {
  for (const m of people.mentionsBefore(para, offset, 8)) {
    if (test(m.person)) return m.person;
  }
  const all = people.persons.filter(test);
  return all.length === 1 ? (all[0] ?? null) : null;
}
