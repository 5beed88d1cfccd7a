import { describe, expect, it } from 'vitest';
import type { Command, CommandArgs, OptionSpec } from '../../src/core/command.js';
import { runCommand } from '../../src/core/run-command.js';
import { testContext } from '../helpers.js';

function echoCommand(option: OptionSpec): Command {
  return {
    name: 'echo',
    description: 'Shows its arguments',
    options: [option],
    examples: ['/echo 9'],
    run: (_ctx, args: CommandArgs) => ({
      tone: 'info',
      title: JSON.stringify(args),
      sources: [],
      ephemeral: true,
    }),
  };
}

describe('an hour option', () => {
  it('reads hours as people type them, whatever the option is called', async () => {
    const command = echoCommand({
      name: 'at',
      description: 'When',
      type: 'integer',
      unit: 'hour',
      required: true,
      minValue: 0,
      maxValue: 23,
    });
    const ctx = await testContext();
    for (const [typed, hour] of [
      ['9', 9],
      ['09', 9],
      ['9:00', 9],
      ['9am', 9],
      ['9pm', 21],
      ['12am', 0],
      ['21h', 21],
    ] as const) {
      expect((await runCommand(command, ctx, { at: typed })).title).toBe(JSON.stringify({ at: hour }));
    }
  });

  it('is a plain whole number without the hour unit, even when named "hour"', async () => {
    const command = echoCommand({ name: 'hour', description: 'A number', type: 'integer', required: true });
    const reply = await runCommand(command, await testContext(), { hour: '9am' });
    expect(reply.tone).toBe('error');
    expect(reply.title).toBe('hour must be a whole number');
  });
});
