import { ValidationFailed } from '../../common/errors/app-exception';
import { planGiven, planOldestFirst } from './receipt-plan';

const inst = (id: number, seq: number, amountFen: number, receivedFen = 0) => ({
  id,
  seq,
  amountFen,
  receivedFen,
  periodStart: '',
  periodEnd: '',
  dueOn: '',
});

describe('receipt plans', () => {
  const schedule = [inst(12, 2, 1000, 0), inst(11, 1, 1000, 400), inst(13, 3, 1000, 0)];

  it('fills the oldest installments first, each only up to what it lacks', () => {
    expect(planOldestFirst(schedule, 1500)).toEqual([
      { installmentId: 11, amountFen: 600 },
      { installmentId: 12, amountFen: 900 },
    ]);
    expect(planOldestFirst(schedule, 10_000).reduce((s, a) => s + a.amountFen, 0)).toBe(2600);
    expect(planOldestFirst([inst(1, 1, 500, 500)], 100)).toEqual([]);
  });

  it('takes a given split only when every part fits', () => {
    expect(planGiven([{ installmentId: 13, amountFen: 1000 }], schedule, 1000)).toEqual([{ installmentId: 13, amountFen: 1000 }]);
    const fail = (allocations: { installmentId: number; amountFen: number }[], available: number): string[] => {
      try {
        planGiven(allocations, schedule, available);
      } catch (e) {
        return (e as ValidationFailed).details.map((d) => d.field);
      }
      return [];
    };
    expect(fail([{ installmentId: 11, amountFen: 601 }], 5000)).toEqual(['allocations[0].amountFen']);
    expect(fail([{ installmentId: 99, amountFen: 1 }], 5000)).toEqual(['allocations[0].installmentId']);
    expect(
      fail(
        [
          { installmentId: 12, amountFen: 1 },
          { installmentId: 12, amountFen: 1 },
        ],
        5000,
      ),
    ).toEqual(['allocations[1].installmentId']);
    expect(
      fail(
        [
          { installmentId: 12, amountFen: 800 },
          { installmentId: 13, amountFen: 800 },
        ],
        1500,
      ),
    ).toEqual(['allocations']);
    expect(fail([], 1500)).toEqual(['allocations']);
  });
});
