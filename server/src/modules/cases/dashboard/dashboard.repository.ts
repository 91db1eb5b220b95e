import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { CaseKind, CaseOutcome, RuleSeverity } from '@mingbai/shared';
import { Db } from '../../../database/db.service';
import { Region } from '../../regions/region.entity';
import { Report } from '../../reports/report.entity';
import { AWAITING_CONCLUSION } from '../../reports/routing/sla';

/** Which cases a dashboard counts: those an inspector sees (office scope) about villages of one region. */
export interface DashboardScope {
  /** LIKE pattern on the office's path: the inspector's scope. */
  scope: string;
  /** LIKE pattern on the village's path (for town-wide warnings, the town's): the region shown. */
  region: string;
}

/** Open cases (not closed) of one village, kind and (for warnings) severity. */
export interface OpenGroup {
  villageId: number;
  /** The level of the case's region ('town' for town-wide warnings). */
  level: string;
  kind: CaseKind;
  severity: RuleSeverity | null;
  open: number;
  overdue: number;
  /** Money at stake of the open warnings. */
  amountFen: number;
}

/** Cases concluded in a period, by kind and outcome. */
export interface ConclusionGroup {
  kind: CaseKind;
  outcome: CaseOutcome;
  count: number;
  amountRecoveredFen: number;
}

const OVERDUE = "((r.status = 'submitted' AND r.accept_due_at < :now) OR (r.status IN (:...awaiting) AND r.conclude_due_at < :now))";

/**
 * The dashboard's figures in two grouped queries over the cases in scope (never a loop over cases):
 * open cases by village, kind and severity, and conclusions of the period by kind and outcome.
 * Duplicates follow their original and are not counted.
 */
@Injectable()
export class DashboardRepository {
  constructor(private readonly db: Db) {}

  async openGroups(s: DashboardScope, now: Date): Promise<OpenGroup[]> {
    const rows = await this.base(s)
      .leftJoin('warnings', 'w', 'w.case_id = r.id')
      .select('r.village_id', 'villageId')
      .addSelect('v.level', 'level')
      .addSelect('r.kind', 'kind')
      .addSelect('w.severity', 'severity')
      .addSelect('COUNT(*)', 'open')
      .addSelect(`SUM(CASE WHEN ${OVERDUE} THEN 1 ELSE 0 END)`, 'overdue')
      .addSelect('SUM(COALESCE(w.amount_fen, 0))', 'amountFen')
      .andWhere("r.status <> 'closed'")
      .setParameters({ now, awaiting: AWAITING_CONCLUSION })
      .groupBy('r.village_id')
      .addGroupBy('v.level')
      .addGroupBy('r.kind')
      .addGroupBy('w.severity')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      villageId: Number(r.villageId),
      level: String(r.level),
      kind: r.kind as CaseKind,
      severity: (r.severity ?? null) as RuleSeverity | null,
      open: Number(r.open),
      overdue: Number(r.overdue ?? 0),
      amountFen: Number(r.amountFen ?? 0),
    }));
  }

  /** Cases concluded from `from` (inclusive) to `until` (exclusive). */
  async conclusions(s: DashboardScope, from: Date, until: Date): Promise<ConclusionGroup[]> {
    const rows = await this.base(s)
      .select('r.kind', 'kind')
      .addSelect('r.outcome', 'outcome')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(COALESCE(r.amount_recovered_fen, 0))', 'amount')
      .andWhere('r.outcome IS NOT NULL')
      .andWhere('r.concluded_at >= :from AND r.concluded_at < :until', { from, until })
      .groupBy('r.kind')
      .addGroupBy('r.outcome')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      kind: r.kind as CaseKind,
      outcome: r.outcome as CaseOutcome,
      count: Number(r.n),
      amountRecoveredFen: Number(r.amount ?? 0),
    }));
  }

  private base(s: DashboardScope): SelectQueryBuilder<Report> {
    return this.db.manager
      .createQueryBuilder(Report, 'r')
      .innerJoin(Region, 'o', 'o.id = r.office_region_id')
      .innerJoin(Region, 'v', 'v.id = r.village_id')
      .where('o.path LIKE :scope', { scope: s.scope })
      .andWhere('v.path LIKE :region', { region: s.region })
      .andWhere('r.duplicate_of_id IS NULL');
  }
}
