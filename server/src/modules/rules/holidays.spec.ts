import holidays from './data/holidays.json';
import { holidayDays, type HolidayPeriod } from './holidays';

describe('statutory holidays', () => {
  const days = holidayDays((holidays as { periods: HolidayPeriod[] }).periods);
  const count = (year: string) => days.filter((d) => d.day.startsWith(year)).length;

  it('hold the State Council’s days off for 2024–2026', () => {
    expect([count('2024'), count('2025'), count('2026')]).toEqual([28, 28, 33]);
    expect(new Set(days.map((d) => d.day)).size).toBe(days.length);
    expect(days.filter((d) => d.name === '春节' && d.day.startsWith('2026')).map((d) => d.day)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(days.find((d) => d.day === '2025-10-08')?.name).toBe('国庆节、中秋节');
    expect(days.every((d) => Array.from(d.name).length <= 20)).toBe(true);
  });

  it('expand a period across a month end and refuse a backwards one', () => {
    expect(holidayDays([{ name: '春节', from: '2025-01-30', to: '2025-02-02' }]).map((d) => d.day)).toEqual([
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ]);
    expect(() => holidayDays([{ name: 'x', from: '2025-02-02', to: '2025-02-01' }])).toThrow(RangeError);
  });
});
