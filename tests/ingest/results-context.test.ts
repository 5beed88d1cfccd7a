import { describe, expect, it } from 'vitest';
import { extractDraft } from '../../src/ingest/index.js';

// Invented reports for the issue 11 rules on race context, names and countries.
function draft(...paragraphs: string[]) {
  return extractDraft(paragraphs.join('\n\n'), { published: '2025-06-15' });
}
const rows = (d: ReturnType<typeof draft>) =>
  d.results.map((r) => [r.place, r.athlete, r.country, r.mark, r.records.join(',')]);

describe('which race a sentence speaks of', () => {
  it('a sentence naming the other sex’s race does not make its bare main discipline the main race', () => {
    const d = draft(
      'Tom Reed wins 800m title',
      'Tom Reed of Canada won the men’s 800m title in 1:46.20.',
      'Elsewhere, Jane Moss was second in the women’s long jump while Kim Lowe took silver in the 800m in 2:03.10.',
    );
    expect(rows(d)).toEqual([[1, 'Tom Reed', 'CAN', '1:46.20', '']]);
  });

  it('a men’s race final inside a heptathlon report is a race of its own', () => {
    const d = draft(
      'Ava Stone wins heptathlon gold',
      'Ava Stone of Canada won the women’s heptathlon with 6,702 points.',
      'Later, Max Burley came up short in a men’s 800m final won by Sam Tate.',
      'Burley, 23, clocked 1:43.10 but that was only good enough for sixth place.',
    );
    expect(rows(d)).toEqual([[1, 'Ava Stone', 'CAN', '6702', '']]);
  });

  it('a sentence led by an athlete of the other sex places nobody in the main race', () => {
    const d = draft(
      'Rosa Lind wins half marathon',
      'Rosa Lind of Sweden won the women’s half marathon in 1:08:40.',
      'In a half marathon race in another city, Dan Holt won for a third time.',
      'He claimed victory in 1:01:10 as he finished ahead of Ali Noor, who was second in 1:01:30.',
    );
    expect(rows(d)).toEqual([[1, 'Rosa Lind', 'SWE', '1:08:40', '']]);
  });

  it('a classed race’s bare distance is the main race, and “N-time” is no name', () => {
    const d = draft(
      'Ella Ward wins T34 800m gold',
      'Ella Ward won the women’s T34 800m ahead of Mia Cole of France.',
      'Five-time Paralympic champion Ward followed her wins in the 100m and 400m with a title at 800m.',
      'She won in a championship-record time of one minute 50.12 seconds.',
    );
    expect(rows(d)[0]).toEqual([1, 'Ella Ward', null, '1:50.12', 'CR']);
  });
});

describe('places and marks closing a clause', () => {
  it('reads "with X fourth." and "ran a season-best 20.11 for fifth."', () => {
    const d = draft(
      'Leo Dunn wins 200m title',
      'Leo Dunn of Canada won the men’s 200m title in 19.70.',
      'Bronze went to Ian Moss of Kenya, with Olympic champion Ray Bell fourth. Tom Kaye ran a season-best 20.11 for fifth.',
    );
    expect(rows(d).map((r) => r.slice(0, 4))).toEqual([
      [1, 'Leo Dunn', 'CAN', '19.70'],
      [3, 'Ian Moss', 'KEN', null],
      [4, 'Ray Bell', null, null],
      [5, 'Tom Kaye', null, '20.11'],
    ]);
  });
});

describe('close finishes and recalled races', () => {
  it('"A edged out B for second place" places A; "after gold in the 100m" does not move the sentence', () => {
    const d = draft(
      'Eva Hart takes 200m silver',
      'Eva Hart of Ireland won silver in the women’s 200m.',
      'At the line, Hart edged out veteran sprint star Joy Lane for second place as Mia Cruz completed a sweep of the sprint titles after gold in the 100m, while Ada Fox came fifth.',
    );
    expect(rows(d).map((r) => r.slice(0, 2))).toEqual([
      [1, 'Mia Cruz'],
      [2, 'Eva Hart'],
      [5, 'Ada Fox'],
    ]);
  });
});

describe('two subjects, two places', () => {
  it('"Britain’s A and B finished fourth and fifth" places each and gives both the country', () => {
    const d = draft(
      'Nia Cole wins 8km cross country',
      'Nia Cole of Kenya won the women’s 8km cross country race.',
      'Britain’s Tara Voss and Lena Hurst were well beaten. Voss and Hurst finished fourth and fifth as Cole won by ten seconds.',
    );
    expect(rows(d).map((r) => r.slice(0, 3))).toEqual([
      [1, 'Nia Cole', 'KEN'],
      [4, 'Tara Voss', 'GBR'],
      [5, 'Lena Hurst', 'GBR'],
    ]);
  });
});

describe('countries told through someone else', () => {
  it('a team-mate’s or a “first British woman” demonym gives the subject a country', () => {
    const mate = draft(
      'Lia Penn wins 400m',
      'Lia Penn won the women’s 400m in 50.10 ahead of British team-mate Joy Hart.',
    );
    expect(rows(mate)[0]?.slice(0, 3)).toEqual([1, 'Lia Penn', 'GBR']);
    const first = draft(
      'Nora Vale clears two metres',
      'Nora Vale made history by becoming the first Irish woman to clear two metres in the high jump as she finished third.',
    );
    expect(rows(first)[0]?.slice(0, 3)).toEqual([3, 'Nora Vale', 'IRL']);
  });

  it('“a Kenyan one-two” gives both medallists the country, the winner named elsewhere', () => {
    const d = draft(
      'Omar Kip takes 10,000m gold',
      'Omar Kip won the men’s 10,000m title in 27:10.20.',
      'It was enough to hold off Ben Rono in a Kenyan one-two.',
    );
    expect(rows(d).map((r) => r.slice(0, 3))).toEqual([
      [1, 'Omar Kip', 'KEN'],
      [2, 'Ben Rono', 'KEN'],
    ]);
  });
});
