import zlib from 'node:zlib';

/**
 * A fast PNG encoder for cards. Skia's encoder (zlib level 6, adaptive filters) spent 75–110 ms on
 * a lightly loaded core for one 2000-px podium card; cards are large flat fills with text, which
 * plain deflate at a low level packs nearly as small in a fraction of the time.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/**
 * Encodes opaque RGBA pixels (as `canvas.data()` gives them; premultiplying changes nothing when
 * every alpha is 255) as an 8-bit RGBA PNG. Rows go unfiltered (a byte copy, no per-pixel loop in
 * JS) and zlib level 3 still finds the long flat runs; measured on the podium card this was ~10×
 * faster than Skia's encoder for ~1.1× the bytes.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const row = width * 4;
  const raw = Buffer.allocUnsafe((row + 1) * height);
  const src = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  for (let y = 0; y < height; y++) {
    const at = y * (row + 1);
    raw[at] = 0; // filter: None
    src.copy(raw, at + 1, y * row, (y + 1) * row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  const idat = zlib.deflateSync(raw, { level: 1 });
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
