import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, MoreThan, Not } from 'typeorm';
import { Db } from '../../database/db.service';
import { Region } from '../regions/region.entity';
import { Entry } from '../ledger/entry.entity';
import { Report } from './report.entity';
import { ReportEvent } from './report-event.entity';
import { ReportMessage } from './report-message.entity';

/** Subscribe-message credits a report can hold. */
export const MAX_NOTIFY_CREDITS = 10;

/** The SQL of the villager side of reports. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  findVillage(id: number, em: EntityManager = this.db.manager): Promise<Region | null> {
    return em.findOne(Region, { where: { id, level: 'village' } });
  }

  findEntry(id: number, em: EntityManager = this.db.manager): Promise<Pick<Entry, 'id' | 'villageId' | 'status'> | null> {
    return em.findOne(Entry, { select: { id: true, villageId: true, status: true }, where: { id } });
  }

  /**
   * The latest report of the village with this text since `since` that is not itself a duplicate
   * and is still open: a repeat of a closed case is a new report, not a follow-up nobody can send.
   */
  findRecentOriginal(em: EntityManager, textHash: string, villageId: number, since: Date): Promise<Report | null> {
    return em.findOne(Report, {
      where: { kind: 'report', textHash, villageId, duplicateOfId: IsNull(), createdAt: MoreThan(since), status: Not('closed') },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  insertReport(em: EntityManager, row: Omit<Report, 'id'>): Promise<Report> {
    return em.save(em.create(Report, row));
  }

  async setIdentity(em: EntityManager, id: number, identitySealed: string): Promise<void> {
    await em.update(Report, { id }, { identitySealed });
  }

  async touch(em: EntityManager, id: number, at: Date): Promise<void> {
    await em.update(Report, { id }, { updatedAt: at });
  }

  async insertEvent(em: EntityManager, row: Omit<ReportEvent, 'id'>): Promise<void> {
    await em.insert(ReportEvent, row);
  }

  insertMessage(em: EntityManager, row: Omit<ReportMessage, 'id'>): Promise<ReportMessage> {
    return em.save(em.create(ReportMessage, row));
  }

  findById(id: number, em: EntityManager = this.db.manager): Promise<Report | null> {
    return em.findOne(Report, { where: { id } });
  }

  findByReceiptHash(receiptHash: string, em: EntityManager = this.db.manager): Promise<Report | null> {
    return em.findOne(Report, { where: { receiptHash } });
  }

  /** A named report of this villager (anonymous reports are never linked to one). */
  findOwned(villagerId: number, id: number, em: EntityManager = this.db.manager): Promise<Report | null> {
    return em.findOne(Report, { where: { id, villagerId } });
  }

  listOwned(villagerId: number): Promise<Report[]> {
    return this.db.manager.find(Report, { where: { villagerId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  findMany(ids: number[]): Promise<Report[]> {
    return ids.length ? this.db.manager.find(Report, { where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  eventsOf(reportId: number): Promise<ReportEvent[]> {
    return this.db.manager.find(ReportEvent, { where: { reportId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async villageNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.find(Region, { select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** Adds consented subscribe messages to a report, capped at MAX_NOTIFY_CREDITS (one statement: no lost update). */
  async addNotifyCredits(id: number, n: number): Promise<void> {
    const add = Math.trunc(n);
    await this.db.transaction((em) =>
      em
        .createQueryBuilder()
        .update(Report)
        .set({ notifyCredits: () => `CASE WHEN notify_credits + ${add} > ${MAX_NOTIFY_CREDITS} THEN ${MAX_NOTIFY_CREDITS} ELSE notify_credits + ${add} END` })
        .where('id = :id', { id })
        .execute(),
    );
  }
}
