/**
 * A reply's buttons as Discord message components: action rows (type 1) of buttons (type 2), at
 * most five to a row and five rows, each button's custom_id the press token (at most 100 characters).
 */
import { MAX_ACTION_ID, type ReplyAction } from '../../core/actions.js';
import type { Reply } from '../../core/reply.js';

/** Most buttons in one action row. */
export const DISCORD_MAX_ROW_BUTTONS = 5;
/** Most action rows on one message. */
export const DISCORD_MAX_ROWS = 5;
/** Longest button label. */
export const DISCORD_MAX_BUTTON_LABEL = 80;
/** Longest custom_id. */
export const DISCORD_MAX_CUSTOM_ID = 100;
/** Component types and button styles used here. */
export const ACTION_ROW = 1;
/** Button component type. */
export const BUTTON = 2;
const STYLE = { primary: 1, secondary: 2 } as const;

/** One interactive button, as Discord's API takes it. */
export interface DiscordButton {
  type: typeof BUTTON;
  style: 1 | 2;
  label: string;
  custom_id: string;
}

/** A row of buttons. */
export interface DiscordActionRow {
  type: typeof ACTION_ROW;
  components: DiscordButton[];
}

function button(action: ReplyAction & { id: string }): DiscordButton {
  // Labels are plain text (no markdown in buttons); a blank one would be rejected.
  const label = action.label.replace(/\s+/g, ' ').trim().slice(0, DISCORD_MAX_BUTTON_LABEL) || '…';
  return { type: BUTTON, style: STYLE[action.style], label, custom_id: action.id };
}

/**
 * The reply's bound buttons as action rows (none when it has no bound buttons). Buttons whose token
 * would not fit are left out rather than sent and rejected.
 */
export function renderDiscordComponents(reply: Reply): DiscordActionRow[] {
  const limit = Math.min(MAX_ACTION_ID, DISCORD_MAX_CUSTOM_ID);
  const buttons = (reply.actions ?? [])
    .filter(
      (a): a is ReplyAction & { id: string } =>
        typeof a.id === 'string' && a.id.length > 0 && a.id.length <= limit,
    )
    .slice(0, DISCORD_MAX_ROW_BUTTONS * DISCORD_MAX_ROWS)
    .map(button);
  const rows: DiscordActionRow[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_MAX_ROW_BUTTONS) {
    rows.push({ type: ACTION_ROW, components: buttons.slice(i, i + DISCORD_MAX_ROW_BUTTONS) });
  }
  return rows;
}

/** "Page 2 of 3", or '' when the answer has one page. */
export function pageNote(reply: Reply): string {
  return reply.page && reply.page.count > 1 ? `Page ${reply.page.index} of ${reply.page.count}` : '';
}
