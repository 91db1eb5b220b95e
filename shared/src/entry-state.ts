/**
 * The life of a ledger entry. Only published entries are public; published entries never change.
 *   draft -> submitted -> published
 *   submitted -> rejected -> (edited) -> submitted
 */
export const ENTRY_STATUSES = ['draft', 'submitted', 'rejected', 'published'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  draft: '草稿',
  submitted: '待审批',
  rejected: '已退回',
  published: '已公开',
};

export type EntryAction = 'edit' | 'submit' | 'approve' | 'reject' | 'delete';

const TRANSITIONS: Record<EntryAction, Partial<Record<EntryStatus, EntryStatus>>> = {
  edit: { draft: 'draft', rejected: 'rejected' },
  submit: { draft: 'submitted', rejected: 'submitted' },
  // approve may need several steps; the final step moves the entry to published
  approve: { submitted: 'published' },
  reject: { submitted: 'rejected' },
  delete: { draft: 'draft', rejected: 'rejected' },
};

/** The status an action leads to, or null when the action is not allowed from `from`. */
export function nextEntryStatus(from: EntryStatus, action: EntryAction): EntryStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

export function canEditEntry(status: EntryStatus): boolean {
  return nextEntryStatus(status, 'edit') !== null;
}

/**
 * How many approvals an entry needs: one, or two when its town requires a second approval by the
 * town agent (村账乡管) at or above a threshold.
 */
export function approvalsRequired(amountFen: number, secondApprovalThresholdFen: number | null | undefined): 1 | 2 {
  return secondApprovalThresholdFen !== null && secondApprovalThresholdFen !== undefined && amountFen >= secondApprovalThresholdFen ? 2 : 1;
}
