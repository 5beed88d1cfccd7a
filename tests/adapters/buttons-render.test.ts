/**
 * Buttons in every renderer: exact output for a known reply, the platforms' limits for any reply,
 * and (where ../shared is present) Discord's OpenAPI for the interaction callbacks that carry them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionsBlock } from '@slack/types';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.js';
import {
  DISCORD_MAX_BUTTON_LABEL,
  DISCORD_MAX_CUSTOM_ID,
  DISCORD_MAX_ROW_BUTTONS,
  DISCORD_MAX_ROWS,
  renderDiscordComponents,
} from '../../src/adapters/discord/components.js';
import { renderDiscordMessage } from '../../src/adapters/discord/render.js';
import {
  renderSlackActions,
  SLACK_ACTION_PATTERN,
  SLACK_MAX_ACTION_ELEMENTS,
  SLACK_MAX_ACTION_ID,
  SLACK_MAX_BUTTON_TEXT,
  SLACK_MAX_BUTTON_VALUE,
} from '../../src/adapters/slack/actions.js';
import { renderSlackMessage, SLACK_MAX_BLOCKS } from '../../src/adapters/slack/render.js';
import { bindActions, type ReplyAction } from '../../src/core/actions.js';
import type { Reply } from '../../src/core/reply.js';
import { loadShippedKb, REPO_ROOT, sharedAvailable } from '../helpers.js';

const kb = await loadShippedKb();

const paged: Reply = bindActions(
  {
    tone: 'info',
    title: 'On this day: 6 August',
    lines: ['2024 — Men’s 1500m final, Paris 2024: Cole Hocker (USA) won in 3:27.65 (OR, PB)'],
    sources: [],
    ephemeral: false,
    page: { index: 2, count: 3 },
    actions: [
      { label: '◀ Previous', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 1 },
      { label: 'Next ▶', style: 'secondary', mode: 'update', line: '/onthisday 08-06', page: 3 },
      {
        label: 'Full results',
        style: 'primary',
        mode: 'new',
        line: '/results paris-2024-athletics-men-1500m-final',
      },
    ],
  },
  { kb, userId: '900000000000000003' },
  () => true,
);
const ids = paged.actions?.map((a) => a.id as string) ?? [];

const action: fc.Arbitrary<ReplyAction> = fc.record(
  {
    label: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('@everyone', '<!channel>', '   ', '**x**'),
    ),
    style: fc.constantFrom('primary', 'secondary'),
    mode: fc.constantFrom('update', 'new'),
    line: fc.string({ maxLength: 50 }),
    id: fc.string({ minLength: 1, maxLength: 2100 }),
  },
  { requiredKeys: ['label', 'style', 'mode', 'line'] },
);
const reply: fc.Arbitrary<Reply> = fc.record(
  {
    tone: fc.constantFrom('result', 'quote', 'info', 'miss', 'error', 'help'),
    title: fc.string({ maxLength: 50 }),
    lines: fc.array(fc.string({ maxLength: 3000 }), { maxLength: 60 }),
    sources: fc.constant([]),
    ephemeral: fc.boolean(),
    actions: fc.array(action, { maxLength: 40 }),
    page: fc.record({ index: fc.integer({ min: 1, max: 99 }), count: fc.integer({ min: 1, max: 99 }) }),
  },
  { requiredKeys: ['tone', 'title', 'lines', 'sources', 'ephemeral', 'actions'] },
);

describe('Discord buttons', () => {
  it('renders bound buttons as one action row of type 2 buttons, the page in the footer', () => {
    const message = renderDiscordMessage(paged);
    expect(message.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: '◀ Previous', custom_id: ids[0] },
          { type: 2, style: 2, label: 'Next ▶', custom_id: ids[1] },
          { type: 2, style: 1, label: 'Full results', custom_id: ids[2] },
        ],
      },
    ]);
    expect(message.embeds[0]?.footer?.text).toBe('Page 2 of 3');
  });

  it('sends no components for a reply without bound buttons', () => {
    const { actions: _a, ...bare } = paged;
    expect(renderDiscordMessage(bare).components).toBeUndefined();
    expect(
      renderDiscordMessage({ ...bare, actions: [{ label: 'x', style: 'primary', mode: 'new', line: '/x' }] })
        .components,
    ).toBeUndefined();
  });

  it('keeps every reply within Discord’s component limits', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const rows = renderDiscordComponents(r);
        expect(rows.length).toBeLessThanOrEqual(DISCORD_MAX_ROWS);
        for (const row of rows) {
          expect(row.type).toBe(1);
          expect(row.components.length).toBeGreaterThanOrEqual(1);
          expect(row.components.length).toBeLessThanOrEqual(DISCORD_MAX_ROW_BUTTONS);
          for (const b of row.components) {
            expect(b.label.length).toBeGreaterThanOrEqual(1);
            expect(b.label.length).toBeLessThanOrEqual(DISCORD_MAX_BUTTON_LABEL);
            expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_MAX_CUSTOM_ID);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Slack buttons', () => {
  it('renders bound buttons as an actions block before the page note', () => {
    const message = renderSlackMessage(paged);
    const actions: ActionsBlock | null = renderSlackActions(paged);
    expect(actions).toEqual({
      type: 'actions',
      block_id: 'podium-actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: '◀ Previous', emoji: true },
          action_id: 'podium-press-0',
          value: ids[0],
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Next ▶', emoji: true },
          action_id: 'podium-press-1',
          value: ids[1],
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Full results', emoji: true },
          action_id: 'podium-press-2',
          value: ids[2],
          style: 'primary',
        },
      ],
    });
    expect(message.blocks.slice(-2)).toEqual([
      actions,
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Page 2 of 3' }] },
    ]);
  });

  it('keeps every reply within Slack’s block and button limits', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const { blocks } = renderSlackMessage(r);
        expect(blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
        for (const b of blocks.filter((x) => x.type === 'actions')) {
          expect(b.elements.length).toBeLessThanOrEqual(SLACK_MAX_ACTION_ELEMENTS);
          const actionIds = b.elements.map((e) => e.action_id);
          expect(new Set(actionIds).size).toBe(actionIds.length);
          for (const e of b.elements) {
            expect(e.text.text.length).toBeGreaterThanOrEqual(1);
            expect(e.text.text.length).toBeLessThanOrEqual(SLACK_MAX_BUTTON_TEXT);
            expect(e.action_id.length).toBeLessThanOrEqual(SLACK_MAX_ACTION_ID);
            expect(e.action_id).toMatch(SLACK_ACTION_PATTERN);
            expect(e.value.length).toBeLessThanOrEqual(SLACK_MAX_BUTTON_VALUE);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('console buttons', () => {
  it('prints each button as the command to type next', () => {
    expect(renderText(paged).split('\n').slice(-6)).toEqual([
      '',
      'Page 2 of 3',
      '',
      '[◀ Previous] /onthisday 08-06',
      '[Next ▶] /onthisday 08-06 page:3',
      '[Full results] /results paris-2024-athletics-men-1500m-final',
    ]);
  });
});

const hasSpecs = sharedAvailable();
describe.skipIf(!hasSpecs)('Discord OpenAPI: interaction callbacks with buttons', () => {
  // A skipped describe still runs its body to collect tests: read the spec only where it exists.
  const spec = hasSpecs
    ? JSON.parse(readFileSync(path.resolve(REPO_ROOT, '../shared/specs/discord-openapi.json'), 'utf8'))
    : { components: { schemas: {} } };
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateSchema: false });
  ajv.addSchema(spec, 'discord');
  const schema = (name: string): ValidateFunction => {
    const v = ajv.getSchema(`discord#/components/schemas/${name}`);
    if (!v) throw new Error(`no schema ${name}`);
    return v;
  };
  const create = () => schema('CreateMessageInteractionCallbackRequest');
  const update = () => schema('UpdateMessageInteractionCallbackRequest');
  const expectValid = (v: ValidateFunction, data: unknown) =>
    expect(v(data), JSON.stringify(v.errors?.slice(0, 3))).toBe(true);

  it('accepts a new message (4) and an update (7) with buttons', () => {
    const data = renderDiscordMessage(paged);
    expectValid(create(), { type: 4, data });
    expectValid(update(), { type: 7, data: { ...data, flags: undefined } });
    expect(
      update()({
        type: 7,
        data: {
          ...data,
          components: [
            { type: 1, components: [{ type: 2, style: 1, label: 'x', custom_id: 'x'.repeat(101) }] },
          ],
        },
      }),
    ).toBe(false);
  });

  it('accepts the buttons of any reply', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const data = renderDiscordMessage(r);
        expectValid(create(), { type: 4, data });
        const { flags: _f, ...edit } = data;
        expectValid(update(), { type: 7, data: { ...edit, components: data.components ?? [] } });
      }),
      { numRuns: 150 },
    );
  });
});
