import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeSlack,
  fitEscaped,
  renderSlackBlocks,
  renderSlackMessage,
  SLACK_MAX_BLOCKS,
  SLACK_MAX_CONTEXT_ELEMENTS,
  SLACK_MAX_FIELD_TEXT,
  SLACK_MAX_FIELDS_PER_SECTION,
  SLACK_MAX_HEADER_TEXT,
  SLACK_MAX_MESSAGE_TEXT,
  SLACK_MAX_SECTION_TEXT,
  SLACK_MAX_TEXT_OBJECT,
  type SlackBlock,
} from '../../../src/adapters/slack/render.js';
import { internalErrorReply, RECORD_CODES, type Reply, userErrorReply } from '../../../src/core/reply.js';

const hocker: Reply = {
  tone: 'result',
  title: 'Men’s 1500m — Olympic Games Paris 2024, final',
  summary: 'Stade de France, Saint-Denis · 6 August 2024',
  results: [
    { place: 1, athlete: 'Cole Hocker', country: 'USA', mark: '3:27.65', records: ['OR'] },
    { place: 2, athlete: 'Josh Kerr', country: 'GBR', mark: '3:27.79', records: ['NR'] },
    { place: 3, athlete: 'Yared Nuguse', country: 'USA', mark: '3:27.80', records: ['PB'] },
    { place: 4, athlete: 'Jakob Ingebrigtsen', country: 'NOR', mark: '3:28.24', records: [] },
  ],
  sources: [
    {
      title: 'Cole Hocker takes gold in a record win in the men’s 1500m final',
      publisher: null,
      date: '2024-08-06',
    },
  ],
  ephemeral: false,
};

