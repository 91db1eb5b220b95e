import { canonicalJson, IDEMPOTENCY_KEY_PATTERN, openResponse, requestHash, sealResponse, sha256Hex } from './idempotency-seal';

const SECRET = 'seal-test-secret-0123456789';
const KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';
const ANSWER = JSON.stringify({ receiptCode: '1234567812345678', status: 'submitted' });

describe('idempotent answer sealing', () => {
  it('round-trips, and the sealed text shows neither the answer nor the key', () => {
    const sealed = sealResponse(ANSWER, KEY, SECRET, 'report:abc');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('1234567812345678');
    expect(sealed).not.toContain(KEY);
    expect(Buffer.from(sealed.split('.')[3], 'base64url').toString('latin1')).not.toContain('1234');
    expect(openResponse(sealed, KEY, SECRET, 'report:abc')).toBe(ANSWER);
  });

  it('seals the same answer differently each time (random IV)', () => {
    expect(sealResponse(ANSWER, KEY, SECRET, 'c')).not.toBe(sealResponse(ANSWER, KEY, SECRET, 'c'));
  });

  it('does not open with another key, another secret, another context, or when altered', () => {
    const sealed = sealResponse(ANSWER, KEY, SECRET, 'report:abc');
    expect(() => openResponse(sealed, `${KEY}x`, SECRET, 'report:abc')).toThrow();
    expect(() => openResponse(sealed, KEY, `${SECRET}x`, 'report:abc')).toThrow();
    expect(() => openResponse(sealed, KEY, SECRET, 'follow-receipt:abc')).toThrow();
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    expect(() => openResponse([parts[0], parts[1], parts[2], ct.toString('base64url')].join('.'), KEY, SECRET, 'report:abc')).toThrow();
    expect(() => openResponse('garbage', KEY, SECRET, 'report:abc')).toThrow('not a sealed idempotent response');
  });
});

describe('request hashing', () => {
  it('ignores key order and undefined members, not values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe('{"a":{"d":[2,{"e":0,"f":1}]},"b":1}');
    const a = requestHash({ text: '账目不清', villageId: 4 }, null, KEY, SECRET);
    expect(requestHash({ villageId: 4, text: '账目不清' }, null, KEY, SECRET)).toBe(a);
    expect(requestHash({ villageId: 4, text: '账目不清 ' }, null, KEY, SECRET)).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('binds the villager who sent it', () => {
    const body = { villageId: 4, text: 'x' };
    expect(requestHash(body, 7, KEY, SECRET)).not.toBe(requestHash(body, null, KEY, SECRET));
    expect(requestHash(body, 7, KEY, SECRET)).not.toBe(requestHash(body, 8, KEY, SECRET));
  });

  it('is keyed: without the raw key and the secret a stored fingerprint cannot be recomputed from the body', () => {
    const body = { text: 'x', reporterPhone: '13800138000' };
    const hash = requestHash(body, null, KEY, SECRET);
    expect(hash).not.toBe(sha256Hex(`${canonicalJson(body)}\n`));
    expect(requestHash(body, null, `${KEY}x`, SECRET)).not.toBe(hash);
    expect(requestHash(body, null, KEY, `${SECRET}x`)).not.toBe(hash);
  });

  it('hashes keys with sha256 and accepts 8-100 characters of [A-Za-z0-9_-]', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const ok of ['abcdefgh', KEY, 'A'.repeat(100), '01ARZ3NDEKTSV4RRFFQ69G5FAV']) expect(IDEMPOTENCY_KEY_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', 'short', 'A'.repeat(101), 'has space1', 'semi;colon', 'ключ-ключ-ключ']) expect(IDEMPOTENCY_KEY_PATTERN.test(bad)).toBe(false);
  });
});
