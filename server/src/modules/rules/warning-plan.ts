import { WARNING_SUBJECT_TYPES, type CaseStatus, type WarningState, type WarningSubjectType } from '@mingbai/shared';
import type { Finding } from './rule';

/** warnings.summary is varchar(500); warnings.period varchar(16). */
export const SUMMARY_MAX_CHARS = 500;
export const PERIOD_MAX_CHARS = 16;
/** warnings.evidence is TEXT (64 KB on MySQL): the items are cut to fit well within it. */
export const EVIDENCE_MAX_ITEMS = 100;
export const EVIDENCE_MAX_BYTES = 60_000;

/** A warning already stored, as the engine compares it with a new finding. */
export interface StoredWarning {
  id: number;
  subjectType: WarningSubjectType;
  subjectId: number;
  period: string;
  villageId: number;
  state: WarningState;
  summary: string;
  /** Null for resolved warnings (not read: a reopened warning gets the new evidence anyway). */
  evidence: string | null;
  amountFen: number | null;
  caseId: number | null;
  /** The status of its case now (the engine's case events keep it). */
  caseStatus: CaseStatus | null;
}

/** A finding checked and in the form it is stored in. */
export interface PreparedFinding {
  key: string;
  subjectType: WarningSubjectType;
  subjectId: number;
  period: string;
  villageId: number;
  amountFen: number | null;
  summary: string;
  /** JSON {items, facts}. */
  evidence: string;
}

export interface WarningChange {
  stored: StoredWarning;
  finding: PreparedFinding;
}

/** What a run of one rule over one scope does to the stored warnings. */
export interface WarningPlan {
  create: PreparedFinding[];
  /** Open, found again with a different summary, evidence or amount. */
  update: WarningChange[];
  /** Resolved before, found again. */
  reopen: WarningChange[];
  /** Open, not found in the examined scope any more. */
  resolve: StoredWarning[];
  unchanged: number;
}

export function warningKey(subjectType: string, subjectId: number, period: string): string {
  return `${subjectType}\u0000${subjectId}\u0000${period}`;
}

/** A rule's finding that cannot be stored is the rule's error (the run records it). */
export class InvalidFinding extends Error {
  constructor(reason: string) {
    super(`invalid finding: ${reason}`);
    this.name = 'InvalidFinding';
  }
}

function cutChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** Evidence as stored: {items, facts}, items cut to fit the column. */
export function evidenceJson(finding: Pick<Finding, 'evidence' | 'facts'>): string {
  let items = finding.evidence.slice(0, EVIDENCE_MAX_ITEMS);
  for (;;) {
    const json = JSON.stringify({ items, facts: finding.facts });
    if (Buffer.byteLength(json, 'utf8') <= EVIDENCE_MAX_BYTES || items.length === 0) return json;
    items = items.slice(0, Math.floor(items.length / 2));
  }
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= 2_147_483_647;

/** Checks and shapes a rule's findings; the first of two findings with one key wins. */
export function prepareFindings(findings: readonly Finding[]): PreparedFinding[] {
  const out = new Map<string, PreparedFinding>();
  for (const f of findings) {
    if (!WARNING_SUBJECT_TYPES.includes(f.subjectType)) throw new InvalidFinding(`subject type ${String(f.subjectType)}`);
    if (!isId(f.subjectId)) throw new InvalidFinding(`subject id ${String(f.subjectId)}`);
    if (!isId(f.villageId)) throw new InvalidFinding(`village id ${String(f.villageId)}`);
    if (typeof f.period !== 'string' || Array.from(f.period).length > PERIOD_MAX_CHARS)
      throw new InvalidFinding(`period longer than ${PERIOD_MAX_CHARS}`);
    if (f.amountFen !== null && !(typeof f.amountFen === 'number' && Number.isSafeInteger(f.amountFen)))
      throw new InvalidFinding('amount not whole fen');
    if (typeof f.summary !== 'string' || f.summary.trim() === '') throw new InvalidFinding('empty summary');
    const key = warningKey(f.subjectType, f.subjectId, f.period);
    if (out.has(key)) continue;
    out.set(key, {
      key,
      subjectType: f.subjectType,
      subjectId: f.subjectId,
      period: f.period,
      villageId: f.villageId,
      amountFen: f.amountFen,
      summary: cutChars(f.summary.trim(), SUMMARY_MAX_CHARS),
      evidence: evidenceJson(f),
    });
  }
  return [...out.values()];
}

/**
 * Compares what a rule found in a scope with the warnings stored for that scope: new keys are
 * created, open ones updated when their text, evidence or amount changed, resolved ones found
 * again reopened, and open ones not found any more resolved.
 */
export function planWarnings(stored: readonly StoredWarning[], findings: readonly PreparedFinding[]): WarningPlan {
  const byKey = new Map(stored.map((w) => [warningKey(w.subjectType, w.subjectId, w.period), w]));
  const plan: WarningPlan = { create: [], update: [], reopen: [], resolve: [], unchanged: 0 };
  const found = new Set<string>();
  for (const f of findings) {
    found.add(f.key);
    const w = byKey.get(f.key);
    if (!w) plan.create.push(f);
    else if (w.state === 'resolved') plan.reopen.push({ stored: w, finding: f });
    else if (w.summary !== f.summary || w.evidence !== f.evidence || w.amountFen !== f.amountFen)
      plan.update.push({ stored: w, finding: f });
    else plan.unchanged++;
  }
  for (const [key, w] of byKey) if (w.state === 'open' && !found.has(key)) plan.resolve.push(w);
  return plan;
}
