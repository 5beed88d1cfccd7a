import type { SKRSContext2D } from '@napi-rs/canvas';
import type { Reply } from '../core/reply.js';
import {
  badges,
  CARD_WIDTH,
  drawFooter,
  drawHeading,
  FOOTER_HEIGHT,
  font,
  headingHeight,
  layoutHeading,
  measuringContext,
  PAD,
  startCard,
  type Theme,
  text,
  toPng,
  wrap,
} from './draw.js';
import { drawable } from './fonts.js';
import { type CardRow, cardHeading, cardRows } from './model.js';

/** Step heights by place: gold in the middle and highest. */
const STEP_HEIGHT: Record<number, number> = { 1: 150, 2: 108, 3: 76 };
/** Athletes shown on one step before "+N more" (a tie can put many on one step). */
const MAX_PER_STEP = 4;
const GAP = 16;

interface Block {
  row: CardRow;
  name: string[];
  runners: string[];
}

interface Step {
  place: number;
  blocks: Block[];
  more: number;
}

function medalColour(theme: Theme, place: number): string {
  return place === 1 ? theme.gold : place === 2 ? theme.silver : theme.bronze;
}

/** Athlete block height: name lines, relay runners, then a line for country + mark and one for badges. */
function blockHeight(b: Block, compact: boolean): number {
  return (
    b.name.length * (compact ? 24 : 28) + b.runners.length * 20 + 34 + (b.row.records.length ? 28 : 0) + 10
  );
}

function layoutSteps(ctx: SKRSContext2D, rows: CardRow[], colWidth: number): Step[] {
  const byPlace = new Map<number, CardRow[]>();
  for (const r of rows) {
    if (r.place === null || r.place > 3) continue;
    byPlace.set(r.place, [...(byPlace.get(r.place) ?? []), r]);
  }
  // Classic order: silver left, gold centre, bronze right; places nobody holds (after a tie) drop out.
  const steps: Step[] = [];
  for (const place of [2, 1, 3]) {
    const here = byPlace.get(place);
    if (!here) continue;
    const shown = here.slice(0, MAX_PER_STEP);
    const compact = shown.length > 1;
    const blocks = shown.map((row) => {
      ctx.font = font(compact ? 19 : 23, true);
      const name = wrap(ctx, drawable(row.name), colWidth, compact ? 1 : 2);
      ctx.font = font(15);
      const runners = row.runners.length
        ? wrap(ctx, drawable(row.runners.join(' · ')), colWidth, compact ? 1 : 3)
        : [];
      return { row, name, runners };
    });
    steps.push({ place, blocks, more: here.length - shown.length });
  }
  return steps;
}

function drawBlock(
  ctx: SKRSContext2D,
  theme: Theme,
  b: Block,
  x: number,
  y: number,
  w: number,
  compact: boolean,
) {
  ctx.fillStyle = theme.text;
  ctx.font = font(compact ? 19 : 23, true);
  for (const line of b.name) {
    y += compact ? 24 : 28;
    text(ctx, line, x, y, w, 'center');
  }
  ctx.fillStyle = theme.muted;
  ctx.font = font(15);
  for (const line of b.runners) {
    y += 20;
    text(ctx, line, x, y, w, 'center');
  }
  y += 30;
  const country = b.row.country ? drawable(b.row.country) : '';
  const mark = b.row.mark ? drawable(b.row.mark) : 'no mark';
  const wind = b.row.wind ? ` (${drawable(b.row.wind)})` : '';
  ctx.font = font(15, true);
  const cw = country ? ctx.measureText(country).width + 16 : 0;
  const markFont = b.row.mark ? font(compact ? 21 : 25, true) : font(compact ? 17 : 19);
  ctx.font = markFont;
  const markText = `${mark}${wind}`;
  const mw = Math.min(ctx.measureText(markText).width, w - cw - 10);
  const start = x + (w - (cw + (cw ? 10 : 0) + mw)) / 2;
  if (country) {
    ctx.fillStyle = theme.panel;
    ctx.beginPath();
    ctx.roundRect(start, y - 19, cw, 25, 6);
    ctx.fill();
    ctx.fillStyle = theme.text;
    ctx.font = font(15, true);
    text(ctx, country, start, y - 1, cw, 'center');
  }
  ctx.fillStyle = b.row.mark ? theme.text : theme.muted;
  ctx.font = markFont;
  text(ctx, markText, start + cw + (cw ? 10 : 0), y, mw + 1);
  if (b.row.records.length) {
    y += 28;
    ctx.font = font(13, true);
    const total = b.row.records.reduce((s, c) => s + ctx.measureText(drawable(c)).width + 20, -6);
    badges(ctx, b.row.records, x + Math.max(0, (w - total) / 2), y, x + w);
  }
}

/** Renders the podium card: three steps, gold in the middle and higher, with marks and records. */
export async function renderPodiumCard(reply: Reply, theme: Theme): Promise<Buffer> {
  const m = measuringContext();
  const heading = cardHeading(reply);
  const head = layoutHeading(m, heading, 'Podium');
  const rows = cardRows(reply);
  const stepCount = new Set(rows.flatMap((r) => (r.place !== null && r.place <= 3 ? [r.place] : []))).size;
  const colWidth = stepCount ? (CARD_WIDTH - 2 * PAD - GAP * (stepCount - 1)) / stepCount : 0;
  const laid = layoutSteps(m, rows, colWidth - 16);
  const above = laid.map((s) => {
    const compact = s.blocks.length > 1;
    return s.blocks.reduce((h, b) => h + blockHeight(b, compact), 0) + (s.more ? 26 : 0);
  });
  const tallest = Math.max(0, ...laid.map((s, i) => (above[i] ?? 0) + (STEP_HEIGHT[s.place] ?? 60)));
  const headH = headingHeight(head.title.length, head.subtitle.length);
  const height = headH + Math.max(tallest, 120) + 24 + FOOTER_HEIGHT;

  const { canvas, ctx } = startCard(height, theme);
  drawHeading(ctx, theme, head);
  const floor = height - FOOTER_HEIGHT - 24;
  if (laid.length === 0) {
    ctx.fillStyle = theme.muted;
    ctx.font = font(20);
    text(ctx, 'No medal placings recorded', PAD, headH + 60, CARD_WIDTH - 2 * PAD, 'center');
  }
  laid.forEach((step, i) => {
    const x = PAD + i * (colWidth + GAP);
    const stepH = STEP_HEIGHT[step.place] ?? 60;
    const top = floor - stepH;
    ctx.fillStyle = medalColour(theme, step.place);
    ctx.beginPath();
    ctx.roundRect(x, top, colWidth, stepH, [10, 10, 0, 0]);
    ctx.fill();
    ctx.fillStyle = theme.onMedal;
    ctx.font = font(step.place === 1 ? 64 : 52, true);
    const tie = step.blocks.length + step.more > 1 ? '=' : '';
    text(ctx, `${tie}${step.place}`, x, top + Math.min(stepH - 14, 70), colWidth, 'center');
    const compact = step.blocks.length > 1;
    let y = top - (above[i] ?? 0);
    for (const b of step.blocks) {
      drawBlock(ctx, theme, b, x + 8, y, colWidth - 16, compact);
      y += blockHeight(b, compact);
    }
    if (step.more) {
      ctx.fillStyle = theme.muted;
      ctx.font = font(15);
      text(ctx, `+${step.more} more`, x, y + 18, colWidth, 'center');
    }
  });
  drawFooter(ctx, theme, height, heading);
  return toPng(canvas);
}
