import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseStatus, ReportSubjectType, WarningState, WarningSubjectType } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { reportTextHash } from '../reports/report-text';
import type { VillageScope } from './rule';
import { placeholders } from './sql-dialect';
import { caseById, insertRows, sqlTimestamp } from './sql-values';
import { warningKey, type PreparedFinding, type StoredWarning, type WarningChange } from './warning-plan';

/** Where a new warning's case goes and by when it must be accepted and concluded. */
export interface CaseRoute {
  officeRegionId: number;
  acceptDueAt: Date;
  concludeDueAt: Date;
}

/** The rule a batch of warnings belongs to. */
export interface WarningRule {
  id: string;
  severity: string;
}

/** The case action the engine records when a warning's condition clears or comes back. */
export type EngineCaseAction = 'submitted' | 'condition_cleared' | 'reopened';

const ENGINE_NOTES: Record<EngineCaseAction, string | null> = {
  submitted: null,
  condition_cleared: '预警情形已消除',
  reopened: '预警情形再次出现',
};

const WARNING_COLUMNS = [
  'rule_id',
  'subject_type',
  'subject_id',
  'period',
  'village_id',
  'severity',
  'state',
  'summary',
  'evidence',
  'amount_fen',
  'case_id',
  'detected_at',
  'resolved_at',
  'resolved_on',
  'updated_at',
];

const CASE_COLUMNS = [
  'kind',
  'village_id',
  'office_region_id',
  'category_code',
  'subject_type',
  'subject_id',
  'text',
  'text_hash',
  'status',
  'outcome',
  'amount_recovered_fen',
  'receipt_hash',
  'villager_id',
  'identity_sealed',
  'assignee_id',
  'duplicate_of_id',
  'channel',
  'notify_credits',
  'accept_due_at',
  'conclude_due_at',
  'accepted_at',
  'concluded_at',
  'closed_at',
  'created_at',
  'updated_at',
];

const EVENT_COLUMNS = ['report_id', 'action', 'from_status', 'to_status', 'actor_id', 'note', 'created_at'];

interface StoredRow {
  id: number | string;
  subject_type: WarningSubjectType;
  subject_id: number | string;
  period: string;
  village_id: number | string;
  state: WarningState;
  summary: string;
  evidence: string | null;
  amount_fen: number | string | null;
  case_id: number | string | null;
  case_status: CaseStatus | null;
}

/** The category code of a rule's cases. */
export const ruleCategory = (ruleId: string): string => `rule:${ruleId}`;

/** A warning case's receipt hash: unique per warning and never the hash of a real receipt code. */
export const warningReceiptHash = (warningId: number): string => `warning:${warningId}`;

/**
 * SQL of the rules engine's writes: warnings and their cases (rows of `reports` of kind 'warning'
 * with their case events), set-based, a chunk at a time inside the caller's transaction.
 */
@Injectable()
export class WarningsRepository {
  constructor(private readonly db: Db) {}

