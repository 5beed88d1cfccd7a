/**
 * Results rules that read one clause's text: which race it names (meeting reports move between
 * races), the marks it prints and the records it says were set.
 */
import type { RecordCode } from '../core/reply.js';
import { countryByDemonym } from './countries.js';
import { findDisciplines } from './event.js';
import { CITY_TIME_ZONES, ORDINALS } from './lexicon.js';
import { spelledMarks } from './marks.js';

// Patterns for placings: "finished fourth", "for second place", "motored to the title".
export const ORD = [...ORDINALS.keys()].join('|');
export const ORD_VERB = new RegExp(
  `\\b(?:finished|finishing|finish|finishes|finisher|came|comes|coming|was|were|is|placed|placing|ended|ending|ends|took|takes|taking|crossed the line|settled for|settle for|settling for|faded to|fading to|dropped to|dropping to|slipped to|fell to|moved up to|climbed to|home)\\s+(?:in\\s+|up\\s+|home\\s+)?(?:an?\\s+(?:[\\p{L}-]+\\s+)?)?(${ORD})\\b(?!\\s*(?:time|attempt|lap|round|heat|leg|half|bend|hurdle|barrier|water jump|major|title|medal|straight|kilometre|mile|-placed|British|American|on the|in the (?:world|all-time|rankings|list))\\b)`,
  'giu',
);
export const MOVED_TO_WIN =
  /\b\p{L}+ed\s+to\s+(?:(?:the|a|an|his|her|their)\s+)?(?:[\p{L}'’\d,-]+\s+){0,4}?(?:title|victory|win|gold|crown)\b(?!\s+(?:bid|hopes?|chances?|defence|defense))/giu;
export const NEWLY_CROWNED =
  /\b(?:newly[- ]crowned|new)\s+(?:(?:world|olympic|european|commonwealth|national|british|american|indoor)\s+)?(?:[\p{L}\d-]+\s+){0,2}?champion\s+(?=\p{Lu})/giu;
// "for fifth place", and "ran 19.78 for fifth." with the noun left out at the clause's end.
export const ORD_FOR_PLACE = new RegExp(
  `\\b(?:(?:for|in|into|to)\\s+(${ORD})\\s+(?:place|spot)\\b|for\\s+(${ORD})(?=\\s*(?:[.;!]|$)))`,
  'giu',
);
export const ORD_WENT_TO = new RegExp(
  `\\b(${ORD})(?:\\s+place|\\s+spot)?\\s+(?:went|goes|fell)\\s+to\\b`,
  'giu',
);
// "X, fourth in 3:30.10", and "with Y fourth." closing a clause.
export const ORD_AFTER_NAME = new RegExp(
  `^(?:['’]s)?(?:\\s*\\(\\p{Lu}{3}\\))?(?:\\s+(?:of|from)\\s+(?:the\\s+)?\\p{Lu}\\p{L}*(?:\\s+\\p{Lu}\\p{L}*){0,2})?,?\\s+(${ORD})(?:\\s+(?:in|with|at|on)\\b|(?=\\s*(?:[.;!]|$)))`,
  'iu',
);
export const DISQUALIFY =
  /\b(?:previously|last (?:year|season|time|month|week|summer|winter)|earlier (?:this|in)|career|trials?|heats?|semi-?finals?|qualif\w*|halfway|at the (?:bell|break)|at \d+\s?(?:km|k|kilometres|kilometers|miles|metres|meters|m)\b|ago|next (?:year|season|week|month|time)|will|would|might|tomorrow|world level|in training|in practice)\b/iu;
export const WIN_VERB =
  /\b(won|wins|win|winning|takes|took|taking|claimed|claims|claim|topped|tops|clinched|clinches|captured|captures|retained|retains|defended|storms to|stormed to|storming to|ran away with|sealed|seals|seal|secured|secures|grabbed|snatched|landed|lands|bagged)\b/giu;
export const WIN_OBJECT =
  /^(?:title|crown|gold|race|final|victory|win|trophy|standings|event|marathon|steeplechase|hurdles|vault|jump|put|throw|classic|games|championships?|prix|invitational|meeting|cup|relay|mile|\d+m|\d+km)$/iu;

/** What the results rules need to know about the event. */
export interface ResultsEventContext {
  discipline: string | null;
  /** The main race's sex when the text says it: athletes of the other sex are in another race. */
  sex?: 'men' | 'women' | 'mixed' | null;
  year: number | null;
  city: string | null;
}

/** Combined events: their mark is a points total. */
export const COMBINED = /^(?:heptathlon|decathlon|pentathlon)$/u;
const TIME_MARK =
  /(?<![\d:.])(\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,3})?)(?![\d:])(?!\s*(?:am|pm|a\.m|p\.m|GMT|BST|CET|local)\b)/giu;
