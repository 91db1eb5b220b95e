import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { computeEntryHash, GENESIS_HASH, type ChainedEntry } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app-exception';
import { MonthTotal } from '../disclosure/month-total.entity';
import { ChainHead } from './chain-head.entity';
import { Entry } from './entry.entity';

/** The fields the chain commits to, in their public form. */
export function chainedFields(e: Entry, reversesSerial: number | null): ChainedEntry {
  return {
    villageId: e.villageId,
    serial: e.serial!,
    direction: e.direction,
    subjectCode: e.subjectCode,
    amountFen: e.amountFen,
    occurredOn: e.occurredOn,
    counterpartyKind: e.counterpartyKind,
    counterpartyName: e.counterpartyDisplay,
    summary: e.summary,
    paymentMethod: e.paymentMethod,
    voucherNo: e.voucherNo,
    reversesSerial,
  };
}

/**
 * Publishing gives an entry the next serial of its village and links it into the village's hash
 * chain. It must run inside the caller's transaction: the chain head row is locked (MySQL) or the
 * write queue holds (SQLite), so one village's publications happen one at a time, without gaps or forks.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async publish(em: EntityManager, entry: Entry): Promise<Entry> {
    const head = await this.lockHead(em, entry.villageId);
    const reversesSerial = entry.reversesId
      ? ((await em.findOne(Entry, { where: { id: entry.reversesId }, select: { id: true, serial: true } }))?.serial ?? null)
      : null;
    if (entry.reversesId && reversesSerial === null)
      throw new AppException(409, 'REVERSED_ENTRY_UNPUBLISHED', 'the entry being reversed is not published');

    const now = this.clock.now();
    const serial = head.serial + 1;
    const published: Entry = { ...entry, serial, prevHash: head.hash, status: 'published', publishedAt: now };
    published.hash = computeEntryHash(chainedFields(published, reversesSerial), head.hash);

    const res = await em.update(
      Entry,
      { id: entry.id, status: 'submitted' },
      { status: 'published', serial, hash: published.hash, prevHash: head.hash, publishedAt: now, updatedAt: now },
    );
    if (res.affected !== 1) throw new AppException(409, 'ENTRY_CHANGED', 'the entry changed while it was being approved');

    const signed = entry.reversesId ? -entry.amountFen : entry.amountFen;
    await em.update(ChainHead, { villageId: entry.villageId }, {
      serial,
      hash: published.hash,
      incomeFen: head.incomeFen + (entry.direction === 'income' ? signed : 0),
      expenseFen: head.expenseFen + (entry.direction === 'expense' ? signed : 0),
      updatedAt: now,
    });
    await this.addToMonthTotals(em, entry, signed);
    return published;
  }

  private async lockHead(em: EntityManager, villageId: number): Promise<ChainHead> {
    const find = () =>
      this.db.forUpdate(em.createQueryBuilder(ChainHead, 'h').where('h.village_id = :villageId', { villageId })).getOne();
    let head = await find();
    if (!head) {
      // Villages made by the region import have a head already; this covers any made otherwise.
      await em.insert(ChainHead, { villageId, serial: 0, hash: GENESIS_HASH, incomeFen: 0, expenseFen: 0, updatedAt: this.clock.now() });
      head = await find();
    }
    return head!;
  }

  private async addToMonthTotals(em: EntityManager, entry: Entry, signed: number): Promise<void> {
    const key = { villageId: entry.villageId, month: entry.occurredOn.slice(0, 7), direction: entry.direction, subjectCode: entry.subjectCode };
    // Add in the database, never read-modify-write: the row may have been changed since this transaction began.
    const res = await em
      .createQueryBuilder()
      .update(MonthTotal)
      .set({ amountFen: () => `amount_fen + ${Math.trunc(signed)}`, entryCount: () => 'entry_count + 1' })
      .where('village_id = :villageId AND month = :month AND direction = :direction AND subject_code = :subjectCode', key)
      .execute();
    if (!res.affected) await em.insert(MonthTotal, { ...key, amountFen: signed, entryCount: 1 });
  }
}
