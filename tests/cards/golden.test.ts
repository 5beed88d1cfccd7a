import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { type CardOptions, renderCardPages } from '../../src/cards/index.js';
import type { Reply } from '../../src/core/reply.js';
import { REPO_ROOT } from '../helpers.js';
import * as replies from './replies.js';

/**
 * Golden images: each card is compared with the PNG committed under tests/fixtures/cards/, pixel by
 * pixel with a tolerance (anti-aliasing and Skia versions move a few edge pixels, never a layout).
 * UPDATE_GOLDEN=1 rewrites them; a missing golden is written on first run (and fails in CI).
 */

const GOLDEN_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'cards');
/** Share of pixels allowed to differ beyond pixelmatch's colour threshold. */
const MAX_DIFF_RATIO = 0.005;

const cases: [string, Reply, CardOptions][] = [
  ['podium-1500m', replies.podium1500, {}],
  ['podium-1500m-light', replies.podium1500, { theme: 'light' }],
  ['podium-hard-names', replies.podiumHardNames, {}],
  ['podium-three-way-tie', replies.podiumTie, {}],
  ['podium-relay', replies.podiumRelay, {}],
  ['results-long', replies.resultsLong, {}],
  ['results-long-light', replies.resultsLong, { theme: 'light' }],
  ['quote-hocker', replies.quoteHocker, {}],
  ['quote-hocker-light', replies.quoteHocker, { theme: 'light' }],
  ['quote-rtl-emoji', replies.quoteRtl, {}],
  ['quote-long', replies.quoteLong, {}],
];

function compare(name: string, png: Buffer): void {
  const file = path.join(GOLDEN_DIR, `${name}.png`);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    if (process.env.CI && !process.env.UPDATE_GOLDEN) throw new Error(`golden image missing: ${file}`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, png);
    return;
  }
  const want = PNG.sync.read(readFileSync(file));
  const got = PNG.sync.read(png);
  expect({ width: got.width, height: got.height }, `${name} size`).toEqual({
    width: want.width,
    height: want.height,
  });
  const diff = new PNG({ width: want.width, height: want.height });
  const bad = pixelmatch(want.data, got.data, diff.data, want.width, want.height, { threshold: 0.1 });
  if (bad / (want.width * want.height) > MAX_DIFF_RATIO) {
    writeFileSync(path.join(REPO_ROOT, 'var', `${name}.diff.png`), PNG.sync.write(diff));
    writeFileSync(path.join(REPO_ROOT, 'var', `${name}.actual.png`), png);
  }
  expect(bad / (want.width * want.height), `${name}: ${bad} pixels differ (see var/)`).toBeLessThanOrEqual(
    MAX_DIFF_RATIO,
  );
}

describe('cards match their golden images', () => {
  mkdirSync(path.join(REPO_ROOT, 'var'), { recursive: true });
  for (const [name, reply, options] of cases) {
    it(`draws ${name} as the golden image shows`, async () => {
      const pages = await renderCardPages(reply, options);
      expect(pages.length).toBeGreaterThan(0);
      for (const [i, page] of pages.entries()) {
        compare(pages.length > 1 ? `${name}-p${i + 1}` : name, page.png);
      }
    });
  }

  it('draws cards about 1000 px wide at 2× for sharpness', async () => {
    const [card] = await renderCardPages(replies.podium1500);
    const png = PNG.sync.read(card?.png ?? Buffer.alloc(0));
    expect(png.width).toBe(2000);
    expect(png.height).toBeGreaterThan(600);
    expect(png.height).toBeLessThan(1600);
  });
});
