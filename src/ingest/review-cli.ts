/**
 * `podium review <draft>` and `podium publish <draft>`: the two steps between `podium ingest --into`
 * and the bot answering about a report. Exit codes: 0 done, 1 the draft or the data needs fixing
 * (a bad edit, a conflict), 2 usage.
 */
import { parseArgs } from 'node:util';
import { DataError } from '../core/errors.js';
import { loadKnowledgeBase } from '../core/load.js';
import { dataFolderOf, PublishError, publishDraft, readDraft } from './publish.js';
import { reviewSheet } from './review-sheet.js';

/** Where the commands write. */
export interface ReviewIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const REVIEW_USAGE = `usage: podium review <data/drafts/draft.json>
  prints a review sheet: the source, the event, each result, each quote with its speaker,
  confidence and the paragraph it came from, and what was left out and why.
  Edit the JSON to fix it, then: podium publish <draft>`;

const PUBLISH_USAGE = `usage: podium publish <data/drafts/draft.json>
  validates the (edited) draft, merges it into the data folder above drafts/, removes the draft
  flags and the draft file, and says what it added. A fact that contradicts the data (another
  mark for a known result) stops it, and nothing is changed.`;

/** Parses `<draft>` or --help; returns the file, or an exit code already reported. */
function draftArg(verb: string, usage: string, argv: string[], io: ReviewIo): string | number {
  let parsed: ReturnType<
    typeof parseArgs<{ options: { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    io.stderr(`podium ${verb}: ${(err as Error).message}\n${usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    io.stderr(`podium ${verb}: ${file ? 'one draft at a time' : 'which draft?'}\n${usage}\n`);
    return 2;
  }
  return file;
}

/** Reports a failure the operator can fix; anything else is a bug and is rethrown. */
function failure(verb: string, err: unknown, io: ReviewIo): number {
  if (err instanceof PublishError) {
    io.stderr(`podium ${verb}: ${err.message}\n`);
    return 1;
  }
  if (err instanceof DataError) {
    io.stderr(`podium ${verb}: ${err.file}: ${err.jsonPath}: expected ${err.expected}\n`);
    return 1;
  }
  throw err;
}

/** Runs `podium review` with the arguments after "review". */
export async function runReviewCli(argv: string[], io: ReviewIo): Promise<number> {
  const file = draftArg('review', REVIEW_USAGE, argv, io);
  if (typeof file === 'number') return file;
  try {
    const { bundle } = await readDraft(file);
    const kb = await loadKnowledgeBase(dataFolderOf(file));
    io.stdout(`${reviewSheet(file, bundle, kb)}\n`);
    return 0;
  } catch (err) {
    return failure('review', err, io);
  }
}

/** Runs `podium publish` with the arguments after "publish". */
export async function runPublishCli(argv: string[], io: ReviewIo): Promise<number> {
  const file = draftArg('publish', PUBLISH_USAGE, argv, io);
  if (typeof file === 'number') return file;
  try {
    const s = await publishDraft(file);
    const lines = [
      s.file ? `published ${file} as ${s.file}` : `published ${file}`,
      s.sources.length ? `  source: ${s.sources.join(', ')}` : null,
      s.events.length ? `  new event: ${s.events.join(', ')}` : null,
      s.athletes.length ? `  new athletes (${s.athletes.length}): ${s.athletes.join(', ')}` : null,
      `  quotes: ${s.quotes}`,
      s.placings.length ? `  placings added to known events: ${s.placings.join(', ')}` : null,
      s.updated.length ? `  updated: ${s.updated.join(', ')}` : null,
      `  removed ${file}; the bot serves it from its next start`,
    ];
    io.stdout(`${lines.filter((l) => l !== null).join('\n')}\n`);
    return 0;
  } catch (err) {
    return failure('publish', err, io);
  }
}
