import { normalizePersonName } from '@mingbai/shared';
import type { Entry } from './entry.entity';

/** What every new entry row must be given; everything else starts empty. */
export type NewEntryFields = Pick<
  Entry,
  | 'villageId'
  | 'status'
  | 'direction'
  | 'subjectCode'
  | 'amountFen'
  | 'occurredOn'
  | 'counterpartyKind'
  | 'counterpartyName'
  | 'counterpartyDisplay'
  | 'summary'
  | 'paymentMethod'
  | 'voucherNo'
  | 'createdBy'
  | 'createdAt'
> &
  Partial<Pick<Entry, 'reversesId' | 'reversalReason' | 'rejectReason' | 'approvalsRequired' | 'importBatchId' | 'updatedAt' | 'submittedAt' | 'counterpartyIdHash'>>;

/**
 * An entry row as it is first written (by a bookkeeper, a reversal, an import or the demo seed):
 * not published, so serial and hashes stay empty until PublicationService links it into the chain.
 */
export function newEntryRow(f: NewEntryFields): Omit<Entry, 'id'> {
  return {
    reversesId: null,
    reversalReason: null,
    rejectReason: null,
    approvalsRequired: 1,
    importBatchId: null,
    updatedAt: f.createdAt,
    submittedAt: null,
    counterpartyIdHash: null,
    ...f,
    counterpartyNorm: normalizePersonName(f.counterpartyName),
    publishedAt: null,
    serial: null,
    hash: null,
    prevHash: null,
  };
}
