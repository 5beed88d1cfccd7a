import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_MAX_DESCRIPTION,
  DISCORD_MAX_EMBED_TOTAL,
  DISCORD_MAX_FIELD_NAME,
  DISCORD_MAX_FIELD_VALUE,
  DISCORD_MAX_FIELDS,
  DISCORD_MAX_FOOTER,
  DISCORD_MAX_TITLE,
  type DiscordMessage,
  EPHEMERAL_FLAG,
  embedLength,
  escapeDiscordMarkdown,
  fitMarkdown,
  renderDiscordMessage,
  TONE_COLOURS,
} from '../../../src/adapters/discord/render.js';
import { internalErrorReply, RECORD_CODES, type Reply, userErrorReply } from '../../../src/core/reply.js';

const podium: Reply = {
  tone: 'result',
  title: "Men's 1500m final — Paris 2024",
  summary: 'Olympic Games · Stade de France, Paris · Tuesday 6 August 2024',
  results: [
    { place: 1, athlete: 'Cole Hocker', country: 'USA', mark: '3:27.65', records: ['OR', 'PB'] },
    { place: 2, athlete: 'Josh Kerr', country: 'GBR', mark: '3:27.79', records: ['NR'] },
    { place: 3, athlete: 'Yared Nuguse', country: 'USA', mark: '3:27.80', records: [] },
    { place: 4, athlete: 'Jakob Ingebrigtsen', country: 'NOR', mark: '3:28.24', records: [] },
  ],
  lines: ['Hocker’s 3:27.65 was an Olympic record.'],
  sources: [
    {
      title: 'Cole Hocker takes gold in a record win in the men’s 1500m final',
      publisher: null,
      date: '2024-08-06',
    },
  ],
  ephemeral: false,
};

const kerrQuote: Reply = {
  tone: 'quote',
  title: 'Josh Kerr (GBR)',
  quote: {
    text: 'I wanted the gold, I got silver.\nThat’s better than bronze.',
    speaker: 'Josh Kerr',
    occasion: 'after the final',
  },
  sources: [{ title: 'Kerr beaten to gold', publisher: 'BBC Sport', date: '2024-08-06' }],
  ephemeral: false,
};

