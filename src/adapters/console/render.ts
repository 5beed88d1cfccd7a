import { typedLine } from '../../core/actions.js';
import { citation, placeLabel } from '../../core/presentation.js';
import type { Reply } from '../../core/reply.js';

/** Renders a reply as plain text for a terminal: title, body, then its sources. */
export function renderText(reply: Reply): string {
  const out: string[] = [reply.title];
  if (reply.summary) out.push(reply.summary);
  if (reply.results?.length) {
    out.push('');
    for (const r of reply.results) {
      const icon = placeLabel(r.place, r.status);
      const country = r.country ? ` (${r.country})` : '';
      const records = r.records.length ? `  ${r.records.map((c) => `[${c}]`).join(' ')}` : '';
      out.push(
        `${icon} ${r.athlete}${country}${r.mark ? `  ${r.mark}` : ''}${records}${r.detail ? `  ${r.detail}` : ''}`,
      );
    }
  }
  if (reply.quote) {
    out.push(
      '',
      ...reply.quote.text.split('\n').map((l) => `> ${l}`),
      `— ${reply.quote.speaker}${reply.quote.occasion ? `, ${reply.quote.occasion}` : ''}`,
    );
  }
  if (reply.fields?.length) {
    out.push('', ...reply.fields.map((f) => `${f.label}: ${f.value}`));
  }
  if (reply.lines?.length) out.push('', ...reply.lines.map((l) => `• ${l}`));
  if (reply.sources.length) {
    out.push('', ...reply.sources.map((s) => `Source: ${citation(s)}`));
  }
  if (reply.page && reply.page.count > 1) out.push('', `Page ${reply.page.index} of ${reply.page.count}`);
  // The terminal has nothing to press: each button is the command to type next.
  if (reply.actions?.length) {
    out.push('', ...reply.actions.map((a) => `[${a.label}] ${typedLine(a)}`));
  }
  return out.join('\n');
}
