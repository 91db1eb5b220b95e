/**
 * The life of a supervision case: a citizen report (举报) or a rule's warning (预警). Both go
 * through this one lifecycle and the same inspectors' inbox; the server enforces it.
 *
 *   submitted ─accept→ accepted ─investigate→ investigating ─conclude→ concluded ─close→ closed
 *        └─decline→ not_accepted ─close→ closed        concluded ─require_rectification→ rectifying
 *                                                      rectifying ─confirm_rectified→ rectified ─close→ closed
 *
 * Every transition records who, when and a note; some need more (see CASE_ACTION_NEEDS).
 */
export const CASE_STATUSES = [
  'submitted',
  'accepted',
  'not_accepted',
  'investigating',
  'concluded',
  'rectifying',
  'rectified',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  not_accepted: '不予受理',
  investigating: '核查中',
  concluded: '已办结',
  rectifying: '整改中',
  rectified: '已整改',
  closed: '已结案',
};

export const CASE_ACTIONS = ['accept', 'decline', 'investigate', 'conclude', 'require_rectification', 'confirm_rectified', 'close'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '受理',
  decline: '不予受理',
  investigate: '开始核查',
  conclude: '办结',
  require_rectification: '要求整改',
  confirm_rectified: '确认整改',
  close: '结案',
};

/** How a concluded case turned out. */
export const CASE_OUTCOMES = ['substantiated', 'partly_substantiated', 'not_substantiated'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  substantiated: '属实',
  partly_substantiated: '部分属实',
  not_substantiated: '不属实',
};

const TRANSITIONS: Record<CaseAction, Partial<Record<CaseStatus, CaseStatus>>> = {
  accept: { submitted: 'accepted' },
  decline: { submitted: 'not_accepted' },
  investigate: { accepted: 'investigating' },
  conclude: { investigating: 'concluded' },
  require_rectification: { concluded: 'rectifying' },
  confirm_rectified: { rectifying: 'rectified' },
  close: { not_accepted: 'closed', concluded: 'closed', rectified: 'closed' },
};

/** What an action must carry besides who and when. */
export interface CaseActionNeeds {
  /** A written note (reason, findings, evidence of rectification, or the reply to the reporter). */
  note: boolean;
  /** An outcome from CASE_OUTCOMES. */
  outcome: boolean;
}

export const CASE_ACTION_NEEDS: Record<CaseAction, CaseActionNeeds> = {
  accept: { note: false, outcome: false },
  decline: { note: true, outcome: false },
  investigate: { note: false, outcome: false },
  conclude: { note: true, outcome: true },
  require_rectification: { note: true, outcome: false },
  confirm_rectified: { note: true, outcome: false },
  close: { note: true, outcome: false },
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function nextCaseStatus(from: CaseStatus, action: CaseAction): CaseStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

/** The actions open to a case in `status`, in lifecycle order. */
export function caseActionsFrom(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((a) => nextCaseStatus(status, a) !== null);
}

export interface CaseTransitionInput {
  action: CaseAction;
  note?: string | null;
  outcome?: CaseOutcome | null;
  amountRecoveredFen?: number | null;
}

export interface CaseTransitionProblem {
  field: 'action' | 'note' | 'outcome' | 'amountRecoveredFen';
  reason: string;
}

/**
 * Checks one transition of a case in `status` (and concluded with `outcome`, when it was): the
 * action is allowed, and it carries what it must. Rectification can only be required of a case
 * found (partly) substantiated; an amount recovered belongs to a conclusion and is never negative.
 */
export function checkCaseTransition(
  status: CaseStatus,
  input: CaseTransitionInput,
  concludedOutcome: CaseOutcome | null = null,
): CaseTransitionProblem[] {
  const problems: CaseTransitionProblem[] = [];
  if (nextCaseStatus(status, input.action) === null) {
    problems.push({ field: 'action', reason: `cannot ${input.action} a case that is ${status}` });
    return problems;
  }
  const needs = CASE_ACTION_NEEDS[input.action];
  if (needs.note && !(input.note ?? '').trim()) problems.push({ field: 'note', reason: 'is required for this action' });
  if (needs.outcome && !input.outcome) problems.push({ field: 'outcome', reason: 'is required when concluding' });
  if (!needs.outcome && input.outcome) problems.push({ field: 'outcome', reason: 'belongs to the conclusion only' });
  if (input.amountRecoveredFen !== undefined && input.amountRecoveredFen !== null) {
    if (input.action !== 'conclude') problems.push({ field: 'amountRecoveredFen', reason: 'belongs to the conclusion only' });
    else if (!Number.isSafeInteger(input.amountRecoveredFen) || input.amountRecoveredFen < 0)
      problems.push({ field: 'amountRecoveredFen', reason: 'must be a whole number of fen, 0 or more' });
  }
  if (input.action === 'require_rectification' && concludedOutcome === 'not_substantiated')
    problems.push({ field: 'action', reason: 'a case found not substantiated needs no rectification' });
  return problems;
}
