import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCardPages } from '../../cards/index.js';
import type { Reply } from '../../core/reply.js';

/**
 * Writes a reply's card to `file` (a long results card's further pages beside it as
 * name-2.png, name-3.png, …). Resolves to the paths written; none when the reply has no card.
 */
export async function saveCard(reply: Reply, file: string): Promise<string[]> {
  const pages = await renderCardPages(reply);
  if (pages.length === 0) return [];
  const ext = path.extname(file) || '.png';
  const stem = file.slice(0, file.length - path.extname(file).length);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const written: string[] = [];
  for (const [i, page] of pages.entries()) {
    const target = i === 0 ? file : `${stem}-${i + 1}${ext}`;
    await writeFile(target, page.png);
    written.push(target);
  }
  return written;
}
