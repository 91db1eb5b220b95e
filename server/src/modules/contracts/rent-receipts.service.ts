import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ContractDto, Page, ReceiptCandidateDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainEvents } from '../../common/events/domain-events';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';
import { LedgerRepository } from '../ledger/ledger.repository';
import { Entry } from '../ledger/entry.entity';
import { requireVillageBookkeeper } from '../assets/register-review';
import { Contract } from './contract.entity';
import { RentReceipt } from './rent-receipt.entity';
import { ContractsRepository } from './contracts.repository';
import { planGiven, planOldestFirst } from './receipt-plan';
import { ContractsService } from './contracts.service';
import { RentReceiptInputDto } from './dto/contract.dto';
import { ReceiptCandidatesQuery } from './dto/public-register.dto';

const badEntry = (reason: string) => new ValidationFailed([{ field: 'entryId', reason }]);

/**
 * Rent receipts: a published income entry of the village counted against a contract's
 * installments. Never more than the entry's amount over all contracts, never more than an
 * installment's amount. The entry row and then the contract row are locked (MySQL; SQLite's write
 * queue serialises) before anything is summed, so concurrent receipts cannot both pass the checks.
 */
@Injectable()
export class RentReceiptsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: DomainEvents,
    private readonly ledger: LedgerRepository,
    private readonly contracts: ContractsRepository,
    private readonly service: ContractsService,
  ) {}

  async record(user: AuthUser, contractId: number, dto: RentReceiptInputDto): Promise<ContractDto> {
    const villageId = await this.db.transaction(async (em) => {
      const entry = await this.ledger.lockEntry(em, dto.entryId);
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, contractId), 'contract');
      if (contract.status !== 'approved') throw new AppException(409, 'INVALID_STATE', 'rent is recorded against approved contracts only');
      await this.checkEntry(em, entry, contract);
      const remaining = entry!.amountFen - (await this.contracts.allocatedFromEntry(em, entry!.id));
      if (remaining <= 0) throw badEntry('这笔收入已全部计入租金');
      const installments = await this.contracts.installments(contract.id, em);
      const plan = dto.allocations ? planGiven(dto.allocations, installments, remaining) : planOldestFirst(installments, remaining);
      if (plan.length === 0) throw new AppException(409, 'NOTHING_OUTSTANDING', 'every installment of this contract is fully paid');
      const now = this.clock.now();
      for (const p of plan) {
        const existing = await em.findOne(RentReceipt, { where: { installmentId: p.installmentId, entryId: entry!.id } });
        if (existing) await em.update(RentReceipt, { id: existing.id }, { amountFen: existing.amountFen + p.amountFen });
        else
          await em.insert(RentReceipt, {
            contractId: contract.id,
            installmentId: p.installmentId,
            entryId: entry!.id,
            amountFen: p.amountFen,
            createdBy: user.id,
            createdAt: now,
          });
      }
      await em.update(Contract, { id: contract.id }, { updatedAt: now });
      return contract.villageId;
    });
    this.events.emit({ type: 'contracts.changed', villageId, contractIds: [contractId] });
    return this.service.get(user, contractId);
  }

  /** Published income entries of the contract's village with money not yet counted as rent, newest first. */
  async candidates(user: AuthUser, contractId: number, q: ReceiptCandidatesQuery): Promise<Page<ReceiptCandidateDto>> {
    const contract = requireVillageBookkeeper(user, await this.contracts.find(contractId), 'contract');
    const limit = q.limit ?? 20;
    const rows = await this.contracts.receiptCandidates(contract.villageId, q.cursor, limit + 1);
    const items = rows.slice(0, limit).map((r) => {
      const amountFen = Number(r.amount_fen);
      const allocatedFen = Number(r.allocated);
      return {
        entryId: Number(r.id),
        serial: Number(r.serial),
        occurredOn: String(r.occurred_on),
        amountFen,
        allocatedFen,
        unallocatedFen: amountFen - allocatedFen,
        counterpartyDisplay: String(r.counterparty_display),
        summary: String(r.summary),
      };
    });
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].entryId) : null };
  }

  /** A published income entry of the contract's village that is neither a reversal nor reversed. */
  private async checkEntry(em: EntityManager, entry: Entry | null, contract: Contract): Promise<void> {
    if (!entry || entry.villageId !== contract.villageId) throw badEntry('不是本村的记账');
    if (entry.status !== 'published') throw badEntry('只能关联已公开的记账');
    if (entry.direction !== 'income') throw badEntry('只能关联收入记账');
    if (entry.reversesId !== null) throw badEntry('冲销记录不能作为租金收款');
    if ((await this.ledger.reversalsOf(em, entry.id)).some((r) => r.status === 'published')) throw badEntry('这笔记账已被冲销');
  }
}
