import { createHash } from 'node:crypto';

/** One AES-256 key for reporter identities, named so that stored ciphertexts say which key sealed them. */
export interface IdentityKey {
  id: string;
  key: Buffer;
}

/** Thrown with the reason; config.ts turns it into a ConfigError naming REPORT_IDENTITY_KEYS. */
export class IdentityKeysError extends Error {}

/** The development key: fixed, public, and refused in production. */
export const DEV_IDENTITY_KEY: IdentityKey = { id: 'dev', key: createHash('sha256').update('mingbai-dev-identity-key').digest() };

/**
 * Parses `id:base64key[,id:base64key…]`: each key 32 bytes (AES-256), ids of 1–16 letters, digits,
 * `_` or `-`, unique. The first key seals new identities; the others only open older ones, so a key
 * can be rotated by putting a new one first and re-sealing at leisure.
 */
export function parseIdentityKeys(raw: string): IdentityKey[] {
  const keys = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([A-Za-z0-9_-]{1,16}):([A-Za-z0-9+/=_-]+)$/.exec(part);
      if (!m) throw new IdentityKeysError('must be a comma-separated list of id:base64key');
      const key = Buffer.from(m[2], 'base64');
      if (key.length !== 32) throw new IdentityKeysError(`key "${m[1]}" must be 32 bytes (base64 of 32 random bytes, e.g. openssl rand -base64 32)`);
      return { id: m[1], key };
    });
  if (keys.length === 0) throw new IdentityKeysError('must name at least one key');
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new IdentityKeysError('has the same key id twice');
  return keys;
}
