/** The Discord adapter's public surface, for src/cli.ts and src/start.ts. */
export { type DiscordCliDeps, discordCommandsJson, runDiscordCli } from './cli.js';
export { type DeployResult, type DiscordCommandBody, deployCommands, registrationBody } from './commands.js';
export {
  type DiscordGatewayHandle,
  type StartDiscordGatewayOptions,
  startDiscordGateway,
} from './gateway.js';
export {
  DISCORD_INTERACTIONS_PATH,
  type DiscordHttpHandle,
  type StartDiscordHttpOptions,
  startDiscordHttp,
  verifyDiscordSignature,
} from './http.js';
export { createDiscordPoster, postOutcomeFromError } from './poster.js';
export { checkDiscordToken } from './preflight.js';
export { type DiscordMessage, renderDiscordMessage } from './render.js';
