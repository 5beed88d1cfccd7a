import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

async function podium(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Every subcommand and the flags its parser accepts: each must be on its help page. */
const FLAGS: Record<string, string[]> = {
  start: [],
  ask: ['--format', '-f'],
  ingest: ['--published', '--into'],
  discord: ['--guild', 'commands', 'deploy'],
  slack: ['--format', '--mode', '--url', 'manifest'],
};

describe('podium <command> --help', () => {
  for (const [verb, flags] of Object.entries(FLAGS)) {
    it(`podium ${verb} --help prints its page, with every flag, and exits 0`, async () => {
      for (const argv of [
        [verb, '--help'],
        [verb, '-h'],
        ['help', verb],
      ]) {
        const { code, stdout, stderr } = await podium(argv);
        expect(code).toBe(0);
        expect(stderr).toBe('');
        expect(stdout).toMatch(new RegExp(`^Usage: podium ${verb}`));
        for (const flag of flags) expect(stdout).toContain(flag);
      }
    });
  }

  it('finds --help after other arguments (podium slack manifest --help), not after --', async () => {
    expect((await podium(['slack', 'manifest', '--help'])).stdout).toContain('--url URL');
    expect((await podium(['ask', '/podium 1500m', '--help'])).stdout).toContain('--format');
  });

  it('lists every subcommand flag in the overview', async () => {
    const { code, stdout } = await podium(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--format', '--published', '--into', '--guild', '--mode', '--url'])
      expect(stdout).toContain(flag);
  });

  it('never crashes on arbitrary arguments before --help', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FLAGS)),
        fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
        async (verb, args) => {
          const { code, stdout } = await podium([verb, ...args.filter((a) => a !== '--'), '--help']);
          expect(code).toBe(0);
          expect(stdout).toMatch(/^Usage: podium/);
        },
      ),
      { numRuns: 50 },
    );
  });
});
