import type { EntityManager } from 'typeorm';
import type { RegisterImportResult } from '@mingbai/shared';
import type { Db } from '../../database/db.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { ValidationFailed } from '../../common/errors/app-exception';
import { ImportBatch } from '../imports/import-batch.entity';
import type { RowError } from '../imports/import.types';
import type { RowReader } from './register-cells';
import { rowErrors } from './register-sheet';
import { writeUnique } from './register-writes';

/**
 * What the asset and contract imports share around their own columns: codes unique within the
 * file and the village, every problem at once or nothing written, one batch in one transaction.
 */

/** A code already read on an earlier row of the file fails this one. `seen`: codes so far (lower case) → row. */
export function noteRepeatedCode(read: RowReader, seen: Map<string, number>, code: string | undefined, label: string): void {
  const key = code?.trim().toLowerCase();
  if (!key) return;
  const first = seen.get(key);
  if (first !== undefined) read.fail('code', `${label}与第${first}行重复`);
  else seen.set(key, read.row);
}

/**
 * Adds a problem for each good row whose code the village already uses (`taken`, lower case), then
 * throws every problem of the file, by row, if there is any.
 */
export function requireNoErrors(errors: RowError[], good: { row: number; code: string }[], taken: Set<string>, takenReason: string): void {
  for (const g of good) if (taken.has(g.code.toLowerCase())) errors.push({ row: g.row, field: 'code', reason: takenReason });
  if (errors.length) throw rowErrors(sortErrors(errors));
}

export function sortErrors(errors: RowError[]): RowError[] {
  return errors.sort((a, b) => a.row - b.row);
}

/**
 * Writes the import batch and its `rowCount` records (`insertRows` answers their ids) in one
 * transaction; a code another request stored meanwhile fails the whole file.
 */
export function writeImportBatch(
  db: Db,
  batch: { villageId: number; user: AuthUser; fileName: string; rowCount: number; now: Date; takenReason: string },
  insertRows: (em: EntityManager, batchId: number) => Promise<number[]>,
): Promise<RegisterImportResult> {
  const taken = () => new ValidationFailed([{ field: 'code', reason: `${batch.takenReason}（刚刚由他人录入）` }]);
  return writeUnique(db, taken, async (em) => {
    const inserted = await em.insert(ImportBatch, {
      villageId: batch.villageId,
      createdBy: batch.user.id,
      fileName: batch.fileName,
      rowCount: batch.rowCount,
      createdAt: batch.now,
    });
    const batchId = Number(inserted.identifiers[0].id);
    const ids = await insertRows(em, batchId);
    return { batchId, rows: ids.length, ids };
  });
}