describe('renderSlackBlocks', () => {
  it('renders a podium as header, medal lines with record badges, and a source context', () => {
    expect(renderSlackBlocks(hocker)).toEqual({
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: 'Men’s 1500m — Olympic Games Paris 2024, final', emoji: true },
        },
        { type: 'section', text: { type: 'mrkdwn', text: 'Stade de France, Saint-Denis · 6 August 2024' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: [
              '🥇 *Cole Hocker* (USA) — 3:27.65 `OR`',
              '🥈 *Josh Kerr* (GBR) — 3:27.79 `NR`',
              '🥉 *Yared Nuguse* (USA) — 3:27.80 `PB`',
              '4. *Jakob Ingebrigtsen* (NOR) — 3:28.24',
            ].join('\n'),
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'Source: Cole Hocker takes gold in a record win in the men’s 1500m final, 2024-08-06',
            },
          ],
        },
      ],
      text: [
        'Men’s 1500m — Olympic Games Paris 2024, final',
        'Stade de France, Saint-Denis · 6 August 2024',
        '🥇 Cole Hocker (USA) — 3:27.65 OR',
        '🥈 Josh Kerr (GBR) — 3:27.79 NR',
        '🥉 Yared Nuguse (USA) — 3:27.80 PB',
        '4. Jakob Ingebrigtsen (NOR) — 3:28.24',
        'Source: Cole Hocker takes gold in a record win in the men’s 1500m final, 2024-08-06',
      ].join('\n'),
    });
  });

  it('renders a quote as a block quote with the speaker and occasion, and fields two by two', () => {
    const reply: Reply = {
      tone: 'quote',
      title: 'Cole Hocker',
      quote: {
        text: 'I knew I had it.\nI just kept going.',
        speaker: 'Cole Hocker',
        occasion: 'after the final',
      },
      fields: [
        { label: 'Event', value: 'Men’s 1500m final' },
        { label: 'Date', value: '2024-08-06' },
      ],
      sources: [{ title: 'Kerr beaten to gold', publisher: 'The Daily', date: '2024-08-06' }],
      ephemeral: false,
    };
    expect(renderSlackBlocks(reply).blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Cole Hocker', emoji: true } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '> “I knew I had it.\n> I just kept going.”\n— *Cole Hocker*, after the final',
        },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Event*\nMen’s 1500m final' },
          { type: 'mrkdwn', text: '*Date*\n2024-08-06' },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Source: Kerr beaten to gold — The Daily, 2024-08-06' }],
      },
    ]);
    expect(renderSlackBlocks(reply).text).toBe(
      [
        'Cole Hocker',
        '“I knew I had it.\nI just kept going.” — Cole Hocker, after the final',
        'Event: Men’s 1500m final',
        'Date: 2024-08-06',
        'Source: Kerr beaten to gold — The Daily, 2024-08-06',
      ].join('\n'),
    );
  });

  it('keeps mentions typed by a user as text in every block and in the fallback', () => {
    const reply = userErrorReply('No athlete called <!channel> & <@U123>', ['Try <!here> or <https://x|y>']);
    const out = renderSlackBlocks(reply);
    expect(out.blocks).toEqual([
      {
        type: 'header',
        text: {
          type: 'plain_text',
          text: 'No athlete called &lt;!channel&gt; &amp; &lt;@U123&gt;',
          emoji: true,
        },
      },
      { type: 'section', text: { type: 'mrkdwn', text: 'Try &lt;!here&gt; or &lt;https://x|y&gt;' } },
    ]);
    expect(out.text).toBe(
      'No athlete called &lt;!channel&gt; &amp; &lt;@U123&gt;\nTry &lt;!here&gt; or &lt;https://x|y&gt;',
    );
  });

  it('splits more than ten fields into several sections', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const blocks = renderSlackBlocks({
      tone: 'info',
      title: 't',
      fields,
      sources: [],
      ephemeral: false,
    }).blocks;
    const counts = blocks.flatMap((b) => (b.type === 'section' && b.fields ? [b.fields.length] : []));
    expect(counts).toEqual([10, 10, 3]);
  });

  it('cuts an over-long header on a grapheme boundary with an ellipsis', () => {
    const title = `${'🏃🏽‍♀️'.repeat(40)}`;
    const header = renderSlackBlocks({ tone: 'info', title, sources: [], ephemeral: false })
      .blocks[0] as SlackBlock & {
      type: 'header';
    };
    expect(header.text.text.length).toBeLessThanOrEqual(SLACK_MAX_HEADER_TEXT);
    expect(header.text.text.endsWith('…')).toBe(true);
    // Only whole runners: the text without the ellipsis is a repetition of the full grapheme.
    expect(header.text.text.slice(0, -1).replaceAll('🏃🏽‍♀️', '')).toBe('');
  });

  it('never cuts inside an escaped entity', () => {
    expect(fitEscaped('&&&&&', 12)).toBe('&amp;&amp;…');
    expect(fitEscaped('a<b', 20)).toBe('a&lt;b');
  });

  it('caps a reply with hundreds of lines at fifty blocks and says what was left out', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${i} ${'x'.repeat(400)}`);
    const out = renderSlackBlocks({
      tone: 'info',
      title: 'long',
      lines,
      sources: [{ title: 's', publisher: null, date: '2024-01-01' }],
      ephemeral: false,
    });
    expect(out.blocks).toHaveLength(SLACK_MAX_BLOCKS);
    expect(out.blocks.at(-1)?.type).toBe('context');
    const notice = out.blocks.at(-2) as { text: { text: string } };
    expect(notice.text.text).toMatch(/^_… \d+ more sections not shown_$/);
  });
});

describe('renderSlackMessage', () => {
  it('answers in the channel for results and only to the asker for errors and help', () => {
    expect(renderSlackMessage(hocker).response_type).toBe('in_channel');
    expect(renderSlackMessage(internalErrorReply()).response_type).toBe('ephemeral');
    expect(
      renderSlackMessage({ tone: 'help', title: 'Help', sources: [], ephemeral: false }).response_type,
    ).toBe('ephemeral');
    expect(renderSlackMessage({ ...hocker, ephemeral: true }).response_type).toBe('ephemeral');
  });

  it('renders the internal error without any detail', () => {
    expect(renderSlackMessage(internalErrorReply())).toEqual({
      response_type: 'ephemeral',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Something went wrong', emoji: true } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'That one is on us, not you. It has been logged; please try again in a moment.',
          },
        },
      ],
      text: 'Something went wrong\nThat one is on us, not you. It has been logged; please try again in a moment.',
    });
  });
});

describe('escapeSlack', () => {
  it('escapes only the three control characters', () => {
    expect(escapeSlack('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
  });
});

// ---- properties --------------------------------------------------------------------------------

// Text that leans towards the dangerous cases: mentions, entities, emoji, combining marks, huge runs.
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom(
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0123>',
    '<#C0123>',
    '<!subteam^S1>',
    '&lt;',
    '&',
  ),
  fc
    .array(fc.constantFrom('<', '>', '&', '!', '@', 'channel', 'é', '🥇', '👩🏽‍🚀', '\n', '*', '`', ' '), {
      maxLength: 60,
    })
    .map((a) => a.join('')),
  // Long runs built by repetition (cheap to generate) to hit every length limit.
  fc
    .tuple(fc.constantFrom('x', '&', '<@U1>', 'é', '👩🏽‍🚀', 'ab\n'), fc.integer({ min: 100, max: 4200 }))
    .map(([unit, n]) => unit.repeat(n)),
);

