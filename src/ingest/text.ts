/** Small text helpers for the ingest rules: whitespace, sentences, clauses, slugs. */

/** A half-open range [start, end) in one paragraph's text. */
export interface Segment {
  start: number;
  end: number;
}

/** A clause of a sentence; relative clauses ("who finished fourth") never hold the subject. */
export interface Clause extends Segment {
  relative: boolean;
}

/** Collapses runs of whitespace to one space and trims. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = new Set(
  `mr mrs ms dr st jr sr vs prof gen col lt sgt capt rev mt ft no nos approx est etc dept univ
   ore calif fla mass ariz colo conn ill ind kan ky la md mich minn miss mo mont neb nev okla pa tenn tex
   va wash wis wyo jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp`
    .split(/\s+/)
    .filter(Boolean),
);

/** Hard boundary the extractor writes where a masked quotation began. */
export const BOUNDARY = '|';

/** Sentences of a (masked) paragraph. */
export function sentenceSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  const push = (end: number) => {
    if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) out.push({ start, end });
    start = end;
  };
  const re = /\||[.!?…]+[)\]"'”’]*(?=\s|$)/gu;
  let m: RegExpExecArray | null = re.exec(text);
  while (m !== null) {
    const at = m.index;
    if (m[0] === BOUNDARY) {
      push(at);
      start = at + 1;
    } else {
      const end = at + m[0].length;
      const next = /\S/u.exec(text.slice(end));
      const nextChar = next ? next[0] : '';
      const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? '';
      const isAbbrev =
        m[0] === '.' &&
        (ABBREVIATIONS.has(before.toLowerCase().replace(/\./g, '')) ||
          /^\p{Lu}$/u.test(before) ||
          /^(?:\p{L}\.)+\p{L}$/u.test(before));
      if (!isAbbrev && (nextChar === '' || !/\p{Ll}/u.test(nextChar))) push(end);
    }
    m = re.exec(text);
  }
  push(text.length);
  return out;
}

// Each `\s+` alternative starts only where a run of spaces starts ((?<!\s)): blanked quotations
// are long runs of spaces, and a `\s+` tried at every one of their positions is quadratic.
const CLAUSE_BREAK =
  /;|(?<!\s)\s+but\s+|,\s+(?:and|while|as|although|though|whereas|before|after|when|with|only to)\s+|(?<!\s)\s+[–—-]\s+|,\s+(?=(?:who|whom|whose|which|where)\b)|(?<!\s)\s+(?=(?:who|whom|whose)\s)/giu;

const COMMON_VERBS = new Set(
  `is was were are am be been being has had have won ran run runs took take takes came come comes went go goes
   said says told tells made make makes got get gets set sets led leads fell falls beat beats broke breaks did
   does do will would can could shall should may might must kept keeps left leaves saw sees thought thinks
   felt feels knew knows gave gives put puts hit hits let lets met meets wins win leads stood sat rose flew
   grew threw drew swam spent sent built meant became began held heard lost paid read sold wore struck rode
   wrote spoke chose drove found shows brought caught fought clocked cleared finished`.split(/\s+/),
);

/** True when a clause has something that looks like a finite verb (an -ed word or a common verb). */
export function hasVerb(text: string): boolean {
  const words = text.match(/\p{Ll}[\p{Ll}'’-]*/gu) ?? [];
  return words.some((w) => COMMON_VERBS.has(w) || (w.length > 4 && w.endsWith('ed')) || /n['’]t$/u.test(w));
}

/** Clauses of one sentence, split at semicolons, "but", ", and", dashes and relative pronouns. */
export function clauseSegments(text: string, sentence: Segment): Clause[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: Clause[] = [];
  let start = 0;
  const push = (end: number) => {
    const slice = body.slice(start, end);
    if (/[\p{L}\p{N}]/u.test(slice)) {
      const relative = /^[\s,]*(?:who|whom|whose|which|where)\b/iu.test(slice);
      out.push({ start: sentence.start + start, end: sentence.start + end, relative });
    }
  };
  CLAUSE_BREAK.lastIndex = 0;
  let m: RegExpExecArray | null = CLAUSE_BREAK.exec(body);
  while (m !== null) {
    if (m[0].length === 0) {
      CLAUSE_BREAK.lastIndex++;
    } else {
      push(m.index);
      start = m.index + m[0].length;
    }
    m = CLAUSE_BREAK.exec(body);
  }
  push(body.length);
  // "Lindqvist, who had led from halfway, finished second": the relative clause ends at the comma
  // before the main verb, which belongs to the subject again.
  for (let i = 0; i < out.length; i++) {
    const c = out[i] as Clause;
    if (!c.relative) continue;
    const end =
      /,\s+(?=(?:finished|won|took|ran|clocked|came|set|was|is|crossed|claimed|broke|threw|jumped|cleared)\b)/u.exec(
        text.slice(c.start, c.end),
      );
    if (!end) continue;
    out.splice(
      i,
      1,
      { start: c.start, end: c.start + end.index, relative: true },
      {
        start: c.start + end.index + end[0].length,
        end: c.end,
        relative: false,
      },
    );
  }
  // "Rono's coach, Beatrice Chelimo, and Marchand's coach, …, embraced": a clause without a verb
  // is part of the subject of the next one.
  const merged: Clause[] = [];
  // Whether each clause as split has a verb, computed once: a merged clause has one when its last
  // part does (the parts before it had none), so a long verbless sentence stays linear.
  const verb = out.map((c) => hasVerb(text.slice(c.start, c.end)));
  for (let i = 0; i < out.length; i++) {
    const c = out[i] as Clause;
    const next = out[i + 1];
    if (next && !c.relative && !next.relative && !verb[i]) {
      out[i + 1] = { start: c.start, end: next.end, relative: false };
      continue;
    }
    merged.push(c);
  }
  return merged;
}

const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', þ: 'th', ð: 'd' };

/** Lower-case ASCII fold of a name, for comparing "Ingebrigtsen" with "ingebrigtsen". */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđþð]/g, (c) => FOLD[c] ?? c)
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Kebab-case id from any text ("Jakob Ingebrigtsen" → "jakob-ingebrigtsen"); "" when nothing is left. */
export function slugify(text: string, maxWords = 12): string {
  return foldName(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, maxWords)
    .join('-')
    .slice(0, 100)
    .replace(/-+$/g, '');
}
