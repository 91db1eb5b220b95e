import { addMonths, installmentState, rentSchedule } from './rent-schedule';

describe('rent schedules', () => {
  it('adds months the calendar way', () => {
    expect([addMonths('2024-01-31', 1), addMonths('2023-01-31', 1), addMonths('2024-11-15', 3), addMonths('2024-03-01', -3)]).toEqual([
      '2024-02-29',
      '2023-02-28',
      '2025-02-15',
      '2023-12-01',
    ]);
  });

  it('splits a three-year lease into yearly installments due in advance', () => {
    const s = rentSchedule({ startOn: '2024-03-01', endOn: '2027-02-28', annualRentFen: 5_000_000, frequency: 'yearly' });
    expect(s.map((i) => [i.seq, i.dueOn, i.periodEnd, i.amountFen])).toEqual([
      [1, '2024-03-01', '2025-02-28', 5_000_000],
      [2, '2025-03-01', '2026-02-28', 5_000_000],
      [3, '2026-03-01', '2027-02-28', 5_000_000],
    ]);
  });

  it('charges a cut last period by its days and never loses a fen to rounding', () => {
    const s = rentSchedule({ startOn: '2025-01-01', endOn: '2025-08-15', annualRentFen: 1_000_001, frequency: 'half_yearly' });
    expect(s).toHaveLength(2);
    expect(s[0]).toMatchObject({ dueOn: '2025-01-01', periodEnd: '2025-06-30', amountFen: 500_001 });
    expect(s[1]).toMatchObject({ dueOn: '2025-07-01', periodEnd: '2025-08-15' });
    // 46 of 184 days of the second half-year
    expect(s[1].amountFen).toBe(Math.round(500_000.5 * (1 + 46 / 184)) - 500_001);
    const monthly = rentSchedule({ startOn: '2025-01-01', endOn: '2025-12-31', annualRentFen: 100_000, frequency: 'monthly' });
    expect(monthly).toHaveLength(12);
    expect(monthly.reduce((n, i) => n + i.amountFen, 0)).toBe(100_000);
  });

  it('refuses impossible terms', () => {
    expect(() => rentSchedule({ startOn: '2025-02-30', endOn: '2026-01-01', annualRentFen: 1, frequency: 'yearly' })).toThrow(RangeError);
    expect(() => rentSchedule({ startOn: '2025-02-01', endOn: '2025-01-01', annualRentFen: 1, frequency: 'yearly' })).toThrow(/before/);
    expect(() => rentSchedule({ startOn: '2025-01-01', endOn: '2026-01-01', annualRentFen: 1.5, frequency: 'yearly' })).toThrow(/fen/);
  });

  it('tells paid, partly paid, due and overdue installments apart', () => {
    const inst = { dueOn: '2025-03-01', amountFen: 10_000 };
    expect(installmentState(inst, 0, '2025-02-01')).toBe('upcoming');
    expect(installmentState(inst, 0, '2025-03-01', 60)).toBe('due');
    expect(installmentState(inst, 0, '2025-04-30', 60)).toBe('due'); // day 60 after due
    expect(installmentState(inst, 0, '2025-05-01', 60)).toBe('overdue'); // day 61
    expect(installmentState(inst, 4_000, '2025-03-10', 60)).toBe('partly_paid');
    expect(installmentState(inst, 4_000, '2025-06-01', 60)).toBe('overdue');
    expect(installmentState(inst, 10_000, '2026-01-01', 60)).toBe('paid');
  });
});
