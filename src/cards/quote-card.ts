import type { Reply } from '../core/reply.js';
import * as draw from './draw.js';
import { drawable } from './fonts.js';
import { cardHeading } from './model.js';

/** Font sizes tried in turn until the words fit in MAX_LINES; long quotes get smaller type. */
const SIZES = [34, 29, 25, 22];
const MAX_LINES = 9;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Renders the quote card: the words, the speaker, the occasion and the source. */
export async function renderQuoteCard(reply: Reply, theme: draw.Theme): Promise<Buffer> {
  const q = (reply as { quote?: unknown }).quote as Record<string, unknown> | undefined;
  const words = drawable(str(q?.text) ?? '');
  const speaker = drawable(str(q?.speaker) ?? str(reply.title) ?? 'Unknown speaker');
  const occasion = str(q?.occasion) ? drawable(String(q?.occasion)) : null;
  const heading = cardHeading(reply);
  const inner = draw.CARD_WIDTH - 2 * draw.PAD - 40;

  const m = draw.measuringContext();
  let size = SIZES[SIZES.length - 1] ?? 22;
  let lines: string[] = [];
  for (const s of SIZES) {
    m.font = draw.font(s);
    lines = draw.wrap(m, words, inner, MAX_LINES);
    size = s;
    if (!lines.at(-1)?.endsWith('…')) break;
  }
  const lineH = Math.round(size * 1.42);
  const height = 40 + 44 + lines.length * lineH + 34 + 34 + (occasion ? 28 : 0) + 30 + draw.FOOTER_HEIGHT;

  const { canvas, ctx } = draw.startCard(height, theme);
  const rtl = draw.directionOf(words) === 'rtl';
  // The big quotation mark hangs on the side the text starts from.
  ctx.fillStyle = theme.accent;
  ctx.font = draw.font(96, true);
  ctx.textAlign = rtl ? 'right' : 'left';
  ctx.fillText(rtl ? '”' : '“', rtl ? draw.CARD_WIDTH - draw.PAD + 4 : draw.PAD - 4, 104);
  ctx.textAlign = 'left';

  let y = 40 + 44;
  ctx.fillStyle = theme.text;
  ctx.font = draw.font(size);
  for (const line of lines) {
    y += lineH;
    draw.text(ctx, line, draw.PAD + 20, y, inner, rtl ? 'right' : 'left');
  }
  y += 34;
  ctx.fillStyle = theme.accent;
  ctx.fillRect(rtl ? draw.CARD_WIDTH - draw.PAD - 60 : draw.PAD + 20, y - 6, 40, 3);
  y += 34;
  ctx.fillStyle = theme.text;
  ctx.font = draw.font(22, true);
  draw.text(ctx, speaker, draw.PAD + 20, y, inner, rtl ? 'right' : 'left');
  if (occasion) {
    y += 28;
    ctx.fillStyle = theme.muted;
    ctx.font = draw.font(18);
    draw.text(ctx, occasion, draw.PAD + 20, y, inner, rtl ? 'right' : 'left');
  }
  draw.drawFooter(ctx, theme, height, heading);
  return draw.toPng(canvas);
}
