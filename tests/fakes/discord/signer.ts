import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/** An Ed25519 key pair standing in for Discord's: signs interaction bodies the way Discord does. */
export interface DiscordSigner {
  /** The public key as the Developer Portal shows it (64 hex characters). */
  publicKeyHex: string;
  /** Headers for a body: X-Signature-Ed25519 over timestamp + body, and X-Signature-Timestamp. */
  headers(body: string, timestampS?: number): Record<string, string>;
}

/** A fresh key pair and signer. */
export function discordSigner(): DiscordSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = (publicKey as KeyObject).export({ format: 'der', type: 'spki' });
  return {
    // The raw 32-byte key follows the 12-byte SPKI prefix.
    publicKeyHex: der.subarray(12).toString('hex'),
    headers(body, timestampS = Math.floor(Date.now() / 1000)) {
      const timestamp = String(timestampS);
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      return {
        'content-type': 'application/json',
        'x-signature-ed25519': signature,
        'x-signature-timestamp': timestamp,
      };
    },
  };
}
