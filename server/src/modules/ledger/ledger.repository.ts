import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { Region } from '../regions/region.entity';
import { Entry } from './entry.entity';
import { EntryApproval } from './entry-approval.entity';

export interface StaffListFilter {
  pathPattern: string | null;
  status?: Entry['status'];
  villageId?: number;
  importBatchId?: number;
  /** Drafts are private to their author. */
  viewerId: number;
  beforeId?: number;
  limit: number;
}

@Injectable()
export class LedgerRepository {
  constructor(private readonly db: Db) {}

  /** The entry, locked for the rest of the transaction on MySQL. */
  lockEntry(em: EntityManager, id: number): Promise<Entry | null> {
    return this.db.forUpdate(em.createQueryBuilder(Entry, 'e').where('e.id = :id', { id })).getOne();
  }

  findEntry(id: number, em: EntityManager = this.db.manager): Promise<Entry | null> {
    return em.findOne(Entry, { where: { id } });
  }

  findVillage(id: number, em: EntityManager = this.db.manager): Promise<Region | null> {
    return em.findOne(Region, { where: { id, level: 'village' } });
  }

  /** Entries that reverse this one (any state). */
  reversalsOf(em: EntityManager, id: number): Promise<Entry[]> {
    return em.find(Entry, { where: { reversesId: id } });
  }

  /** Approvals given in the current round of review (since the entry was last submitted). */
  async currentApprovals(em: EntityManager, entry: Entry): Promise<EntryApproval[]> {
    const all = await em.find(EntryApproval, { where: { entryId: entry.id }, order: { id: 'ASC' } });
    const since = entry.submittedAt?.getTime() ?? 0;
    return all.filter((a) => a.decision === 'approved' && a.createdAt.getTime() >= since);
  }

  approvals(entryIds: number[]): Promise<EntryApproval[]> {
    if (entryIds.length === 0) return Promise.resolve([]);
    return this.db.manager
      .createQueryBuilder(EntryApproval, 'a')
      .where('a.entry_id IN (:...entryIds)', { entryIds })
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  listForStaff(f: StaffListFilter): Promise<Entry[]> {
    const qb = this.db.manager.createQueryBuilder(Entry, 'e').orderBy('e.id', 'DESC').limit(f.limit);
    if (f.pathPattern !== null) qb.innerJoin(Region, 'r', 'r.id = e.village_id').andWhere('r.path LIKE :p', { p: f.pathPattern });
    if (f.status) qb.andWhere('e.status = :status', { status: f.status });
    if (f.villageId) qb.andWhere('e.village_id = :villageId', { villageId: f.villageId });
    if (f.importBatchId) qb.andWhere('e.import_batch_id = :batch', { batch: f.importBatchId });
    if (f.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: f.beforeId });
    qb.andWhere("(e.status <> 'draft' OR e.created_by = :viewer)", { viewer: f.viewerId });
    return qb.getMany();
  }
}
