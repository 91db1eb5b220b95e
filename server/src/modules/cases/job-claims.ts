import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { JobRun } from '../outbox/job-run.entity';
import { isUniqueViolation } from '../../database/unique-violation';

/**
 * Claims one run of a scheduled job (a name and a period, e.g. 'report-digest' / '2026-03-02'):
 * the unique index on job_runs lets exactly one API instance win. Claim inside the transaction
 * that does the job's work, so a run that fails rolls its claim back and is tried again.
 */
@Injectable()
export class JobClaims {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** True when this caller won the run; false when it was already claimed. */
  async claim(name: string, period: string, em: EntityManager = this.db.manager): Promise<boolean> {
    try {
      await em.insert(JobRun, { name, period, startedAt: this.clock.now() });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }
}
