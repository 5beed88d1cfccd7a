/**
 * The gateway bot: a discord.js v14 client with only the Guilds intent and small, swept caches,
 * answering slash commands and autocomplete from the registry. One error boundary per interaction.
 */
import {
  type AttachmentPayload,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  Options,
  type RawFile,
  type RepliableInteraction,
  Status,
} from 'discord.js';
import { type Config, ConfigError } from '../../config.js';
import { PlatformError } from '../../core/errors.js';
import type { ChannelPoster } from '../../core/platform.js';
import { PressLimiter } from '../../core/press-limit.js';
import { internalErrorReply } from '../../core/reply.js';
import { refused } from '../reachability.js';
import {
  answerCommand,
  autocompleteChoices,
  type DiscordDeps,
  deliverReply,
  type InteractionResponder,
} from './interaction.js';
import { createDiscordPoster } from './poster.js';
import { checkDiscordToken } from './preflight.js';
import { answerDiscordPress, UPDATE_MESSAGE } from './press.js';
import { type DiscordMessage, renderDiscordMessage } from './render.js';

/** What startDiscordGateway needs. */
export interface StartDiscordGatewayOptions extends DiscordDeps {
  config: Config;
  /** How long to wait for READY before giving up (default 30 s). */
  readyTimeoutMs?: number;
}

/** A connected gateway bot. */
export interface DiscordGatewayHandle {
  client: Client<true>;
  /** Posts scheduled replies into channels (REST, no gateway needed). */
  poster: ChannelPoster;
  /** Closes the gateway connection. */
  stop(): Promise<void>;
  /** For /readyz: null while the gateway is connected, else why not (discord.js reconnects by itself). */
  notReady(): string | null;
}

/** Caches Podium never reads are kept empty; users and members are capped (the bot's own always kept). */
function makeCache(client: () => Client) {
  const isMe = (item: { id: string }) => item.id === client().user?.id;
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    MessageManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    PresenceManager: 0,
    VoiceStateManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    AutoModerationRuleManager: 0,
    ThreadMemberManager: 0,
    ApplicationCommandManager: 0,
    EntitlementManager: 0,
    UserManager: { maxSize: 200, keepOverLimit: isMe },
    GuildMemberManager: { maxSize: 50, keepOverLimit: isMe },
    ThreadManager: { maxSize: 50 },
  });
}

/** discord.js file uploads (multipart) from the card files, with the alt text as description. */
function toFiles(message: Omit<DiscordMessage, 'flags'>, files: RawFile[]): AttachmentPayload[] {
  return files.map((f, i) => {
    const description = message.attachments?.[i]?.description;
    return { attachment: f.data as Buffer, name: f.name, ...(description ? { description } : {}) };
  });
}

