import type { EntityManager } from 'typeorm';
import type { EvidenceItemDto, RuleDefinition, WarningSubjectType } from '@mingbai/shared';
import type { SqlDialect } from './sql-dialect';

/**
 * Which villages a run looks at: a SQL condition on a village-id column plus its bound values.
 * A full run with one set of parameters for every village has an always-true condition; runs for
 * regions with their own parameters, and incremental runs for one village, restrict it.
 */
export interface VillageScope {
  /** e.g. scope.sql('e.village_id') → "e.village_id IN (?, ?)" (or "1 = 1"). */
  sql(column: string): string;
  /** The values bound by sql(), in order; append them where sql() appears in the query. */
  params: unknown[];
  /** The single village of an incremental run, else null. */
  villageId: number | null;
}

export interface RuleContext {
  em: EntityManager;
  dialect: SqlDialect;
  /** Effective parameters (defaults overridden by the region's settings), by key. */
  params: Record<string, number>;
  scope: VillageScope;
  /** Today in China, YYYY-MM-DD: the date rules measure "overdue" and "late" against. */
  today: string;
  now: Date;
}

/** One finding: the same (rule, subjectType, subjectId, period) is always the same warning. */
export interface Finding {
  subjectType: WarningSubjectType;
  subjectId: number;
  /** '' when the subject can be found once; otherwise what distinguishes repeats (a due date, a year). */
  period: string;
  /** The village (for town-wide findings, the town) the warning belongs to. */
  villageId: number;
  /** Money at stake, in fen, when there is one. */
  amountFen: number | null;
  /** One Chinese sentence for the office: what was found, with the figures. */
  summary: string;
  evidence: Omit<EvidenceItemDto, 'path'>[];
  facts: Record<string, number | string | null>;
}

/**
 * A supervision rule: one file in ./definitions, described by its RuleDefinition (id, title,
 * explanation, severity, parameters) and finding its subjects with set-based SQL — a few queries
 * over the whole scope, never a query per row.
 */
export interface SupervisionRule extends RuleDefinition {
  /**
   * Whether runs scoped to one village make sense (entry- and contract-level rules). Rules that
   * compare a village with its town or pool a town (Benford, round numbers) only run in full.
   */
  incremental: boolean;
  /** What the rule's scope is about; a town-level rule reports with villageId = the town's id. */
  level: 'village' | 'town';
  detect(ctx: RuleContext): Promise<Finding[]>;
}
