import zlib from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { clearCardCache, renderCard } from '../../src/cards/index.js';
import { crc32Fallback, encodePng } from '../../src/cards/png.js';
import type { Reply } from '../../src/core/reply.js';
import * as replies from './replies.js';

/** Chunk types of a PNG, in order (the decoder below checks every CRC). */
function chunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < png.length; at += 12 + png.readUInt32BE(at))
    types.push(png.toString('latin1', at + 4, at + 8));
  return types;
}

describe('the cards PNG encoder', () => {
  it('round-trips any RGBA picture through a standard decoder', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 255 })),
        async (width, height, bytes) => {
          const rgba = Uint8Array.from(bytes.take(width * height * 4));
          const png = await encodePng(width, height, rgba);
          const back = PNG.sync.read(png, { checkCRC: true });
          expect([back.width, back.height]).toEqual([width, height]);
          expect(Buffer.from(back.data).equals(Buffer.from(rgba))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes 8-bit RGBA in one IDAT stream, rows wider than a piece and pictures of many pieces alike', async () => {
    for (const [width, height] of [
      [40_000, 3], // one row is more than a piece
      [1600, 200], // many pieces, the last one short
    ] as const) {
      const rgba = new Uint8Array(width * height * 4);
      for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 7 + (i >> 12)) & 255;
      const png = await encodePng(width, height, rgba);
      expect(chunkTypes(png)).toEqual(['IHDR', 'sRGB', 'IDAT', 'IEND']);
      expect([png[24], png[25]]).toEqual([8, 6]); // bit depth, colour type
      const back = PNG.sync.read(png, { checkCRC: true });
      expect(Buffer.from(back.data).equals(Buffer.from(rgba))).toBe(true);
    }
  });

  it('refuses sizes it cannot write and pixels too short for the size', async () => {
    for (const [w, h] of [
      [0, 1],
      [1, 0],
      [1.5, 2],
      [-1, 2],
      [Number.NaN, 1],
    ]) {
      await expect(encodePng(w as number, h as number, new Uint8Array(64))).rejects.toThrow(RangeError);
    }
    await expect(encodePng(4, 4, new Uint8Array(63))).rejects.toThrow(RangeError);
  });

  it('computes the PNG CRC-32 without zlib.crc32 (Node before 20.15) as zlib does', () => {
    expect(crc32Fallback(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Fallback(new Uint8Array(0))).toBe(0);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        if (typeof zlib.crc32 === 'function') expect(crc32Fallback(data)).toBe(zlib.crc32(data));
        const half = data.length >> 1; // it continues from a previous value, as zlib.crc32 does
        expect(crc32Fallback(data.subarray(half), crc32Fallback(data.subarray(0, half)))).toBe(
          crc32Fallback(data),
        );
      }),
    );
  });
});

describe('cards drawn on the shared canvas', () => {
  const mix: Reply[] = [replies.resultsLong, replies.podium1500, replies.quoteHocker, replies.podiumTie];

  it('are the same whether drawn one at a time, all at once, or after a taller card', async () => {
    clearCardCache();
    const alone: Buffer[] = [];
    for (const reply of [...mix].reverse()) {
      clearCardCache();
      alone.unshift((await renderCard(reply))?.png ?? Buffer.alloc(0));
    }
    clearCardCache();
    const together = await Promise.all(mix.map((reply) => renderCard(reply)));
    for (const [i, card] of together.entries()) expect(card?.png.equals(alone[i] as Buffer)).toBe(true);
  });

  it('are opaque RGBA PNGs with a single IDAT stream', async () => {
    clearCardCache();
    const card = await renderCard(replies.podium1500);
    const png = card?.png ?? Buffer.alloc(0);
    expect(chunkTypes(png)).toEqual(['IHDR', 'sRGB', 'IDAT', 'IEND']);
    const { data } = PNG.sync.read(png, { checkCRC: true });
    let opaque = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] === 255) opaque++;
    expect(opaque).toBeGreaterThan((data.length / 4) * 0.99);
  });
});
