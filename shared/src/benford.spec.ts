import { benfordConformity, benfordTest, BENFORD_EXPECTED, firstDigit, firstDigitCounts } from './benford';

describe('Benford first-digit test', () => {
  it('expects log10(1 + 1/d), summing to 1', () => {
    expect(BENFORD_EXPECTED[0]).toBeCloseTo(0.30103, 5);
    expect(BENFORD_EXPECTED[8]).toBeCloseTo(0.04576, 5);
    expect(BENFORD_EXPECTED.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('takes the first significant digit of an amount in fen', () => {
    expect([firstDigit(1), firstDigit(9_99), firstDigit(123_456), firstDigit(-45_00), firstDigit(0), firstDigit(1.5)]).toEqual([1, 9, 1, 4, null, null]);
    expect(firstDigitCounts([100, 150, 2_000, 99, 0])).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('finds amounts that follow the law close to it, and uniform first digits nonconforming', () => {
    // a geometric series spreads its first digits the way Benford says
    const geometric: number[] = [];
    for (let i = 0, x = 100; i < 2000; i++, x *= 1.0123) geometric.push(Math.round(x));
    const close = benfordTest(firstDigitCounts(geometric))!;
    expect(close.conformity).toBe('close');
    expect(close.mad).toBeLessThan(0.006);

    const uniform = benfordTest(new Array(9).fill(100))!;
    expect(uniform.conformity).toBe('nonconforming');
    expect(uniform.mad).toBeGreaterThan(0.015);
  });

  it('says nothing below the minimum count, and uses Nigrini\'s bands at their edges', () => {
    expect(benfordTest([100, 50, 30, 20, 10, 10, 10, 10, 10])).toBeNull(); // 250 < 300
    expect([benfordConformity(0.006), benfordConformity(0.0061), benfordConformity(0.012), benfordConformity(0.015), benfordConformity(0.0151)]).toEqual([
      'close',
      'acceptable',
      'acceptable',
      'marginal',
      'nonconforming',
    ]);
    expect(() => benfordTest([1, 2, 3])).toThrow(/9 counts/);
  });
});
