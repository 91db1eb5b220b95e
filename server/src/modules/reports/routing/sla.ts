import type { CaseStatus } from '@mingbai/shared';

/**
 * Service-level dues of a report, in China time (UTC+8, no daylight saving). Pure functions: the
 * routing service and the inbox use them, the unit tests pin them down.
 *
 * Working days are Monday to Friday. Public holidays and the weekend days worked in their place
 * (调休) are NOT modelled: a due date may fall on a holiday, and a worked Saturday does not count.
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** The China calendar day of an instant, counted in days since 1970-01-01. */
export function chinaDayNumber(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday for a China day number (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The last millisecond of a China calendar day: 23:59:59.999 +08:00. */
export function endOfChinaDay(day: number): Date {
  return new Date((day + 1) * DAY_MS - CHINA_OFFSET_MS - 1);
}

/** The first millisecond of a China calendar day given as YYYY-MM-DD: 00:00:00.000 +08:00. */
export function startOfChinaDate(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - CHINA_OFFSET_MS);
}

export function isWorkingDay(day: number): boolean {
  const wd = weekdayOfDayNumber(day);
  return wd !== 0 && wd !== 6;
}

/**
 * `at` plus `days` working days, due at the end of that day in China. Counting starts the day
 * after `at`: a report of Monday with 5 working days is due at the end of the next Monday; one of
 * Saturday with 1 working day at the end of Monday. 0 days: the end of the day of `at`.
 */
export function addWorkingDays(at: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('working days must be a whole number, 0 or more');
  let day = chinaDayNumber(at);
  for (let left = days; left > 0; ) {
    day++;
    if (isWorkingDay(day)) left--;
  }
  return endOfChinaDay(day);
}

/** `at` plus `days` calendar days (the same time of day; China keeps no daylight saving time). */
export function addCalendarDays(at: Date, days: number): Date {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('calendar days must be a whole number, 0 or more');
  return new Date(at.getTime() + days * DAY_MS);
}

export interface SlaSettings {
  acceptWorkingDays: number;
  concludeDays: number;
}

export interface SlaDues {
  acceptDueAt: Date;
  concludeDueAt: Date;
}

export function slaDues(at: Date, sla: SlaSettings): SlaDues {
  return { acceptDueAt: addWorkingDays(at, sla.acceptWorkingDays), concludeDueAt: addCalendarDays(at, sla.concludeDays) };
}

export type Overdue = 'accept' | 'conclude';

/** Statuses in which the conclusion is still awaited. */
export const AWAITING_CONCLUSION: readonly CaseStatus[] = ['accepted', 'investigating'];

/**
 * Late acknowledgement ('accept': still submitted after its accept due) or late conclusion
 * ('conclude': accepted or investigating after its conclude due); null otherwise.
 */
export function overdueOf(r: { status: CaseStatus; acceptDueAt: Date; concludeDueAt: Date }, now: Date): Overdue | null {
  if (r.status === 'submitted') return now.getTime() > r.acceptDueAt.getTime() ? 'accept' : null;
  if (AWAITING_CONCLUSION.includes(r.status)) return now.getTime() > r.concludeDueAt.getTime() ? 'conclude' : null;
  return null;
}

/** The due that an overdue report missed. */
export function missedDue(r: { acceptDueAt: Date; concludeDueAt: Date }, overdue: Overdue): Date {
  return overdue === 'accept' ? r.acceptDueAt : r.concludeDueAt;
}
