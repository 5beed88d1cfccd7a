import { describe, expect, it } from 'vitest';
import { extractDraft } from '../../src/ingest/index.js';

/** Runs the extractor on paragraphs under a neutral headline; returns [speaker, text] pairs. */
function said(...paragraphs: string[]): Array<[string | null, string]> {
  return extractDraft(['Report', ...paragraphs].join('\n\n')).quotes.map((q) => [q.speaker, q.text]);
}
function quotes(...paragraphs: string[]) {
  return extractDraft(['Report', ...paragraphs].join('\n\n')).quotes;
}

const intro = 'Josh Kerr of Great Britain and Jakob Ingebrigtsen of Norway met in the final.';

describe('adjacent attribution', () => {
  it('reads "…," Name said', () => {
    expect(said(intro, '“I was ready,” Kerr said.')).toEqual([['Josh Kerr', 'I was ready']]);
  });

  it('reads "…," said Name, who …', () => {
    expect(said(intro, '“My plan was to win,” said Ingebrigtsen, who faded late.')).toEqual([
      ['Jakob Ingebrigtsen', 'My plan was to win'],
    ]);
  });

  it('reads the broad speech-verb list (insisted, admitted, quipped, posted, wrote, told)', () => {
    for (const verb of [
      'insisted',
      'admitted',
      'quipped',
      'posted',
      'wrote',
      'told reporters',
      'reflected',
      'conceded',
    ]) {
      const got = said(intro, `“It was close,” Kerr ${verb}.`);
      expect(got, verb).toEqual([['Josh Kerr', 'It was close']]);
    }
  });

  it('reads inverted verbs (insisted Kerr, added Kerr)', () => {
    expect(said(intro, '“I can’t walk away disappointed,” insisted Kerr.')[0]?.[0]).toBe('Josh Kerr');
  });

  it('reads colon and comma lead-ins (Name verb: "…" / He added, "…")', () => {
    expect(said(intro, 'Kerr told BBC Sport: “I will be back.”')).toEqual([['Josh Kerr', 'I will be back.']]);
    expect(said(intro, 'Ingebrigtsen spoke first. He added, “The better man won.”')).toEqual([
      ['Jakob Ingebrigtsen', 'The better man won.'],
    ]);
  });

  it('reads a colon lead-in without a speech verb ("she was candid:")', () => {
    const got = said(
      'Meseret Alemu of Ethiopia was second.',
      'Asked about her tactics, she was candid: "I waited too long."',
    );
    expect(got).toEqual([['Meseret Alemu', 'I waited too long.']]);
  });

  it('reads a lead-in that ends the paragraph before the quotation', () => {
    const got = said(
      'Sophie Pryce of Britain was eighth. Her message on Instagram was short:',
      '"Not the day I wanted."',
    );
    expect(got).toEqual([['Sophie Pryce', 'Not the day I wanted.']]);
    expect(
      quotes('Sophie Pryce of Britain was eighth. Her message on Instagram was short:', '"Not my day."')[0]
        ?.channel,
    ).toBe('social media');
  });

  it('reads dash attributions', () => {
    expect(said("'The best race I have seen here' – Margaret Doyle, meeting director")).toEqual([
      ['Margaret Doyle', 'The best race I have seen here'],
    ]);
  });
});

