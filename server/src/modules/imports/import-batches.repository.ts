import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ENTRY_STATUSES, type EntryStatus } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Entry } from '../ledger/entry.entity';
import { EntryApproval } from '../ledger/entry-approval.entity';
import { ImportBatch } from './import-batch.entity';

@Injectable()
export class ImportBatchesRepository {
  constructor(private readonly db: Db) {}

  find(id: number, em: EntityManager = this.db.manager): Promise<ImportBatch | null> {
    return em.findOne(ImportBatch, { where: { id } });
  }

  async countByStatus(batchId: number): Promise<Record<EntryStatus, number>> {
    const rows: { status: EntryStatus; n: string | number }[] = await this.db.manager
      .createQueryBuilder(Entry, 'e')
      .select('e.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('e.import_batch_id = :batchId', { batchId })
      .groupBy('e.status')
      .getRawMany();
    const counts = Object.fromEntries(ENTRY_STATUSES.map((s) => [s, 0])) as Record<EntryStatus, number>;
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  /** The batch's entries waiting for approval, in file order. */
  waiting(em: EntityManager, batchId: number): Promise<Pick<Entry, 'id'>[]> {
    return em.find(Entry, { where: { importBatchId: batchId, status: 'submitted' }, select: { id: true }, order: { id: 'ASC' } });
  }

  /** Ids of the batch's waiting entries this user already approved in their current round. */
  async approvedBy(em: EntityManager, batchId: number, userId: number): Promise<Set<number>> {
    const rows: { id: number | string }[] = await em
      .createQueryBuilder(EntryApproval, 'a')
      .innerJoin(Entry, 'e', 'e.id = a.entry_id')
      .select('a.entry_id', 'id')
      .where('e.import_batch_id = :batchId', { batchId })
      .andWhere("e.status = 'submitted'")
      .andWhere('a.user_id = :userId', { userId })
      .andWhere("a.decision = 'approved'")
      .andWhere('a.created_at >= e.submitted_at')
      .getRawMany();
    return new Set(rows.map((r) => Number(r.id)));
  }
}
