/**
 * Who acts in a sentence for the results rules: people named there, descriptors standing for them
 * ("the 26-year-old", "the Kenyan") and pronouns, each resolved to a person.
 */
import { countryByDemonym } from './countries.js';
import type { Mention, People, Person } from './people.js';
import type { Segment } from './text.js';

/** Named and pronoun mentions in a sentence, pronouns resolved to people. */
export function sentenceActors(people: People, para: number, text: string, sentence: Segment): Mention[] {
  const named = people
    .mentionsIn(para)
    .filter((m) => !m.synthetic && m.start >= sentence.start && m.start < sentence.end);
  const out = [
    ...named,
    ...people.descriptors.filter(
      (m) => m.para === para && m.start >= sentence.start && m.start < sentence.end,
    ),
  ];
  const body = text.slice(sentence.start, sentence.end);
  // "The 26-year-old edged …", "the Kenyan took silver": descriptors standing for a person.
  for (const m of body.matchAll(/\b[Tt]he\s+(?:(\d{1,2})-year-old|(\p{Lu}\p{Ll}+))\b/gu)) {
    const at = sentence.start + (m.index ?? 0);
    let person: Person | null = null;
    if (m[1]) {
      const age = Number(m[1]);
      const r = people.resolvePronoun(para, at, null);
      if (r && (r.person.age === null || r.person.age === age)) person = r.person;
    } else if (m[2]) {
      const code = countryByDemonym(m[2]);
      if (code) {
        for (const x of people.mentionsBefore(para, at)) {
          if (x.person.country === code) {
            person = x.person;
            break;
          }
        }
      }
    }
    if (person)
      out.push({ para, start: at, end: at + m[0].length, person, possessive: false, synthetic: true });
  }
  for (const m of body.matchAll(/\b(he|she|his|her)\b/giu)) {
    const at = sentence.start + (m.index ?? 0);
    const word = (m[1] ?? '').toLowerCase();
    const gender = word === 'he' || word === 'his' ? 'm' : 'f';
    const r = people.resolvePronoun(para, at, gender);
    if (r)
      out.push({
        para,
        start: at,
        end: at + word.length,
        person: r.person,
        possessive: word === 'his' || word === 'her',
        synthetic: true,
      });
  }
  return out.sort((a, b) => a.start - b.start);
}