describe('quotations without their own attribution', () => {
  it('gives both parts of an interrupted quotation to one speaker', () => {
    expect(said(intro, '“It hurts,” Kerr said. “But I will be back.”')).toEqual([
      ['Josh Kerr', 'It hurts'],
      ['Josh Kerr', 'But I will be back.'],
    ]);
  });

  it('continues the speaker into a quote-only paragraph after a quotation', () => {
    expect(said(intro, '“It hurts,” said Kerr.', '“Next year is another chance.”')).toEqual([
      ['Josh Kerr', 'It hurts'],
      ['Josh Kerr', 'Next year is another chance.'],
    ]);
  });

  it('keeps one speaker through a multi-paragraph quotation, one quote per paragraph', () => {
    const got = said(
      intro,
      '“I felt strong,” said Ingebrigtsen. “I kept pushing.',
      '“It was 100m too long.”',
    );
    expect(got).toEqual([
      ['Jakob Ingebrigtsen', 'I felt strong'],
      ['Jakob Ingebrigtsen', 'I kept pushing.'],
      ['Jakob Ingebrigtsen', 'It was 100m too long.'],
    ]);
  });

  it('gives every paragraph of a quotation the speaker named in its last paragraph', () => {
    const got = said(
      'Mara Lindqvist won the 3000m.',
      '“I was nervous.',
      '“Then it clicked,” Lindqvist said.',
    );
    expect(got).toEqual([
      ['Mara Lindqvist', 'I was nervous.'],
      ['Mara Lindqvist', 'Then it clicked'],
    ]);
  });

  it('leaves a quote-only paragraph after narrative without a speaker', () => {
    expect(said(intro, 'The stadium was loud.', '“What a race.”')).toEqual([[null, 'What a race.']]);
  });

  it('attributes a quotation after a gesture sentence ("Novak shrugged.")', () => {
    expect(
      said('Tomas Novak of the Czech Republic was second.', 'Asked about it, Novak shrugged. “I am old.”'),
    ).toEqual([['Tomas Novak', 'I am old.']]);
  });
});

describe('pronouns and descriptors', () => {
  it('resolves "he said" to the recently named person, not to names inside quotations', () => {
    const got = said(
      'Ingebrigtsen did not shy away from defeat. He has been outspoken.',
      '“Cole Hocker and Josh Kerr outsmarted me,” he said on social media.',
    );
    expect(got).toEqual([['Ingebrigtsen', 'Cole Hocker and Josh Kerr outsmarted me']]);
  });

  it('uses gender when the text makes it clear', () => {
    const got = said(
      "Elin Lindqvist of Sweden led the women's 400m hurdles. Her coach, Mats Engberg, was blunt.",
      '“We got it wrong,” he said.',
      'Lindqvist was calmer. “It was not my day,” she said.',
    );
    expect(got).toEqual([
      ['Mats Engberg', 'We got it wrong'],
      ['Elin Lindqvist', 'It was not my day'],
    ]);
  });

  it('prefers the subject of the last clause over an object ("Behind Smith, Jones …")', () => {
    const got = said('Behind Anna Smith, Maria Jones kicked hard. “I had more,” she said.');
    expect(got[0]?.[0]).toBe('Maria Jones');
  });

  it('gives no speaker when two people fit the pronoun equally', () => {
    const got = said(
      "Rono's coach, Beatrice Chelimo, and Marchand's coach, Sandrine Aubert, embraced. ‘The best man won,’ she said.",
    );
    expect(got).toEqual([[null, 'The best man won']]);
  });

  it('resolves "the Norwegian", "the 24-year-old" and "her coach"', () => {
    expect(said(intro, '“It was not my day,” the Norwegian said.')[0]?.[0]).toBe('Jakob Ingebrigtsen');
    expect(
      said('Rochelle Bryce-Morgan, 31, was third.', '“I keep going,” the 31-year-old said.')[0]?.[0],
    ).toBe('Rochelle Bryce-Morgan');
    expect(
      said('Megan Ashworth won. Her coach, Ian Cole, watched.', '“She found it,” said her coach.')[0]?.[0],
    ).toBe('Ian Cole');
  });

  it('reads "the Olympic champion" as the person holding that title, not the winner', () => {
    const got = said(
      "Yaimara Rojas of Cuba won the women's triple jump. Ines Carvalho, the Olympic champion, was fourth.",
      "'It was not my day,' said the Olympic champion.",
    );
    expect(got).toEqual([['Ines Carvalho', 'It was not my day']]);
  });

  it('knows a person named once by a given name after their role ("his wife, Ana,")', () => {
    const got = said(
      "Mateus Ferreira of Brazil won the men's marathon.",
      "Ferreira's wife, Ana, watched from the finish. “He promised to run easy,” she said.",
    );
    expect(got).toEqual([['Ana', 'He promised to run easy']]);
  });

  it('gives a quotation to the one person a paragraph opens with ("Lowe was close to tears.")', () => {
    expect(
      said('Hannah Lowe of Britain was third.', "Lowe was close to tears. 'I did not expect this.'"),
    ).toEqual([['Hannah Lowe', 'I did not expect this.']]);
  });

  it('maps a surname to the full name found elsewhere in the article', () => {
    expect(
      said(
        'Lotte van Dijk of the Netherlands was third.',
        'Van Dijk was philosophical. “Bronze is a medal,” she said.',
      ),
    ).toEqual([['Lotte van Dijk', 'Bronze is a medal']]);
  });

  it('keeps a speaker named only once by surname', () => {
    expect(said('“He will be fine,” Raman said.')).toEqual([['Raman', 'He will be fine']]);
  });

  it('gives several speakers in one paragraph their own words', () => {
    const got = said(
      'Sipho Dlamini beat Tomas Novak.',
      '“You are the future,” Novak told him. “Now go away,” Dlamini replied.',
    );
    expect(got).toEqual([
      ['Tomas Novak', 'You are the future'],
      ['Sipho Dlamini', 'Now go away'],
    ]);
  });

  it('never guesses for a crowd or a plural pronoun', () => {
    expect(said('“Ro-no! Ro-no!” they chanted.')).toEqual([[null, 'Ro-no! Ro-no!']]);
  });
});

