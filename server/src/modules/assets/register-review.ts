import { nextRegisterStatus, type RegisterAction, type RegisterStatus } from '@mingbai/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppException, NotFound } from '../../common/errors/app-exception';

/**
 * The review rules both registers (assets, contracts) share with the ledger: a bookkeeper of the
 * village drafts and submits, only the author changes a draft or rejected record, an approver in
 * scope who did not write it (or ask for the change) decides. Out of scope reads as missing.
 */
export interface RegisterRecord {
  id: number;
  villageId: number;
  status: RegisterStatus;
  createdBy: number;
  pendingChange: string | null;
}

/** What every pending change records besides its content. */
export interface PendingBase {
  requestedBy: number;
  requestedAt: string;
}

export function parsePending<T extends PendingBase>(json: string | null): T | null {
  return json ? (JSON.parse(json) as T) : null;
}

/** A bookkeeper of the record's village; a draft is only its author's. Anyone else: 404. */
export function requireVillageBookkeeper<T extends RegisterRecord>(user: AuthUser, rec: T | null, what: string): T {
  if (!rec || user.role !== 'bookkeeper' || rec.villageId !== user.regionId) throw new NotFound(what);
  if (rec.status === 'draft' && rec.createdBy !== user.id) throw new NotFound(what);
  return rec;
}

/** The author of a draft or rejected record changes, submits or deletes it. */
export function requireAuthor(user: AuthUser, rec: RegisterRecord, action: RegisterAction, what: string): void {
  if (rec.createdBy !== user.id && rec.status !== 'approved')
    throw new AppException(403, 'NOT_AUTHOR', `only the bookkeeper who wrote this ${what} may change it`);
  requireTransition(rec, action, what);
}

export function requireTransition(rec: RegisterRecord, action: RegisterAction, what: string): RegisterStatus {
  const next = nextRegisterStatus(rec.status, action, rec.pendingChange !== null);
  if (next) return next;
  if (rec.status === 'approved' && rec.pendingChange !== null && action === 'change')
    throw new AppException(409, 'CHANGE_PENDING', `a change to this ${what} is already waiting for approval`);
  throw new AppException(
    409,
    'INVALID_STATE',
    `cannot ${action} a ${what} that is ${rec.status}${rec.status === 'approved' ? ' with no change pending' : ''}`,
  );
}

/**
 * An approver's decision: not on what they wrote themselves, nor on a change they asked for.
 * Scope is checked by the caller (it needs the village).
 */
export function requireReviewer(user: AuthUser, rec: RegisterRecord, action: 'approve' | 'reject', what: string): void {
  if (rec.status === 'draft') throw new NotFound(what);
  requireTransition(rec, action, what);
  const author = rec.status === 'approved' ? parsePending(rec.pendingChange)?.requestedBy : rec.createdBy;
  if (author === user.id) throw new AppException(403, 'SELF_APPROVAL', `an approver may not review a ${what} or change they wrote`);
}
