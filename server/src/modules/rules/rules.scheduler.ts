import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { todayInChina, type RuleRunDto } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { DomainEvents, type DomainEvent } from '../../common/events/domain-events';
import { JobClaims } from '../cases/job-claims';
import { JobRun } from '../outbox/job-run.entity';
import { chinaHour } from '../cases/digest.job';
import { RulesEngine } from './rules-engine.service';

export const RULES_DAILY_JOB = 'rules-daily';

export type RulesTick = { ran: false; reason: 'before-hour' | 'claimed' | 'busy' } | { ran: true; period: string; runs: RuleRunDto[] };

/**
 * When the rules run by themselves: for one village after its entries were published or its
 * contracts changed (RULES_INCREMENTAL), and in full once a day from RULES_DAILY_HOUR China time.
 * With several API instances the day's full run is claimed in job_runs ('rules-daily', China date)
 * by exactly one of them. The claim commits before the run (a run is many transactions); a run
 * that fails as a whole gives its claim back so a later tick tries again.
 */
@Injectable()
export class RulesScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RulesScheduler');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly claims: JobClaims,
    private readonly engine: RulesEngine,
  ) {}

  onModuleInit(): void {
    this.events.subscribe((e) => this.onEvent(e));
  }

  onApplicationBootstrap(): void {
    if (this.config.rules.pollMs <= 0) return;
    this.timer = setInterval(() => {
      this.tick().catch((e: unknown) => this.logger.error(`daily rules run failed: ${(e as Error).name}`));
    }, this.config.rules.pollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async onEvent(e: DomainEvent): Promise<void> {
    if (!this.config.rules.incremental) return;
    if (e.type === 'entries.published' || e.type === 'contracts.changed') await this.engine.runVillage(e.villageId);
  }

  /** One look at the clock: runs every rule in full when the day's run is due and nobody has claimed it. */
  async tick(): Promise<RulesTick> {
    const now = this.clock.now();
    if (chinaHour(now) < this.config.rules.dailyHour) return { ran: false, reason: 'before-hour' };
    if (this.running) return { ran: false, reason: 'busy' };
    this.running = true;
    try {
      const period = todayInChina(now);
      if (!(await this.db.transaction((em) => this.claims.claim(RULES_DAILY_JOB, period, em)))) return { ran: false, reason: 'claimed' };
      try {
        return { ran: true, period, runs: await this.engine.runFull('full') };
      } catch (e) {
        await this.db.transaction((em) => em.delete(JobRun, { name: RULES_DAILY_JOB, period }));
        throw e;
      }
    } finally {
      this.running = false;
    }
  }
}
