/**
 * The review sheet of a draft: what `podium ingest --into` proposes, in the order a reviewer checks
 * it — the source, the event, each result, each quote with its speaker, confidence and the
 * paragraph it came from, and what was left out and why.
 */
import type { KnowledgeBase } from '../core/knowledge-base.js';
import type { Bundle, SportEvent } from '../core/schema.js';
import { checkPlacings } from './publish.js';

const WIDTH = 96;

/** Wraps text to the sheet's width with an indent (long words are kept whole). */
function wrap(text: string, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/gu, ' ').trim().split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > WIDTH) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out.join('\n');
}

/** Strips control characters so an edited draft cannot move the terminal's cursor. */
function clean(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, '');
}

function eventLine(e: SportEvent): string {
  const sex = e.sex === 'men' ? "Men's" : e.sex === 'women' ? "Women's" : 'Mixed';
  return `${sex} ${e.discipline} ${e.round} — ${e.edition} · ${e.venue}, ${e.city} · ${e.date}`;
}

/** Renders the sheet for a draft file (already validated), against the published knowledge base. */
export function reviewSheet(file: string, draft: Bundle, kb: KnowledgeBase): string {
  const review = draft.review;
  const out: string[] = [];
  const name = (id: string) =>
    draft.athletes?.find((a) => a.id === id)?.name ?? kb.athlete(id)?.name ?? `? ${id} (unknown id)`;
  const isNew = (id: string) => (draft.athletes?.some((a) => a.id === id) ? ' [new person]' : '');

  out.push(`Draft ${file}${review?.article ? ` — from ${review.article}` : ''}`);
  out.push('Nothing here is served until it is published.');
  out.push('');
  const source = draft.sources?.[0];
  const sourceId = source?.id ?? draft.quotes?.[0]?.source ?? draft.events?.[0]?.sources[0] ?? null;
  const known = sourceId ? kb.source(sourceId) : undefined;
  const cited = source ?? known;
  out.push(
    cited
      ? `Source: “${clean(cited.title)}”${cited.publisher ? `, ${clean(cited.publisher)}` : ''}, ${cited.published}${source ? ' [new]' : ' [already known]'}`
      : 'Source: none',
  );

  const newEvent = draft.events?.[0];
  const knownEventId =
    review?.results.find((r) => r.event)?.event ?? draft.quotes?.find((q) => q.event)?.event;
  if (newEvent) out.push(`Event: ${clean(eventLine(newEvent))} [new event ${newEvent.id}]`);
  else if (knownEventId && kb.event(knownEventId))
    out.push(`Event: ${eventLine(kb.event(knownEventId) as SportEvent)} [known: ${knownEventId}]`);
  else out.push('Event: none (quotes are kept without one)');

  const results = [
    ...(newEvent?.results.map((r) => ({
      line: `${r.place ?? r.status ?? '–'}. ${clean(name(r.athlete ?? r.team?.name ?? r.country))} (${r.country})  ${r.mark ?? '—'}${r.records.length ? `  [${r.records.join(', ')}]` : ''}`,
      tag: isNew(r.athlete ?? '').trim(),
    })) ?? []),
    ...checkPlacings(kb, review?.results ?? []).map((c) => {
      const p = c.placing;
      const tag =
        c.state === 'same'
          ? 'matches the data'
          : c.state === 'new'
            ? 'to be added'
            : c.state === 'unlinked'
              ? 'not linked to a known athlete: left out'
              : `CONFLICT: the data says ${c.known?.place}. ${c.known?.mark ?? ''}`.trim();
      return {
        line: `${p.place}. ${clean(p.name)} (${p.country ?? '?'})  ${p.mark ?? '—'}${p.records.length ? `  [${p.records.join(', ')}]` : ''}`,
        tag,
      };
    }),
  ];
  out.push('', `Results (${results.length})`);
  if (results.length === 0) out.push('  none');
  for (const r of results) out.push(`  ${r.line.padEnd(48)} ${r.tag}`.trimEnd());

  const quotes = draft.quotes ?? [];
  out.push('', `Quotes (${quotes.length})`);
  if (quotes.length === 0) out.push('  none');
  quotes.forEach((q, i) => {
    const how = review?.quotes.find((r) => r.id === q.id);
    const confidence = how ? how.confidence.toFixed(2) : '?';
    out.push(
      `  ${i + 1}. ${clean(name(q.speaker))}${isNew(q.speaker)} — confidence ${confidence}, ${q.channel ?? 'channel unknown'}, paragraph ${q.paragraph ?? '?'}  ($.quotes[${i}])`,
    );
    out.push(wrap(`“${clean(q.text)}”`, '     '));
    if (how?.paragraph) out.push(wrap(`from the paragraph: ${clean(how.paragraph)}`, '       │ '));
  });

  if (review?.linked.length) {
    out.push('', 'Linked to what Podium already knows');
    for (const l of review.linked) out.push(`  • ${clean(l)}`);
  }
  out.push('', `Left out (${review?.leftOut.length ?? 0})`);
  if (!review?.leftOut.length) out.push('  nothing');
  for (const l of review?.leftOut ?? []) out.push(wrap(`• ${clean(l)}`, '  '));
  out.push(
    '',
    `Next: fix or delete entries in ${file} (a wrong speaker: change "speaker" to the right id; a quote that is not one: delete it),`,
    `then: podium publish ${file}`,
  );
  return out.join('\n');
}
