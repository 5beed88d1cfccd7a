/**
 * Buttons on answers, platform-neutral: what a button says and which follow-up it asks for (a
 * command line and a page), and the stateless, versioned codec that packs everything a press needs
 * into one short token — Discord's `custom_id` (at most 100 characters) and Slack's button `value`.
 * Any instance can answer any press: the token names the command line, the page, the data version it
 * was made from, whether the answer was private, and a short hash of the person who asked.
 */
import { createHash } from 'node:crypto';
import type { KnowledgeBase } from './knowledge-base.js';
import { isPrivate } from './presentation.js';
import type { ActionMode, Cursor, Reply, ReplyAction } from './reply.js';

export type { ActionMode, ActionStyle, Cursor, ReplyAction, ReplyPage } from './reply.js';

/** Version of the token layout; a token of another version is answered as stale, never misread. */
export const ACTION_VERSION = 1;
/** Longest token: Discord's custom_id limit (Slack's value allows 2,000, action_id 255). */
export const MAX_ACTION_ID = 100;
/** Longest button label (Discord allows 80, Slack 75). */
export const MAX_ACTION_LABEL = 75;
/** Most buttons on one reply (Discord: 5 rows of 5). */
export const MAX_ACTIONS = 25;
/** Highest page a token can carry (three base-36 digits). */
export const MAX_PAGE = 36 ** 3 - 1;
const ORDER_RE = /^[0-9a-z]{0,8}$/;
const ID_TOKEN_RE = /^(?:0|[1-9a-z][0-9a-z]{0,5})$/;
const COMMAND_RE = /^[a-z0-9_-]{1,32}$/;

const fingerprints = new WeakMap<KnowledgeBase, string>();
const idTables = new WeakMap<KnowledgeBase, { ids: string[]; index: Map<string, number> | null }>();

function hash(text: string, chars: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, chars);
}

/**
 * A 4-character fingerprint of what buttons depend on, computed once per loaded base: every id (in
 * load order, which packed ids rely on), each event's date, round and placings (what pages of
 * /onthisday, /result and result tables are cut from), and each quote's speaker (the "another quote"
 * order). A press made on other data gets "ask again", not a wrong page. Corrected wording or marks
 * keep old buttons working. Cheap: one hash over one string, no JSON of the whole base.
 */
export function dataFingerprint(kb: KnowledgeBase): string {
  let fp = fingerprints.get(kb);
  if (fp === undefined) {
    const parts: string[] = [];
    for (const e of kb.events.values()) {
      parts.push(`e ${e.id} ${e.date} ${e.round}`);
      for (const r of e.results) parts.push(`${r.place} ${r.athlete} ${r.country ?? ''}`);
    }
    for (const id of kb.athletes.keys()) parts.push(`a ${id}`);
    for (const q of kb.quotes.values()) parts.push(`q ${q.id} ${q.speaker}`);
    fp = hash(parts.join('\n'), 4);
    fingerprints.set(kb, fp);
  }
  return fp;
}

/**
 * Takes a fingerprint computed earlier for the same data (load.ts keeps it in the snapshot, whose
 * key changes with the data and with this file), so a start from the snapshot skips hashing the base.
 */
export function adoptDataFingerprint(kb: KnowledgeBase, fp: string): void {
  if (/^[\w-]{4}$/.test(fp)) fingerprints.set(kb, fp);
}

/** A short hash of who asked (5 characters), or "_" when nobody in particular did (scheduled posts). */
export function userTag(userId: string | null): string {
  return userId ? hash(`user:${userId}`, 5) : '_';
}

/** Ids a line can name, in load order (events, then athletes); the reverse index is built on first encode. */
function idTable(kb: KnowledgeBase) {
  let table = idTables.get(kb);
  if (!table) {
    table = { ids: [...kb.events.keys(), ...kb.athletes.keys()], index: null };
    idTables.set(kb, table);
  }
  return table;
}

function idIndex(kb: KnowledgeBase): Map<string, number> {
  const table = idTable(kb);
  if (!table.index) {
    const index = new Map<string, number>();
    // First occurrence wins: an id shared by an event and an athlete packs to the event's place.
    table.ids.forEach((id, i) => {
      if (!index.has(id)) index.set(id, i);
    });
    table.index = index;
  }
  return table.index;
}

/** A command line in its canonical form: one space between words, a leading slash. */
export function normalizeLine(line: string): string {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const head = (words[0] ?? '').replace(/^\/+/, '');
  return `/${[head, ...words.slice(1)].join(' ')}`;
}

/**
 * Packs a line: ids of the base become "~" + their load-order position in base 36 (the fingerprint
 * guarantees the same order when the token is read); a word that starts with "~" gets a second one.
 */
function packLine(line: string, kb: KnowledgeBase): string {
  let index: Map<string, number> | null = null;
  return normalizeLine(line)
    .slice(1)
    .split(' ')
    .map((w, i) => {
      if (i > 0 && /^[a-z0-9][a-z0-9-]*$/i.test(w)) {
        index ??= idIndex(kb);
        const at = index.get(w);
        if (at !== undefined) return `~${at.toString(36)}`;
      }
      return w.startsWith('~') ? `~${w}` : w;
    })
    .join(' ');
}

/** The reverse of packLine; null when a packed id is not in this base (the data changed). */
function unpackLine(packed: string, kb: KnowledgeBase): string | null {
  const out: string[] = [];
  for (const w of packed.split(' ')) {
    if (w.startsWith('~~')) out.push(w.slice(1));
    else if (w.startsWith('~')) {
      const code = w.slice(1);
      const id = ID_TOKEN_RE.test(code) ? idTable(kb).ids[Number.parseInt(code, 36)] : undefined;
      if (id === undefined) return null;
      out.push(id);
    } else out.push(w);
  }
  return `/${out.join(' ')}`;
}

