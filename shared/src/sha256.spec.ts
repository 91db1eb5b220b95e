import { createHash } from 'node:crypto';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
  it.each(['', 'abc', '明白账', '修缮村道🚧', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), '中'.repeat(1000)])(
    'matches node crypto for %#',
    (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    },
  );
});