describe('renderDiscordMessage', () => {
  it('renders a podium as one embed with medals, marks, record badges, colour and a dated source footer', () => {
    expect(renderDiscordMessage(podium)).toEqual({
      embeds: [
        {
          title: "Men's 1500m final — Paris 2024",
          color: TONE_COLOURS.result,
          description: [
            'Olympic Games · Stade de France, Paris · Tuesday 6 August 2024',
            '',
            '🥇 **Cole Hocker** (USA) — 3:27.65 `OR` `PB`',
            '🥈 **Josh Kerr** (GBR) — 3:27.79 `NR`',
            '🥉 **Yared Nuguse** (USA) — 3:27.80',
            '4\\. **Jakob Ingebrigtsen** (NOR) — 3:28.24',
            '',
            'Hocker’s 3:27.65 was an Olympic record.',
          ].join('\n'),
          footer: {
            text: 'Source: Cole Hocker takes gold in a record win in the men’s 1500m final, 6 Aug 2024',
          },
        },
      ],
      allowed_mentions: { parse: [] },
    } satisfies DiscordMessage);
  });

  it('renders a quote as a block quote with the speaker and occasion, and the publisher in the footer', () => {
    expect(renderDiscordMessage(kerrQuote)).toEqual({
      embeds: [
        {
          title: 'Josh Kerr (GBR)',
          color: TONE_COLOURS.quote,
          description:
            '> I wanted the gold, I got silver.\n> That’s better than bronze.\n— **Josh Kerr**, after the final',
          footer: { text: 'Source: Kerr beaten to gold — BBC Sport, 6 Aug 2024' },
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('renders help fields and marks help ephemeral', () => {
    const help: Reply = {
      tone: 'help',
      title: '/quote [athlete] [keyword]',
      summary: 'An athlete’s own words',
      fields: [
        { label: 'athlete (optional)', value: 'Surname or full name' },
        { label: 'keyword (optional)', value: 'A word the quote must contain' },
      ],
      lines: ['Example: /quote kerr silver'],
      sources: [],
      ephemeral: true,
    };
    expect(renderDiscordMessage(help)).toEqual({
      embeds: [
        {
          title: '/quote \\[athlete\\] \\[keyword\\]',
          color: TONE_COLOURS.help,
          description: 'An athlete’s own words\n\nExample: /quote kerr silver',
          fields: [
            { name: 'athlete (optional)', value: 'Surname or full name', inline: true },
            { name: 'keyword (optional)', value: 'A word the quote must contain', inline: true },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
      flags: EPHEMERAL_FLAG,
    });
  });

  it('makes errors ephemeral even when the reply does not ask for it', () => {
    const error: Reply = { ...internalErrorReply(), ephemeral: false };
    expect(renderDiscordMessage(error).flags).toBe(EPHEMERAL_FLAG);
    expect(renderDiscordMessage(userErrorReply('Missing event')).flags).toBe(EPHEMERAL_FLAG);
    expect(renderDiscordMessage(internalErrorReply()).embeds[0]?.color).toBe(TONE_COLOURS.error);
  });

  it('leaves channel answers public unless the reply is ephemeral', () => {
    expect(renderDiscordMessage(podium).flags).toBeUndefined();
    expect(renderDiscordMessage({ ...podium, ephemeral: true }).flags).toBe(EPHEMERAL_FLAG);
  });

  it('shows user text literally: no mentions, links, headings or formatting', () => {
    const hostile: Reply = {
      tone: 'miss',
      title: 'I don’t know “@everyone <@&123>”',
      lines: [
        '# big',
        '> quoted',
        '- item',
        '1. first',
        '**bold** __u__ ~~s~~ ||spoiler|| `code`',
        '[x](https://e.vil)',
      ],
      sources: [],
      ephemeral: false,
    };
    const embed = renderDiscordMessage(hostile).embeds[0];
    expect(embed?.title).toBe('I don’t know “@\u200beveryone \\<@&123\\>”');
    expect(embed?.description).toBe(
      [
        '\\# big',
        '\\> quoted',
        '\\- item',
        '1\\. first',
        '\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`',
        '\\[x\\](https://e.vil)',
      ].join('\n'),
    );
  });
});

describe('escapeDiscordMarkdown', () => {
  it('escapes backslashes first so a typed backslash cannot unescape what follows', () => {
    expect(escapeDiscordMarkdown('\\<@1>')).toBe('\\\\\\<@1\\>');
  });

  it('breaks @here and @everyone in any case', () => {
    expect(escapeDiscordMarkdown('@HERE @Everyone @everyoneelse')).toBe(
      '@\u200bHERE @\u200bEveryone @\u200beveryoneelse',
    );
  });
});

describe('fitMarkdown', () => {
  it('cuts on grapheme boundaries, never inside an emoji sequence', () => {
    const family = '👩‍👩‍👧‍👦';
    const cut = fitMarkdown(family.repeat(20), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.slice(0, -1)).toBe(family.repeat(4));
  });

  it('never separates a backslash from the character it escapes', () => {
    const escaped = escapeDiscordMarkdown('<'.repeat(100));
    for (let max = 1; max < 60; max++) {
      const cut = fitMarkdown(escaped, max).replace(/…$/, '');
      expect(cut.length % 2).toBe(0);
      expect(cut).toMatch(/^(\\<)*$/);
    }
  });

  it('keeps text that fits unchanged', () => {
    expect(fitMarkdown('short', 5)).toBe('short');
  });
});

// --- properties -------------------------------------------------------------------------------

const nasty = fc.constantFrom(
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '<t:1722950000:R>',
  '**bold**',
  '[link](https://example.org)',
  '# heading',
  '> quote',
  '-# small',
  '||spoiler||',
  '\\',
  '`',
  '👩‍👩‍👧‍👦',
  'é',
  'e\u0301',
  '\n',
  '🇬🇧',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { maxLength: 40 })
      .map((a) => a.join('')),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', maxLength: 30 }), fc.integer({ min: 1, max: 400 }))
      .map(([s, n]) => s.repeat(n)),
  },
  { weight: 1, arbitrary: fc.tuple(nasty, fc.integer({ min: 1, max: 3000 })).map(([s, n]) => s.repeat(n)) },
);
const reply: fc.Arbitrary<Reply> = fc.record(
  {
    tone: fc.constantFrom('result', 'quote', 'info', 'miss', 'error', 'help'),
    title: text,
    summary: text,
    results: fc.array(
      fc.record({
        place: fc.integer({ min: 1, max: 1000 }),
        athlete: text,
        country: fc.option(text, { nil: null }),
        mark: fc.option(text, { nil: null }),
        records: fc.subarray([...RECORD_CODES]),
      }),
      { maxLength: 30 },
    ),
    quote: fc.record({ text, speaker: text, occasion: fc.option(text, { nil: null }) }),
    fields: fc.array(fc.record({ label: text, value: text }), { maxLength: 40 }),
    lines: fc.array(text, { maxLength: 60 }),
    sources: fc.array(fc.record({ title: text, publisher: fc.option(text, { nil: null }), date: text }), {
      maxLength: 12,
    }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: ['tone', 'title', 'sources', 'ephemeral'] },
) as fc.Arbitrary<Reply>;

/** True if some `<` is not escaped by an odd run of backslashes (so Discord would parse it). */
function hasUnescapedAngle(markdown: string): boolean {
  let escaped = false;
  for (const ch of markdown) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (ch === '\\') escaped = true;
    else if (ch === '<') return true;
  }
  return false;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('renderDiscordMessage properties', () => {
  it('never throws, stays inside every limit, and never emits a live mention or a broken character', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const message = renderDiscordMessage(r);
        expect(message.allowed_mentions).toEqual({ parse: [] });
        expect(message.embeds).toHaveLength(1);
        const embed = message.embeds[0];
        if (!embed) throw new Error('no embed');
        expect(embed.title.length).toBeLessThanOrEqual(DISCORD_MAX_TITLE);
        expect(embed.title.length).toBeGreaterThan(0);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_DESCRIPTION);
        expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_FOOTER);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_MAX_FIELDS);
        for (const f of embed.fields ?? []) {
          expect(f.name.length).toBeGreaterThan(0);
          expect(f.name.length).toBeLessThanOrEqual(DISCORD_MAX_FIELD_NAME);
          expect(f.value.length).toBeGreaterThan(0);
          expect(f.value.length).toBeLessThanOrEqual(DISCORD_MAX_FIELD_VALUE);
        }
        expect(embedLength(embed)).toBeLessThanOrEqual(DISCORD_MAX_EMBED_TOTAL);
        const markdown = [
          embed.title,
          embed.description ?? '',
          ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
        ];
        for (const m of markdown) expect(hasUnescapedAngle(m)).toBe(false);
        for (const t of [...markdown, embed.footer?.text ?? '']) {
          expect(t).not.toMatch(/@(everyone|here)/i);
          expect(t).not.toMatch(LONE_SURROGATE);
        }
        const ephemeral = r.ephemeral || r.tone === 'error' || r.tone === 'help';
        expect(message.flags).toBe(ephemeral ? EPHEMERAL_FLAG : undefined);
      }),
      { numRuns: 300 },
    );
  });
});
