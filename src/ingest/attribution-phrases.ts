/**
 * The words around a quotation that name its speaker: adjacent attribution ("…," Kerr said /
 * "…," said Ingebrigtsen, who … / Kerr insisted: "…" / "…" — Name / two-time world champion Colin
 * Jackson told BBC Sport), a lead-in ending the paragraph before, a gesture sentence right before
 * ("He grinned. "…""), and whether a quoted span is an utterance at all (scare quotes, titles and
 * nicknames are not). Speaker phrases are read into references; attribution.ts resolves them.
 */
import { countryByDemonym } from './countries.js';
import type { Doc } from './document.js';
import {
  ATTRIBUTION_ADVERBS,
  BEAT_VERBS,
  LEAD_IN_NOUNS,
  POSSESSIVE_GENDER,
  PRONOUN_GENDER,
  ROLE_NOUNS,
  SPEECH_PHRASES,
  SPEECH_VERBS,
} from './lexicon.js';
import { capitalisedRuns, classifyRun, couldBeName, type Gender, tokenize } from './people.js';
import { type QuoteSpan, spanText } from './quote-scanner.js';
import { hasVerb } from './text.js';

/** Where an attribution was found. */
export type AttributionRule = 'after' | 'before' | 'dash' | 'lead-in' | 'beat' | 'topic';

/** Text that names the speaker of a quotation. */
export interface Attribution {
  rule: AttributionRule;
  para: number;
  /** The words naming the speaker ("Kerr", "he", "the Norwegian") and where they start. */
  phrase: string;
  phraseStart: number;
  verb: string | null;
  /** The attribution's sentence, for channel cues ("on social media", "at a press conference"). */
  context: string;
}

/** A quoted span with what the rules learned about it. */
export interface SpanInfo {
  span: QuoteSpan;
  text: string;
  before: string;
  beforeStart: number;
  after: string;
  afterStart: number;
  opensParagraph: boolean;
  attribution: Attribution | null;
  utterance: boolean;
}

/** What a speaker phrase refers to. */
export type SpeakerRef =
  | { type: 'name'; name: string; at: number }
  | { type: 'pronoun'; gender: Gender; at: number }
  | { type: 'demonym'; country: string; gender: Gender | null; at: number }
  | { type: 'age'; age: number; at: number }
  | { type: 'role'; role: string; at: number }
  | { type: 'place'; place: number; at: number }
  | { type: 'unknown' };

const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its']);
const PARTICIPLE_START =
  /^\s*(?:who|whom|whose|which|where|standing|speaking|writing|asked|having|after|before|in|at|on|during|with|while|when|still|visibly|clearly|\d)/iu;
const PLACE_WORDS: ReadonlyArray<[RegExp, number]> = [
  [/\b(?:winner|victor|champion|gold medall?ist)\b/iu, 1],
  [/\b(?:runner-up|silver medall?ist)\b/iu, 2],
  [/\bbronze medall?ist\b/iu, 3],
];

const lower = (w: string) => w.toLowerCase();
const isSpeechVerb = (w: string) => SPEECH_VERBS.has(lower(w));

/** Finds the speech verb among words (index and length in words), also "went on", "pointed out". */
function findVerb(words: string[], from = 0, to = words.length): { index: number; length: number } | null {
  for (let i = from; i < Math.min(to, words.length); i++) {
    const w = lower(words[i] ?? '');
    const two = `${w} ${lower(words[i + 1] ?? '')}`;
    if (SPEECH_PHRASES.includes(two)) return { index: i, length: 2 };
    if (SPEECH_VERBS.has(w)) return { index: i, length: 1 };
  }
  return null;
}

