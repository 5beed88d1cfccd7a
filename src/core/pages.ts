/**
 * Pages of a long answer: which slice of a list a cursor asks for, and the "Previous"/"Next"
 * buttons that ask for its neighbours. Shared by every command whose answer can run long.
 */
import type { Cursor, ReplyAction, ReplyPage } from './actions.js';

/** Items on one page of a long answer (a chat message stays readable, and inside every platform's limits). */
export const PAGE_SIZE = 10;

/** One page of a list, with the page info and buttons to show; both absent when it all fits on one page. */
export interface Paged<T> {
  items: T[];
  page?: ReplyPage;
  actions?: ReplyAction[];
}

/**
 * The page of `items` the cursor asks for (the last one when it asks past the end), with
 * "Previous"/"Next" buttons that answer `line` at the neighbouring pages by updating the message.
 */
export function paginate<T>(
  items: readonly T[],
  cursor: Cursor | undefined,
  line: string,
  size: number = PAGE_SIZE,
): Paged<T> {
  const count = Math.max(1, Math.ceil(items.length / size));
  if (count === 1) return { items: [...items] };
  const index = Math.min(Math.max(1, Math.floor(cursor?.page ?? 1)), count);
  const actions: ReplyAction[] = [];
  if (index > 1)
    actions.push({ label: '◀ Previous', style: 'secondary', mode: 'update', line, page: index - 1 });
  if (index < count)
    actions.push({ label: 'Next ▶', style: 'secondary', mode: 'update', line, page: index + 1 });
  return { items: items.slice((index - 1) * size, index * size), page: { index, count }, actions };
}
