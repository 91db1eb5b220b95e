import { Injectable, OnModuleInit } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/unique-violation';
import { Holiday } from './holiday.entity';
import { holidayDays, type HolidayPeriod } from './holidays';
import holidays from './data/holidays.json';

/**
 * Statutory days off (data/holidays.json, from the State Council's yearly notices) for the rule
 * holiday-entries: days missing from the `holidays` table are added at start-up. Days already there
 * are left alone; an instance starting at the same moment may add them first.
 */
@Injectable()
export class HolidaysLoader implements OnModuleInit {
  constructor(private readonly db: Db) {}

  async onModuleInit(): Promise<void> {
    const days = holidayDays((holidays as { periods: HolidayPeriod[] }).periods);
    const missing = async (): Promise<{ day: string; name: string }[]> => {
      const have = new Set((await this.db.manager.find(Holiday, { select: { day: true } })).map((h) => String(h.day).slice(0, 10)));
      return days.filter((d) => !have.has(d.day));
    };
    const todo = await missing();
    if (todo.length === 0) return;
    try {
      await this.db.transaction((em) => em.insert(Holiday, todo));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      for (const d of await missing())
        await this.db.transaction(async (em) => {
          try {
            await em.insert(Holiday, d);
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
          }
        });
    }
  }
}
