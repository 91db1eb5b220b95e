import { levelOfCode, parentCode } from './region-codes';

describe('12-digit division codes', () => {
  it.each([
    ['350100000000', 'city', null],
    ['350121000000', 'county', '350100000000'],
    ['350121100000', 'town', '350121000000'],
    ['350121100201', 'village', '350121100000'],
  ])('%s is a %s with parent %s', (code, level, parent) => {
    expect(levelOfCode(code)).toBe(level);
    expect(parentCode(code)).toBe(parent);
  });
  it('rejects other shapes', () => {
    for (const bad of ['35', '350000000000', '35012110020x', '3501211002011']) expect(levelOfCode(bad)).toBeNull();
  });
});