/** True when the words could name a speaker ("Kerr", "an emotional Kerr", "the Norwegian", "Brooks, 25,"). */
function looksLikeSpeakerPhrase(phrase: string): boolean {
  const words = phrase.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? [];
  if (words.length === 0 || words.length > 7) return false;
  let sawDeterminer = false;
  let loose = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const lw = lower(w);
    if (/^\p{Lu}/u.test(w)) continue;
    if (PRONOUN_GENDER.has(lw) || ATTRIBUTION_ADVERBS.has(lw) || ROLE_NOUNS.has(lw)) continue;
    if (/^\d+$/u.test(w) || /-year-old$/u.test(lw) || countryByDemonym(lw)) continue;
    if (DETERMINERS.has(lw)) {
      sawDeterminer = true;
      continue;
    }
    if (lw === 'and' || lw === 'himself' || lw === 'herself') continue;
    if (sawDeterminer && loose < 2) {
      loose++;
      continue;
    }
    return false;
  }
  return true;
}

/** A person's name closing a descriptor ("Olympic long jump champion Greg Rutherford"), or null. */
function trailingName(phrase: string): { text: string; start: number } | null {
  const words = phrase.trim().split(/\s+/u);
  if (words.length > 12 || hasVerb(phrase)) return null;
  const runs = capitalisedRuns(phrase);
  const last = runs[runs.length - 1];
  if (!last) return null;
  const info = classifyRun(last);
  const end = last[last.length - 1];
  const first = info.tokens[0];
  if (info.kind !== 'person' || !end || !first || info.possessive) return null;
  if (/\S/u.test(phrase.slice(end.end))) return null;
  return { text: phrase.slice(first.start, end.end), start: first.start };
}

/** Reads a speaker phrase into a reference. Null when it names nobody. */
export function interpretPhrase(phrase: string, at: number): SpeakerRef | null {
  const tokens = tokenize(phrase);
  if (tokens.length === 0) return null;
  for (const t of tokens) {
    const g = PRONOUN_GENDER.get(lower(t.text));
    if (g === 'm' || g === 'f') return { type: 'pronoun', gender: g, at: at + t.start };
  }
  const first = tokens[0];
  if (first) {
    const pg = POSSESSIVE_GENDER.get(lower(first.text));
    const next = tokens[1];
    if (pg && next && LEAD_IN_NOUNS.has(lower(next.text).replace(/^post-race$/u, 'verdict'))) {
      return { type: 'pronoun', gender: pg, at: at + first.start };
    }
    if (pg && tokens.slice(1).some((t) => LEAD_IN_NOUNS.has(lower(t.text)))) {
      return { type: 'pronoun', gender: pg, at: at + first.start };
    }
  }
  const names: Array<{ text: string; start: number; possessive: boolean }> = [];
  for (const run of capitalisedRuns(phrase, tokens)) {
    const info = classifyRun(run);
    const alsoName = run.length === 1 && couldBeName(run[0]?.text ?? '');
    if (info.kind !== 'person' && info.kind !== 'single' && !alsoName) continue;
    const firstTok = info.tokens[0];
    if (!firstTok) continue;
    names.push({
      text: info.tokens.map((t) => t.text).join(' '),
      start: firstTok.start,
      possessive: info.possessive,
    });
  }
  const owned = names.filter((n) => !n.possessive);
  if (owned.length > 1) {
    // "Smith and Jones said": more than one speaker, none of them alone.
    if (/\band\b|&/u.test(phrase)) return { type: 'unknown' };
  }
  // "Four-time global heptathlon champion Jessica Ennis-Hill": a full name beats a capitalised word.
  const named = owned.find((n) => n.text.includes(' ')) ?? owned[0];
  if (named) return { type: 'name', name: named.text, at: at + named.start };
  for (const t of tokens) {
    const lw = lower(t.text);
    const code = countryByDemonym(lw);
    if (code && /^\p{Lu}/u.test(t.text)) {
      const gender: Gender | null = /man$/u.test(lw) ? 'm' : /woman$/u.test(lw) ? 'f' : null;
      return { type: 'demonym', country: code, gender, at: at + t.start };
    }
  }
  const age = /\b(\d{1,2})-year-old\b/u.exec(phrase);
  if (age?.[1]) return { type: 'age', age: Number(age[1]), at: at + age.index };
  // "the Olympic champion", "the defending champion", "the 2023 winner": a title someone holds,
  // not this race's result.
  const title =
    /\b(?:olympic|world|european|commonwealth|national|defending|reigning|former|\d{4})\s+(champion|winner)\b/iu.exec(
      phrase,
    );
  if (title?.[1]) return { type: 'role', role: title[1].toLowerCase(), at: at + title.index };
  for (const [re, place] of PLACE_WORDS) {
    const m = re.exec(phrase);
    if (m) return { type: 'place', place, at: at + m.index };
  }
  for (const t of tokens) {
    if (ROLE_NOUNS.has(lower(t.text))) return { type: 'role', role: lower(t.text), at: at + t.start };
  }
  for (const t of tokens) {
    const g = PRONOUN_GENDER.get(lower(t.text));
    if (g === 'x') return { type: 'unknown' };
  }
  if (
    tokens.some((t) =>
      /^(?:crowd|fans|spectators|supporters|someone|somebody|voice|cry|shout)$/iu.test(t.text),
    )
  ) {
    return { type: 'unknown' };
  }
  return null;
}

