import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { IdentityKey } from './identity-keys';

const FORMAT = 'v1';
const IV_BYTES = 12;

export class IdentityCipherError extends Error {}

/**
 * Seals reporter identities (openid, phone, name) with AES-256-GCM. A sealed value reads
 * `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts): it names its key, so keys can rotate.
 * `context` (e.g. "report:42") is bound as additional data: a value copied onto another record
 * does not open there.
 */
export class IdentityCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: IdentityKey[]) {
    if (keys.length === 0) throw new IdentityCipherError('no identity keys');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0].key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.currentKeyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new IdentityCipherError('not a sealed identity');
    const key = this.byId.get(parts[1]);
    if (!key) throw new IdentityCipherError(`sealed with key "${parts[1]}", which is not configured`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts[2], 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(parts[3], 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(parts[4], 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new IdentityCipherError('sealed identity does not open: altered, or sealed for another record');
    }
  }

  /** True when `sealed` was made with an older key and should be sealed again with the current one. */
  isStale(sealed: string): boolean {
    return sealed.split('.')[1] !== this.currentKeyId;
  }
}
