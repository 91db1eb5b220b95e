import { formatFen, isValidAmountFen, parseYuanToFen } from './money';

describe('money', () => {
  it('formats fen as yuan', () => {
    expect(formatFen(123450)).toBe('¥1,234.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-88800)).toBe('-¥888.00');
    expect(formatFen(100000000000000)).toBe('¥1,000,000,000,000.00');
  });
  it('accepts only positive integer fen up to 10^12', () => {
    expect(isValidAmountFen(1)).toBe(true);
    expect(isValidAmountFen(1e12)).toBe(true);
    for (const bad of [0, -1, 1.5, 1e12 + 1, '100', null, NaN, Infinity]) expect(isValidAmountFen(bad)).toBe(false);
  });
  it('parses yuan text', () => {
    expect(parseYuanToFen('1234.5')).toBe(123450);
    expect(parseYuanToFen('0.05')).toBe(5);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('-1')).toBeNull();
  });
});
