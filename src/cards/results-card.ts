import type { Reply } from '../core/reply.js';
import * as draw from './draw.js';
import { drawable } from './fonts.js';
import { type CardRow, cardHeading, cardRows } from './model.js';

/** Rows on one page of the results card; a longer field is paged rather than shrunk. */
export const ROWS_PER_PAGE = 12;
const ROW_HEIGHT = 46;
const RELAY_ROW_HEIGHT = 64;
const HEADER_ROW = 34;

/** How many pages the results card of this reply has (at least 1). */
export function resultsPageCount(reply: Reply): number {
  return Math.max(1, Math.ceil(cardRows(reply).length / ROWS_PER_PAGE));
}

function placeLabel(r: CardRow): string {
  if (r.place === null) return drawable(r.status ?? 'DNF');
  return `${r.tied ? '=' : ''}${r.place}`;
}

/** Renders one page of the results card: place, athlete, country, mark (wind), records. */
export async function renderResultsCard(reply: Reply, theme: draw.Theme, page: number): Promise<Buffer> {
  const all = cardRows(reply);
  const pages = Math.max(1, Math.ceil(all.length / ROWS_PER_PAGE));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = all.slice((p - 1) * ROWS_PER_PAGE, p * ROWS_PER_PAGE);
  const heading = cardHeading(reply);
  const head = draw.layoutHeading(draw.measuringContext(), heading, 'Results');
  const headH = draw.headingHeight(head.title.length, head.subtitle.length);
  const rowH = (r: CardRow) => (r.runners.length ? RELAY_ROW_HEIGHT : ROW_HEIGHT);
  const bodyH = HEADER_ROW + rows.reduce((h, r) => h + rowH(r), 0) + (rows.length ? 0 : ROW_HEIGHT);
  const height = headH + bodyH + 20 + draw.FOOTER_HEIGHT;
  const { canvas, ctx } = draw.startCard(height, theme);
  draw.drawHeading(ctx, theme, head);

  const hasWind = all.some((r) => r.wind);
  // Columns in logical pixels: place | athlete | country | mark | wind? | records.
  const xPlace = draw.PAD;
  const xName = draw.PAD + 64;
  const xRecords = draw.CARD_WIDTH - draw.PAD - 170;
  const xWind = hasWind ? xRecords - 76 : xRecords;
  const xMark = xWind - 130;
  const xCountry = xMark - 84;
  const nameW = xCountry - xName - 16;

  let y = headH;
  ctx.font = draw.font(13, true);
  ctx.fillStyle = theme.muted;
  const labels: [string, number][] = [
    ['PLACE', xPlace],
    ['ATHLETE', xName],
    ['NAT', xCountry],
    ['RECORDS', xRecords + 10],
  ];
  for (const [label, x] of labels) ctx.fillText(label, x, y + 22);
  draw.text(ctx, 'MARK', xMark, y + 22, xWind - xMark - 12, 'right');
  if (hasWind) draw.text(ctx, 'WIND', xWind, y + 22, 64, 'right');
  y += HEADER_ROW;

  rows.forEach((r, i) => {
    const h = rowH(r);
    const medal =
      r.place === 1 ? theme.gold : r.place === 2 ? theme.silver : r.place === 3 ? theme.bronze : null;
    if (i % 2 === 0) {
      ctx.fillStyle = theme.panel;
      ctx.fillRect(draw.PAD - 12, y, draw.CARD_WIDTH - 2 * draw.PAD + 24, h);
    }
    if (medal) {
      ctx.fillStyle = medal;
      ctx.fillRect(draw.PAD - 12, y, 5, h);
    }
    const base = y + 30;
    ctx.fillStyle = r.place === null ? theme.muted : theme.text;
    ctx.font = draw.font(19, true);
    draw.text(ctx, placeLabel(r), xPlace, base, 56);
    ctx.fillStyle = theme.text;
    ctx.font = draw.font(19, r.place !== null && r.place <= 3);
    draw.text(ctx, drawable(r.name), xName, base, nameW);
    if (r.runners.length) {
      ctx.font = draw.font(14);
      ctx.fillStyle = theme.muted;
      draw.text(ctx, drawable(r.runners.join(' · ')), xName, base + 20, nameW);
    }
    ctx.font = draw.font(16, true);
    ctx.fillStyle = theme.muted;
    draw.text(ctx, drawable(r.country ?? '—'), xCountry, base, 72);
    ctx.font = draw.font(19, true);
    ctx.fillStyle = r.mark ? theme.text : theme.muted;
    draw.text(ctx, drawable(r.mark ?? '—'), xMark, base, xWind - xMark - 12, 'right');
    if (hasWind && r.wind) {
      ctx.font = draw.font(15);
      ctx.fillStyle = theme.muted;
      draw.text(ctx, drawable(r.wind), xWind, base, 64, 'right');
    }
    draw.badges(ctx, r.records, xRecords + 10, base - 2, draw.CARD_WIDTH - draw.PAD);
    y += h;
  });
  if (rows.length === 0) {
    ctx.fillStyle = theme.muted;
    ctx.font = draw.font(19);
    draw.text(ctx, 'No placings recorded', draw.PAD, y + 30, draw.CARD_WIDTH - 2 * draw.PAD, 'center');
  }
  draw.drawFooter(ctx, theme, height, heading, pages > 1 ? `Page ${p} of ${pages}` : '');
  return draw.toPng(canvas);
}
