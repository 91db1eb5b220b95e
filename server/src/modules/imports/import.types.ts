import type { CounterpartyKind, Direction, EntryStatus, PaymentMethod } from '@mingbai/shared';

/** A row that passed every rule, in the form it is stored. */
export interface ImportedEntry {
  /** Spreadsheet row number. */
  row: number;
  direction: Direction;
  subjectCode: string;
  amountFen: number;
  occurredOn: string;
  counterpartyName: string;
  counterpartyKind: CounterpartyKind;
  counterpartyDisplay: string;
  summary: string;
  paymentMethod: PaymentMethod;
  voucherNo: string | null;
}

/** One problem in a file: the spreadsheet row (1 = header row), the entry field, why. */
export interface RowError {
  row: number;
  field: string;
  reason: string;
}

export interface DryRunResult {
  dryRun: true;
  format: 'csv' | 'xlsx';
  /** Data rows in the file (blank rows not counted). */
  rows: number;
  /** Rows without any error. */
  valid: number;
  /** All problems found; `errors` lists the first MAX_LISTED_ERRORS of them. */
  errorCount: number;
  errors: RowError[];
}

export interface CommitResult {
  batchId: number;
  rows: number;
}

export interface ImportBatchView {
  id: number;
  villageId: number;
  villageName: string;
  fileName: string;
  rowCount: number;
  createdBy: number;
  createdAt: string;
  /** Entries of the batch by status (a status without entries is 0). */
  counts: Record<EntryStatus, number>;
}

export interface BatchApprovalResult {
  /** Entries this call approved (first or final approval). */
  approved: number;
  /** Of those, entries that became public. */
  published: number;
  /** Entries of the batch still waiting for a (second) approval by someone else after this call. */
  pendingSecondApproval: number;
}
