import type { RegisterStatus } from './registers';

/**
 * The life of an asset or contract record (issue 5), like a ledger entry's:
 *   draft -> submitted -> approved;  submitted -> rejected -> (edited) -> submitted
 * An approved record is public and stays approved: a change to it (an asset's fields, a contract's
 * termination) waits beside it as a pending change until an approver applies or drops it.
 */
export type RegisterAction = 'edit' | 'submit' | 'approve' | 'reject' | 'delete' | 'change';

const TRANSITIONS: Record<RegisterAction, Partial<Record<RegisterStatus, RegisterStatus>>> = {
  edit: { draft: 'draft', rejected: 'rejected' },
  submit: { draft: 'submitted', rejected: 'submitted' },
  approve: { submitted: 'approved' },
  reject: { submitted: 'rejected' },
  delete: { draft: 'draft', rejected: 'rejected' },
  change: { approved: 'approved' },
};

/**
 * The status an action leads to, or null when it is not allowed. With a change pending, an approved
 * record can be approved (the change applied) or rejected (the change dropped), and nothing else.
 */
export function nextRegisterStatus(from: RegisterStatus, action: RegisterAction, hasPendingChange = false): RegisterStatus | null {
  if (from === 'approved') {
    if (action === 'approve' || action === 'reject') return hasPendingChange ? 'approved' : null;
    if (action === 'change') return hasPendingChange ? null : 'approved';
  }
  return TRANSITIONS[action][from] ?? null;
}

/** Whether an approver has something to decide on this record. */
export function awaitsReview(status: RegisterStatus, hasPendingChange: boolean): boolean {
  return status === 'submitted' || (status === 'approved' && hasPendingChange);
}
