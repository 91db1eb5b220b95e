import { Clock } from '../../common/clock/clock';

/** A clock the seeder sets to each demo event's time, so publication stamps look like real history. */
export class SimClock extends Clock {
  private at = new Date(0);

  set(at: Date): void {
    this.at = at;
  }

  override now(): Date {
    return new Date(this.at);
  }
}