const replyArb: fc.Arbitrary<Reply> = fc.record(
  {
    tone: fc.constantFrom('result', 'quote', 'info', 'miss', 'error', 'help'),
    title: nasty,
    summary: nasty,
    results: fc.array(
      fc.record({
        place: fc.integer({ min: 1, max: 20 }),
        athlete: nasty,
        country: fc.option(nasty, { nil: null }),
        mark: fc.option(nasty, { nil: null }),
        records: fc.subarray([...RECORD_CODES]),
      }),
      { maxLength: 30 },
    ),
    quote: fc.record({ text: nasty, speaker: nasty, occasion: fc.option(nasty, { nil: null }) }),
    fields: fc.array(fc.record({ label: nasty, value: nasty }), { maxLength: 30 }),
    lines: fc.array(nasty, { maxLength: 80 }),
    sources: fc.array(fc.record({ title: nasty, publisher: fc.option(nasty, { nil: null }), date: nasty }), {
      maxLength: 14,
    }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: ['tone', 'title', 'sources', 'ephemeral'] },
);

function textsOf(blocks: readonly SlackBlock[]): string[] {
  return blocks.flatMap((b) => {
    if (b.type === 'header') return [b.text.text];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    if (b.type === 'actions') return b.elements.map((e) => e.text.text);
    return b.fields ? b.fields.map((f) => f.text) : [b.text.text];
  });
}

describe('renderSlackBlocks properties', () => {
  it('never exceeds a Slack limit', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        const { blocks, text } = renderSlackBlocks(reply);
        expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
        expect(text.length).toBeLessThanOrEqual(SLACK_MAX_MESSAGE_TEXT);
        expect(text.length).toBeGreaterThan(0);
        for (const b of blocks) {
          if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_MAX_HEADER_TEXT);
          if (b.type === 'context') {
            expect(b.elements.length).toBeLessThanOrEqual(SLACK_MAX_CONTEXT_ELEMENTS);
            for (const e of b.elements) expect(e.text.length).toBeLessThanOrEqual(SLACK_MAX_TEXT_OBJECT);
          }
          if (b.type === 'section' && b.fields) {
            expect(b.fields.length).toBeLessThanOrEqual(SLACK_MAX_FIELDS_PER_SECTION);
            for (const f of b.fields) expect(f.text.length).toBeLessThanOrEqual(SLACK_MAX_FIELD_TEXT);
          }
          if (b.type === 'section' && b.text) {
            expect(b.text.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_TEXT);
            expect(b.text.text.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never emits a control sequence (no raw <, so no <!…>, <@…>, <#…> or links) from user text', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        const { blocks, text } = renderSlackBlocks(reply);
        for (const t of [text, ...textsOf(blocks)]) {
          // A `>` opening a line is the renderer's own block-quote mark; any other is user text.
          expect(t.replace(/^>/gm, '')).not.toMatch(/[<>]/);
          // Every & starts one of the three entities: nothing a user typed can be decoded into < or >.
          expect(t.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws and always answers with a header first', () => {
    fc.assert(
      fc.property(replyArb, (reply) => {
        const out = renderSlackMessage(reply);
        expect(out.blocks[0]?.type).toBe('header');
        expect(['in_channel', 'ephemeral']).toContain(out.response_type);
      }),
      { numRuns: 200 },
    );
  });
});
