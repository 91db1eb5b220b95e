import { Injectable } from '@nestjs/common';
import {
  contractPhase,
  INSTALLMENT_STATE_LABELS,
  installmentState,
  type ContractDto,
  type InstallmentDto,
  type PublicContractDetailDto,
  type PublicContractDto,
  type RentReceiptDto,
} from '@mingbai/shared';
import { AttachmentsService } from '../attachments/attachments.service';
import { parsePending } from '../assets/register-review';
import { Contract } from './contract.entity';
import { ContractsRepository, ContractMoney } from './contracts.repository';
import type { TerminationPending } from './contracts.service';

/**
 * How contracts are shown. Installment states use no grace days: an installment not fully
 * received after its due date is 'overdue' (逾期未收) on these pages, while the rent-arrears rule
 * warns the office only after its own grace days (60 by default).
 */
@Injectable()
export class ContractViews {
  constructor(
    private readonly contracts: ContractsRepository,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Public list items; the counterparty as shown to everyone (a person's name masked). */
  async publicList(rows: Contract[], today: string): Promise<PublicContractDto[]> {
    const [money, assets, villages] = await Promise.all([
      this.contracts.money(
        rows.map((c) => c.id),
        today,
      ),
      this.contracts.assetNames(rows.filter((c) => c.assetId !== null).map((c) => c.assetId!)),
      this.contracts.villageNames(rows.map((c) => c.villageId)),
    ]);
    return rows.map((c) =>
      toPublic(c, villages.get(c.villageId) ?? '', c.assetId === null ? null : (assets.get(c.assetId) ?? null), money.get(c.id)!, today),
    );
  }

  async publicDetail(c: Contract, today: string): Promise<PublicContractDetailDto> {
    const [item] = await this.publicList([c], today);
    const [installments, receipts] = await Promise.all([this.contracts.installments(c.id), this.contracts.receipts(c.id)]);
    return {
      ...item,
      note: c.note,
      installments: installments.map((i): InstallmentDto => {
        const state = installmentState(i, i.receivedFen, today, 0);
        return { ...i, state, stateLabel: INSTALLMENT_STATE_LABELS[state] };
      }),
      receipts: receipts.map((r): RentReceiptDto => ({
        id: r.id,
        installmentId: r.installmentId,
        installmentSeq: r.installmentSeq,
        entryId: r.entryId,
        entrySerial: r.entrySerial,
        amountFen: r.amountFen,
        occurredOn: r.occurredOn,
        reversed: r.reversed,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** What staff in scope see: the real counterparty name, the review state, scans. Never the ID hash itself. */
  async staffDetail(c: Contract, today: string): Promise<ContractDto> {
    const [detail, attachments] = await Promise.all([this.publicDetail(c, today), this.attachments.listForContract(c.id)]);
    const pending = parsePending<TerminationPending>(c.pendingChange);
    return {
      ...detail,
      counterpartyName: c.counterpartyName,
      hasCounterpartyIdHash: c.counterpartyIdHash !== null,
      status: c.status,
      rejectReason: c.rejectReason,
      terminationReason: c.terminationReason,
      createdBy: c.createdBy,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      approvedAt: c.approvedAt?.toISOString() ?? null,
      importBatchId: c.importBatchId,
      attachments,
      pendingTermination: pending && {
        terminatedOn: pending.terminatedOn,
        reason: pending.reason,
        requestedBy: pending.requestedBy,
        requestedAt: pending.requestedAt,
      },
    };
  }
}

function toPublic(c: Contract, villageName: string, assetName: string | null, money: ContractMoney, today: string): PublicContractDto {
  return {
    id: c.id,
    villageId: c.villageId,
    villageName,
    assetId: c.assetId,
    assetName,
    code: c.code,
    kind: c.kind,
    counterpartyKind: c.counterpartyKind,
    counterpartyDisplay: c.counterpartyDisplay,
    startOn: c.startOn,
    endOn: c.endOn,
    frequency: c.frequency,
    annualRentFen: c.annualRentFen,
    totalRentFen: c.totalRentFen,
    depositFen: c.depositFen,
    areaM2: c.areaM2,
    awardMethod: c.awardMethod,
    phase: contractPhase(c, today),
    terminatedOn: c.terminatedOn,
    receivedFen: money.receivedFen,
    dueUnpaidFen: money.dueUnpaidFen,
    overdueCount: money.overdueCount,
  };
}
