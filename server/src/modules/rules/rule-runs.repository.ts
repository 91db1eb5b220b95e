import { Injectable } from '@nestjs/common';
import type { RuleRunDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { RuleRun } from './rule-run.entity';

export type RuleRunRow = Omit<RuleRun, 'id'>;

/** rule_runs: one row per rule per run. */
@Injectable()
export class RuleRunsRepository {
  constructor(private readonly db: Db) {}

  async record(rows: readonly RuleRunRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction((em) => em.insert(RuleRun, [...rows]));
  }

  /** Each rule's most recent run. */
  async latest(): Promise<Map<string, RuleRun>> {
    const rows = await this.db.manager
      .createQueryBuilder(RuleRun, 'r')
      .where((qb) => `r.id IN ${qb.subQuery().select('MAX(x.id)').from(RuleRun, 'x').groupBy('x.rule_id').getQuery()}`)
      .getMany();
    return new Map(rows.map((r) => [r.ruleId, r]));
  }
}

export function toRuleRunDto(r: RuleRunRow): RuleRunDto {
  return {
    ruleId: r.ruleId,
    mode: r.mode,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.durationMs,
    findings: r.findings,
    created: r.created,
    resolved: r.resolved,
    error: r.error,
  };
}
