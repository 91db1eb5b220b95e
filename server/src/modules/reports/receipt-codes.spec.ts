import { scryptSync, createHmac } from 'node:crypto';
import { normalizeReceiptCode } from '@mingbai/shared';
import { loadConfig } from '../../config/config';
import { ReceiptCodes } from './receipt-codes';

const codesWith = (secret: string) => new ReceiptCodes(loadConfig({ NODE_ENV: 'test', REPORT_HASH_SECRET: secret }));

describe('ReceiptCodes', () => {
  const codes = codesWith('receipt-test-secret-0123456789');

  it('generates 16 digits that the shared format accepts, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = codes.generate();
      expect(code).toMatch(/^\d{16}$/);
      expect(normalizeReceiptCode(code)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(200);
  });

  it('uses every digit in every position about equally often', () => {
    const counts = Array.from({ length: 16 }, () => new Array<number>(10).fill(0));
    const n = 2000;
    for (let i = 0; i < n; i++) [...codes.generate()].forEach((d, pos) => counts[pos][Number(d)]++);
    // expected 200 per digit and position; 5 standard deviations (~67) either way
    for (const position of counts) for (const c of position) expect(Math.abs(c - n / 10)).toBeLessThan(70);
  });

  it('hashes with scrypt N=2^14 r=8 p=1 under a salt derived from the secret: deterministic, hex, 32 bytes', async () => {
    const code = '1234567812345678';
    const hash = await codes.hash(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await codes.hash(code)).toBe(hash);
    const salt = createHmac('sha256', 'receipt-test-secret-0123456789').update('receipt').digest();
    expect(hash).toBe(scryptSync(code, salt, 32, { N: 16384, r: 8, p: 1 }).toString('hex'));
    expect(hash).not.toContain(code);
  });

  it('gives another hash for another code or another secret', async () => {
    const a = await codes.hash('1234567812345678');
    expect(await codes.hash('1234567812345679')).not.toBe(a);
    expect(await codesWith('another-secret-0123456789abc').hash('1234567812345678')).not.toBe(a);
  });
});
