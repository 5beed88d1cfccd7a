import { snowflake } from './snowflake.js';

/** Permissions of an ordinary member: View Channel, Send Messages, Use Application Commands. */
export const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 31n)).toString();
/** An ordinary member who may also Manage Channels (16). */
export const MANAGER_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 16n).toString();

/** A raw option value as the user typed it; `focused` marks the option being autocompleted. */
export interface RawOption {
  name: string;
  type: 3 | 4;
  value: string | number;
  focused?: boolean;
}

/** Where and by whom an interaction happens. Defaults: a guild text channel, an ordinary member. */
export interface InteractionPlace {
  applicationId: string;
  guildId?: string | null;
  channelId?: string;
  userId?: string;
  username?: string;
  permissions?: string;
  id?: string;
  token?: string;
}

/** A raw interaction as Discord sends it (gateway INTERACTION_CREATE `d`, or an HTTP interactions body). */
export type RawInteraction = Record<string, unknown> & { id: string; token: string; type: number };

function base(
  type: number,
  data: Record<string, unknown> | undefined,
  place: InteractionPlace,
): RawInteraction {
  const guildId = place.guildId === undefined ? '900000000000000001' : place.guildId;
  const channelId = place.channelId ?? '900000000000000002';
  const user = {
    id: place.userId ?? '900000000000000003',
    username: place.username ?? 'fan',
    discriminator: '0',
    global_name: 'A Fan',
    avatar: null,
    public_flags: 0,
  };
  const payload: RawInteraction = {
    id: place.id ?? snowflake(),
    application_id: place.applicationId,
    type,
    token: place.token ?? `itoken-${snowflake()}`,
    version: 1,
    locale: 'en-GB',
    app_permissions: MANAGER_PERMISSIONS,
    // discord.js reads both unconditionally; Discord always sends them.
    entitlements: [],
    authorizing_integration_owners: guildId ? { '0': guildId } : { '1': user.id },
    context: guildId ? 0 : 1,
    attachment_size_limit: 10_485_760,
    channel_id: channelId,
    channel: guildId
      ? {
          id: channelId,
          type: 0,
          guild_id: guildId,
          name: 'athletics',
          flags: 0,
          permissions: MANAGER_PERMISSIONS,
        }
      : { id: channelId, type: 1, flags: 0, recipients: [user] },
  };
  if (data) payload.data = data;
  if (guildId) {
    payload.guild_id = guildId;
    payload.guild_locale = 'en-US';
    payload.guild = { id: guildId, locale: 'en-US', features: [] };
    payload.member = {
      user,
      roles: [],
      permissions: place.permissions ?? MEMBER_PERMISSIONS,
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      nick: null,
      avatar: null,
      premium_since: null,
      communication_disabled_until: null,
    };
  } else {
    payload.user = user;
  }
  return payload;
}

/** PING (type 1), which Discord sends to an HTTP interactions endpoint to check it. */
export function pingInteraction(place: InteractionPlace): RawInteraction {
  return base(1, undefined, place);
}

/** A chat-input slash command (type 2) with its typed options. */
export function chatInputInteraction(
  name: string,
  options: RawOption[],
  place: InteractionPlace,
): RawInteraction {
  return base(2, { id: snowflake(), name, type: 1, options }, place);
}

/** An autocomplete request (type 4): the option named `focused` holds what the user typed so far. */
export function autocompleteInteraction(
  name: string,
  options: RawOption[],
  focused: string,
  place: InteractionPlace,
): RawInteraction {
  const marked = options.map((o) => (o.name === focused ? { ...o, focused: true } : o));
  return base(4, { id: snowflake(), name, type: 1, options: marked }, place);
}

/** Shorthand for a string option. */
export function str(name: string, value: string): RawOption {
  return { name, type: 3, value };
}

/** Shorthand for an integer option. */
export function int(name: string, value: number): RawOption {
  return { name, type: 4, value };
}

/** What the bot's messages carry: text, embeds, components and flags. */
export interface MessageBody {
  embeds?: unknown;
  components?: unknown;
  flags?: number;
  content?: string;
}

/**
 * A message by the bot in Discord's message shape: type 0 when posted to a channel, 20 when it
 * answers an interaction.
 */
export function messageObject(
  body: MessageBody,
  place: { authorId: string; channelId: string; id?: string; type: 0 | 20 },
): Record<string, unknown> {
  return {
    id: place.id ?? snowflake(),
    type: place.type,
    channel_id: place.channelId,
    author: {
      id: place.authorId,
      username: 'Podium',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
    },
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    pinned: false,
    flags: body.flags ?? 0,
  };
}

/** A message the bot sent, as Discord includes it in a component interaction (`message`). */
export function botMessage(
  body: MessageBody,
  place: { applicationId: string; channelId?: string; id?: string },
): Record<string, unknown> {
  return {
    ...messageObject(body, {
      authorId: place.applicationId,
      channelId: place.channelId ?? '900000000000000002',
      type: 20,
      ...(place.id ? { id: place.id } : {}),
    }),
    application_id: place.applicationId,
    webhook_id: place.applicationId,
  };
}

/** A button press (type 3): `customId` of a button on `message`, by the user in `place`. */
export function componentInteraction(
  customId: string,
  message: Record<string, unknown>,
  place: InteractionPlace,
): RawInteraction {
  const payload = base(3, { custom_id: customId, component_type: 2 }, place);
  payload.message = message;
  return payload;
}