/** Splits text before a verb at commas and returns the segment holding the subject. */
function subjectSegment(pre: string, preStart: number): SpeakerRef | null {
  const parts: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (let i = 0; i <= pre.length; i++) {
    if (i === pre.length || pre[i] === ',') {
      parts.push({ text: pre.slice(start, i), start });
      start = i + 1;
    }
  }
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i] as { text: string; start: number };
    if (!/[\p{L}]/u.test(part.text)) continue;
    if (PARTICIPLE_START.test(part.text) && !/\b(?:he|she)\b/iu.test(part.text)) continue;
    const ref = interpretPhrase(part.text, preStart + part.start);
    if (ref) return ref;
  }
  return null;
}

/** Attribution right after a closing mark: `," Kerr said`, `," said Ingebrigtsen, who`, `" — Name`. */
export function parseAfter(text: string, offset: number, para: number): Attribution | null {
  const lead = /^[\s,;]*(?:([—–-])\s*)?/u.exec(text);
  const skip = lead?.[0].length ?? 0;
  const dash = Boolean(lead?.[1]);
  const rest = text.slice(skip);
  if (!rest || /^[.!?]/u.test(rest)) return null;
  const stop = /[.!?:;|](?=\s|$)/u.exec(rest);
  const window = stop ? rest.slice(0, stop.index) : rest;
  const context = window;
  const tokens = tokenize(window);
  const words = tokens.map((t) => t.text);
  const verb = findVerb(words, 0, 8);
  if (verb && verb.index === 0) {
    // "said Ingebrigtsen, who …" / "added Kerr" / "said the Norwegian"
    const afterVerb = tokens[verb.length - 1] as { end: number };
    const tail = window.slice(afterVerb.end);
    const cut =
      /,|\s(?:who|on|in|after|at|as|before|when|while|from|during|via|with|about|to|following|and|minutes|hours|moments|later|afterwards)\b/u.exec(
        tail,
      );
    const phrase = cut ? tail.slice(0, cut.index) : tail;
    if (!phrase.trim() || !looksLikeSpeakerPhrase(phrase)) return null;
    if (!/^\s*(?:\p{Lu}|the\b|a\b|an\b|his\b|her\b|their\b)/u.test(phrase)) return null;
    return {
      rule: 'after',
      para,
      phrase,
      phraseStart: offset + skip + afterVerb.end,
      verb: lower(words[0] ?? ''),
      context,
    };
  }
  if (verb) {
    const verbTok = tokens[verb.index] as { start: number };
    let phrase = window.slice(0, verbTok.start);
    let phraseAt = offset + skip;
    if (!looksLikeSpeakerPhrase(phrase)) {
      // "two-time world 110m hurdles champion Colin Jackson told BBC Sport": a title, then the name.
      const name = trailingName(phrase);
      if (!name) return null;
      phraseAt += name.start;
      phrase = name.text;
    }
    // A lowercase first word that is not a pronoun or determiner is narrative, not attribution.
    const firstWord = /[\p{L}]+/u.exec(phrase)?.[0] ?? '';
    if (/^\p{Ll}/u.test(firstWord) && !PRONOUN_GENDER.has(firstWord) && !DETERMINERS.has(firstWord))
      return null;
    return {
      rule: 'after',
      para,
      phrase,
      phraseStart: phraseAt,
      verb: words
        .slice(verb.index, verb.index + verb.length)
        .join(' ')
        .toLowerCase(),
      context,
    };
  }
  if (dash && /^\p{Lu}/u.test(rest)) {
    const cut = /[,(]|\s(?:on|in|speaking|to|after|via)\b/u.exec(window);
    const phrase = cut ? window.slice(0, cut.index) : window;
    if (!looksLikeSpeakerPhrase(phrase)) return null;
    return { rule: 'dash', para, phrase, phraseStart: offset + skip, verb: null, context: rest };
  }
  return null;
}

/** A lead-in right before an opening mark: `Kerr said: "`, `He added, "`, `she was candid: "`, `– '`. */
export function parseBefore(
  text: string,
  offset: number,
  para: number,
  rule: AttributionRule = 'before',
): Attribution | null {
  const end = /[:,—–-]\s*$/u.exec(text);
  if (!end) return null;
  const body = text.slice(0, end.index);
  const colon = end[0].trim() !== ',';
  const boundary = Math.max(body.search(/[^.!?|]*$/u), 0);
  const sentence = body.slice(boundary);
  const sentenceStart = offset + boundary;
  const tokens = tokenize(sentence);
  const words = tokens.map((t) => t.text);
  let verbAt = -1;
  let verbLen = 1;
  for (let i = words.length - 1; i >= Math.max(0, words.length - 13); i--) {
    const two = `${lower(words[i] ?? '')} ${lower(words[i + 1] ?? '')}`;
    if (SPEECH_PHRASES.includes(two)) {
      verbAt = i;
      verbLen = 2;
      break;
    }
    if (isSpeechVerb(words[i] ?? '')) {
      verbAt = i;
      break;
    }
  }
  if (verbAt < 0 && !colon) return null;
  const verbTok = tokens[verbAt];
  const pre = verbTok ? sentence.slice(0, verbTok.start) : sentence;
  return {
    rule,
    para,
    phrase: pre,
    phraseStart: sentenceStart,
    verb: verbTok
      ? words
          .slice(verbAt, verbAt + verbLen)
          .join(' ')
          .toLowerCase()
      : null,
    context: sentence,
  };
}

/** A gesture or speech sentence right before the quotation: `Asked about it, he grinned. "…"`. */
function parseBeat(text: string, offset: number, para: number): Attribution | null {
  if (!/[.!?]\s*$/u.test(text)) return null;
  const body = text.replace(/[.!?]\s*$/u, '');
  const boundary = Math.max(body.search(/[^.!?|]*$/u), 0);
  const sentence = body.slice(boundary);
  const tokens = tokenize(sentence);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as { text: string; start: number };
    if (BEAT_VERBS.has(lower(t.text))) {
      return {
        rule: 'beat',
        para,
        phrase: sentence.slice(0, t.start),
        phraseStart: offset + boundary,
        verb: lower(t.text),
        context: sentence,
      };
    }
  }
  // "Lowe was close to tears. "I did not expect this."" — a paragraph that opens with one short
  // sentence about one named person, then that person's words.
  if (boundary === 0 && tokens.length <= 12) {
    const names = capitalisedRuns(sentence, tokens)
      .map(classifyRun)
      .filter((r) => r.kind === 'person' || r.kind === 'single');
    const first = tokens[0];
    const lead = names[0]?.tokens[0];
    if (names.length === 1 && first && lead && lead.start === first.start && !names[0]?.possessive) {
      return { rule: 'topic', para, phrase: sentence, phraseStart: offset, verb: null, context: sentence };
    }
  }
  return null;
}

