import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import type { ContractPhase, InstallmentInput } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { placeholders } from '../rules/sql-dialect';
import { Region } from '../regions/region.entity';
import { Asset } from '../assets/asset.entity';
import { applyStaffFilter, StaffRegisterFilter } from '../assets/assets.repository';
import { Contract } from './contract.entity';
import { ContractInstallment } from './contract-installment.entity';
import { RentReceipt } from './rent-receipt.entity';
import { hasOverdue, RECEIPT_COUNTS, RECEIVED_OF_INSTALLMENT } from './received-sql';

export interface InstallmentRow {
  id: number;
  seq: number;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  amountFen: number;
  receivedFen: number;
}

export interface ContractMoney {
  receivedFen: number;
  dueFen: number;
  dueUnpaidFen: number;
  overdueCount: number;
}

export interface ReceiptRow {
  id: number;
  installmentId: number;
  installmentSeq: number;
  entryId: number;
  entrySerial: number | null;
  amountFen: number;
  occurredOn: string;
  reversed: boolean;
  createdAt: Date;
}

export interface PublicContractFilter {
  villageId: number;
  today: string;
  phase?: ContractPhase;
  overdue?: boolean;
  after?: { startOn: string; id: number };
  limit: number;
}

const NOT_TERMINATED = '(c.terminated_on IS NULL OR c.terminated_on >= :today)';
const PHASE_SQL: Record<ContractPhase, string> = {
  terminated: 'c.terminated_on IS NOT NULL AND c.terminated_on < :today',
  pending: `${NOT_TERMINATED} AND c.start_on > :today`,
  expired: `${NOT_TERMINATED} AND c.end_on < :today`,
  active: `${NOT_TERMINATED} AND c.start_on <= :today AND c.end_on >= :today`,
};

