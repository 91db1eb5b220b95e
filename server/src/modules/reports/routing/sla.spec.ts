import {
  addCalendarDays,
  addWorkingDays,
  chinaDayNumber,
  endOfChinaDay,
  isWorkingDay,
  overdueOf,
  slaDues,
  startOfChinaDate,
  weekdayOfDayNumber,
} from './sla';

/** An instant written in China time. */
const cn = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date): string => d.toISOString();

describe('SLA dues in China time', () => {
  it('knows the weekday of a China date, also just after midnight China time (still the day before in UTC)', () => {
    expect(weekdayOfDayNumber(chinaDayNumber(cn('2026-03-02T12:00:00')))).toBe(1); // Monday
    expect(weekdayOfDayNumber(chinaDayNumber(cn('2026-03-07T00:30:00')))).toBe(6); // Saturday 00:30 in China = Friday 16:30 UTC
    expect(isWorkingDay(chinaDayNumber(cn('2026-03-07T00:30:00')))).toBe(false);
    expect(isWorkingDay(chinaDayNumber(cn('2026-03-06T23:59:59')))).toBe(true);
    expect(weekdayOfDayNumber(chinaDayNumber(cn('1969-12-31T12:00:00')))).toBe(3); // before the epoch: Wednesday
  });

  it('ends a China day at 23:59:59.999 +08:00 and starts a date at 00:00 +08:00', () => {
    expect(iso(endOfChinaDay(chinaDayNumber(cn('2026-03-02T08:00:00'))))).toBe('2026-03-02T15:59:59.999Z');
    expect(iso(startOfChinaDate('2026-03-02'))).toBe('2026-03-01T16:00:00.000Z');
  });

  it('counts working days from the day after submission, Monday to Friday, due at the end of the day', () => {
    // Monday + 5 working days: Tue Wed Thu Fri Mon.
    expect(iso(addWorkingDays(cn('2026-03-02T10:00:00'), 5))).toBe(iso(cn('2026-03-09T23:59:59.999')));
    // Friday evening + 1: the next Monday.
    expect(iso(addWorkingDays(cn('2026-03-06T22:00:00'), 1))).toBe(iso(cn('2026-03-09T23:59:59.999')));
    // Saturday and Sunday + 1: Monday too.
    expect(iso(addWorkingDays(cn('2026-03-07T09:00:00'), 1))).toBe(iso(cn('2026-03-09T23:59:59.999')));
    expect(iso(addWorkingDays(cn('2026-03-08T23:00:00'), 1))).toBe(iso(cn('2026-03-09T23:59:59.999')));
    // Wednesday + 3: Thu Fri Mon.
    expect(iso(addWorkingDays(cn('2026-03-04T15:00:00'), 3))).toBe(iso(cn('2026-03-09T23:59:59.999')));
    // 10 working days span two weekends.
    expect(iso(addWorkingDays(cn('2026-03-02T10:00:00'), 10))).toBe(iso(cn('2026-03-16T23:59:59.999')));
    // 0: the end of the same day.
    expect(iso(addWorkingDays(cn('2026-03-07T09:00:00'), 0))).toBe(iso(cn('2026-03-07T23:59:59.999')));
  });

  it('takes the China date, not the UTC date: 07:00 Monday in China is Sunday in UTC', () => {
    expect(iso(addWorkingDays(cn('2026-03-02T07:00:00'), 1))).toBe(iso(cn('2026-03-03T23:59:59.999')));
  });

  it('adds calendar days at the same time of day, weekends included', () => {
    expect(iso(addCalendarDays(cn('2026-03-02T10:00:00'), 60))).toBe(iso(cn('2026-05-01T10:00:00')));
    expect(iso(addCalendarDays(cn('2028-02-28T10:00:00'), 1))).toBe(iso(cn('2028-02-29T10:00:00'))); // leap day
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => addCalendarDays(new Date(), 1.5)).toThrow(RangeError);
  });

  it('computes both dues at once', () => {
    const dues = slaDues(cn('2026-03-02T10:00:00'), { acceptWorkingDays: 5, concludeDays: 60 });
    expect(iso(dues.acceptDueAt)).toBe(iso(cn('2026-03-09T23:59:59.999')));
    expect(iso(dues.concludeDueAt)).toBe(iso(cn('2026-05-01T10:00:00')));
  });
});

describe('overdue', () => {
  const dues = slaDues(cn('2026-03-02T10:00:00'), { acceptWorkingDays: 5, concludeDays: 60 });
  const at = (status: Parameters<typeof overdueOf>[0]['status'], now: string) => overdueOf({ status, ...dues }, cn(now));

  it('flags a report still submitted after its accept due, not a moment before', () => {
    expect(at('submitted', '2026-03-09T23:59:59.999')).toBeNull();
    expect(at('submitted', '2026-03-10T00:00:00')).toBe('accept');
  });

  it('flags an accepted or investigating report after its conclude due', () => {
    expect(at('accepted', '2026-03-20T00:00:00')).toBeNull();
    expect(at('accepted', '2026-05-01T10:00:01')).toBe('conclude');
    expect(at('investigating', '2026-05-01T10:00:01')).toBe('conclude');
  });

  it('never flags a decided case', () => {
    for (const s of ['not_accepted', 'concluded', 'rectifying', 'rectified', 'closed'] as const) expect(at(s, '2027-01-01T00:00:00')).toBeNull();
  });
});
