import { isCalendarDate } from '@mingbai/shared';

export interface HolidayPeriod {
  name: string;
  from: string;
  to: string;
}

/** Every day of the periods (both ends included), in order. */
export function holidayDays(periods: readonly HolidayPeriod[]): { day: string; name: string }[] {
  const out: { day: string; name: string }[] = [];
  for (const p of periods) {
    if (!isCalendarDate(p.from) || !isCalendarDate(p.to) || p.from > p.to) throw new RangeError(`bad holiday period ${p.from}..${p.to}`);
    for (let d = new Date(`${p.from}T00:00:00Z`); ; d = new Date(d.getTime() + 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      if (day > p.to) break;
      out.push({ day, name: p.name });
    }
  }
  return out;
}
