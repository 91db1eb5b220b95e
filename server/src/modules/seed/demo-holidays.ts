import type { EntityManager } from 'typeorm';
import { addDays } from '@mingbai/shared';
import { Holiday } from '../rules/holiday.entity';
import { holidayDays, type HolidayPeriod } from '../rules/holidays';
import notices from '../rules/data/holidays.json';

/**
 * Statutory days off for the demo period: the rules' list (from the State Council's notices), and
 * for years it does not cover yet the fixed-date days off every year's notice includes. The demo
 * ledger keeps its ordinary spending off these days, so that only the planted entries are found by
 * the holiday rule.
 */
const EVERY_YEAR: [string, string, number][] = [
  ['元旦', '01-01', 1],
  ['劳动节', '05-01', 3],
  ['国庆节', '10-01', 7],
];

/** Every day off in [from, to], with its holiday's name. */
export function demoHolidays(from: string, to: string): Map<string, string> {
  const known = holidayDays((notices as { periods: HolidayPeriod[] }).periods);
  const years = new Set(known.map((d) => d.day.slice(0, 4)));
  const out = new Map<string, string>();
  for (const d of known) if (d.day >= from && d.day <= to) out.set(d.day, d.name);
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    if (years.has(String(y))) continue;
    for (const [name, md, days] of EVERY_YEAR)
      for (let i = 0; i < days; i++) {
        const day = addDays(`${y}-${md}`, i);
        if (day >= from && day <= to) out.set(day, name);
      }
  }
  return out;
}

/** Adds the demo period's days off that the holidays table does not have (years the rules' list does not cover yet). */
export async function ensureHolidays(em: EntityManager, days: ReadonlyMap<string, string>): Promise<number> {
  const have = new Set((await em.find(Holiday, { select: { day: true } })).map((h) => String(h.day).slice(0, 10)));
  const missing = [...days].filter(([day]) => !have.has(day)).map(([day, name]) => ({ day, name }));
  for (let i = 0; i < missing.length; i += 200) await em.insert(Holiday, missing.slice(i, i + 200));
  return missing.length;
}