  /** The rule's warnings whose village (town) is in `scope`, with the status of their case. */
  async stored(ruleId: string, scope: VillageScope, em: EntityManager = this.db.manager): Promise<StoredWarning[]> {
    const rows: StoredRow[] = await em.query(
      `SELECT w.id, w.subject_type, w.subject_id, w.period, w.village_id, w.state, w.summary,
              CASE WHEN w.state = 'open' THEN w.evidence ELSE NULL END AS evidence,
              w.amount_fen, w.case_id, c.status AS case_status
         FROM warnings w LEFT JOIN reports c ON c.id = w.case_id
        WHERE w.rule_id = ? AND ${scope.sql('w.village_id')}`,
      [ruleId, ...scope.params],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      subjectType: r.subject_type,
      subjectId: Number(r.subject_id),
      period: r.period,
      villageId: Number(r.village_id),
      state: r.state,
      summary: r.summary,
      evidence: r.evidence,
      amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
      caseId: r.case_id === null ? null : Number(r.case_id),
      caseStatus: r.case_status,
    }));
  }

  /** Which of these keys the rule already has a warning for (in any village). */
  async existingKeys(ruleId: string, findings: readonly PreparedFinding[], em: EntityManager = this.db.manager): Promise<Set<string>> {
    if (findings.length === 0) return new Set();
    const keys = keyLists(findings);
    const rows: { subject_type: string; subject_id: number | string; period: string }[] = await em.query(
      `SELECT subject_type, subject_id, period FROM warnings WHERE rule_id = ? AND ${keys.sql}`,
      [ruleId, ...keys.params],
    );
    return new Set(rows.map((r) => warningKey(r.subject_type, Number(r.subject_id), r.period)));
  }

  /**
   * New warnings, each with its case (status submitted, the office and dues of `routes`) and the
   * case's first event. A unique violation (another instance created one of them first) fails
   * the statement; the caller drops the keys that exist and tries again.
   */
  async create(
    em: EntityManager,
    rule: WarningRule,
    findings: readonly PreparedFinding[],
    routes: ReadonlyMap<string, CaseRoute>,
    now: Date,
  ): Promise<number> {
    if (findings.length === 0) return 0;
    const at = sqlTimestamp(now);
    await insertRows(
      em,
      'warnings',
      WARNING_COLUMNS,
      findings.map((f) => [
        rule.id,
        f.subjectType,
        f.subjectId,
        f.period,
        f.villageId,
        rule.severity,
        'open',
        f.summary,
        f.evidence,
        f.amountFen,
        null,
        at,
        null,
        null,
        at,
      ]),
    );
    // This transaction's new rows are the rule's only ones without a case: committed ones got theirs with them.
    const keys = keyLists(findings);
    const idRows: { id: number | string; subject_type: string; subject_id: number | string; period: string }[] = await em.query(
      `SELECT id, subject_type, subject_id, period FROM warnings WHERE rule_id = ? AND ${keys.sql} AND case_id IS NULL`,
      [rule.id, ...keys.params],
    );
    const idByKey = new Map(idRows.map((r) => [warningKey(r.subject_type, Number(r.subject_id), r.period), Number(r.id)]));
    const made = findings.map((f) => {
      const warningId = idByKey.get(f.key);
      const route = routes.get(f.key);
      if (warningId === undefined || !route) throw new Error('a new warning or its route is missing');
      return { f, warningId, route };
    });
    await insertRows(
      em,
      'reports',
      CASE_COLUMNS,
      made.map(({ f, warningId, route }) => [
        'warning',
        f.villageId,
        route.officeRegionId,
        ruleCategory(rule.id),
        caseSubjectType(f.subjectType),
        f.subjectId,
        f.summary,
        reportTextHash(f.summary),
        'submitted',
        null,
        null,
        warningReceiptHash(warningId),
        null,
        null,
        null,
        null,
        'rule',
        0,
        sqlTimestamp(route.acceptDueAt),
        sqlTimestamp(route.concludeDueAt),
        null,
        null,
        null,
        at,
        at,
      ]),
    );
    const hashes = made.map((m) => warningReceiptHash(m.warningId));
    const caseRows: { id: number | string; receipt_hash: string }[] = await em.query(
      `SELECT id, receipt_hash FROM reports WHERE receipt_hash IN (${placeholders(hashes)})`,
      hashes,
    );
    const caseByHash = new Map(caseRows.map((r) => [r.receipt_hash, Number(r.id)]));
    const links = made.map((m) => ({ id: m.warningId, value: caseByHash.get(warningReceiptHash(m.warningId)) }));
    if (links.some((l) => l.value === undefined)) throw new Error('a new warning case is missing');
    const setCase = caseById(links);
    await em.query(`UPDATE warnings SET case_id = ${setCase.sql} WHERE id IN (${placeholders(links)})`, [
      ...setCase.params,
      ...links.map((l) => l.id),
    ]);
    await this.insertEvents(
      em,
      links.map((l) => ({ caseId: l.value as number, status: 'submitted' as const })),
      'submitted',
      now,
    );
    return made.length;
  }

  /** Open warnings found again with another summary, evidence or amount. */
  async update(em: EntityManager, changes: readonly WarningChange[], now: Date): Promise<void> {
    if (changes.length === 0) return;
    await this.setFindings(em, changes, 'updated_at = ?', [sqlTimestamp(now)]);
  }

  /** Resolved warnings found again: open once more, with the new finding and a 'reopened' case event. */
  async reopen(em: EntityManager, changes: readonly WarningChange[], now: Date): Promise<void> {
    if (changes.length === 0) return;
    await this.setFindings(em, changes, "state = 'open', resolved_at = NULL, resolved_on = NULL, updated_at = ?", [sqlTimestamp(now)]);
    await this.insertEvents(em, casesOf(changes.map((c) => c.stored)), 'reopened', now);
  }

  /** Open warnings whose condition cleared: resolved today, with a 'condition_cleared' case event. */
  async resolve(em: EntityManager, warnings: readonly StoredWarning[], now: Date, today: string): Promise<void> {
    if (warnings.length === 0) return;
    const at = sqlTimestamp(now);
    await em.query(
      `UPDATE warnings SET state = 'resolved', resolved_at = ?, resolved_on = ?, updated_at = ? WHERE id IN (${placeholders(warnings)})`,
      [at, today, at, ...warnings.map((w) => w.id)],
    );
    await this.insertEvents(em, casesOf(warnings), 'condition_cleared', now);
  }

  private async setFindings(em: EntityManager, changes: readonly WarningChange[], extraSet: string, extraParams: unknown[]): Promise<void> {
    const summary = caseById(changes.map((c) => ({ id: c.stored.id, value: c.finding.summary })));
    const evidence = caseById(changes.map((c) => ({ id: c.stored.id, value: c.finding.evidence })));
    const amount = caseById(changes.map((c) => ({ id: c.stored.id, value: c.finding.amountFen })));
    await em.query(
      `UPDATE warnings SET summary = ${summary.sql}, evidence = ${evidence.sql}, amount_fen = ${amount.sql}, ${extraSet} WHERE id IN (${placeholders(changes)})`,
      [...summary.params, ...evidence.params, ...amount.params, ...extraParams, ...changes.map((c) => c.stored.id)],
    );
  }

  /** Case events of the engine: no actor; the case's status stays what it is. */
  private async insertEvents(
    em: EntityManager,
    cases: readonly { caseId: number; status: CaseStatus }[],
    action: EngineCaseAction,
    now: Date,
  ): Promise<void> {
    const at = sqlTimestamp(now);
    const note = ENGINE_NOTES[action];
    await insertRows(
      em,
      'report_events',
      EVENT_COLUMNS,
      cases.map((c) => [c.caseId, action, action === 'submitted' ? null : c.status, c.status, null, note, at]),
    );
  }
}

/**
 * A condition on the unique key's columns after rule_id that covers these findings (and may match
 * a few other combinations, which callers match against the findings' keys): an index range on
 * (rule_id, subject_type, subject_id) rather than a scan of the rule's warnings.
 */
function keyLists(findings: readonly PreparedFinding[]): { sql: string; params: unknown[] } {
  const types = [...new Set(findings.map((f) => f.subjectType))];
  const ids = [...new Set(findings.map((f) => f.subjectId))];
  return { sql: `subject_type IN (${placeholders(types)}) AND subject_id IN (${placeholders(ids)})`, params: [...types, ...ids] };
}

/** Town-wide warnings are filed as cases about the town as a 'village' subject (cases know no towns). */
function caseSubjectType(t: WarningSubjectType): ReportSubjectType {
  return t === 'town' ? 'village' : t;
}

function casesOf(warnings: readonly StoredWarning[]): { caseId: number; status: CaseStatus }[] {
  return warnings.flatMap((w) => (w.caseId !== null && w.caseStatus !== null ? [{ caseId: w.caseId, status: w.caseStatus }] : []));
}
