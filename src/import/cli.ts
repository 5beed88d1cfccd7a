/**
 * `podium import <results.json>… [--into DIR]`: summarise each results file, or write it as
 * `DIR/<competition>/…`. A file that cannot be used gets one line on stderr and writes nothing.
 */
import { parseArgs } from 'node:util';
import { importFile, summarise, writeCompetition } from './index.js';
import { ImportError } from './model.js';

/** Where the command writes. */
export interface ImportIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: podium import <results.json>... [--into DIR]
  prints what each Tilastopaja results file holds (athlib or export dialect);
  --into DIR writes the competition's knowledge-base files to DIR/<competition>/`;

/** Runs `podium import`; returns the exit code (0 ok, 1 a file could not be used, 2 usage). */
export async function runImportCli(argv: string[], io: ImportIo): Promise<number> {
  let values: { into?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { into: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    }));
  } catch (err) {
    io.stderr(`podium import: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0 || values.into === '') {
    io.stderr(
      `podium import: ${positionals.length === 0 ? 'name a results file' : '--into needs a folder'}\n${USAGE}\n`,
    );
    return 2;
  }
  let failed = 0;
  for (const file of positionals) {
    try {
      const c = await importFile(file);
      const written = values.into ? await writeCompetition(c, values.into) : null;
      io.stdout(
        `${summarise(c)}\n${written ? `Wrote ${written}/ (sources, athletes, events, LICENSE.md)\n` : ''}`,
      );
    } catch (err) {
      if (!(err instanceof ImportError) && !(err as NodeJS.ErrnoException).code) throw err;
      failed++;
      io.stderr(`podium import: ${file}: ${(err as Error).message.split('\n')[0]}\n`);
    }
  }
  return failed ? 1 : 0;
}
