import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.js';

describe('the podium bin in a checkout', () => {
  it('links node_modules/.bin/podium to this repository, so `npx podium` never fetches the registry package of that name', () => {
    const link = path.join(REPO_ROOT, 'node_modules', '.bin', 'podium');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const target = path.resolve(path.dirname(link), readlinkSync(link));
    expect(
      path.relative(realpathSync(REPO_ROOT), realpathSync(path.dirname(path.dirname(path.dirname(target))))),
    ).toBe('');
    expect(target.endsWith(path.join('dist', 'src', 'bin.js'))).toBe(true);
  });
});