describe('not quotations of anyone', () => {
  it('ignores scare quotes, titles and nicknames inside a sentence', () => {
    const got = said(
      'Ingebrigtsen released a single “Ingen gjør det bedre” (“Nobody does it better”) before the Games.',
      "The sequel to the 'race for the ages' is set to be box office.",
      'Novak, known as “The Professor”, was second. Finch called it “long overdue.”',
      'They were promised a "rematch for the ages" and got one.',
    );
    expect(got).toEqual([]);
  });

  it('keeps a scare quote inside a real quotation as part of its words', () => {
    const got = said(intro, '“They were ‘the best guys’ today,” Ingebrigtsen said.');
    expect(got).toEqual([['Jakob Ingebrigtsen', 'They were ‘the best guys’ today']]);
  });
});

describe('channel', () => {
  it('marks social media, press conferences and statements; interview otherwise', () => {
    const q = quotes(
      intro,
      '“Gutted,” Kerr posted on Instagram.',
      'At the press conference, Ingebrigtsen was calm. “It happens,” he said.',
      'In a statement, Kerr’s agent, Ann Bell, said: “He is fine.”',
      '“Onwards,” Kerr said.',
    );
    expect(q.map((x) => x.channel)).toEqual(['social media', 'press conference', 'statement', 'interview']);
  });

  it('keeps the channel for "He added" after a social media post by the same person', () => {
    const q = quotes(intro, '“Thank you,” Ingebrigtsen wrote on X.', 'He added, “See you in LA.”');
    expect(q.map((x) => [x.speaker, x.channel])).toEqual([
      ['Jakob Ingebrigtsen', 'social media'],
      ['Jakob Ingebrigtsen', 'social media'],
    ]);
  });

  it('reports the paragraph the quotation starts in and a confidence', () => {
    const q = quotes(intro, '“Ready,” Kerr said.');
    expect(q[0]?.paragraph).toBe(3);
    expect(q[0]?.confidence).toBeGreaterThan(0.9);
    expect(said('“Hm.”')).toEqual([[null, 'Hm.']]);
    expect(quotes('“Hm.”')[0]?.confidence).toBe(0);
  });
});
