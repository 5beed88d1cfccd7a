import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';

/**
 * The cards' PNG encoder: 8-bit RGBA, unfiltered rows, one zlib stream at level 1 compressed on
 * the libuv pool. Cards are mostly flat colour, which level 1 already squeezes to about what
 * Skia's encoder writes (~100 KB for a podium card) in a tenth of its time. Measured on the podium
 * card: Sub or Up row filters with level 1 or Z_RLE were no faster and 15–50% larger; Z_RLE on
 * unfiltered rows was 6× slower and 16× larger.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes of scanlines handed to zlib at a time. */
const PIECE = 120 * 1024;
/**
 * zlib's output buffer. At 256 KB (over glibc's 128 KB mmap threshold the bin sets) each has its
 * own mapping, returned to the OS when collected, instead of ~100 KB a card fragmenting the heap.
 */
const OUT_CHUNK = 256 * 1024;

/**
 * Smallest allocation the PNG gets. Cards freed between GCs left ~100 KB holes in glibc's main
 * heap that it could not give back (+27 MB RSS after 300 cold cards); from 128 KiB, under the
 * bin's MALLOC_MMAP_THRESHOLD_, each PNG has its own mapping, unmapped when it is collected.
 */
const OWN_MAPPING = 128 * 1024;

/** Piece pairs of finished encodes, reused by the next ones. */
const spare: Buffer[][] = [];

let table: Uint32Array | null = null;

/** CRC-32 (the PNG and zlib polynomial) for Node versions before zlib.crc32 (20.15, 22.2). */
export function crc32Fallback(data: Uint8Array, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = ~value >>> 0;
  for (let i = 0; i < data.length; i++) c = (table[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

const crc32: (data: Uint8Array) => number = typeof zlib.crc32 === 'function' ? zlib.crc32 : crc32Fallback;

/** Writes one PNG chunk (length, type, data, CRC of type and data) at `at`; returns its end. */
function putChunk(png: Buffer, at: number, type: string, parts: Uint8Array[]): number {
  let end = at + 8;
  for (const p of parts) {
    png.set(p, end);
    end += p.length;
  }
  png.writeUInt32BE(end - at - 8, at);
  png.write(type, at + 4, 'latin1');
  png.writeUInt32BE(crc32(png.subarray(at + 4, end)), end);
  return end + 4;
}

/**
 * A PNG of `height` rows of `width` straight (not premultiplied) RGBA pixels, `rgba` holding
 * them row after row. The rows go to zlib a piece at a time, each after its filter byte (0:
 * none), so no second copy of the picture is made; the compression runs on the libuv pool and
 * the event loop only copies the next piece meanwhile. `rgba` must not change until it resolves.
 */
export async function encodePng(width: number, height: number, rgba: Uint8Array): Promise<Buffer> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`PNG size must be positive integers, got ${width}×${height}`);
  }
  const stride = width * 4;
  if (width > 0x7fffffff / 4 || height > 0x7fffffff || rgba.length < stride * height) {
    throw new RangeError(`${width}×${height} RGBA needs ${stride * height} bytes, got ${rgba.length}`);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type RGBA; compression, filter and interlace methods stay 0

  const deflater = zlib.createDeflate({ level: 1, chunkSize: OUT_CHUNK });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = finished(deflater);
  const line = stride + 1;
  const rowsPer = Math.max(1, Math.floor(PIECE / line));
  // Two pieces: one being compressed while the next is filled.
  const pieces = spare.pop() ?? [Buffer.allocUnsafe(PIECE), Buffer.allocUnsafe(PIECE)];
  const inFlight: (Promise<unknown> | null)[] = [null, null];
  try {
    for (let y = 0, k = 0; y < height; y += rowsPer, k ^= 1) {
      await inFlight[k];
      const rows = Math.min(rowsPer, height - y);
      if ((pieces[k] as Buffer).length < rows * line) pieces[k] = Buffer.allocUnsafe(rows * line); // a row over PIECE
      const piece = pieces[k] as Buffer;
      for (let r = 0; r < rows; r++) {
        piece[r * line] = 0;
        piece.set(rgba.subarray((y + r) * stride, (y + r + 1) * stride), r * line + 1);
      }
      // zlib has taken a piece into its window once the write's callback runs; an error
      // reaches `done` (the callback gets it too, so nothing waits forever).
      inFlight[k] = new Promise((resolve) => deflater.write(piece.subarray(0, rows * line), resolve));
    }
    deflater.end();
    await done;
  } catch (err) {
    deflater.destroy(); // zlib may still hold the pieces: they are dropped, not reused
    throw err;
  }
  if (spare.length < 2) spare.push(pieces);
  let idat = 0;
  for (const b of out) idat += b.length;
  const size = SIGNATURE.length + (12 + 13) + (12 + 1) + (12 + idat) + 12;
  const png = Buffer.allocUnsafeSlow(Math.max(size, OWN_MAPPING)).subarray(0, size);
  let at = SIGNATURE.copy(png, 0);
  at = putChunk(png, at, 'IHDR', [header]);
  at = putChunk(png, at, 'sRGB', [Uint8Array.of(0)]); // perceptual, as Skia's encoder marks it
  at = putChunk(png, at, 'IDAT', out);
  putChunk(png, at, 'IEND', []);
  return png;
}
