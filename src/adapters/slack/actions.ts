/**
 * A reply's buttons as a Block Kit `actions` block of `button` elements. Each button's `value` is the
 * press token; its `action_id` is unique within the message and marks it as Podium's, so the Bolt
 * app routes every press of ours to one listener.
 */
import type { ReplyAction } from '../../core/actions.js';
import type { Reply } from '../../core/reply.js';

/** Most elements in one actions block. */
export const SLACK_MAX_ACTION_ELEMENTS = 25;
/** Longest button text (plain_text). */
export const SLACK_MAX_BUTTON_TEXT = 75;
/** Longest action_id. */
export const SLACK_MAX_ACTION_ID = 255;
/** Longest button value. */
export const SLACK_MAX_BUTTON_VALUE = 2000;
/** Prefix of every Podium button's action_id (the listener matches it). */
export const SLACK_ACTION_PREFIX = 'podium-press-';
/** Matches the action_id of a Podium button. */
export const SLACK_ACTION_PATTERN = /^podium-press-\d{1,2}$/;

/** A Block Kit button. */
export interface SlackButton {
  type: 'button';
  text: { type: 'plain_text'; text: string; emoji: true };
  action_id: string;
  value: string;
  style?: 'primary';
}

/** A Block Kit actions block. */
export interface SlackActionsBlock {
  type: 'actions';
  block_id: string;
  elements: SlackButton[];
}

function button(action: ReplyAction & { id: string }, i: number): SlackButton {
  const text = action.label.replace(/\s+/g, ' ').trim().slice(0, SLACK_MAX_BUTTON_TEXT) || '…';
  const out: SlackButton = {
    type: 'button',
    // plain_text shows as typed: nothing to escape, nothing that can mention anyone.
    text: { type: 'plain_text', text, emoji: true },
    action_id: `${SLACK_ACTION_PREFIX}${i}`,
    value: action.id,
  };
  // Slack styles only the main action; secondary buttons stay default.
  if (action.style === 'primary') out.style = 'primary';
  return out;
}

/** The reply's bound buttons as one actions block, or null when it has none. */
export function renderSlackActions(reply: Reply): SlackActionsBlock | null {
  const bound = (reply.actions ?? []).filter(
    (a): a is ReplyAction & { id: string } =>
      typeof a.id === 'string' && a.id.length > 0 && a.id.length <= SLACK_MAX_BUTTON_VALUE,
  );
  if (bound.length === 0) return null;
  return {
    type: 'actions',
    block_id: 'podium-actions',
    elements: bound.slice(0, SLACK_MAX_ACTION_ELEMENTS).map(button),
  };
}