const num = (v: unknown): number => Number(v ?? 0);
/** MySQL gives DATETIME as a Date, SQLite as the stored UTC text. */
const toDate = (v: unknown): Date =>
  v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(String(v)) ? '' : 'Z'}`);

@Injectable()
export class ContractsRepository {
  constructor(private readonly db: Db) {}

  /** The contract, locked for the rest of the transaction on MySQL. */
  lock(em: EntityManager, id: number): Promise<Contract | null> {
    return this.db.forUpdate(em.createQueryBuilder(Contract, 'c').where('c.id = :id', { id })).getOne();
  }

  find(id: number, em: EntityManager = this.db.manager): Promise<Contract | null> {
    return em.findOne(Contract, { where: { id } });
  }

  findVillage(id: number, em: EntityManager = this.db.manager): Promise<Region | null> {
    return em.findOne(Region, { where: { id, level: 'village' } });
  }

  findAsset(id: number, em: EntityManager = this.db.manager): Promise<Asset | null> {
    return em.findOne(Asset, { where: { id } });
  }

  /** Whether another contract of the village has this code (compared without regard to case, as MySQL does). */
  async codeTaken(em: EntityManager, villageId: number, code: string, exceptId: number | null): Promise<boolean> {
    const qb = em
      .createQueryBuilder(Contract, 'c')
      .select('c.id', 'id')
      .where('c.village_id = :villageId AND LOWER(c.code) = :code', { villageId, code: code.toLowerCase() });
    if (exceptId !== null) qb.andWhere('c.id <> :exceptId', { exceptId });
    return (await qb.limit(1).getRawOne()) !== undefined;
  }

  async takenCodes(em: EntityManager, villageId: number, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await em
      .createQueryBuilder(Contract, 'c')
      .select('c.code', 'code')
      .where('c.village_id = :villageId AND LOWER(c.code) IN (:...codes)', { villageId, codes: codes.map((c) => c.toLowerCase()) })
      .getRawMany<{ code: string }>();
    return new Set(rows.map((r) => r.code.toLowerCase()));
  }

  listForStaff(f: StaffRegisterFilter): Promise<Contract[]> {
    return applyStaffFilter(this.db.manager.createQueryBuilder(Contract, 'x'), f).getMany();
  }

  waitingInBatch(em: EntityManager, batchId: number): Promise<Contract[]> {
    return em
      .createQueryBuilder(Contract, 'c')
      .where('c.import_batch_id = :batchId', { batchId })
      .andWhere("(c.status = 'submitted' OR (c.status = 'approved' AND c.pending_change IS NOT NULL))")
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  /** Replaces a contract's schedule (drafts and rejected contracts only: no receipts exist yet). */
  async replaceInstallments(em: EntityManager, contractId: number, list: (InstallmentInput & { seq: number })[]): Promise<void> {
    await em.delete(ContractInstallment, { contractId });
    for (let i = 0; i < list.length; i += 200)
      await em.insert(
        ContractInstallment,
        list
          .slice(i, i + 200)
          .map((x) => ({
            contractId,
            seq: x.seq,
            periodStart: x.periodStart,
            periodEnd: x.periodEnd,
            dueOn: x.dueOn,
            amountFen: x.amountFen,
          })),
      );
  }

  /** How many receipts that still count lie on the installments a termination on `date` would drop (see dropInstallmentsAfter). */
  async countingReceiptsAfter(em: EntityManager, contractId: number, date: string, today: string): Promise<number> {
    const [r]: Record<string, unknown>[] = await em.query(
      `SELECT COUNT(*) AS n FROM rent_receipts rr JOIN contract_installments i ON i.id = rr.installment_id
       WHERE i.contract_id = ? AND i.period_start > ? AND i.due_on > ? AND ${RECEIPT_COUNTS}`,
      [contractId, date, today],
    );
    return num(r?.n);
  }

  /**
   * A termination: the installments whose period starts after `date` and that are not yet due
   * (due after `today`) are deleted, with receipts on them that no longer count (their entries were
   * reversed); returns the new total rent. Rent that has already fallen due stays owed: a backdated
   * termination must not wipe out arrears (a waiver needs its own decision and record).
   */
  async dropInstallmentsAfter(em: EntityManager, contractId: number, date: string, today: string): Promise<number> {
    const dropped = await em
      .createQueryBuilder(ContractInstallment, 'i')
      .select('i.id', 'id')
      .where('i.contract_id = :contractId AND i.period_start > :date AND i.due_on > :today', { contractId, date, today })
      .getRawMany<{ id: number | string }>();
    const ids = dropped.map((d) => Number(d.id));
    if (ids.length) {
      await em.delete(RentReceipt, { installmentId: In(ids) });
      await em.delete(ContractInstallment, { id: In(ids) });
    }
    const [r]: Record<string, unknown>[] = await em.query(
      'SELECT COALESCE(SUM(amount_fen), 0) AS total FROM contract_installments WHERE contract_id = ?',
      [contractId],
    );
    return num(r?.total);
  }

  /** The schedule with what counts as received against each installment. */
  async installments(contractId: number, em: EntityManager = this.db.manager): Promise<InstallmentRow[]> {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT i.id, i.seq, i.period_start AS period_start, i.period_end AS period_end, i.due_on AS due_on, i.amount_fen AS amount_fen, ${RECEIVED_OF_INSTALLMENT} AS received
       FROM contract_installments i WHERE i.contract_id = ? ORDER BY i.seq`,
      [contractId],
    );
    return rows.map((r) => ({
      id: num(r.id),
      seq: num(r.seq),
      periodStart: String(r.period_start),
      periodEnd: String(r.period_end),
      dueOn: String(r.due_on),
      amountFen: num(r.amount_fen),
      receivedFen: num(r.received),
    }));
  }

  /** Received, due so far, due and unpaid, and overdue installments per contract, on `today`. */
  async money(contractIds: number[], today: string, em: EntityManager = this.db.manager): Promise<Map<number, ContractMoney>> {
    const out = new Map<number, ContractMoney>(
      contractIds.map((id) => [id, { receivedFen: 0, dueFen: 0, dueUnpaidFen: 0, overdueCount: 0 }]),
    );
    if (contractIds.length === 0) return out;
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT t.contract_id AS contract_id, SUM(t.received) AS received,
              SUM(CASE WHEN t.due_on <= ? THEN t.amount_fen ELSE 0 END) AS due,
              SUM(CASE WHEN t.due_on <= ? THEN t.amount_fen - t.received ELSE 0 END) AS due_unpaid,
              SUM(CASE WHEN t.due_on < ? AND t.received < t.amount_fen THEN 1 ELSE 0 END) AS overdue
       FROM (SELECT i.contract_id, i.due_on, i.amount_fen, ${RECEIVED_OF_INSTALLMENT} AS received
             FROM contract_installments i WHERE i.contract_id IN (${placeholders(contractIds)})) t
       GROUP BY t.contract_id`,
      [today, today, today, ...contractIds],
    );
    for (const r of rows)
      out.set(num(r.contract_id), {
        receivedFen: num(r.received),
        dueFen: num(r.due),
        dueUnpaidFen: num(r.due_unpaid),
        overdueCount: num(r.overdue),
      });
    return out;
  }

  /** The same sums over the approved contracts of a village, with how many have rent overdue. */
  async villageMoney(villageId: number, today: string): Promise<ContractMoney & { overdueContracts: number }> {
    const [r]: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT COALESCE(SUM(t.received), 0) AS received,
              COALESCE(SUM(CASE WHEN t.due_on <= ? THEN t.amount_fen ELSE 0 END), 0) AS due,
              COALESCE(SUM(CASE WHEN t.due_on <= ? THEN t.amount_fen - t.received ELSE 0 END), 0) AS due_unpaid,
              COALESCE(SUM(CASE WHEN t.due_on < ? AND t.received < t.amount_fen THEN 1 ELSE 0 END), 0) AS overdue,
              COUNT(DISTINCT CASE WHEN t.due_on < ? AND t.received < t.amount_fen THEN t.contract_id END) AS overdue_contracts
       FROM (SELECT i.contract_id, i.due_on, i.amount_fen, ${RECEIVED_OF_INSTALLMENT} AS received
             FROM contract_installments i JOIN contracts c ON c.id = i.contract_id
             WHERE c.village_id = ? AND c.status = 'approved') t`,
      [today, today, today, today, villageId],
    );
    return {
      receivedFen: num(r?.received),
      dueFen: num(r?.due),
      dueUnpaidFen: num(r?.due_unpaid),
      overdueCount: num(r?.overdue),
      overdueContracts: num(r?.overdue_contracts),
    };
  }

  /** Counts of the village's approved contracts in each phase on `today`. */
  async phaseCounts(villageId: number, today: string): Promise<Record<ContractPhase, number>> {
    const out: Record<ContractPhase, number> = { pending: 0, active: 0, expired: 0, terminated: 0 };
    for (const phase of Object.keys(PHASE_SQL) as ContractPhase[])
      out[phase] = await this.db.manager
        .createQueryBuilder(Contract, 'c')
        .where('c.village_id = :villageId', { villageId })
        .andWhere("c.status = 'approved'")
        .andWhere(PHASE_SQL[phase], { today })
        .getCount();
    return out;
  }

  /** Receipts of a contract, oldest first, with the entry's serial and whether it was reversed since. */
  async receipts(contractId: number, em: EntityManager = this.db.manager): Promise<ReceiptRow[]> {
    const rows: Record<string, unknown>[] = await em.query(
      `SELECT rr.id, rr.installment_id, i.seq, rr.entry_id, e.serial, rr.amount_fen, e.occurred_on, rr.created_at,
              CASE WHEN ${RECEIPT_COUNTS} THEN 0 ELSE 1 END AS reversed
       FROM rent_receipts rr
       JOIN contract_installments i ON i.id = rr.installment_id
       JOIN entries e ON e.id = rr.entry_id
       WHERE rr.contract_id = ?
       ORDER BY rr.id`,
      [contractId],
    );
    return rows.map((r) => ({
      id: num(r.id),
      installmentId: num(r.installment_id),
      installmentSeq: num(r.seq),
      entryId: num(r.entry_id),
      entrySerial: r.serial === null ? null : num(r.serial),
      amountFen: num(r.amount_fen),
      occurredOn: String(r.occurred_on),
      reversed: num(r.reversed) === 1,
      createdAt: toDate(r.created_at),
    }));
  }

  /** What has been counted as rent from an entry so far, over every contract. */
  async allocatedFromEntry(em: EntityManager, entryId: number): Promise<number> {
    const [r]: Record<string, unknown>[] = await em.query(
      'SELECT COALESCE(SUM(rr.amount_fen), 0) AS total FROM rent_receipts rr WHERE rr.entry_id = ?',
      [entryId],
    );
    return num(r?.total);
  }

  /** Published income entries of the village, not reversals nor reversed, with money not yet counted as rent; newest first. */
  async receiptCandidates(villageId: number, beforeId: number | undefined, limit: number): Promise<Record<string, unknown>[]> {
    const allocated = '(SELECT COALESCE(SUM(rr.amount_fen), 0) FROM rent_receipts rr WHERE rr.entry_id = e.id)';
    return this.db.manager.query(
      `SELECT e.id, e.serial, e.occurred_on, e.amount_fen, e.counterparty_display, e.summary, ${allocated} AS allocated
       FROM entries e
       WHERE e.village_id = ? AND e.status = 'published' AND e.direction = 'income' AND e.reverses_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM entries x WHERE x.reverses_id = e.id AND x.status = 'published')
         AND e.amount_fen > ${allocated}
         ${beforeId ? 'AND e.id < ?' : ''}
       ORDER BY e.id DESC LIMIT ${Math.trunc(limit)}`,
      beforeId ? [villageId, beforeId] : [villageId],
    );
  }

  /** Approved contracts of a village, newest start first, keyset-paged. */
  listApproved(f: PublicContractFilter): Promise<Contract[]> {
    const qb = this.db.manager
      .createQueryBuilder(Contract, 'c')
      .where('c.village_id = :villageId', { villageId: f.villageId })
      .andWhere("c.status = 'approved'")
      .orderBy('c.start_on', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(f.limit);
    if (f.phase) qb.andWhere(PHASE_SQL[f.phase], { today: f.today });
    if (f.overdue !== undefined) qb.andWhere(`${f.overdue ? '' : 'NOT '}${hasOverdue(':today')}`, { today: f.today });
    if (f.after) {
      const { startOn, id } = f.after;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('c.start_on < :cOn', { cOn: startOn })
            .orWhere(new Brackets((x) => x.where('c.start_on = :cOn').andWhere('c.id < :cId', { cId: id }))),
        ),
      );
    }
    return qb.getMany();
  }

  findApproved(id: number): Promise<Contract | null> {
    return this.db.manager.findOne(Contract, { where: { id, status: 'approved' } });
  }

  approvedOnAsset(assetId: number): Promise<Contract[]> {
    return this.db.manager.find(Contract, { where: { assetId, status: 'approved' }, order: { startOn: 'DESC', id: 'DESC' } });
  }

  async assetNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Asset, { select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(rows.map((a) => [a.id, a.name]));
  }

  async villageNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.find(Region, { select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
