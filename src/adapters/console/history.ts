import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Lines kept across runs. */
export const HISTORY_SIZE = 500;

/**
 * The REPL's history file: earlier lines (newest first, as readline wants them) and a way to add
 * one. A file that cannot be read or written only means no history: never an error at the prompt.
 */
export function openHistory(file: string | null): { lines: string[]; add(line: string): void } {
  if (!file) return { lines: [], add: () => undefined };
  let lines: string[] = [];
  try {
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    // No file yet (first run) or unreadable: start empty.
  }
  let added = 0;
  return {
    lines,
    add(line) {
      const clean = line.replace(/[\r\n]+/g, ' ').trim();
      if (clean === '' || clean.length > 1000) return;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        appendFileSync(file, `${clean}\n`, { mode: 0o600 });
        // Keep the file bounded: rewrite it with the newest lines now and then.
        if (++added % 100 === 0) {
          const all = readFileSync(file, 'utf8').split('\n').filter(Boolean);
          if (all.length > HISTORY_SIZE * 2) writeFileSync(file, `${all.slice(-HISTORY_SIZE).join('\n')}\n`);
        }
      } catch {
        // Read-only folder, full disk: the session goes on without saving.
      }
    },
  };
}
