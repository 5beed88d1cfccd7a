/** ANSI colours for the console's rendered text: medals, records, titles and sources. */

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const bold = wrap(1, 22);
const dim = wrap(2, 22);
const gold = wrap(33, 39);
const silver = wrap(37, 39);
const bronze = (s: string) => `\u001b[38;5;130m${s}\u001b[39m`;
const record = wrap(35, 39);
const worldRecord = (s: string) => bold(wrap(31, 39)(s));

/**
 * Colours a reply rendered by renderText: bold title, gold/silver/bronze result lines, record
 * codes ([WR] red, others magenta), dim sources. Only styles are added: without them the text is
 * exactly renderText's (NO_COLOR, pipes and files get it plain).
 */
export function colorize(text: string): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0) return bold(line);
      if (line.startsWith('Source: ')) return dim(line);
      const withRecords = line.replace(/\[(WR|OR|AR|NR|CR|MR|PB|SB)\]/g, (m, code: string) =>
        code === 'WR' ? worldRecord(m) : record(m),
      );
      if (line.startsWith('🥇')) return gold(withRecords);
      if (line.startsWith('🥈')) return silver(withRecords);
      if (line.startsWith('🥉')) return bronze(withRecords);
      return withRecords;
    })
    .join('\n');
}

/** Whether to colour output: allowed by configuration (NO_COLOR) and going to a terminal. */
export function useColor(allowed: boolean, output: { isTTY?: boolean }): boolean {
  return allowed && output.isTTY === true;
}
