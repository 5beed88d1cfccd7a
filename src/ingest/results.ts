/**
 * Results: places ("took silver", "finished fourth", "third place went to"), marks (3:27.65,
 * 2:05:41, 9.79, 4.85m), records (world, Olympic, national/British, area, championship, course,
 * meet, personal and season's best) and each athlete's country, from narrative or a results line.
 */
import type { RecordCode } from '../core/reply.js';
import { countryByDemonym, countryOf } from './countries.js';
import type { Doc } from './document.js';
import { ORDINALS } from './lexicon.js';
import type { Mention, People, Person } from './people.js';
import { sentenceActors } from './results-actors.js';
import { type Claim, resolveClaims } from './results-resolve.js';
import {
  BEAT_HINT,
  BEAT_OBJECT,
  BEAT_VERB,
  DISQUALIFY,
  findMarks,
  findRecords,
  foreignQualifier,
  MEDAL,
  MOVED_TO_WIN,
  NEWLY_CROWNED,
  NO_MEDAL,
  ORD_AFTER_NAME,
  ORD_FOR_PLACE,
  ORD_PAIR,
  ORD_VERB,
  ORD_WENT_TO,
  ORDINAL_WORD,
  PODIUM,
  PREPOSITIONS,
  RELEVANT,
  type ResultsEventContext,
  raceOf,
  subjectDemonyms,
  WENT_TO,
  WIN_HINT,
  WIN_OBJECT,
  WIN_VERB,
} from './results-text.js';
import type { Clause } from './text.js';
import type { DraftResult } from './types.js';

export type { ResultsEventContext } from './results-text.js';

/** Extracts results; `placeOf` tells the attribution rules who finished where ("the winner said"). */
export class ResultsExtractor {
  private readonly places: Claim<number>[] = [];
  private readonly marks: Claim<string>[] = [];
  private readonly records = new Map<Person, Set<RecordCode>>();
  private readonly noMedal = new Set<Person>();
  /** People named in a sentence reporting a one-two. */
  private readonly oneTwo: Person[] = [];
  /** The country a one-two was credited to ("a Jamaican one-two"), for its winner too. */
  private oneTwoCountry: string | null = null;
  /** "X edged Y": Y was second if X won. */
  private readonly beaten: Array<{ winner: Person; person: Person; order: number }> = [];
  private order = 0;
  private readonly assigned = new Map<Person, number>();

  constructor(
    private readonly doc: Doc,
    private readonly people: People,
    private readonly event: ResultsEventContext,
  ) {}

  /** Runs every rule and returns the results, best-supported claims first, sorted by place. */
  extract(): DraftResult[] {
    this.resultsLines();
    // A meeting report moves from race to race: a sentence naming another race switches to it
    // until the main race is named again, and nothing said there places anyone in the main race.
    let race: 'main' | 'other' = 'main';
    this.doc.masked.forEach((text, para) => {
      if (!this.doc.narrative[para]) return;
      // A paragraph that opens on someone already placed in the main race is back in it.
      const opener = this.people.mentionsIn(para).find((m) => !m.synthetic);
      if (opener && this.places.some((c) => c.person === opener.person)) race = 'main';
      const headline = this.doc.paragraphs[para]?.kind === 'headline';
      // Clauses come sentence by sentence, in order: a cursor keeps a long paragraph linear.
      const all = this.doc.clauses[para] ?? [];
      let next = 0;
      for (const sentence of this.doc.sentences[para] ?? []) {
        const named = raceOf(this.event, text.slice(sentence.start, sentence.end));
        if (named && !headline) race = named;
        if ((headline ? named : race) === 'other') continue;
        while (next < all.length && (all[next]?.start ?? 0) < sentence.start) next++;
        const clauses = [];
        for (let j = next; j < all.length && (all[j]?.start ?? 0) < sentence.end; j++) {
          const c = all[j];
          if (c && c.end <= sentence.end) clauses.push(c);
        }
        // Only sentences with a cue need their people (pronouns resolved): the rest are skipped.
        const relevant = clauses.filter((c) => RELEVANT.test(text.slice(c.start, c.end).toLowerCase()));
        if (relevant.length === 0) continue;
        const actors = sentenceActors(this.people, para, text, sentence);
        // "He claimed victory … ahead of X" in a women's race report: a sentence led by an athlete
        // of the other sex is about the other sex's race, and so is everyone it places.
        const lead = actors.find((a) => !a.possessive);
        const other = this.otherGender();
        const word = lead ? text.slice(lead.start, lead.end).toLowerCase() : '';
        const leadGender = /^(?:he|his)$/u.test(word)
          ? 'm'
          : /^(?:she|her)$/u.test(word)
            ? 'f'
            : lead?.person.gender;
        if (named !== 'main' && other && leadGender === other) continue;
        for (const clause of relevant) this.clauseRules(text, actors, clause, headline ? 0.6 : 1);
      }
    });
    return this.resolve();
  }

