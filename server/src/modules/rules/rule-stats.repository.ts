import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';

/** Per rule: open warnings, and how the concluded warning cases turned out. */
export interface RuleCaseCounts {
  /** Warnings in state open whose case is not closed. */
  open: number;
  /** Warning cases with an outcome. */
  concluded: number;
  /** Of those, substantiated or partly substantiated. */
  substantiated: number;
}

/**
 * Counts of warnings and their cases per rule, for a rule's precision (substantiated ÷ concluded)
 * and open findings, within a region. Used by the rules page and the dashboard.
 */
@Injectable()
export class RuleStatsRepository {
  constructor(private readonly db: Db) {}

  /**
   * By rule id; rules without warnings are absent. `pathPattern` is a LIKE pattern on the path of
   * the warning's village (the town, for town-wide warnings), e.g. '/1/2/%'; null counts everything.
   */
  async caseCountsByRule(pathPattern: string | null, em: EntityManager = this.db.manager): Promise<Map<string, RuleCaseCounts>> {
    const rows: { rule_id: string; open_count: unknown; concluded_count: unknown; substantiated_count: unknown }[] = await em.query(
      `SELECT w.rule_id AS rule_id,
              SUM(CASE WHEN w.state = 'open' AND (c.id IS NULL OR c.status <> 'closed') THEN 1 ELSE 0 END) AS open_count,
              SUM(CASE WHEN c.outcome IS NOT NULL THEN 1 ELSE 0 END) AS concluded_count,
              SUM(CASE WHEN c.outcome IN ('substantiated', 'partly_substantiated') THEN 1 ELSE 0 END) AS substantiated_count
         FROM warnings w
         JOIN regions v ON v.id = w.village_id
         LEFT JOIN reports c ON c.id = w.case_id
        ${pathPattern === null ? '' : 'WHERE v.path LIKE ?'}
        GROUP BY w.rule_id`,
      pathPattern === null ? [] : [pathPattern],
    );
    // MySQL returns SUM() as a decimal string.
    return new Map(
      rows.map((r) => [
        r.rule_id,
        { open: Number(r.open_count ?? 0), concluded: Number(r.concluded_count ?? 0), substantiated: Number(r.substantiated_count ?? 0) },
      ]),
    );
  }
}
