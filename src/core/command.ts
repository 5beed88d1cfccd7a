import type { KnowledgeBase } from './knowledge-base.js';
import type { PlatformName } from './platform.js';
import type { Cursor, Reply } from './reply.js';
import type { SubscriptionsPort } from './subscriptions.js';

/** Where an option's autocomplete suggestions come from. */
export type CompletionSource = 'event' | 'athlete' | 'timezone';

/** One declared option of a command; adapters derive slash-command options and parsing from it. */
export interface OptionSpec {
  name: string;
  description: string;
  type: 'string' | 'integer';
  /**
   * An integer that is an hour of the day: typed text also reads as people write hours ("09",
   * "9:00", "9am", "21h"). Platforms still see an integer option.
   */
  unit?: 'hour';
  required: boolean;
  /** Suggestions come from the knowledge base (or the time-zone list). */
  autocomplete?: CompletionSource;
  /** Fixed choices (at most 25). */
  choices?: ReadonlyArray<{ name: string; value: string | number }>;
  minValue?: number;
  maxValue?: number;
  maxLength?: number;
  /** Free-text parsing: this option takes every remaining word (only the last option). */
  rest?: boolean;
}

/** Values of a command's options after parsing; absent options are undefined. */
export type CommandArgs = Record<string, string | number | undefined>;

/** Everything a command may use. Commands never read the environment or talk to a platform. */
export interface CommandContext {
  kb: KnowledgeBase;
  /** The current instant (injected so tests control time). */
  now: () => Date;
  /** Uniform [0, 1) (injected so tests are repeatable). */
  random: () => number;
  platform: PlatformName;
  channelId: string | null;
  userId: string | null;
  /** The server's or workspace's configured IANA time zone, when the platform knows one. */
  timeZone: string | null;
  /** Whether the caller may change this channel's settings (decided by the adapter). */
  canManageChannel: boolean;
  subscriptions: SubscriptionsPort | null;
  /** The page or step a button press (or a typed "page:N") asks for; absent for page 1. */
  cursor?: Cursor;
  /** The commands this adapter serves; buttons only point at these (the registry when absent). */
  commands?: readonly Command[];
}

/** A platform-neutral command: its declaration and what it answers. */
export interface Command {
  name: string;
  description: string;
  options: readonly OptionSpec[];
  /** Example invocations for help and the README, e.g. "/podium 1500m". */
  examples: readonly string[];
  /** Changes channel settings: Discord requires Manage Channels, Slack workspace admins. */
  managesChannel?: boolean;
  /** May take longer than an adapter's immediate-answer window (adapters defer first). */
  slow?: boolean;
  run(ctx: CommandContext, args: CommandArgs): Reply | Promise<Reply>;
}

/** The command of this name in a registry (case-insensitive, leading slash optional). */
export function findCommand(registry: readonly Command[], name: string): Command | undefined {
  const n = name.trim().replace(/^\//, '').toLowerCase();
  return registry.find((c) => c.name === n);
}
