import { randomBytes } from 'node:crypto';
import { IdentityCipher, IdentityCipherError } from './identity-cipher';
import { DEV_IDENTITY_KEY, IdentityKeysError, parseIdentityKeys } from './identity-keys';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('IdentityCipher', () => {
  it('seals and opens, with a fresh IV each time and the key named in the result', () => {
    const c = new IdentityCipher([key('k1')]);
    const a = c.seal('oWx_openid_123 13800138000', 'report:1');
    const b = c.seal('oWx_openid_123 13800138000', 'report:1');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(a).not.toContain('13800138000');
    expect(c.open(a, 'report:1')).toBe('oWx_openid_123 13800138000');
  });

  it('refuses an altered value and a value moved to another record', () => {
    const c = new IdentityCipher([key('k1')]);
    const sealed = c.seal('张三', 'report:1');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    parts[4] = flipped.toString('base64url');
    expect(() => c.open(parts.join('.'), 'report:1')).toThrow(IdentityCipherError);
    expect(() => c.open(sealed, 'report:2')).toThrow(IdentityCipherError);
    expect(() => c.open('plain text', 'report:1')).toThrow('not a sealed identity');
  });

  it('rotates: a new first key seals, older keys still open, and stale values are recognised', () => {
    const old = key('2025');
    const before = new IdentityCipher([old]).seal('李四', 'report:7');
    const rotated = new IdentityCipher([key('2026'), old]);
    expect(rotated.open(before, 'report:7')).toBe('李四');
    expect(rotated.isStale(before)).toBe(true);
    expect(rotated.isStale(rotated.seal('李四', 'report:7'))).toBe(false);
    expect(() => new IdentityCipher([key('2026')]).open(before, 'report:7')).toThrow('key "2025", which is not configured');
  });
});

describe('parseIdentityKeys', () => {
  const b64 = () => randomBytes(32).toString('base64');

  it('reads id:base64 pairs, the first being current', () => {
    const keys = parseIdentityKeys(`k2:${b64()}, k1:${b64()}`);
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(keys[0].key).toHaveLength(32);
  });

  it('names what is wrong', () => {
    expect(() => parseIdentityKeys('')).toThrow(IdentityKeysError);
    expect(() => parseIdentityKeys('nokey')).toThrow('id:base64key');
    expect(() => parseIdentityKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow('32 bytes');
    expect(() => parseIdentityKeys(`k1:${b64()},k1:${b64()}`)).toThrow('same key id twice');
  });

  it('has a fixed development key of the right size', () => {
    expect(DEV_IDENTITY_KEY.key).toHaveLength(32);
  });
});
