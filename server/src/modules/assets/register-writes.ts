import type { EntityManager } from 'typeorm';
import type { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/unique-violation';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppException, NotFound } from '../../common/errors/app-exception';
import type { ScopeService } from '../../common/scope/scope.service';
import { ImportBatch } from '../imports/import-batch.entity';
import type { Region } from '../regions/region.entity';
import { requireReviewer, type RegisterRecord } from './register-review';

/** What the register writes below need of a register's repository (assets or contracts). */
export interface RegisterStore<T extends RegisterRecord> {
  find(id: number): Promise<T | null>;
  lock(em: EntityManager, id: number): Promise<T | null>;
  findVillage(id: number, em?: EntityManager): Promise<Region | null>;
  waitingInBatch(em: EntityManager, batchId: number): Promise<T[]>;
}

/**
 * One transaction whose unique code index may still refuse a row another request stored
 * meanwhile: that refusal reads as `codeTaken()`.
 */
export async function writeUnique<T>(db: Db, codeTaken: () => Error, work: (em: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(work);
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken();
    throw e;
  }
}

/** The record locked for an approver in scope to decide on; out of scope reads as missing. */
export async function lockForReview<T extends RegisterRecord>(
  em: EntityManager,
  store: RegisterStore<T>,
  scope: ScopeService,
  user: AuthUser,
  id: number,
  action: 'approve' | 'reject',
  what: string,
): Promise<T> {
  const rec = await store.lock(em, id);
  const village = rec && (await store.findVillage(rec.villageId, em));
  if (!rec || !village || !scope.covers(user, village)) throw new NotFound(what);
  requireReviewer(user, rec, action, what);
  return rec;
}

/** A record as staff see it: in scope, and a draft only by its author. Anything else reads as missing. */
export async function findVisible<T extends RegisterRecord>(
  store: RegisterStore<T>,
  scope: ScopeService,
  user: AuthUser,
  id: number,
  what: string,
): Promise<{ rec: T; village: Region }> {
  const rec = await store.find(id);
  const village = rec && (await store.findVillage(rec.villageId));
  if (!rec || !village || !scope.covers(user, village)) throw new NotFound(what);
  if (rec.status === 'draft' && rec.createdBy !== user.id) throw new NotFound(what);
  return { rec, village };
}

/** The columns a rejection writes: a submitted record goes back to its author, a pending change is dropped. */
export function rejection(rec: RegisterRecord, reason: string, now: Date) {
  return rec.status === 'submitted'
    ? { status: 'rejected' as const, rejectReason: reason.trim(), updatedAt: now }
    : { pendingChange: null, rejectReason: reason.trim(), updatedAt: now };
}

/**
 * Approves, in the caller's transaction, every record of an import batch still waiting (all or
 * none). Answers the batch's village and the records approved.
 */
export async function approveWaitingInBatch<T extends RegisterRecord>(
  em: EntityManager,
  store: RegisterStore<T>,
  scope: ScopeService,
  user: AuthUser,
  batchId: number,
  what: string,
  approveOne: (id: number) => Promise<unknown>,
): Promise<{ village: Region; approved: T[] }> {
  const batch = await em.findOne(ImportBatch, { where: { id: batchId } });
  const village = batch && (await store.findVillage(batch.villageId, em));
  if (!batch || !village || !scope.covers(user, village)) throw new NotFound('import batch');
  const waiting = await store.waitingInBatch(em, batchId);
  if (waiting.length === 0) throw new AppException(409, 'NOTHING_TO_APPROVE', `no ${what} of this import batch is waiting for approval`);
  for (const rec of waiting) await approveOne(rec.id);
  return { village, approved: waiting };
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
