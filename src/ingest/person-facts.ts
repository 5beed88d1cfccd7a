/**
 * Facts about people read around their mentions: country ("of Norway", "(NOR)"), age ("Kerr, 27,"),
 * roles ("her coach"), and gender from the pronouns of one-person sentences.
 */
import { countryByDemonym, countryByName, countryOf } from './countries.js';
import type { Doc } from './document.js';
import { ROLE_NOUNS } from './lexicon.js';
import type { Mention, Person } from './person.js';

/** Records country evidence for a person. */
export type Vote = (p: Person, code: string | null, weight: number) => void;

/** Country, age and role facts written right around a mention; country evidence goes to `vote`. */
export function mentionFacts(m: Mention, text: string, vote: Vote): void {
  const after = text.slice(m.end + (m.possessive ? 2 : 0), m.end + 80);
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  const p = m.person;
  const of =
    /^\s*,?\s+(?:of|from)\s+((?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}'’.-]*){0,3})/u.exec(
      after,
    );
  if (of?.[1]) {
    const words = of[1].replace(/^the\s+/u, '').split(/\s+/);
    for (let n = words.length; n > 0; n--) {
      const code = countryByName(words.slice(0, n).join(' '));
      if (code) {
        vote(p, code, 3);
        break;
      }
    }
  }
  const paren = after.trimStart().startsWith('(') ? /^\s*\(([^)]{2,40})\)/u.exec(after) : null;
  if (paren?.[1]) vote(p, countryOf(paren[1]), 4);
  const comma = after.trimStart().startsWith(',');
  const age = comma ? /^\s*,\s*(\d{2}),/u.exec(after) : null;
  if (age?.[1]) p.age = Number(age[1]);
  // "Britain's Kathy Butler and Hayley Yelling": the country's possessive covers both names.
  const shared =
    /\b(\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)['’]s\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+and\s+$/u.exec(
      before,
    );
  if (shared?.[1]) vote(p, countryByName(shared[1]), 2);
  const roleBefore = /\b([\p{L}-]+)\s*,?\s*$/u.exec(before);
  if (roleBefore?.[1] && ROLE_NOUNS.has(roleBefore[1].toLowerCase()))
    p.roles.add(roleBefore[1].toLowerCase());
  const roleAfter = !comma
    ? null
    : /^,\s+(?:(?:his|her|their|the|a|an)\s+)?(?:[\p{L}-]+\s+){0,2}?([\p{L}-]+)\s*[,.]/u.exec(after);
  if (roleAfter?.[1] && ROLE_NOUNS.has(roleAfter[1].toLowerCase())) p.roles.add(roleAfter[1].toLowerCase());
  const demonymWas = !/\b(?:was|is)\s+$/u.test(before.slice(-6))
    ? null
    : /(\p{L}+)\s+(?:[\p{Ll}-]+\s+){0,2}(?:was|is)\s+$/u.exec(before);
  if (demonymWas?.[1]) vote(p, countryByDemonym(demonymWas[1]), 1);
  // "the Irishman Cathal Brennan" / "Dutchwoman" tell the gender too.
  const lead = /(\p{L}+)\s+$/u.exec(before)?.[1] ?? '';
  if (/(?:man)$/u.test(lead) && countryByDemonym(lead)) p.genderVotes.m += 2;
  if (/(?:woman)$/u.test(lead) && countryByDemonym(lead)) p.genderVotes.f += 2;
}

/** Gender from sentences naming one person followed by "he" or "she" (or "his"/"her"). */
export function inferGenders(doc: Doc, mentionsIn: (para: number) => readonly Mention[]): void {
  doc.masked.forEach((text, para) => {
    if (!doc.narrative[para]) return;
    const sentences = doc.sentences[para] ?? [];
    let carry: Person | null = null;
    // Mentions and sentences are both in order: a cursor keeps a long paragraph linear.
    const all = mentionsIn(para);
    let next = 0;
    for (const s of sentences) {
      while (next < all.length && (all[next] as Mention).start < s.start) next++;
      const inSentence: Mention[] = [];
      for (let j = next; j < all.length && (all[j] as Mention).start < s.end; j++) {
        const m = all[j] as Mention;
        if (m.end <= s.end) inSentence.push(m);
      }
      const distinct = [...new Set(inSentence.map((m) => m.person))];
      const body = text.slice(s.start, s.end);
      const he = (body.match(/\b(?:he|himself)\b/giu) ?? []).length;
      const she = (body.match(/\b(?:she|herself)\b/giu) ?? []).length;
      if (distinct.length === 1 && inSentence[0]) {
        const firstAt = inSentence[0].start - s.start;
        const after = body.slice(firstAt);
        // "Femke Bol lived up to her favourite tag": with one person named, "his"/"her" is theirs.
        const heAfter = /\b(?:he|himself|his)\b/iu.test(after);
        const sheAfter = /\b(?:she|herself|her)\b/iu.test(after);
        const p = distinct[0] as Person;
        if (heAfter && !sheAfter) p.genderVotes.m += 1;
        if (sheAfter && !heAfter) p.genderVotes.f += 1;
        carry = p;
      } else if (distinct.length === 0 && carry) {
        if (/^\s*\|?\s*He\b/u.test(body) && she === 0) carry.genderVotes.m += 1;
        if (/^\s*\|?\s*She\b/u.test(body) && he === 0) carry.genderVotes.f += 1;
        carry = null;
      } else {
        carry = null;
      }
    }
  });
}
