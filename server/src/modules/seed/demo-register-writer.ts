import { maskPersonName, normalizePersonName } from '@mingbai/shared';
import type { Db } from '../../database/db.service';
import { Asset } from '../assets/asset.entity';
import { Contract } from '../contracts/contract.entity';
import { ContractInstallment } from '../contracts/contract-installment.entity';
import { RentReceipt } from '../contracts/rent-receipt.entity';
import type { Region } from '../regions/region.entity';
import type { AssetPlan, ContractPlan, VillageRegisters } from './demo-registers';
import type { PlanItem } from './demo-plan';
import type { WrittenEntry } from './demo-ledger-writer';
import type { Rng } from './prng';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface RegisterCounts {
  assets: number;
  contracts: number;
  receipts: number;
}

/**
 * Writes a village's registers in one transaction, as the registers' own services leave them:
 * assets and contracts entered by the bookkeeper and (most) approved by the village head, the
 * contracts' installments, and a rent receipt for each published income entry that paid rent.
 */
export class DemoRegisterWriter {
  constructor(
    private readonly db: Db,
    private readonly now: Date,
  ) {}

  async write(
    village: Region,
    registers: VillageRegisters,
    entries: ReadonlyMap<PlanItem, WrittenEntry>,
    staff: { bookkeeperId: number; approverId: number },
    rng: Rng,
  ): Promise<RegisterCounts> {
    return this.db.transaction(async (em) => {
      const assetIds = new Map<AssetPlan, number>();
      for (const a of registers.assets) {
        const created = this.cap(officeTime(rng, a.enteredOn));
        const decided = this.cap(new Date(created.getTime() + rng.int(20, 72) * HOUR));
        const row: Omit<Asset, 'id'> = {
          villageId: village.id,
          code: a.code,
          name: a.name,
          kind: a.kind,
          location: a.location,
          areaM2: a.areaM2,
          bookValueFen: a.bookValueFen,
          usage: a.usage,
          acquiredOn: a.acquiredOn,
          note: a.note,
          status: a.status,
          rejectReason: a.rejectReason,
          pendingChange: null,
          importBatchId: null,
          createdBy: staff.bookkeeperId,
          approvedBy: a.status === 'approved' ? staff.approverId : null,
          approvedAt: a.status === 'approved' ? decided : null,
          createdAt: created,
          updatedAt: a.status === 'draft' ? created : decided,
        };
        assetIds.set(a, (await em.insert(Asset, row)).identifiers[0].id as number);
      }

      const contractIds = new Map<ContractPlan, number>();
      const installmentIds = new Map<ContractPlan, Map<number, number>>();
      for (const k of registers.contracts) {
        const created = this.cap(officeTime(rng, k.enteredOn));
        const decided = this.cap(new Date(created.getTime() + rng.int(20, 72) * HOUR));
        const terminated = k.terminatedOn ? this.cap(officeTime(rng, k.terminatedOn)) : null;
        const row: Omit<Contract, 'id'> = {
          villageId: village.id,
          assetId: k.asset ? assetIds.get(k.asset)! : null,
          code: k.code,
          kind: k.kind,
          counterpartyKind: k.counterpartyKind,
          counterpartyName: k.counterpartyName,
          counterpartyDisplay: k.counterpartyKind === 'person' ? maskPersonName(k.counterpartyName) : k.counterpartyName,
          counterpartyNorm: normalizePersonName(k.counterpartyName),
          counterpartyIdHash: null,
          startOn: k.startOn,
          endOn: k.endOn,
          frequency: k.frequency,
          annualRentFen: k.annualRentFen,
          totalRentFen: k.installments.reduce((t, i) => t + i.amountFen, 0),
          depositFen: k.depositFen,
          areaM2: k.areaM2,
          awardMethod: k.awardMethod,
          note: k.note,
          status: k.status,
          rejectReason: null,
          terminatedOn: k.terminatedOn,
          terminationReason: k.terminationReason,
          pendingChange: null,
          importBatchId: null,
          createdBy: staff.bookkeeperId,
          approvedBy: k.status === 'approved' ? staff.approverId : null,
          approvedAt: k.status === 'approved' ? (terminated ?? decided) : null,
          createdAt: created,
          updatedAt: k.status === 'draft' ? created : (terminated ?? decided),
        };
        const contractId = (await em.insert(Contract, row)).identifiers[0].id as number;
        contractIds.set(k, contractId);
        const rows = k.installments.map((i) => ({
          contractId,
          seq: i.seq,
          periodStart: i.periodStart,
          periodEnd: i.periodEnd,
          dueOn: i.dueOn,
          amountFen: i.amountFen,
        }));
        const ids = new Map<number, number>();
        for (let i = 0; i < rows.length; i += 200) {
          const result = await em.insert(ContractInstallment, rows.slice(i, i + 200));
          result.identifiers.forEach((r, j) => ids.set(rows[i + j].seq, r.id as number));
        }
        installmentIds.set(k, ids);
      }

      const receipts: Omit<RentReceipt, 'id'>[] = [];
      for (const item of registers.payments) {
        // Rent is linked once its entry is published, soon after.
        const entry = entries.get(item);
        if (!entry?.publishedAt) continue;
        const { contract, seq, amountFen } = item.rent!;
        const createdAt = this.cap(new Date(entry.publishedAt.getTime() + rng.int(10, 60 * 30) * MINUTE));
        receipts.push({
          contractId: contractIds.get(contract)!,
          installmentId: installmentIds.get(contract)!.get(seq)!,
          entryId: entry.id,
          amountFen,
          createdBy: staff.bookkeeperId,
          createdAt,
        });
      }
      for (let i = 0; i < receipts.length; i += 500) await em.insert(RentReceipt, receipts.slice(i, i + 500));
      return { assets: registers.assets.length, contracts: registers.contracts.length, receipts: receipts.length };
    });
  }

  private cap(d: Date): Date {
    return d.getTime() > this.now.getTime() ? new Date(this.now) : d;
  }
}

/** Office hours in China (09:00–17:59, UTC+8) on a date. */
function officeTime(rng: Rng, date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 1 + rng.int(0, 8), rng.int(0, 59), rng.int(0, 59)));
}
