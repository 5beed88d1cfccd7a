import type { Reply } from '../../src/core/reply.js';

/** Sample replies the golden images are drawn from: real shapes plus the hard inputs cards meet. */

const source = (title: string, date = '2024-08-06', publisher: string | null = null) => ({
  title,
  publisher,
  date,
});

/** `/podium 1500m` as the knowledge base answers it. */
export const podium1500: Reply = {
  tone: 'result',
  title: 'Men’s 1500m final — Paris 2024',
  summary: 'Olympic Games · Stade de France, Paris · Tuesday 6 August 2024',
  results: [
    { place: 1, athlete: 'Cole Hocker', country: 'USA', mark: '3:27.65', records: ['OR', 'PB'] },
    { place: 2, athlete: 'Josh Kerr', country: 'GBR', mark: '3:27.79', records: ['NR'] },
    { place: 3, athlete: 'Yared Nuguse', country: 'USA', mark: '3:27.80', records: [] },
  ],
  lines: ['First Olympic 1500m title for the United States since 2016.'],
  sources: [
    source('Cole Hocker takes gold in a record win in the men’s 1500m final over Jakob Ingebrigtsen'),
    source('Josh Kerr was beaten to 1500m gold by surprise winner Cole Hocker'),
  ],
  ephemeral: false,
};

/** Long names, accents, Cyrillic, Greek, CJK, Arabic and Hebrew (right-to-left), emoji, a missing mark. */
export const podiumHardNames: Reply = {
  tone: 'result',
  title: 'Women’s 10,000m final — Championnats d’Europe d’athlétisme, Łódź–Thessaloniki 2026 🏃‍♀️',
  summary: 'Εθνικό Στάδιο · Стадион «Лужники» · 北京国家体育场 · Saturday 29 February 2026',
  results: [
    {
      place: 1,
      athlete: 'Maria de los Ángeles Ñúñez-Øvergård Wolfeschlegelsteinhausenbergerdorff',
      country: 'ESP',
      mark: '30:01.23',
      records: ['WR', 'AR', 'NR', 'PB'],
    },
    { place: 2, athlete: 'فاطمة الزهراء بنت محمد', country: 'MAR', mark: '30:02.01', records: ['AR'] },
    { place: 3, athlete: '苏炳添 🥉 Дарья Клишина', country: null, mark: null, records: [] },
  ],
  sources: [source('עיתון ספורט: סיכום הגמר', '2026-02-29', 'Ynet')],
  ephemeral: false,
};

/** A 3-way tie for gold (high jump style), so no silver or bronze step. */
export const podiumTie: Reply = {
  tone: 'result',
  title: 'Men’s high jump final — Tie Championships 2030',
  summary: 'Test Games · Somewhere Stadium · 1 August 2030',
  results: [
    { place: 1, athlete: 'Mutaz Essa Barshim', country: 'QAT', mark: '2.37', records: ['=SB'] },
    { place: 1, athlete: 'Gianmarco Tamberi', country: 'ITA', mark: '2.37', records: [] },
    { place: 1, athlete: 'Hamish Kerr', country: 'NZL', mark: '2.37', records: ['NR'] },
    { place: 3, athlete: 'Shelby McEwen', country: 'USA', mark: '2.33', records: [] },
  ] as NonNullable<Reply['results']>,
  sources: [source('Three share the high jump title')],
  ephemeral: false,
};

/** A relay podium in the shape the championship branch adds: team, runners, a status-free place. */
export const podiumRelay = {
  tone: 'result',
  title: 'Men’s 4 × 100m relay final — Paris 2024',
  summary: 'Olympic Games · Stade de France, Paris · Friday 9 August 2024',
  results: [
    {
      place: 1,
      athlete: 'Canada',
      country: 'CAN',
      mark: '37.50',
      records: ['WL'],
      runners: ['Aaron Brown', 'Jerome Blake', 'Brendon Rodney', 'Andre De Grasse'],
    },
    {
      place: 2,
      athlete: 'South Africa',
      country: 'RSA',
      mark: '37.57',
      records: ['AR'],
      runners: [
        { name: 'Bayanda Walaza' },
        { name: 'Shaun Maswanganyi' },
        { name: 'Bradley Nkoana' },
        { name: 'Akani Simbine' },
      ],
    },
    {
      place: 3,
      athlete: 'Great Britain & N.I.',
      country: 'GBR',
      mark: '37.61',
      records: ['SB'],
      runners: ['Jeremiah Azu', 'Louie Hinchliffe', 'Nethaneel Mitchell-Blake', 'Zharnel Hughes'],
    },
  ],
  sources: [source('Canada win the 4x100m relay', '2024-08-09')],
  ephemeral: false,
} as unknown as Reply;

