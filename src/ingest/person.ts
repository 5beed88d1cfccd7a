/** A person named in an article, and where: the types the people rules share. */

/** Gender as the text shows it. */
export type Gender = 'm' | 'f';

/** A person named in the article. */
export interface Person {
  /** Full name as first written ("Cole Hocker"); a surname alone when that is all there is. */
  name: string;
  /** Folded name tokens. */
  keys: string[];
  country: string | null;
  gender: Gender | null;
  age: number | null;
  roles: Set<string>;
  /** Country evidence by code (weights), resolved into `country`. */
  countryVotes: Map<string, number>;
  genderVotes: { m: number; f: number };
}

/** A place in the narrative where a person is named (or, synthetic, was just resolved as a speaker). */
export interface Mention {
  para: number;
  start: number;
  end: number;
  person: Person;
  /** "Kerr's" — the person owns something rather than acts. */
  possessive: boolean;
  synthetic: boolean;
}
