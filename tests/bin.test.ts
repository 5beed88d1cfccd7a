import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('the podium bin in a checkout', () => {
  it('does not depend on itself (no link loop in node_modules, no file: dependency when published)', () => {
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain(pkg.name);
    expect(Object.values(pkg.dependencies).filter((v) => v.startsWith('file:'))).toEqual([]);
    expect(pkg.bin).toEqual({ podium: 'dist/src/bin.js' });
  });

  // npm exec runs the root project's own bin when the name matches: no link, no registry.
  it.runIf(existsSync(path.join(REPO_ROOT, pkg.bin.podium as string)))(
    'runs with npx podium from the checkout, offline',
    () => {
      const run = spawnSync('npm', ['exec', '--offline', '--', 'podium', '--version'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, npm_config_yes: 'false' },
      });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(
        (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
          .version,
      );
    },
  );
});