/** A full final with wind, a tie, non-finishers without a place, and more rows than one page holds. */
export const resultsLong = {
  tone: 'result',
  title: 'Women’s 100m final — World Championships',
  summary: 'World Athletics Championships · Test Stadium · 20 August 2023',
  results: [
    ...Array.from({ length: 12 }, (_, i) => ({
      place: i < 2 ? 1 : i + 1,
      athlete: [
        'Sha’Carri Richardson',
        'Shericka Jackson',
        'Shelly-Ann Fraser-Pryce',
        'Marie-Josée Ta Lou-Smith',
        'Daryll Neita',
        'Julien Alfred',
        'Ewa Swoboda',
        'Дарья Клишина',
        'Zoë Sedney',
        'Αλεξάνδρα Νικολάου',
        'מיכל כהן',
        'Gina Lückenkemper',
      ][i],
      country: ['USA', 'JAM', 'JAM', 'CIV', 'GBR', 'LCA', 'POL', 'RUS', 'NED', 'GRE', 'ISR', 'GER'][i],
      mark: i === 7 ? null : (10.65 + i * 0.04).toFixed(2),
      wind: '+0.1',
      records: i === 0 ? ['CR', 'WL'] : i === 6 ? ['NR'] : i === 3 ? ['SB', 'PB'] : [],
    })),
    { place: null, status: 'DNF', athlete: 'Tamari Davis', country: 'USA', mark: null, records: [] },
    { place: null, status: 'DQ', athlete: 'Nia Akins', country: 'USA', mark: null, records: [] },
  ],
  sources: [source('Richardson wins world 100m title', '2023-08-21', 'World Athletics')],
  ephemeral: false,
} as unknown as Reply;

/** `/quote hocker` as the knowledge base answers it. */
export const quoteHocker: Reply = {
  tone: 'quote',
  title: 'Cole Hocker (USA)',
  quote: {
    text: 'I just knew I had to be patient and trust my kick. Coming down the home straight I saw a gap and I went for it — I can’t believe it.',
    speaker: 'Cole Hocker',
    occasion: 'after the men’s 1500m final, Paris 2024',
  },
  sources: [
    source('Cole Hocker takes gold in a record win in the men’s 1500m final', '2024-08-06', 'Olympics.com'),
  ],
  ephemeral: false,
};

/** A right-to-left quote with emoji and no occasion. */
export const quoteRtl: Reply = {
  tone: 'quote',
  title: 'فاطمة الزهراء',
  quote: {
    text: 'هذه الميدالية لكل من آمن بي، ولعائلتي التي وقفت معي في كل خطوة 🇲🇦🥇',
    speaker: 'فاطمة الزهراء',
    occasion: null,
  },
  sources: [source('مقابلة بعد السباق', '2026-02-28')],
  ephemeral: false,
};

/** A very long quote: the card shrinks the type, then cuts with an ellipsis. */
export const quoteLong: Reply = {
  tone: 'quote',
  title: 'Josh Kerr (GBR)',
  quote: {
    text: Array.from(
      { length: 12 },
      () =>
        'I came here to win and I gave everything I had on the last lap, but Cole ran an incredible race.',
    ).join(' '),
    speaker: 'Josh Kerr',
    occasion: 'on social media',
  },
  sources: [source('Josh Kerr was beaten to 1500m gold by surprise winner Cole Hocker')],
  ephemeral: false,
};