const FIELD_MARK = /(?<![\d:.])(\d{1,2}\.\d{2})\s?(?:m|metres|meters)\b/giu;
const SECONDS_MARK = /(?<![\d:.])(\d{1,3}\.\d{2,3})(?!\d|\.\d)(\s*(?:s|sec|secs|seconds)\b)?/giu;
// "a championship-record time": the hyphenated form too.
const RECORD_PHRASE =
  /\b(world|olympic|games|national|area|continental|european|asian|african|oceanian|north american|south american|championships?|course|meet|meeting|stadium|personal|season['’]?s?|lifetime|\p{Lu}\p{Ll}+)(?:\s+|-)(record|best)\b/giu;
const RECORD_ABBREV = /\b(?:a|an|new)\s+(PB|SB|PR)\b/gu;
const RECORD_VALID_LEAD = /\b(?:a|an|new|own|for a|in a|with a|with an)\s+(?:new\s+)?(?:[\p{L}-]+\s+)?$/iu;
const ACHIEVE =
  /\b(?:broke|breaks|break|breaking|set|sets|setting|smash\w*|erase\w*|lower\w*|equall?\w*|improv\w*|better\w*|shatter\w*|obliterat\w*|took|taking|takes|adding|added|raised|raising|clocked|clocking)\b/iu;
const RECORD_INVALID_LEAD =
  /\b(?:than|outside|shy of|short of|missed|chasing|chase|about|previous|former|old|eyeing|target\w*|threaten\w*|near|within|under|unable to \w+|failed to \w+|could not \w+)\s+(?:\S+\s+){0,3}$/iu;

function recordCode(word: string, kind: string): RecordCode | null {
  const w = word.toLowerCase().replace(/['’]s?$/u, '');
  const k = kind.toLowerCase();
  if (k === 'best') {
    if (w === 'personal' || w === 'lifetime') return 'PB';
    if (w === 'season') return 'SB';
    return null;
  }
  if (w === 'world') return 'WR';
  if (w === 'olympic' || w === 'games') return 'OR';
  if (w === 'national') return 'NR';
  if (/^(?:area|continental|european|asian|african|oceanian|north american|south american)$/u.test(w))
    return 'AR';
  if (w === 'championship' || w === 'championships' || w === 'course') return 'CR';
  if (w === 'meet' || w === 'meeting' || w === 'stadium') return 'MR';
  if (w === 'personal') return 'PB';
  if (countryByDemonym(w)) return 'NR';
  return null;
}

/** Which race a sentence names: the main one, another one, or none. */
export function raceOf(event: ResultsEventContext, body: string): 'main' | 'other' | null {
  const main = event.discipline;
  if (!main) return null;
  const combined = COMBINED.test(main);
  const sexOf = (w: string) => (/^women$/iu.test(w) ? 'women' : /^mixed$/iu.test(w) ? 'mixed' : 'men');
  let isMain = false;
  let isOther = false;
  // The main discipline named without a sex, and whether the sentence names the other sex's race:
  // "Ryan was second in the women's high jump while Byrne took silver in the 800m" (a men's 800m
  // report) speaks of the women's meeting, so its bare "800m" is not the main race.
  let bareMain = false;
  let otherSex = false;
  for (const h of findDisciplines(body)) {
    const lead = body.slice(Math.max(0, h.index - 16), h.index);
    const sexWord = /\b(men|women|mixed)['’]s\s+(?:[TF]\d{2}\s+)?$/iu.exec(lead)?.[1];
    const sexOk = !sexWord || !event.sex || sexOf(sexWord) === event.sex;
    if (!sexOk) otherSex = true;
    // "two-time world 110m hurdles champion Colin Jackson": a person's title, not a race.
    const after = body.slice(h.index + h.length, h.index + h.length + 30);
    if (
      /^\s+(?:world\s+|olympic\s+)?(?:champion|medall?ist|record[- ]holder|specialist|star|runner|hurdler|sprinter)s?\b/iu.test(
        after,
      )
    )
      continue;
    if (h.key === main) {
      if (sexWord && sexOk) isMain = true;
      else if (sexOk) bareMain = true;
      else isOther = true;
      continue;
    }
    // The heptathlon's 800m is part of the heptathlon, but "a men's 800m final" is a race of its own.
    const tail = body.slice(h.index + h.length, h.index + h.length + 14);
    const ownRace = sexWord !== undefined || /^\s+(?:final|heats?|semi|title)/iu.test(tail);
    if (combined && !COMBINED.test(h.key) && !ownRace) continue;
    // "a fifth world title at 800m" in a T34 800m report: the main race, its class left unsaid.
    if (main.startsWith(`${h.key} `)) {
      if (sexOk) bareMain = true;
      continue;
    }
    if (h.key.startsWith(`${main} `)) continue;
    // "completed a sweep after gold in the 100m": an earlier race recalled, not this sentence's.
    if (
      /\b(?:after|following|since)\s+(?:[^\s,;]+\s+){0,4}$/iu.test(
        body.slice(Math.max(0, h.index - 40), h.index),
      )
    )
      continue;
    // "with less than 50m to go" is a distance inside the race; "won the 400m", "stepped down
    // to 200m", "the 1500m bronze" name another race.
    const race =
      sexWord !== undefined ||
      !/^\d/u.test(h.key) ||
      /\s/u.test(h.key) ||
      /^\s+(?:final|title|heats?|semi|race|event|gold|silver|bronze|medal|crown)/iu.test(tail) ||
      /\b(?:the|won|win|wins|winning|over|took|claimed|to|at|favoured|favourite|preferred|his|her)\s+$/iu.test(
        lead,
      );
    if (race) isOther = true;
  }
  if (event.sex === 'men' || event.sex === 'women') {
    for (const m of body.matchAll(
      /\b(men|women)['’]s\s+(?:race|final|event|title|showpiece|competition|contest)\b/giu,
    )) {
      if (sexOf(m[1] ?? '') === event.sex) isMain = true;
      else {
        isOther = true;
        otherSex = true;
      }
    }
  }
  if (isMain || (bareMain && !otherSex)) return 'main';
  return isOther ? 'other' : null;
}

/** A mark found in a clause: where it starts and its normalised form. */
export interface FoundMark {
  index: number;
  mark: string;
}

/** Marks in a clause, in the order the rules trust them: spelled out, field, clock times, seconds. */
export function findMarks(body: string, discipline: string | null): FoundMark[] {
  const out: FoundMark[] = [];
  // Characters already read as a mark, so a clause of thousands of marks stays linear.
  const taken = new Uint8Array(body.length);
  const overlaps = (s: number, e: number) => taken.subarray(s, e).includes(1);
  const attach = (index: number, length: number, mark: string) => {
    out.push({ index, mark });
    taken.fill(1, index, index + length);
  };
  const combined = COMBINED.test(discipline ?? '');
  for (const m of spelledMarks(body)) {
    // A combined event's mark is its points total; its times and distances are parts of it.
    if (combined !== (m.kind === 'points')) {
      taken.fill(1, m.index, m.index + m.length);
      continue;
    }
    attach(m.index, m.length, m.mark);
  }
  if (combined) return out;
  for (const m of body.matchAll(FIELD_MARK)) {
    if (!overlaps(m.index ?? 0, (m.index ?? 0) + m[0].length)) attach(m.index ?? 0, m[0].length, `${m[1]}m`);
  }
  for (const m of body.matchAll(TIME_MARK)) {
    if (!overlaps(m.index ?? 0, (m.index ?? 0) + m[0].length)) attach(m.index ?? 0, m[0].length, m[1] ?? '');
  }
  for (const m of body.matchAll(SECONDS_MARK)) {
    const i = m.index ?? 0;
    if (overlaps(i, i + m[0].length)) continue;
    const lead = body.slice(Math.max(0, i - 30), i);
    const unit = Boolean(m[2]);
    // "0.17 seconds behind", "by 0.01": a margin, never a mark.
    if (Number(m[1]) < 1) continue;
    if (
      /^\s*(?:s|sec|secs|seconds)?\s*(?:behind|ahead|clear|off|outside|slower|faster|short|adrift|down|up)\b/iu.test(
        body.slice(i + (m[1] ?? '').length),
      )
    )
      continue;
    if (/\bby\s+(?:just\s+|only\s+)?$/iu.test(lead)) continue;
    // "in 19.78", "clocked 19.78", "ran a season-best 19.78": a mark, not some other number.
    const context =
      /(?:\bin|\bclocked|\bran|\bof|\btime|\bclock at|\bwith(?: a)?|\()\s*$/iu.test(lead) ||
      /\b(?:an?|new)\s+(?:season['’]?s?|personal|lifetime|national|world|championship|area)[- ](?:best|record|lead)\s*$/iu.test(
        lead,
      );
    if (unit || context) attach(i, m[0].length, m[1] ?? '');
  }
  return out;
}

/** A record named in a clause: where, which code, and the demonym of a national record. */
export interface FoundRecord {
  index: number;
  code: RecordCode;
  demonym: string | null;
}

/** Records a clause says were set ("a new personal best", "the meeting record", "9.79 WR"). */
export function findRecords(body: string): FoundRecord[] {
  const found: FoundRecord[] = [];
  for (const m of body.matchAll(RECORD_PHRASE)) {
    const word = m[1] ?? '';
    const code = recordCode(word, m[2] ?? '');
    if (!code) continue;
    if (
      /^\p{Lu}/u.test(word) &&
      !countryByDemonym(word) &&
      !/^(?:World|Olympic|Games|National|European|Asian|African|Area|Continental|Championships?|Course|Meet|Meeting|Stadium|Personal|Season|Lifetime)/u.test(
        word,
      )
    )
      continue;
    const i = m.index ?? 0;
    const lead = body.slice(Math.max(0, i - 40), i);
    if (RECORD_INVALID_LEAD.test(body.slice(Math.max(0, i - 25), i))) continue;
    if (/^\s*holders?\b/iu.test(body.slice(i + m[0].length))) continue;
    if (!RECORD_VALID_LEAD.test(lead) && !ACHIEVE.test(body.slice(0, i))) continue;
    found.push({ index: i, code, demonym: countryByDemonym(word) ? word : null });
  }
  // A mark faster than the old personal best is a new one.
  for (const m of body.matchAll(
    /\b(?:faster|quicker|further|farther|higher|longer)\s+than\s+(?:his|her|their)\s+(?:previous\s+|old\s+)?(personal|season['’]?s?)\s+best\b/giu,
  )) {
    found.push({ index: m.index ?? 0, code: /^personal/iu.test(m[1] ?? '') ? 'PB' : 'SB', demonym: null });
  }
  // "the fastest time ever run on the course" is a course record, in other words.
  for (const m of body.matchAll(
    /\bfastest\s+(?:time|mark|run|race)?\s*ever\s+(?:run|recorded|clocked|seen|set)?\s*(?:on|at|over|in)\s+(?:the|this)\s+(course|meeting|meet|championships?|games)\b/giu,
  )) {
    const what = (m[1] ?? '').toLowerCase();
    const code: RecordCode = what === 'meeting' || what === 'meet' ? 'MR' : what === 'games' ? 'OR' : 'CR';
    found.push({ index: m.index ?? 0, code, demonym: null });
  }
  for (const m of body.matchAll(RECORD_ABBREV)) {
    const code = m[1] === 'SB' ? 'SB' : 'PB';
    found.push({ index: m.index ?? 0, code, demonym: null });
  }
  // Codes right after a mark: "3:27.65 (OR)", "9.79 WR".
  for (const m of body.matchAll(
    /(?:\d{1,2}:)?\d{1,2}\.\d{1,3}m?\s*\(?\s*((?:WR|OR|AR|NR|CR|MR|PB|SB)(?:[\s,/]+(?:WR|OR|AR|NR|CR|MR|PB|SB))*)\b/gu,
  )) {
    for (const code of (m[1] ?? '').match(/WR|OR|AR|NR|CR|MR|PB|SB/gu) ?? []) {
      found.push({ index: m.index ?? 0, code: code as RecordCode, demonym: null });
    }
  }
  return found;
}

const cityNames = [...CITY_TIME_ZONES.keys()];

/** True when a cue at `index` is about another race: a past city or year right before it. */
export function foreignQualifier(event: ResultsEventContext, text: string, index: number): boolean {
  const lead = text.slice(Math.max(0, index - 30), index);
  // "took silver at the Paris 2024 Olympic Games", "won her world title in Doha".
  const tail = text.slice(index, index + 60);
  const tailYear = /\b(?:at|in)\s+(?:the\s+)?(?:\p{Lu}\p{L}+\s+)?((?:19|20)\d\d)\b/u.exec(tail)?.[1];
  if (tailYear && event.year !== null && Number(tailYear) !== event.year) return true;
  const tailCity = /\b(?:in|at)\s+(\p{Lu}[\p{L}-]+)/u.exec(tail)?.[1];
  if (tailCity && cityNames.includes(tailCity) && event.city !== null && tailCity !== event.city) return true;
  // "upgraded Tokyo bronze to silver": the medal after "to" is this race's.
  if (/\b(?:to|into)\s+$/iu.test(lead)) return false;
  const years = lead.match(/\b(?:19|20)\d\d\b/gu) ?? [];
  if (years.some((y) => event.year !== null && Number(y) !== event.year)) return true;
  const words = lead.match(/[\p{L}-]+/gu)?.slice(-3) ?? [];
  return words.some((w) => cityNames.includes(w) && w !== event.city);
}

// Cheap pre-checks (on lower-case text) before the full patterns run.
export const ORDINAL_WORD =
  /first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|\d(?:st|nd|rd|th)\b/u;
export const WIN_HINT =
  /w[io]n|tak|took|claim|clinch|captur|retain|defend|storm|ran away|seal|secur|grab|snatch|land|bag/u;
export const BEAT_HINT = /edg|pip|held off|hold|outkick|outduel|outsprint|beat/u;
// A superset of every cue the clause rules look for; a clause without any is skipped.
export const RELEVANT =
  /\d|gold|silver|bronze|w[io]n|title|crown|victor|record|best|fastest|\bpb\b|\bsb\b|\bpr\b|podium|medal|place|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|edg|beat|pip|held off|hold|outkick|outduel|outsprint|took|tak|claim|clinch|captur|retain|defend|storm|ran away|seal|secur|grab|snatch|land|bag|complet|round/u;
export const PREPOSITIONS =
  /\b(?:from|to|by|behind|past|over|than|against|for|beside|alongside|ahead of|like|about|beat|beating|beats|edged|edging|edges|outkicked|outkicks|outsprinted|outsprints|pipped|pips|held off|holding off|holds off|defeated|defeating|denied|denying|overhauled|overhauling|passed|passing|caught|catching|trailing|stunned|stuns|upset|upsets|of)\s+(?:(?:the|a|an)\s+)?(?:[\p{L}-]+\s+){0,2}(?:\p{Lu}[\p{L}'’-]*['’]s\s+)?$/u;
// "Third place went to Japan's Haruka Nishimura": the object of "went to" is the one placed.
export const WENT_TO =
  /\b(?:went|goes|fell)\s+to\s+(?:(?:the|a|an)\s+)?(?:[\p{L}-]+\s+){0,2}(?:\p{Lu}[\p{L}'’-]*['’]s\s+)?$/u;
export const MEDAL = /\b(gold|silver|bronze)\b/giu;
export const PODIUM = /\b(?:complet\w*|round\w*\s+(?:out|off))\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}podium\b/giu;
export const BEAT_VERB =
  /\b(?:edged|edges|edging|pipped|pips|pipping|held off|holds off|holding off|hold off|outkicked|outkicks|outkicking|outdueled|outduelled|outduels|outsprinted|outsprints|beat|beats|beating)\b/giu;
export const NO_MEDAL =
  /\b(?:did(?:n['’]t| not) (?:even )?medal|failed to medal|missed (?:out on )?(?:the |a )?(?:podium|medals?)|off the podium|out of the medals)\b/giu;

/**
 * Nationalities a clause gives its subject by way of someone else: "ahead of British team-mate X"
 * (the subject is X's team-mate, so British too), "became the first Jamaican man to …".
 */
export function subjectDemonyms(body: string): Array<{ index: number; code: string }> {
  const out: Array<{ index: number; code: string }> = [];
  if (!/team-?mate|compatriot|first|only/iu.test(body)) return out;
  for (const m of body.matchAll(
    /\b(?:(\p{Lu}\p{Ll}+)\s+(?:team-?mates?|compatriots?)\s+(?=\p{Lu})|(?:became|becoming|becomes|become|is|was)\s+(?:the\s+)?(?:first|only)\s+(\p{Lu}\p{Ll}+)\s+(?:man|woman|men|women|athlete|sprinter|runner|jumper|thrower|hurdler|vaulter)\b)/gu,
  )) {
    const code = countryByDemonym(m[1] ?? m[2] ?? '');
    if (code) out.push({ index: m.index ?? 0, code });
  }
  return out;
}

/** Text ending in a close-finish verb and its object's description ("edged out Jamaican great "). */
export const BEAT_OBJECT =
  /\b(?:edged|edges|edging|pipped|pips|pipping|nipped|outleaned|outdipped|outkicked|outsprinted)\s+(?:out\s+)?(?:[\p{L}-]+\s+){0,3}$/iu;

/** "finished fourth and fifth": two places given to two subjects, in order. */
export const ORD_PAIR = new RegExp(
  `\\b(?:finished|came|were|placed|ended|crossed the line)\\s+(?:in\\s+)?(${ORD})\\s+and\\s+(${ORD})\\b`,
  'giu',
);
