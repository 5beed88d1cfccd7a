import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { answerLine } from '../../src/adapters/console/console.js';
import { renderText } from '../../src/adapters/console/render.js';
import type { Reply } from '../../src/core/reply.js';
import { runCommand } from '../../src/core/run-command.js';
import { createLogger } from '../../src/logger.js';
import { testContext } from '../helpers.js';

const NASTY = [
  '',
  ' ',
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<!channel>',
  '<!here>',
  '**bold** __under__ ~~strike~~ `code` ```block```',
  '[link](https://example.com)',
  "'; DROP TABLE quotes; --",
  '" OR 1=1 --',
  '\u202eevil\u202c',
  '\u0000\u0007\u001b[31mred',
  '👨‍👩‍👧‍👦🇳🇴',
  'Ingebrigtsen\u200b',
  'x'.repeat(10_000),
  '/podium /podium /podium',
  'athlete: keyword:',
  '"unbalanced',
];

/** Strings users might type: arbitrary Unicode, nasty fixtures, and both glued together. */
const userText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(...NASTY),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 50 })).map(([a, b]) => `${a} ${b}`),
  fc.string({ minLength: 1000, maxLength: 12_000 }),
);

const MASS_MENTION = /@(everyone|here|channel)\b/i;
const STACK = /\n\s+at .+:\d+|Error:|TypeError|ReferenceError/;

function assertSafe(reply: Reply): void {
  expect(reply.title.length).toBeGreaterThan(0);
  expect(reply.title).not.toBe('Something went wrong');
  const text = renderText(reply);
  expect(text).not.toMatch(MASS_MENTION);
  expect(text).not.toMatch(STACK);
  expect(text.length).toBeLessThan(6000);
}

const logger = createLogger('silent');

describe('every command under arbitrary input', () => {
  for (const command of commands) {
    it(`/${command.name} answers typed text with a clear reply, never a crash, stack or mass mention`, async () => {
      const ctx = await testContext();
      await fc.assert(
        fc.asyncProperty(userText, async (text) => {
          assertSafe(await answerLine(`/${command.name} ${text}`, { context: () => ctx, logger }));
        }),
        { numRuns: 150 },
      );
    });

    it(`/${command.name} answers arbitrary option values (as platforms deliver them) safely`, async () => {
      const ctx = await testContext();
      const optionValues = fc.record(
        Object.fromEntries(
          command.options.map((o) => [
            o.name,
            o.type === 'integer'
              ? fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), userText)
              : fc.oneof(userText, fc.constant(undefined)),
          ]),
        ),
      );
      await fc.assert(
        fc.asyncProperty(optionValues, async (args) => {
          assertSafe(await runCommand(command, ctx, args as Record<string, string | number | undefined>));
        }),
        { numRuns: 150 },
      );
    });
  }
});