/** Who asked and how the answer was shown, for encoding its buttons. */
export interface ActionOrigin {
  kb: KnowledgeBase;
  userId: string | null;
  /** The answer is shown only to the person who asked. */
  ephemeral: boolean;
}

/**
 * Encodes a button as `p1|<data>|<user>|<flags>|<page>|<order>|<line>`. Returns null when it cannot
 * fit in MAX_ACTION_ID characters or carries values a token cannot hold (the button is left out).
 */
export function encodeAction(action: ReplyAction, origin: ActionOrigin): string | null {
  const page = action.page ?? 1;
  const order = action.order ?? '';
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE || !ORDER_RE.test(order)) return null;
  if (!COMMAND_RE.test(normalizeLine(action.line).slice(1).split(' ')[0] ?? '')) return null;
  const line = packLine(action.line, origin.kb);
  const flags = (origin.ephemeral ? 1 : 0) + (action.mode === 'update' ? 2 : 0);
  const token = [
    `p${ACTION_VERSION}`,
    dataFingerprint(origin.kb),
    userTag(origin.userId),
    String(flags),
    page.toString(36),
    order,
    line,
  ].join('|');
  return token.length <= MAX_ACTION_ID ? token : null;
}

/** A press, decoded. */
export interface Press {
  line: string;
  page: number;
  order?: string;
  mode: ActionMode;
  /** The answer the button sits on was private. */
  ephemeral: boolean;
  /** userTag of the person who asked. */
  user: string;
}

/** Why a token could not be used: not ours, or made from other data / another Podium version. */
export type PressMiss = { reason: 'malformed' } | { reason: 'stale'; line: string | null };

/** A decoded press or a clear miss. */
export type DecodedPress = { ok: true; press: Press } | ({ ok: false } & PressMiss);

const TOKEN_RE =
  /^p1\|([A-Za-z0-9_-]{4})\|([A-Za-z0-9_-]{5}|_)\|([0-3])\|([1-9a-z][0-9a-z]{0,2})\|([0-9a-z]{0,8})\|([a-z0-9_-]{1,32}(?: [\s\S]*)?)$/;

/** Decodes a token against the loaded base. Never throws: anything unusable is a typed miss. */
export function decodeAction(token: unknown, kb: KnowledgeBase): DecodedPress {
  if (typeof token !== 'string' || token.length > MAX_ACTION_ID) return { ok: false, reason: 'malformed' };
  const m = TOKEN_RE.exec(token);
  if (!m) {
    // Another layout version of ours: the button is old, not foreign.
    if (/^p\d{1,3}\|/.test(token) && !token.startsWith('p1|'))
      return { ok: false, reason: 'stale', line: null };
    return { ok: false, reason: 'malformed' };
  }
  const [, fp, user, flags, page, order, packed] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (/ {2}| $/.test(packed)) return { ok: false, reason: 'malformed' };
  const line = unpackLine(packed, kb);
  if (fp !== dataFingerprint(kb) || line === null) return { ok: false, reason: 'stale', line };
  const f = Number(flags);
  return {
    ok: true,
    press: {
      line,
      page: Number.parseInt(page, 36),
      ...(order ? { order } : {}),
      mode: f & 2 ? 'update' : 'new',
      ephemeral: (f & 1) === 1,
      user,
    },
  };
}

/** Just the command's name of a line ("/results x" → "results"). */
export function lineCommand(line: string): string {
  return normalizeLine(line).slice(1).split(' ')[0]?.toLowerCase() ?? '';
}

/** The typed form of a button, as the console prints it: "/onthisday 08-06 page:2". */
export function typedLine(action: Pick<ReplyAction, 'line' | 'page' | 'order'>): string {
  const page = action.page ?? 1;
  let line = normalizeLine(action.line);
  if (page !== 1 || action.order) line += ` page:${page}`;
  if (action.order) line += ` order:${action.order}`;
  return line;
}

/**
 * Takes a trailing "page:N [order:X]" off a typed line, so the console answers what a button
 * would. Anything else is left as typed.
 */
export function takeCursor(line: string): { line: string; cursor?: Cursor } {
  const m = /(?:^|\s+)page:(\d{1,6})(?:\s+order:([0-9a-z]{1,8}))?\s*$/i.exec(line);
  if (!m) return { line };
  const page = Number(m[1]);
  if (page < 1 || page > MAX_PAGE) return { line };
  const order = m[2]?.toLowerCase();
  return { line: line.slice(0, m.index), cursor: order ? { page, order } : { page } };
}

/**
 * Gives each button its token, for the person who asked. Buttons that point at a command this
 * adapter does not serve (e.g. "Full results" before /results exists), that cannot be encoded, or
 * that repeat another's token are left out; a reply with none left has no `actions`.
 */
export function bindActions(
  reply: Reply,
  origin: Omit<ActionOrigin, 'ephemeral'>,
  serves: (commandName: string) => boolean,
): Reply {
  if (!reply.actions?.length) {
    if (!reply.actions) return reply;
    const { actions: _none, ...bare } = reply;
    return bare;
  }
  const ephemeral = isPrivate(reply);
  const seen = new Set<string>();
  const actions: ReplyAction[] = [];
  for (const action of reply.actions) {
    if (actions.length >= MAX_ACTIONS || !serves(lineCommand(action.line))) continue;
    const id = encodeAction(action, { ...origin, ephemeral });
    if (id === null || seen.has(id)) continue;
    seen.add(id);
    actions.push({ ...action, label: action.label.slice(0, MAX_ACTION_LABEL), id });
  }
  const { actions: _unbound, ...rest } = reply;
  return actions.length ? { ...rest, actions } : rest;
}
