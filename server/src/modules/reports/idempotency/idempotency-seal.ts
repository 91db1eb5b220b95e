import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** 8–100 characters of [A-Za-z0-9_-]: a UUID, a ULID or any random token fits. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

const FORMAT = 'v1';
const HKDF_INFO = 'mingbai:idempotency-response:v1';
const HKDF_INFO_REQUEST = 'mingbai:idempotency-request:v1';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** JSON with object keys sorted at every level (undefined members dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * The fingerprint of a request: HMAC-SHA256 of its canonical JSON (plus the villager id, when a
 * villager sent it) under a key derived from the raw Idempotency-Key and the hash secret. A plain
 * sha256 would let a database reader confirm guesses (a reporter's phone number) against it; this
 * needs the raw key, which is never stored.
 */
export function requestHash(request: unknown, villagerId: number | null, rawKey: string, hashSecret: string): string {
  return createHmac('sha256', derivedKey(rawKey, hashSecret, HKDF_INFO_REQUEST))
    .update(`${canonicalJson(request)}\n${villagerId ?? ''}`, 'utf8')
    .digest('hex');
}

function derivedKey(rawKey: string, hashSecret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(rawKey, 'utf8'), Buffer.from(hashSecret, 'utf8'), Buffer.from(info, 'utf8'), 32));
}

/** The AES-256 key that seals the stored answer: HKDF-SHA256 of the raw Idempotency-Key, salted with the hash secret. */
function sealKey(rawKey: string, hashSecret: string): Buffer {
  return derivedKey(rawKey, hashSecret, HKDF_INFO);
}

/**
 * Seals a stored answer with AES-256-GCM under a key only the holder of the Idempotency-Key can
 * derive: a database reader sees `v1.<iv>.<tag>.<ciphertext>` and no receipt code. `context`
 * (scope and key hash) is bound as additional data.
 */
export function sealResponse(plaintext: string, rawKey: string, hashSecret: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(rawKey, hashSecret), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** Opens what sealResponse sealed; throws when the key, secret or context differ or the value was altered. */
export function openResponse(sealed: string, rawKey: string, hashSecret: string, context: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== FORMAT) throw new Error('not a sealed idempotent response');
  const decipher = createDecipheriv('aes-256-gcm', sealKey(rawKey, hashSecret), Buffer.from(parts[1], 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(parts[2], 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64url')), decipher.final()]).toString('utf8');
}
