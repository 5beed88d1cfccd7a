/**
 * `podium ingest <article.txt> [--published YYYY-MM-DD] [--into DIR]`: print the draft as JSON, or
 * write it into the knowledge base folder as a draft data file for review.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataError } from '../core/errors.js';
import { KnowledgeBase, type LoadedBundle } from '../core/knowledge-base.js';
import { BundleSchema } from '../core/schema.js';
import { parseBundle } from '../core/validate.js';
import { extractArticle } from './extract.js';
import { isoDate, splitArticle } from './paragraphs.js';
import { checkPlacings } from './publish.js';
import { bundleSlug, draftSourceId, draftToBundle, IngestError, writeDraftBundle } from './write-bundle.js';

/** Where the command writes. */
export interface IngestIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: podium ingest <article.txt> [--published YYYY-MM-DD] [--into DIR]
  prints the draft (source, event, results, quotes) as JSON;
  --into DIR writes it as DIR/drafts/<slug>.json, marked as a draft for review`;

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

/** Every data file under dir except schema/ and the one about to be rewritten. */
async function loadBundles(dir: string, skip: string | null): Promise<LoadedBundle[]> {
  const out: LoadedBundle[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'schema' && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.name.endsWith('.json') && path.resolve(full) !== skip) {
        out.push(parseBundle(path.relative(process.cwd(), full) || full, await readFile(full, 'utf8')));
      }
    }
  };
  await walk(dir);
  return out;
}

/** Runs `podium ingest` with the arguments after "ingest"; returns the exit code (0 ok, 1 data, 2 usage). */
export async function runIngestCli(argv: string[], io: IngestIo): Promise<number> {
  let values: { published?: string; into?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        published: { type: 'string' },
        into: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (err) {
    io.stderr(`podium ingest: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const [article, ...extra] = positionals;
  if (!article || extra.length > 0) {
    io.stderr(
      `podium ingest: ${article ? `one article at a time (got ${positionals.length})` : 'which article?'}\n${USAGE}\n`,
    );
    return 2;
  }
  if (values.published !== undefined && !validDate(values.published)) {
    io.stderr(`podium ingest: --published needs a date as YYYY-MM-DD, got "${values.published}"\n`);
    return 2;
  }

  let text: string;
  try {
    text = await readFile(article, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    io.stderr(`podium ingest: cannot read ${article}: ${why}\n`);
    return 2;
  }

  const { draft, extras } = extractArticle(text, { published: values.published ?? null });
  if (values.into === undefined) {
    io.stdout(`${JSON.stringify(draft, null, 2)}\n`);
    return 0;
  }

  const dir = values.into;
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    io.stderr(`podium ingest: --into ${dir}: no such folder (point it at the data folder, e.g. data/)\n`);
    return 2;
  }
  const provisional = draftSourceId(draft, article);
  const target = provisional ? path.resolve(dir, 'drafts', `${provisional}.json`) : null;
  try {
    const bundles = await loadBundles(dir, target);
    // Link to what is published only: a draft that leaned on another draft could not be
    // published before it.
    const kb = KnowledgeBase.fromBundles(bundles);
    const notes: string[] = [];
    const paragraphs = new Map(splitArticle(text).paragraphs.map((p) => [p.number, p.text]));
    const bundle = draftToBundle(draft, kb, {
      articlePath: article,
      city: extras.city,
      countries: extras.countries,
      paragraphText: (n) => paragraphs.get(n) ?? null,
      notes: (n) => notes.push(n),
    });
    // Refuse to write anything the knowledge base would not load.
    BundleSchema.parse(bundle);
    for (const n of notes) io.stderr(`note: ${n}\n`);
    // Placings for a known event that only repeat the data add nothing.
    const knownPlaces = checkPlacings(kb, bundle.review?.results ?? []).filter(
      (c) => c.state === 'new' || c.state === 'differs',
    ).length;
    if (!bundle.sources && !bundle.athletes && !bundle.events && !bundle.quotes && knownPlaces === 0) {
      io.stdout(`nothing new: the knowledge base in ${dir} already holds what this article says\n`);
      return 0;
    }
    const file = path.join(dir, 'drafts', `${bundleSlug(bundle)}.json`);
    KnowledgeBase.fromBundles(
      [...bundles.filter((b) => path.resolve(b.file) !== path.resolve(file)), { file, bundle }],
      { includeDrafts: true },
    );
    const written = await writeDraftBundle(bundle, dir);
    const count = (n: number | undefined, what: string) => `${n ?? 0} ${what}`;
    io.stdout(
      `wrote ${written} (draft for review): ${count(bundle.sources?.length, 'new source(s)')}, ${count(
        bundle.athletes?.length,
        'new athlete(s)',
      )}, ${count(bundle.events?.length, 'new event(s)')}, ${count(bundle.quotes?.length, 'quote(s)')}\n` +
        `next: podium review ${written}  (then edit it, and podium publish ${written})\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof IngestError) {
      io.stderr(`podium ingest: ${err.message}\n`);
      return 2;
    }
    if (err instanceof DataError) {
      io.stderr(`podium ingest: the data in ${dir} does not load: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
