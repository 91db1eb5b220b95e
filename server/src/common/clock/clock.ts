import { Injectable } from '@nestjs/common';
import { todayInChina } from '@mingbai/shared';

/** The time, behind a class so tests can set it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
  /** Today's calendar date in China. */
  today(): string {
    return todayInChina(this.now());
  }
}
