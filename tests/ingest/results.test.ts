import { describe, expect, it } from 'vitest';
import { countryOf } from '../../src/ingest/countries.js';
import { extractDraft } from '../../src/ingest/index.js';

function results(...paragraphs: string[]) {
  return extractDraft(['Report', ...paragraphs].join('\n\n'), { published: '2025-06-15' }).results.map(
    (r) => [r.place, r.athlete, r.country, r.mark, r.records.join(',')],
  );
}

describe('places', () => {
  it('reads medals, "took second", "was third", "finished fourth", "faded to fifth"', () => {
    const got = results(
      "Anna Berg of Norway took gold in the women's 800m in 1:58.10.",
      'Clara Diaz of Spain took second in 1:58.40. Maya Ito of Japan was third in 1:58.90.',
      'Lena Vogt of Germany finished fourth in 1:59.20 and Zoe Hart of Canada faded to fifth in 1:59.80.',
    );
    expect(got).toEqual([
      [1, 'Anna Berg', 'NOR', '1:58.10', ''],
      [2, 'Clara Diaz', 'ESP', '1:58.40', ''],
      [3, 'Maya Ito', 'JPN', '1:58.90', ''],
      [4, 'Lena Vogt', 'GER', '1:59.20', ''],
      [5, 'Zoe Hart', 'CAN', '1:59.80', ''],
    ]);
  });

  it('reads "third place went to", "gold medalist X", "surprise winner X" and "completing the podium"', () => {
    const got = results(
      'Kerr was beaten to gold by surprise winner Cole Hocker of the United States.',
      'Silver went to Josh Kerr of Great Britain. American Yared Nuguse completed the podium.',
    );
    expect(got.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Cole Hocker'],
      [2, 'Josh Kerr'],
      [3, 'Yared Nuguse'],
    ]);
  });

  it('ignores past races, figurative medals and negated wins', () => {
    const got = results(
      'Kerr upgraded his Tokyo bronze to silver behind winner Cole Hocker.',
      'Ingebrigtsen, who at least won a gold for stating the obvious, did not even medal.',
      "Hocker's best previous result at world level was sixth. Hale had never won a senior title.",
    );
    expect(got.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Cole Hocker'],
      [2, 'Kerr'],
    ]);
  });

  it('keeps a placing described with an earlier year ("Kiprop, the 2023 winner, was second")', () => {
    const got = results(
      "Mateus Ferreira of Brazil won the men's marathon in 2:06:12. Josphat Kiprop of Kenya, the 2023 winner, was second in 2:06:58.",
    );
    expect(got.map((r) => [r[0], r[1], r[3]])).toEqual([
      [1, 'Mateus Ferreira', '2:06:12'],
      [2, 'Josphat Kiprop', '2:06:58'],
    ]);
  });

  it('places the object of "edged" second when the winner is known', () => {
    const got = results(
      "Marta Kowalczyk of Poland won the women's hammer. She edged Canada's Shannon Reilly.",
    );
    expect(got.map((r) => [r[0], r[1]])).toEqual([
      [1, 'Marta Kowalczyk'],
      [2, 'Shannon Reilly'],
    ]);
  });

  it('reads a results line with or without countries', () => {
    expect(results('Results: 1. Almaz Tadesse (ETH) 14:21.07 CR, 2. Faith Chebet (KEN) 14:22.30 PB')).toEqual(
      [
        [1, 'Almaz Tadesse', 'ETH', '14:21.07', 'CR'],
        [2, 'Faith Chebet', 'KEN', '14:22.30', 'PB'],
      ],
    );
    expect(results('Results: 1. Kieran James 44.21 CR; 2. Omar Haddad 44.58.')).toEqual([
      [1, 'Kieran James', null, '44.21', 'CR'],
      [2, 'Omar Haddad', null, '44.58', ''],
    ]);
  });
});

describe('marks', () => {
  it('reads minutes, hours and field marks, and ignores bare distances and clock times', () => {
    expect(results('Wanjiru Kamau of Kenya won the marathon in 2:18:47.')[0]?.[3]).toBe('2:18:47');
    expect(results('Megan Ashworth of Britain won the pole vault with 4.85m.')[0]?.[3]).toBe('4.85m');
    expect(results('Jamal Brooks of the USA won the 100m in 9.79 seconds.')[0]?.[3]).toBe('9.79');
    expect(results('With 50m to go at 7:30pm, Cole Hocker of the USA won the 1500m.')[0]?.[3]).toBeNull();
  });

  it('gives the mark to the runner, not to the one they passed', () => {
    const got = results(
      "Sipho Dlamini of South Africa won the men's 800m, holding off Czech veteran Tomas Novak in 1:44.61.",
    );
    expect(got[0]).toEqual([1, 'Sipho Dlamini', 'RSA', '1:44.61', '']);
  });

  it('ignores marks from other races (trials, heats, last year)', () => {
    const got = results('Cole Hocker of the USA won gold. He ran 3:30.59 at trials in July.');
    expect(got[0]?.[3]).toBeNull();
  });
});

describe('records', () => {
  it('maps world, Olympic, national, area, championship, course, meet, personal and season bests', () => {
    const cases: Array<[string, string]> = [
      ['a world record', 'WR'],
      ['an Olympic record', 'OR'],
      ['a national record', 'NR'],
      ['a European record', 'AR'],
      ['a championship record', 'CR'],
      ['a course record', 'CR'],
      ['a meet record', 'MR'],
      ['a personal best', 'PB'],
      ["a season's best", 'SB'],
    ];
    for (const [phrase, code] of cases) {
      const got = results(`Anna Berg of Norway won the 800m in 1:58.10, ${phrase}.`);
      expect(got[0]?.[4], phrase).toBe(code);
    }
  });

  it('reads "<demonym> record" as a national record and the country', () => {
    const got = results('Josh Kerr took silver in 3:27.79 to erase Mo Farah’s British record.');
    expect(got[0]).toEqual([2, 'Josh Kerr', 'GBR', '3:27.79', 'NR']);
  });

  it('reads "faster than his personal best" as a new personal best', () => {
    const got = results(
      'Cole Hocker of the USA won gold in 3:27.65, almost three seconds faster than his personal best.',
    );
    expect(got[0]?.[4]).toBe('PB');
  });

  it('ignores records that were only talked about', () => {
    const got = results(
      'Jamal Brooks of the USA won the 100m in 9.79. Asked about the world record, he grinned.',
      'He is now eyeing the national record and the world record of 9.58 set in 2009.',
    );
    expect(got[0]?.[4]).toBe('');
  });
});

describe('countries', () => {
  it('maps names, demonyms, "of Norway", "Norway’s" and IOC codes', () => {
    expect(countryOf('Norway')).toBe('NOR');
    expect(countryOf('Norwegian')).toBe('NOR');
    expect(countryOf('Scot')).toBe('GBR');
    expect(countryOf('Great Britain')).toBe('GBR');
    expect(countryOf('NED')).toBe('NED');
    const got = results(
      'Norway’s Jakob Ingebrigtsen finished fourth. Bitter Norwegian rival Ingebrigtsen was upset.',
      'American Cole Hocker won gold. Yared Nuguse (USA) took bronze. Josh Kerr of Great Britain took silver.',
    );
    expect(got.map((r) => [r[1], r[2]])).toEqual([
      ['Cole Hocker', 'USA'],
      ['Josh Kerr', 'GBR'],
      ['Yared Nuguse', 'USA'],
      ['Jakob Ingebrigtsen', 'NOR'],
    ]);
  });
});
