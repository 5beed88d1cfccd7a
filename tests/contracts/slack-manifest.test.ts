/**
 * The manifest `podium slack manifest` prints, validated against Slack's own manifest schemas
 * (../shared/specs, read in place, never copied).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { commands } from '../../commands/index.js';
import { runSlackCli } from '../../src/adapters/slack/cli.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { addFormats, REPO_ROOT, sharedAvailable } from '../helpers.js';

const SPECS = path.resolve(REPO_ROOT, '../shared/specs');
// The schemas are only beside the checkout (global-setup says so once); in CI they are required.
const SHARED = sharedAvailable();
const schemaFiles = (SHARED ? readdirSync(SPECS) : []).filter((f) =>
  /^slack-manifest\.schema\..*\.json$/.test(f),
);

async function printed(argv: string[]): Promise<string> {
  let out = '';
  const code = await runSlackCli(argv, {
    config: loadConfig({}),
    logger: createLogger('silent'),
    io: { stdout: (s) => (out += s), stderr: () => undefined },
  });
  expect(code).toBe(0);
  return out;
}

describe.runIf(SHARED)('slack manifest contract', () => {
  it('finds Slack’s manifest schemas beside the checkout', () => {
    expect(schemaFiles.length).toBeGreaterThan(0);
  });

  const cases: Array<[string, string[]]> = [
    ['Socket Mode, JSON', ['manifest']],
    ['Socket Mode, YAML', ['manifest', '--format', 'yaml']],
    ['HTTP mode, JSON', ['manifest', '--url', 'https://podium.example.org']],
    [
      'HTTP mode, YAML',
      ['manifest', '--format', 'yaml', '--mode', 'http', '--url', 'https://podium.example.org/'],
    ],
  ];

  for (const file of schemaFiles) {
    const schema = JSON.parse(readFileSync(path.join(SPECS, file), 'utf8')) as object;
    // draft-07 schemas: ajv's default build; strict off because the schemas use non-standard keywords.
    // Formats such as "uri" are checked (ajv-formats).
    const validate = addFormats(new Ajv({ strict: false, allErrors: true })).compile(schema);
    it(`rejects a broken manifest with ${file} (the validator has teeth)`, async () => {
      const manifest = JSON.parse(await printed(['manifest']));
      manifest.features.slash_commands[0].command = 'quote-without-a-slash';
      manifest.display_information.name = 'x'.repeat(36);
      expect(validate(manifest)).toBe(false);
    });
    for (const [label, argv] of cases) {
      it(`prints a ${label} manifest that is valid against ${file}`, async () => {
        const text = await printed(argv);
        const manifest = argv.includes('yaml') ? parseYaml(text) : JSON.parse(text);
        const ok = validate(manifest);
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      });
    }
  }

  it('declares every registry command, with its description and a usage hint', async () => {
    const manifest = JSON.parse(await printed(['manifest'])) as {
      features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string }> };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const c of commands) {
      const entry = manifest.features.slash_commands.find((s) => s.command === `/${c.name}`);
      expect(entry?.description).toBe(c.description);
      if (c.options.length > 0) expect(entry?.usage_hint).toBeTruthy();
    }
  });
});
