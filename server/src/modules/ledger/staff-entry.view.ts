import type { ApprovalStepDto, AttachmentDto, CounterpartyKind, Direction, EntryStatus, PaymentMethod } from '@mingbai/shared';
import { Entry } from './entry.entity';
import { EntryApproval } from './entry-approval.entity';

/** What staff in scope see of an entry: everything, including the counterparty's full name. */
export interface StaffEntryView {
  id: number;
  villageId: number;
  status: EntryStatus;
  direction: Direction;
  subjectCode: string;
  subjectName: string;
  amountFen: number;
  occurredOn: string;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  counterpartyDisplay: string;
  summary: string;
  paymentMethod: PaymentMethod;
  voucherNo: string | null;
  reversesId: number | null;
  reversalReason: string | null;
  rejectReason: string | null;
  approvalsRequired: number;
  importBatchId: number | null;
  createdBy: number;
  createdAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  serial: number | null;
  hash: string | null;
  prevHash: string | null;
  approvals: (Omit<ApprovalStepDto, 'by'> & { userId: number })[];
  attachments: AttachmentDto[] | number;
}

export function toStaffView(e: Entry, approvals: EntryApproval[], attachments: AttachmentDto[] | number, subjectName: string): StaffEntryView {
  return {
    id: e.id,
    villageId: e.villageId,
    status: e.status,
    direction: e.direction,
    subjectCode: e.subjectCode,
    subjectName,
    amountFen: e.amountFen,
    occurredOn: e.occurredOn,
    counterpartyKind: e.counterpartyKind,
    counterpartyName: e.counterpartyName,
    counterpartyDisplay: e.counterpartyDisplay,
    summary: e.summary,
    paymentMethod: e.paymentMethod,
    voucherNo: e.voucherNo,
    reversesId: e.reversesId,
    reversalReason: e.reversalReason,
    rejectReason: e.rejectReason,
    approvalsRequired: e.approvalsRequired,
    importBatchId: e.importBatchId,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
    submittedAt: e.submittedAt?.toISOString() ?? null,
    publishedAt: e.publishedAt?.toISOString() ?? null,
    serial: e.serial,
    hash: e.hash,
    prevHash: e.prevHash,
    approvals: approvals.map((a) => ({ step: a.step, role: a.role, decision: a.decision, reason: a.reason, userId: a.userId, at: a.createdAt.toISOString() })),
    attachments,
  };
}
