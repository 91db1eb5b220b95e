import { compareProportions, isRoundAmount } from './round-numbers';

describe('round amounts', () => {
  it('counts whole hundreds of yuan as round by default', () => {
    expect([isRoundAmount(50_000_00), isRoundAmount(12_345_67), isRoundAmount(300_00), isRoundAmount(0), isRoundAmount(-200_00)]).toEqual([true, false, true, false, true]);
    expect(isRoundAmount(1_000_00, 1_000_00)).toBe(true);
    expect(isRoundAmount(1_500_00, 1_000_00)).toBe(false);
  });

  it('compares a village\'s share with its town\'s by a two-proportion z statistic', () => {
    // 60 of 100 round against 200 of 1,000 in the town: far above
    const high = compareProportions(60, 100, 200, 1000)!;
    expect(high.share).toBe(0.6);
    expect(high.baseShare).toBe(0.2);
    expect(high.z).toBeGreaterThan(8);
    // the same share as the town: z 0
    expect(compareProportions(20, 100, 200, 1000)!.z).toBeCloseTo(0, 10);
    // a textbook value: 0.5 vs 0.4 with 100 and 100 → z ≈ 1.4213
    expect(compareProportions(50, 100, 40, 100)!.z).toBeCloseTo(1.4213, 3);
    expect(compareProportions(0, 0, 5, 10)).toBeNull();
    expect(compareProportions(0, 10, 0, 10)).toBeNull();
  });
});