/** The speaker reference an attribution makes. */
export function attributionRef(a: Attribution): SpeakerRef | null {
  if (a.rule === 'after' || a.rule === 'dash') {
    const ref = interpretPhrase(a.phrase, a.phraseStart);
    return ref;
  }
  // "Asked about her tactics, she was candid:" — the verb-led reading found nobody; read the
  // whole lead-in sentence for its subject instead.
  return (
    subjectSegment(a.phrase, a.phraseStart) ?? (a.verb ? subjectSegment(a.context, a.phraseStart) : null)
  );
}

/** Cleans a quotation's words: collapsed whitespace, no trailing comma left by the attribution. */
export function cleanQuoteText(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[\s,;]+$/u, '')
    .trim();
}

/** Gathers context around each span and decides whether it is a quotation of someone. */
export function analyseSpans(doc: Doc, spans: QuoteSpan[]): SpanInfo[] {
  const infos: SpanInfo[] = [];
  spans.forEach((span, i) => {
    const prev = spans[i - 1];
    const next = spans[i + 1];
    const startText = doc.texts[span.startPara] ?? '';
    const endText = doc.texts[span.endPara] ?? '';
    const beforeStart = prev && prev.endPara === span.startPara ? prev.end + 1 : 0;
    const before = span.start < 0 ? '' : startText.slice(beforeStart, Math.max(beforeStart, span.start));
    const afterStart = Math.min(span.end + 1, endText.length);
    const afterEnd =
      next && next.startPara === span.endPara && next.start >= afterStart ? next.start : endText.length;
    const after = endText.slice(afterStart, afterEnd);
    const opensParagraph = span.start <= 0 || !/\S/u.test(startText.slice(0, span.start));
    infos.push({
      span,
      text: cleanQuoteText(spanText(span)),
      before,
      beforeStart,
      after,
      afterStart,
      opensParagraph,
      attribution: null,
      utterance: false,
    });
  });
  infos.forEach((info, i) => {
    const { span } = info;
    const kind = doc.paragraphs[span.startPara]?.kind;
    if (kind !== 'body' || !info.text) return;
    let attribution = parseAfter(info.after, info.afterStart, span.endPara);
    // `"A." Smith said: "B"` — a lead-in to the next quotation, not an attribution of this one.
    if (attribution && /[.!?]["'”’]?$/u.test(info.text)) {
      const afterTrim = info.after.trimEnd();
      if (/:$/u.test(afterTrim) && infos[i + 1]?.span.startPara === span.endPara) attribution = null;
    }
    const lead = parseBefore(info.before, info.beforeStart, span.startPara);
    // `He wrote on Instagram: "…." His agent said …` — the colon lead-in owns a finished sentence.
    if (lead && attribution && /[:–—-]\s*$/u.test(info.before) && /[.!?]["'”’]?$/u.test(info.text))
      attribution = lead;
    if (!attribution) attribution = lead;
    if (!attribution && info.opensParagraph) {
      const prevPara = span.startPara - 1;
      const prevText = doc.texts[prevPara] ?? '';
      const prevHasQuote = infos.some((o) => o.span.endPara === prevPara && o !== info);
      if (doc.paragraphs[prevPara]?.kind === 'body' && /:\s*$/u.test(prevText) && !prevHasQuote) {
        attribution = parseBefore(prevText, 0, prevPara, 'lead-in');
      }
    }
    // A gesture sentence counts only when no earlier quotation in the paragraph owns the text before.
    if (!attribution && !info.opensParagraph && info.beforeStart === 0) {
      attribution = parseBeat(info.before, info.beforeStart, span.startPara);
    }
    info.attribution = attribution;
    info.utterance = isUtterance(info, attribution);
  });
  return infos;
}

/** A quotation of someone, rather than a scare quote, title or nickname inside a sentence. */
function isUtterance(info: SpanInfo, attribution: Attribution | null): boolean {
  if (info.span.start < 0) return attribution !== null;
  if (attribution) return true;
  const before = info.before.trimEnd();
  const embedded = before.length > 0 && !/[.!?|]["'”’)]?$/u.test(before);
  if (embedded) return false;
  // "Nobody does it better" was his single: the quotation is a noun in the sentence that follows.
  const after = info.after.trimStart();
  const words = info.text.split(/\s+/u).length;
  if (/^\p{Ll}/u.test(after) && !/[.!?,]$/u.test(info.text)) return false;
  if (words <= 3 && !/[.!?,…]$/u.test(info.text) && /^\p{L}/u.test(after)) return false;
  return true;
}
