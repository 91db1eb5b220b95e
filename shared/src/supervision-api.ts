import type { CaseOutcome, CaseStatus } from './case-state';
import type { RuleDefinition, RuleSeverity } from './supervision-rules';

/**
 * Supervision warnings (预警), issue 5: what the rules engine finds, and how the discipline office
 * sees it. A warning's case goes through the same lifecycle and inbox as a citizen report: in the
 * inbox (`GET /api/inspector/reports?kind=warning`) it is an item of kind `warning`.
 */
export const CASE_KINDS = ['report', 'warning'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { report: '举报', warning: '预警' };

/** What a warning is about. `town` is used by town-wide tests (Benford's law). */
export const WARNING_SUBJECT_TYPES = ['entry', 'contract', 'asset', 'village', 'town'] as const;
export type WarningSubjectType = (typeof WARNING_SUBJECT_TYPES)[number];

/** open: the condition holds at the last run; resolved: it no longer did (the date is kept). */
export const WARNING_STATES = ['open', 'resolved'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export const WARNING_STATE_LABELS: Record<WarningState, string> = { open: '存在', resolved: '已消除' };

/** Lists kept by inspectors, matched against payees (rules conflict-of-interest and cross-department). */
export const WATCH_LIST_KINDS = ['cadre_relative', 'public_servant', 'deceased', 'moved_away'] as const;
export type WatchListKind = (typeof WATCH_LIST_KINDS)[number];
export const WATCH_LIST_KIND_LABELS: Record<WatchListKind, string> = {
  cadre_relative: '村干部及近亲属',
  public_servant: '公职人员',
  deceased: '已故人员',
  moved_away: '迁出人员',
};

/** One thing a finding points at, as the office reads it. */
export interface EvidenceItemDto {
  type: 'entry' | 'contract' | 'installment' | 'asset' | 'person' | 'figure';
  id: number | null;
  /** A one-line Chinese description: "2025-03-05 支出 4,999.00 元 张*三 办公用品". */
  label: string;
  /** App path of the public page, when there is one. */
  path: string | null;
}

export interface WarningDto {
  id: number;
  ruleId: string;
  ruleTitle: string;
  severity: RuleSeverity;
  subjectType: WarningSubjectType;
  subjectId: number;
  period: string;
  villageId: number;
  villageName: string;
  state: WarningState;
  /** One Chinese sentence: what was found. */
  summary: string;
  /** Money at stake (outstanding rent, the split total, the duplicate amount …), when there is one. */
  amountFen: number | null;
  evidence: EvidenceItemDto[];
  /** Machine-readable figures of the finding (days overdue, MAD, shares …). */
  facts: Record<string, number | string | null>;
  detectedAt: string;
  resolvedOn: string | null;
  caseId: number;
}

/** A case's links to other cases about the same entry or contract (reports ↔ warnings). */
export interface CaseLinkDto {
  caseId: number;
  kind: CaseKind;
  title: string;
  status: CaseStatus;
  statusLabel: string;
  /** null: linked automatically (same subject). */
  linkedBy: string | null;
  at: string;
}

/** POST /api/inspector/reports/:id/links */
export interface CaseLinkRequest {
  caseId: number;
}

// ---------------------------------------------------------------- rules

export interface RuleDto extends RuleDefinition {
  /** Whether the rule runs after each publication / contract change as well as daily. */
  incremental: boolean;
  /** Effective values for the region asked about (defaults overridden along its path). */
  effectiveParams: Record<string, number>;
  enabled: boolean;
  /** substantiated ÷ concluded over warnings of the rule (in the region asked about); null before any conclusion. */
  precision: number | null;
  concluded: number;
  substantiated: number;
  openWarnings: number;
  lastRun: RuleRunDto | null;
}

export interface RuleRunDto {
  ruleId: string;
  mode: 'full' | 'incremental' | 'manual';
  startedAt: string;
  durationMs: number;
  findings: number;
  created: number;
  resolved: number;
  error: string | null;
}

/** PUT /api/inspector/rules/:ruleId/settings — parameters for the inspector's own region. */
export interface RuleSettingsRequest {
  regionId: number;
  enabled: boolean;
  /** Only keys of the rule's parameters; values within their min and max. Absent keys inherit. */
  params: Record<string, number>;
}

/** POST /api/inspector/rules/run — a full run now (of one rule, or all). */
export interface RuleRunRequest {
  ruleId?: string;
}

// ---------------------------------------------------------------- watch lists

export interface WatchPersonInput {
  regionId: number;
  listKind: WatchListKind;
  name: string;
  /** Optional 18-character resident ID; hashed with the server's key, never stored. */
  idNumber?: string | null;
  /** e.g. "村委会主任王某之子", "县教育局在编" */
  relation: string | null;
  /** From when the status holds (date of death, of moving out, of taking office …). */
  sinceOn: string | null;
  source: string | null;
}

export interface WatchPersonDto {
  id: number;
  regionId: number;
  regionName: string;
  listKind: WatchListKind;
  name: string;
  hasIdHash: boolean;
  relation: string | null;
  sinceOn: string | null;
  source: string | null;
  active: boolean;
  createdAt: string;
}

// ---------------------------------------------------------------- dashboard

export interface DashboardQuery {
  /** A region within the inspector's scope; default their own. */
  regionId?: number;
  from?: string;
  to?: string;
}

export interface DashboardDto {
  regionId: number;
  regionName: string;
  from: string;
  to: string;
  openWarnings: number;
  openReports: number;
  overdue: { warnings: number; reports: number };
  substantiated: { warnings: number; reports: number };
  amountRecoveredFen: number;
  bySeverity: { severity: RuleSeverity; label: string; open: number }[];
  topVillages: { villageId: number; villageName: string; townName: string; openWarnings: number; openReports: number; amountFen: number }[];
  rules: { ruleId: string; title: string; severity: RuleSeverity; open: number; concluded: number; substantiated: number; precision: number | null }[];
  /** Cases concluded in the period, by outcome. */
  outcomes: { outcome: CaseOutcome; label: string; count: number }[];
}
