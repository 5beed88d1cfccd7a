import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { main } from '../../../src/cli.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe('podium CLI, Slack verbs', () => {
  it('prints the Socket Mode manifest as YAML', async () => {
    const { code, out } = await run(['slack', 'manifest', '--format', 'yaml', '--mode', 'socket']);
    expect(code).toBe(0);
    const manifest = parseYaml(out) as { settings: { socket_mode_enabled: boolean } };
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('exits 2 with a usage message for HTTP mode without a URL', async () => {
    const { code, err } = await run(['slack', 'manifest', '--mode', 'http']);
    expect(code).toBe(2);
    expect(err).toContain('--url');
  });

  it('prints the exact payload the Slack adapter would send for podium ask --format slack', async () => {
    const { code, out } = await run(['ask', '/quote hocker', '--format', 'slack']);
    expect(code).toBe(0);
    const payload = JSON.parse(out) as { response_type: string; blocks: unknown[]; text: string };
    expect(payload.response_type).toBe('in_channel');
    expect(payload.blocks.length).toBeGreaterThan(1);
    expect(payload.text).toContain('Hocker');
  });
});
