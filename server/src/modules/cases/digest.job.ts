import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { todayInChina } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { OutboxService } from '../outbox/outbox.service';
import { CaseStatsService } from './case-stats.service';
import { JobClaims } from './job-claims';

/** How often the job looks at the clock. */
export const DIGEST_TICK_MS = 60_000;
export const DIGEST_JOB = 'report-digest';

export type DigestTick =
  | { ran: false; reason: 'before-hour' | 'claimed' | 'busy' }
  | { ran: true; period: string; offices: number; reports: number };

/**
 * The daily overdue digest: from `config.reports.digestHour` (China time) on, the first tick of
 * the day writes one outbox event 'digest.daily' per office with overdue reports. With several API
 * instances only one writes it: the run of the day ('report-digest', China date) is claimed in
 * job_runs in the same transaction as the events. Only counts are logged.
 */
@Injectable()
export class ReportDigestJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReportDigestJob');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly claims: JobClaims,
    private readonly stats: CaseStatsService,
    private readonly outbox: OutboxService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.tick().catch((e: unknown) => this.logger.error(`daily digest failed: ${(e as Error).name}`));
    }, DIGEST_TICK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at the clock; writes the day's digest when it is due and not yet written by anyone. */
  async tick(clock: Clock = this.clock): Promise<DigestTick> {
    const now = clock.now();
    if (chinaHour(now) < this.config.reports.digestHour) return { ran: false, reason: 'before-hour' };
    if (this.running) return { ran: false, reason: 'busy' };
    this.running = true;
    try {
      const period = todayInChina(now);
      const result = await this.db.transaction(async (em): Promise<DigestTick> => {
        if (!(await this.claims.claim(DIGEST_JOB, period, em))) return { ran: false, reason: 'claimed' };
        const offices = await this.stats.overdueByOffice(null, now, em);
        for (const { office, items } of offices)
          await this.outbox.enqueue(em, {
            type: 'digest.daily',
            reportId: null,
            officeRegionId: office.id,
            data: {
              date: period,
              office: { id: office.id, name: office.name },
              reports: items.map((i) => ({
                reportId: i.reportId,
                village: i.villageName,
                category: i.categoryLabel,
                status: i.status,
                overdue: i.overdue,
                dueAt: i.dueAt.toISOString(),
              })),
            },
          });
        return { ran: true, period, offices: offices.length, reports: offices.reduce((n, o) => n + o.items.length, 0) };
      });
      if (result.ran) this.logger.log(`daily digest ${result.period}: ${result.offices} offices, ${result.reports} overdue reports`);
      return result;
    } finally {
      this.running = false;
    }
  }
}

/** The hour of the day in China (UTC+8). */
export function chinaHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}