  /** Place of a person in the results (after extract), or null. */
  placeOf(p: Person): number | null {
    return this.assigned.get(p) ?? null;
  }

  private claimPlace(person: Person | null, place: number, weight: number, tie = false): void {
    if (person && place >= 1) this.places.push({ person, value: place, weight, order: this.order++, tie });
  }

  private claimMark(person: Person | null, mark: string, weight: number): void {
    if (person) this.marks.push({ person, value: mark, weight, order: this.order++ });
  }

  private claimRecord(person: Person | null, code: RecordCode | null): void {
    if (!person || !code) return;
    const set = this.records.get(person) ?? new Set<RecordCode>();
    set.add(code);
    this.records.set(person, set);
  }

  /** "1. Almaz Tadesse (ETH) 14:21.07 CR, 2. Faith Chebet (KEN) 14:22.30" or "1. Kieran James 44.21;" */
  private resultsLines(): void {
    const re =
      /(?:^|[;,:]\s*|\s)(\d{1,2})[.)]?\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:van|de|der|von|da|dos|du|le|la|di|del|ter|ten|al|el|bin)\s+)*\p{Lu}[\p{L}'’.-]*){1,3})\s*(?:\(([^)]{2,30})\)\s*|,\s*(\p{Lu}{3}),?\s*)?((?:\d{1,2}:)?(?:\d{1,2}:)?\d{1,2}(?:\.\d{1,3})?m?)?((?:\s*(?:,\s*)?\b(?:WR|OR|AR|NR|CR|MR|PB|SB)\b)*)(?=\s*(?:[;,.]|$))/gu;
    this.doc.texts.forEach((text, para) => {
      if (!this.doc.narrative[para]) return;
      for (const m of text.matchAll(re)) {
        const country = m[3] ? countryOf(m[3]) : m[4] ? countryOf(m[4]) : null;
        const mark = m[5] ?? null;
        // Without a country in brackets, only a line with a mark is a results line.
        if (!country && (!mark || !/[:.]/u.test(mark))) continue;
        const name = m[2] ?? '';
        const person = this.people.resolveName(name, para, m.index ?? 0) ?? this.people.addSingle(name);
        this.claimPlace(person, Number(m[1]), 10);
        if (country) this.people.voteCountry(person, country, 5);
        if (mark) this.claimMark(person, mark, 10);
        for (const code of (m[6] ?? '').match(/WR|OR|AR|NR|CR|MR|PB|SB/gu) ?? []) {
          this.claimRecord(person, code as RecordCode);
        }
      }
    });
  }

  /** The gender of the other sex's athletes, when the main race is one sex's. */
  private otherGender(): 'm' | 'f' | null {
    return this.event.sex === 'men' ? 'f' : this.event.sex === 'women' ? 'm' : null;
  }

  /** The person acting at `pos`: the nearest mention before it that is not the object of a preposition. */
  private actorBefore(
    text: string,
    actors: Mention[],
    clause: Clause,
    pos: number,
    skipPossessiveAt = -1,
  ): Person | null {
    const before = actors.filter((a) => a.end <= pos && a.start >= clause.start - 400);
    for (let i = before.length - 1; i >= 0; i--) {
      const a = before[i] as Mention;
      if (skipPossessiveAt >= 0 && a.possessive && skipPossessiveAt - (a.end + 2) <= 2) continue;
      // "her compatriot won": the actor is the compatriot, whom the text does not name here.
      if (
        a.possessive &&
        /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+)?(?:compatriot|team-?mate|rival|coach|mother|father|sister|brother|husband|wife|partner|friend|training partner)\b/u.test(
          text.slice(a.end, pos),
        )
      )
        return null;
      // "Jefferson-Wooden stormed to her second gold": "her" only owns the object.
      if (
        a.synthetic &&
        a.possessive &&
        before.slice(0, i).some((b) => !b.possessive && b.start >= clause.start)
      )
        continue;
      const lead = text.slice(Math.max(0, a.start - 40), a.start);
      const between = text.slice(a.end, pos);
      // "X, who took silver", "X (NOR) third", "Gayle (14.80m)": the cue is about X after all.
      const relative =
        /^(?:['’]s)?\s*,\s*who\b/u.test(between) ||
        /^\s*(?:\(\w{3}\)\s*)?,?\s*$/u.test(between) ||
        /^\s*\(\s*$/u.test(between);
      if (PREPOSITIONS.test(lead) && !relative && !WENT_TO.test(lead)) continue;
      return a.person;
    }
    return null;
  }

  private actorAfter(actors: Mention[], pos: number, end: number): Person | null {
    return actors.find((a) => a.start >= pos && a.start < end)?.person ?? null;
  }

  private clauseRules(text: string, actors: Mention[], clause: Clause, scale: number): void {
    const body = text.slice(clause.start, clause.end);
    const lower = body.toLowerCase();
    // Most clauses say nothing about placings, marks or records; skip them cheaply.
    if (!RELEVANT.test(lower)) return;
    // A nationality told through a team-mate or a "first British woman" is weak evidence: only
    // for a subject whose country the text does not otherwise give.
    for (const d of subjectDemonyms(body)) {
      const person = this.actorBefore(text, actors, clause, clause.start + d.index);
      if (person && person.country === null) this.people.voteCountry(person, d.code, 1);
    }
    // ", one of Caudery's rivals for gold at next month's World Championships,": an aside about
    // someone does not move the clause to another time.
    // "to erase the previous world indoor mark of 14:39.29 set … last year": the old record's
    // story does not move the new one to last year.
    const own = body
      .replace(/,\s+(?:one of|who|whose|which|a|an|the)\b[^,]*,/gu, ',')
      .replace(/\b(?:previous|old|former)\s+(?:[\p{L}-]+\s+){0,3}(?:record|mark|best)\b.*$/u, '');
    if (DISQUALIFY.test(own)) return;
    // Another event named as such ("the women's 1500m", "the 800m final") is about a different race;
    // a bare distance ("with 50m to go") is not.
    const other = raceOf(this.event, body) === 'other';
    if (other) return;
    // "in 2021", "since 2019": about another year ("the 2023 winner" only describes someone).
    const years = [
      ...body.matchAll(/\b(?:in|since|during|until|back in|\p{Lu}\p{Ll}+)\s+((?:19|20)\d\d)\b/gu),
    ].map((m) => m[1]);
    if (years.some((y) => this.event.year !== null && Number(y) !== this.event.year)) return;
    const at = (i: number) => clause.start + i;
    const placed = new Set<Person>();

    const has = (re: RegExp) => re.test(lower);
    const ordinal = has(ORDINAL_WORD);
    for (const m of has(/gold|silver|bronze/u) ? body.matchAll(MEDAL) : []) {
      const i = m.index ?? 0;
      const rest = body.slice(i + m[0].length);
      const lead = body.slice(Math.max(0, i - 40), i);
      if (/^\s+for\s+\p{L}+ing\b/u.test(rest)) continue;
      // "Olympic silver medallist Nicola Olyslagers": a title someone holds.
      if (
        /^\s+medall?ists?\s+\p{Lu}/u.test(rest) ||
        (/^\s+medall?ists?\b/u.test(rest) && /\b(?:olympic|world|european|commonwealth)\s+$/iu.test(lead))
      )
        continue;
      if (
        /\b(?:beaten to|denied|missed(?: out on)?|chasing|chase|dreams? of|dreamed of|bid for|hopes? of|favou?rite for|going for|eyeing|targeting|without|upgraded|upgrade|no)\s+(?:(?:the|a|an|her|his)\s+)?(?:[\p{L}\d-]+\s+){0,2}$/iu.test(
          lead,
        )
      ) {
        continue;
      }
      if (foreignQualifier(this.event, body, i)) continue;
      if (/\btheir\s+(?:[\p{L}-]+\s+)?$/iu.test(lead)) continue;
      // "was never in contention for gold", "did not win a medal".
      if (/\b(?:never|not|no|n['’]t)\b[^.;]{0,40}$/iu.test(lead)) continue;
      const place = m[1]?.toLowerCase() === 'gold' ? 1 : m[1]?.toLowerCase() === 'silver' ? 2 : 3;
      const nameAfter = /^\s+(?:medall?ists?|medal\s+(?:went|goes)\s+to|(?:went|goes)\s+to)\b/iu.test(rest);
      const person = nameAfter
        ? this.actorAfter(actors, at(i), clause.end)
        : this.actorBefore(text, actors, clause, at(i));
      this.claimPlace(person, place, 2 * scale, /\b(?:shared?|sharing|tied|joint|dead heat)\b/iu.test(body));
      if (person) placed.add(person);
    }
    // "Butler and Yelling finished fourth and fifth": respectively, outweighing the nearer-name rule.
    for (const m of ordinal ? body.matchAll(ORD_PAIR) : []) {
      const pos = at(m.index ?? 0);
      const [a, b] = actors.filter((x) => x.end <= pos && x.start >= clause.start && !x.possessive).slice(-2);
      if (!a || !b || a.person === b.person || !/^\s*(?:and|&)\s*$/u.test(text.slice(a.end, b.start)))
        continue;
      this.claimPlace(a.person, ORDINALS.get((m[1] ?? '').toLowerCase()) ?? 0, 3.5 * scale);
      this.claimPlace(b.person, ORDINALS.get((m[2] ?? '').toLowerCase()) ?? 0, 3.5 * scale);
      placed.add(a.person).add(b.person);
    }
    for (const m of ordinal ? body.matchAll(ORD_VERB) : []) {
      const place = ORDINALS.get((m[1] ?? '').toLowerCase());
      if (!place) continue;
      const person = this.actorBefore(text, actors, clause, at(m.index ?? 0));
      this.claimPlace(person, place, 3 * scale);
      if (person) placed.add(person);
    }
    for (const m of ordinal ? body.matchAll(ORD_FOR_PLACE) : []) {
      const place = ORDINALS.get((m[1] ?? m[2] ?? '').toLowerCase());
      if (!place) continue;
      // "Hunt edged out X for second place": the place is the one who beat X, not X.
      const pos = at(m.index ?? 0);
      const object = actors.filter((a) => a.end <= pos && a.start >= clause.start).pop();
      const beaten =
        object && BEAT_OBJECT.test(text.slice(Math.max(clause.start, object.start - 50), object.start));
      const person = this.actorBefore(text, actors, clause, beaten ? object.start : pos);
      this.claimPlace(person, place, 2.5 * scale);
      if (person) placed.add(person);
    }
    for (const m of ordinal ? body.matchAll(ORD_WENT_TO) : []) {
      const place = ORDINALS.get((m[1] ?? '').toLowerCase());
      if (!place) continue;
      const person = this.actorAfter(actors, at(m.index ?? 0), clause.end);
      this.claimPlace(person, place, 3 * scale);
      if (person) placed.add(person);
    }
    for (const a of ordinal ? actors : []) {
      if (a.start < clause.start || a.start >= clause.end || a.synthetic) continue;
      const m = ORD_AFTER_NAME.exec(text.slice(a.end, clause.end));
      const place = m ? ORDINALS.get((m[1] ?? '').toLowerCase()) : undefined;
      if (place) {
        this.claimPlace(a.person, place, 2.5 * scale);
        placed.add(a.person);
      }
    }
    for (const m of has(WIN_HINT) ? body.matchAll(WIN_VERB) : []) {
      const i = m.index ?? 0;
      const lead = body.slice(Math.max(0, i - 30), i);
      if (
        /\b(?:never|not|n['’]t|failed to|yet to|without|hopes? to|wants? to|aims? to|bid to)\s+(?:\p{L}+\s+){0,2}$/iu.test(
          lead,
        )
      )
        continue;
      const rest = body.slice(i + m[0].length);
      const words =
        rest
          .match(/^(?:\s+[\p{L}\d'’.,-]+){1,6}/u)?.[0]
          .split(/\s+/u)
          .filter(Boolean) ?? [];
      let hit = -1;
      for (let k = 0; k < words.length; k++) {
        const w = (words[k] as string)
          .replace(/[.,'’s]+$/u, '')
          .replace(/['’]$/u, '')
          .replace(/(\d),(\d{3})/gu, '$1$2');
        if (
          WIN_OBJECT.test(w) ||
          (this.event.discipline && w.toLowerCase() === this.event.discipline.split(' ')[0])
        ) {
          hit = k;
          break;
        }
        if (/[.,;]$/u.test(words[k] as string)) break;
      }
      // "Dibaba won in 14 minutes 32.93 seconds", "won in 2:05:41": a win with its mark.
      if (
        hit < 0 &&
        /^\s+in\s+(?:a\s+(?:time|mark)\s+of\s+)?(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu.test(
          rest,
        )
      )
        hit = 0;
      if (hit < 0) continue;
      if (foreignQualifier(this.event, body, i)) continue;
      // "win superb 200m silver", "captured a fourth heptathlon medal": the medal says the place.
      if (words.slice(0, hit + 3).some((w) => /^(?:silver|bronze|medals?)\b/iu.test(w))) continue;
      const afterObject = rest.slice(rest.indexOf(words[hit] as string) + (words[hit] as string).length);
      if (/^\s+for\s+\p{L}+ing\b/u.test(afterObject)) continue;
      const person = this.actorBefore(text, actors, clause, at(i));
      this.claimPlace(person, 1, 3 * scale);
      if (person) placed.add(person);
    }
    // "motored to the AAA's Indoor 800m title", "romped to a five-second victory".
    for (const m of lower.includes('ed to') ? body.matchAll(MOVED_TO_WIN) : []) {
      const i = m.index ?? 0;
      if (foreignQualifier(this.event, body, i)) continue;
      const person = this.actorBefore(text, actors, clause, at(i));
      this.claimPlace(person, 1, 3 * scale);
      if (person) placed.add(person);
    }
    // "newly crowned world 100m champion Oblique Seville": the winner of the race reported.
    for (const m of lower.includes('crowned') ? body.matchAll(NEWLY_CROWNED) : []) {
      const person = this.actorAfter(
        actors,
        at((m.index ?? 0) + m[0].length - 1),
        at((m.index ?? 0) + m[0].length + 4),
      );
      this.claimPlace(person, 1, 3 * scale);
      if (person) placed.add(person);
    }
    // "in a Jamaican one-two": whoever the winner held off or beat in that sentence was second.
    if (/\bone-two\b/u.test(lower)) {
      const people = actors
        .filter((a) => !a.possessive && a.start >= clause.start - 200)
        .map((a) => a.person);
      this.oneTwo.push(...people);
      // "a Jamaican one-two": both athletes in it are Jamaican (weak, only where nothing else says).
      const code = countryByDemonym(/\b(\p{Lu}\p{Ll}+)\s+one-two\b/u.exec(body)?.[1] ?? '');
      if (code) this.oneTwoCountry = code;
      for (const p of code ? people : []) if (p.country === null) this.people.voteCountry(p, code, 1);
    }
    const winn = lower.includes('winn');
    for (const m of winn ? body.matchAll(/\bwinner\s+(?=\p{Lu})/gu) : []) {
      const person = this.actorAfter(actors, at((m.index ?? 0) + m[0].length), clause.end);
      this.claimPlace(person, 1, 3 * scale);
      if (person) placed.add(person);
    }
    for (const m of winn ? body.matchAll(/\bwinning\s+(?:time|mark|margin|run|jump|throw)\b/giu) : []) {
      const person = this.actorBefore(text, actors, clause, at((m.index ?? 0) + m[0].length));
      this.claimPlace(person, 1, 2 * scale);
      if (person) placed.add(person);
    }
    const podium = lower.includes('podium');
    for (const m of podium ? body.matchAll(PODIUM) : []) {
      const person = this.actorBefore(text, actors, clause, at(m.index ?? 0));
      this.claimPlace(person, 3, 2 * scale);
      if (person) placed.add(person);
    }
    for (const m of has(BEAT_HINT) ? body.matchAll(BEAT_VERB) : []) {
      const i = m.index ?? 0;
      const winner = this.actorBefore(text, actors, clause, at(i));
      const loser = this.actorAfter(actors, at(i + m[0].length), at(i + m[0].length) + 60);
      // "edged", "pipped", "outkicked" describe a close finish for second; "held off" and "beat"
      // do not say where the beaten athlete finished.
      const margin =
        /^[^.;]{0,40}?\bby\s+(?:just\s+|only\s+|a\s+)?(?:\d|one|two|three|four|five|a\s+(?:hundredth|tenth|fraction))/iu.test(
          body.slice(i + m[0].length),
        );
      const close =
        !/^(?:held|holds|holding|hold|beat|beats|beating)\b/iu.test(m[0]) || (/^beat/iu.test(m[0]) && margin);
      if (winner && loser && winner !== loser && close)
        this.beaten.push({ winner, person: loser, order: this.order++ });
    }
    for (const m of podium || lower.includes('medal') ? body.matchAll(NO_MEDAL) : []) {
      const person = this.actorBefore(text, actors, clause, at(m.index ?? 0));
      if (person) this.noMedal.add(person);
    }
    if (/\d/u.test(body)) this.markRules(text, body, clause, actors, placed, scale);
    if (has(/record|best|fastest|\bpb\b|\bsb\b|\bpr\b|\d/u)) this.recordRules(text, body, clause, actors);
  }

  private markRules(
    text: string,
    body: string,
    clause: Clause,
    actors: Mention[],
    placed: Set<Person>,
    scale: number,
  ): void {
    const attach = (index: number, mark: string) => {
      const pos = clause.start + index;
      const person = this.actorBefore(text, actors, clause, pos) ?? this.actorAfter(actors, pos, clause.end);
      const weight = (person && placed.has(person) ? 3 : 1) * scale;
      this.claimMark(person, mark, weight);
    };
    for (const m of findMarks(body, this.event.discipline)) attach(m.index, m.mark);
  }

  private recordRules(text: string, body: string, clause: Clause, actors: Mention[]): void {
    const found = findRecords(body);
    for (const f of found) {
      const pos = clause.start + f.index;
      const person =
        this.actorBefore(text, actors, clause, pos, pos) ?? this.actorAfter(actors, pos, clause.end);
      this.claimRecord(person, f.code);
      if (person && f.demonym) this.people.voteCountry(person, countryByDemonym(f.demonym), 1);
    }
  }

  private resolve(): DraftResult[] {
    const results = resolveClaims({
      places: this.places,
      marks: this.marks,
      records: this.records,
      noMedal: this.noMedal,
      oneTwo: this.oneTwo,
      beaten: this.beaten,
      sex: this.event.sex ?? null,
      assigned: this.assigned,
    });
    // The winner of "a Jamaican one-two" need not be named in that sentence.
    for (const r of results) if (r.place <= 2 && r.country === null) r.country = this.oneTwoCountry;
    return results;
  }
}
