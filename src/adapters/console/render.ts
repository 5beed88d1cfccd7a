import { medalFor, type Reply, type ReplySource } from '../../core/reply.js';

const MEDAL_ICON = { gold: '🥇', silver: '🥈', bronze: '🥉' } as const;

/** "Headline — Publisher, 2024-08-06". */
export function citationText(s: ReplySource): string {
  return `${s.title}${s.publisher ? ` — ${s.publisher}` : ''}, ${s.date}`;
}

/** Renders a reply as plain text for a terminal: title, body, then its sources. */
export function renderText(reply: Reply): string {
  const out: string[] = [reply.title];
  if (reply.summary) out.push(reply.summary);
  if (reply.results?.length) {
    out.push('');
    for (const r of reply.results) {
      const medal = medalFor(r.place);
      const icon = medal ? MEDAL_ICON[medal] : `${r.place}.`;
      const country = r.country ? ` (${r.country})` : '';
      const records = r.records.length ? `  ${r.records.map((c) => `[${c}]`).join(' ')}` : '';
      out.push(`${icon} ${r.athlete}${country}${r.mark ? `  ${r.mark}` : ''}${records}`);
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
    out.push('', ...reply.sources.map((s) => `Source: ${citationText(s)}`));
  }
  return out.join('\n');
}