/** discord.js options from a rendered payload (discord.js spells allowed_mentions its own way). */
function toReplyOptions(message: DiscordMessage, files: RawFile[] = []): InteractionReplyOptions {
  return {
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    allowedMentions: { parse: [] },
    ...(files.length ? { files: toFiles(message, files) } : {}),
    ...(message.flags !== undefined ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** An edit of a message: embeds and buttons (always sent, so a last page drops the ones it lost). */
function toEditOptions(message: Omit<DiscordMessage, 'flags'>, files: RawFile[] = []) {
  return {
    embeds: message.embeds,
    components: message.components ?? [],
    allowedMentions: { parse: [] },
    ...(files.length ? { files: toFiles(message, files) } : {}),
  };
}

/** The deferral policy's four steps as discord.js calls on one interaction. */
function responderFor(interaction: RepliableInteraction): InteractionResponder {
  return {
    state: () => ({
      deferred: interaction.deferred,
      replied: interaction.replied,
      deferredPrivately: interaction.ephemeral === true,
    }),
    reply: (message, files) => interaction.reply(toReplyOptions(message, files)),
    edit: (message, files) => interaction.editReply(toEditOptions(message, files)),
    followUp: (message, files) => interaction.followUp(toReplyOptions(message, files)),
    deleteOriginal: () => interaction.deleteReply(),
  };
}

/** Builds the interaction handler: the gateway adapter's single error boundary. */
export function gatewayInteractionHandler(deps: DiscordDeps): (interaction: Interaction) => Promise<void> {
  const log = deps.logger;
  const limiter = deps.pressLimiter ?? new PressLimiter();

  /** A button press: UPDATE_MESSAGE for paging, a new message otherwise (see press.ts). */
  async function onPress(interaction: ButtonInteraction): Promise<void> {
    const call = {
      customId: interaction.customId,
      place: {
        channelId: interaction.channelId,
        userId: interaction.user.id,
        permissions: interaction.memberPermissions?.bitfield ?? null,
        inGuild: interaction.inGuild(),
      },
    };
    await answerDiscordPress(deps, limiter, call, {
      respond: (callback) =>
        callback.type === UPDATE_MESSAGE
          ? interaction.update(toEditOptions(callback.data))
          : interaction.reply(toReplyOptions(callback.data)),
      deferUpdate: () => interaction.deferUpdate(),
      editOriginal: (message) => interaction.editReply(toEditOptions(message)),
      followUp: (message) => interaction.followUp(toReplyOptions(message)),
    });
  }

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const call = {
      name: interaction.commandName,
      options: interaction.options.data,
      place: {
        channelId: interaction.channelId,
        userId: interaction.user.id,
        permissions: interaction.memberPermissions?.bitfield ?? null,
        inGuild: interaction.inGuild(),
      },
    };
    await answerCommand(deps, call, responderFor(interaction), async (privately) => {
      await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
    });
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const choices = autocompleteChoices(deps, interaction.commandName, interaction.options.data);
    await interaction.respond(choices);
  }

  return async (interaction) => {
    const started = performance.now();
    try {
      if (interaction.isChatInputCommand()) await onCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onPress(interaction);
      else return;
      log.debug(
        {
          interactionId: interaction.id,
          command: 'commandName' in interaction ? interaction.commandName : null,
          ms: performance.now() - started,
        },
        'discord: interaction answered',
      );
    } catch (err) {
      const command = 'commandName' in interaction ? interaction.commandName : null;
      log.error({ err, interactionId: interaction.id, command }, 'discord: interaction failed');
      try {
        if (interaction.isAutocomplete()) {
          if (!interaction.responded) await interaction.respond([]);
        } else if (interaction.isButton()) {
          // The pressed message is the asker's answer: never delete it, say it privately.
          const options = toReplyOptions(renderDiscordMessage(internalErrorReply()));
          if (interaction.deferred || interaction.replied) await interaction.followUp(options);
          else await interaction.reply(options);
        } else if (interaction.isRepliable()) {
          await deliverReply(responderFor(interaction), internalErrorReply());
        }
      } catch (answerErr) {
        log.warn({ err: answerErr, interactionId: interaction.id }, 'discord: could not report the failure');
      }
    }
  };
}

/**
 * Connects the gateway bot: logs in with DISCORD_TOKEN (REST at DISCORD_API_URL, gateway URL from
 * /gateway/bot), waits for READY, and answers interactions until stopped.
 */
export async function startDiscordGateway(
  options: StartDiscordGatewayOptions,
): Promise<DiscordGatewayHandle> {
  const { config, logger } = options;
  const token = config.discord.token;
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'must be set to connect to the Discord gateway');
  const log = logger.child({ component: 'discord' });
  const deps: DiscordDeps = { ...options, logger: log };
  // Unreachable host or refused token: one clear line now, not retries and a READY timeout later.
  await checkDiscordToken(config);

  const client: Client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // As many shards as /gateway/bot recommends: past 2,500 servers Discord refuses one connection.
    shards: 'auto',
    rest: { api: config.discord.apiUrl },
    allowedMentions: { parse: [] },
    makeCache: makeCache(() => client),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      // Users arrive with every interaction; keep none but the bot itself for long.
      users: { interval: 3600, filter: () => (user) => user.id !== client.user?.id },
      guildMembers: { interval: 3600, filter: () => (member) => member.id !== client.user?.id },
    },
  });
  const handle = gatewayInteractionHandler(deps);
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'discord: client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord: warning'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.error({ code: event.code, shardId }, 'discord: gateway closed and will not reconnect'),
  );
  client.on(Events.ShardReconnecting, (shardId) =>
    log.warn({ shardId }, 'discord: reconnecting to the gateway'),
  );
  client.rest.on('rateLimited', (info) =>
    log.warn(
      { route: info.route, retryAfter: info.retryAfter, global: info.global },
      'discord: rate limited',
    ),
  );

  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const ready = new Promise<Client<true>>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new PlatformError(
            `discord: the gateway sent no READY within ${Math.round(readyTimeoutMs / 1000)} s: check the network (websockets to the gateway URL)`,
          ),
        ),
      readyTimeoutMs,
    );
    client.once(Events.ClientReady, (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    await client.destroy();
    if ((err as { code?: string }).code === 'TokenInvalid')
      throw refused('discord', config.discord.apiUrl, 'DISCORD_TOKEN', 'not a valid token');
    throw err;
  }
  const readyClient = client as Client<true>;
  log.info(
    {
      user: readyClient.user.tag,
      applicationId: readyClient.application.id,
      guilds: readyClient.guilds.cache.size,
    },
    'discord: connected to the gateway',
  );
  const poster = createDiscordPoster({ config, logger: log });
  return {
    client: readyClient,
    poster,
    notReady: () =>
      client.ws.status === Status.Ready ? null : `discord gateway ${Status[client.ws.status]}`,
    stop: async () => {
      await client.destroy();
    },
  };
}
