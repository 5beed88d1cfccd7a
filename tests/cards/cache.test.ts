import { describe, expect, it } from 'vitest';
import { clearCardCache, renderCard } from '../../src/cards/index.js';
import type { Reply } from '../../src/core/reply.js';
import * as replies from './replies.js';

/** The card cache: a repeat is served from it, and any change to the reply or options draws anew. */
describe('card cache by reply fingerprint', () => {
  it('serves the same card for an equal reply and a fresh one when the reply or theme changes', async () => {
    clearCardCache();
    const first = await renderCard(replies.podium1500);
    const again = await renderCard(structuredClone(replies.podium1500));
    expect(again).toBe(first);
    const changed: Reply = { ...replies.podium1500, title: `${replies.podium1500.title} (updated)` };
    const other = await renderCard(changed);
    expect(other?.png.equals(first?.png ?? Buffer.alloc(0))).toBe(false);
    const light = await renderCard(replies.podium1500, { theme: 'light' });
    expect(light).not.toBe(first);
  });

  it('keeps only the most recent cards', async () => {
    clearCardCache();
    const first = await renderCard(replies.quoteHocker);
    for (let i = 0; i < 20; i++) await renderCard({ ...replies.quoteHocker, title: `q${i}` });
    expect(await renderCard(replies.quoteHocker)).not.toBe(first);
  });
});
