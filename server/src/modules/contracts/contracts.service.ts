import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import {
  contractInstallments,
  contractPhase,
  maskPersonName,
  normalizePersonName,
  validateContractInput,
  validateTermination,
  type ContractDto,
  type ContractInput,
  type FieldError,
  type Page,
  type RegisterBatchApprovalResult,
  type StaffContractItemDto,
} from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { IdNumberHasher } from '../../common/crypto/id-number-hasher';
import { DomainEvents } from '../../common/events/domain-events';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';
import { AttachmentsService } from '../attachments/attachments.service';
import { Region } from '../regions/region.entity';
import { Asset } from '../assets/asset.entity';
import { AssetsService } from '../assets/assets.service';
import { parsePending, PendingBase, requireAuthor, requireTransition, requireVillageBookkeeper } from '../assets/register-review';
import { approveWaitingInBatch, findVisible, lockForReview, rejection, stripUndefined, writeUnique } from '../assets/register-writes';
import { StaffRegisterQuery } from '../assets/dto/register-query.dto';
import { Contract } from './contract.entity';
import { ContractsRepository } from './contracts.repository';
import { ContractViews } from './contract-views.service';
import { CreateContractDto, TerminateContractDto, UpdateContractDto } from './dto/contract.dto';

/** A termination of an approved contract waiting for approval, as stored in `pending_change`. */
export interface TerminationPending extends PendingBase {
  terminatedOn: string;
  reason: string;
}

/** The fields staff enter for a contract (its village and scans aside). */
export type ContractFields = Omit<ContractInput, 'villageId' | 'attachmentIds'>;

const CODE_TAKEN = () => new ValidationFailed([{ field: 'code', reason: '本村已有相同编号的合同' }]);

/** The columns a contract row gets from its fields: the counterparty's public and matching forms, the schedule's total. */
export interface ContractRowValues {
  row: Omit<
    Contract,
    | 'id'
    | 'villageId'
    | 'status'
    | 'rejectReason'
    | 'terminatedOn'
    | 'terminationReason'
    | 'pendingChange'
    | 'importBatchId'
    | 'createdBy'
    | 'approvedBy'
    | 'approvedAt'
    | 'createdAt'
    | 'updatedAt'
  >;
  installments: ReturnType<typeof contractInstallments>;
}

/**
 * The register of lease and contracting contracts (发包/租赁合同), with the same review as the
 * asset register. An approved contract changes only by termination, which waits for approval too.
 * Every approval (and termination approval) is told to the rules engine after it commits.
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly hasher: IdNumberHasher,
    private readonly events: DomainEvents,
    private readonly contracts: ContractsRepository,
    private readonly views: ContractViews,
    private readonly assets: AssetsService,
    private readonly attachments: AttachmentsService,
  ) {}

  async create(user: AuthUser, dto: CreateContractDto): Promise<ContractDto> {
    const village = await this.assets.ownVillage(user, dto.villageId);
    const { villageId: _village, attachmentIds, ...rest } = dto;
    void _village;
    const fields = normaliseContract({
      assetId: null,
      areaM2: null,
      note: null,
      depositFen: 0,
      annualRentFen: null,
      counterpartyIdNumber: null,
      ...rest,
    });
    const now = this.clock.now();
    const id = await this.writeUnique(async (em) => {
      const values = await this.checked(em, village, fields, null);
      if (await this.contracts.codeTaken(em, village.id, fields.code, null)) throw CODE_TAKEN();
      const inserted = await em.insert(Contract, {
        ...values.row,
        villageId: village.id,
        status: 'draft',
        rejectReason: null,
        terminatedOn: null,
        terminationReason: null,
        pendingChange: null,
        importBatchId: null,
        createdBy: user.id,
        approvedBy: null,
        approvedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      const contractId = Number(inserted.identifiers[0].id);
      await this.contracts.replaceInstallments(em, contractId, values.installments);
      if (attachmentIds?.length) await this.attachments.bindToContract(em, user, { id: contractId, villageId: village.id }, attachmentIds);
      return contractId;
    });
    return this.get(user, id);
  }

  /** Only drafts and rejected contracts are edited, by their author; an approved one ends by termination. */
  async update(user: AuthUser, id: number, dto: UpdateContractDto): Promise<ContractDto> {
    await this.writeUnique(async (em) => {
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, id), 'contract');
      requireAuthor(user, contract, 'edit', 'contract');
      const { attachmentIds, ...patch } = dto;
      const current = await this.fieldsOf(contract, em);
      const merged = normaliseContract({ ...current, ...stripUndefined(patch) });
      // A schedule given one by one stays unless replaced; a generated one is generated again.
      if (merged.frequency !== 'custom' && patch.installments === undefined) delete merged.installments;
      const sameCounterparty =
        merged.counterpartyName === contract.counterpartyName && merged.counterpartyKind === contract.counterpartyKind;
      const keepHash = patch.counterpartyIdNumber === undefined && sameCounterparty ? contract.counterpartyIdHash : null;
      const village = (await this.contracts.findVillage(contract.villageId, em))!;
      const values = await this.checked(em, village, merged, keepHash);
      if (await this.contracts.codeTaken(em, contract.villageId, merged.code, id)) throw CODE_TAKEN();
      await em.update(Contract, { id }, { ...values.row, updatedAt: this.clock.now() });
      await this.contracts.replaceInstallments(em, id, values.installments);
      if (attachmentIds) await this.attachments.bindToContract(em, user, contract, attachmentIds);
    });
    return this.get(user, id);
  }

  async submit(user: AuthUser, id: number): Promise<ContractDto> {
    await this.writeUnique(async (em) => {
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, id), 'contract');
      requireAuthor(user, contract, 'submit', 'contract');
      const village = (await this.contracts.findVillage(contract.villageId, em))!;
      await this.checked(em, village, await this.fieldsOf(contract, em), contract.counterpartyIdHash);
      if (await this.contracts.codeTaken(em, contract.villageId, contract.code, id)) throw CODE_TAKEN();
      await em.update(Contract, { id }, { status: 'submitted', rejectReason: null, updatedAt: this.clock.now() });
    });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, id), 'contract');
      requireAuthor(user, contract, 'delete', 'contract');
      await this.attachments.bindToContract(em, user, contract, []);
      await this.contracts.replaceInstallments(em, id, []);
      await em.delete(Contract, { id });
    });
  }

  /** Replaces the scans of a contract (any state: scans never change the terms and are never public). */
  async setAttachments(user: AuthUser, id: number, attachmentIds: number[]): Promise<ContractDto> {
    await this.db.transaction(async (em) => {
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, id), 'contract');
      await this.attachments.bindToContract(em, user, contract, attachmentIds);
    });
    return this.get(user, id);
  }

  /** Asks to end an approved contract early; it takes effect when an approver approves it. */
  async terminate(user: AuthUser, id: number, dto: TerminateContractDto): Promise<ContractDto> {
    await this.db.transaction(async (em) => {
      const contract = requireVillageBookkeeper(user, await this.contracts.lock(em, id), 'contract');
      if (contract.terminatedOn !== null) throw new AppException(409, 'ALREADY_TERMINATED', 'this contract has been terminated already');
      requireTransition(contract, 'change', 'contract');
      const errors = validateTermination(dto, contract);
      if (errors.length) throw new ValidationFailed(errors);
      await this.requireNoReceiptsAfter(em, id, dto.terminatedOn);
      const now = this.clock.now();
      const pending: TerminationPending = {
        terminatedOn: dto.terminatedOn,
        reason: dto.reason.trim(),
        requestedBy: user.id,
        requestedAt: now.toISOString(),
      };
      await em.update(Contract, { id }, { pendingChange: JSON.stringify(pending), rejectReason: null, updatedAt: now });
    });
    return this.get(user, id);
  }

  async approve(user: AuthUser, id: number): Promise<ContractDto> {
    const villageId = await this.writeUnique((em) => this.approveIn(em, user, id));
    this.events.emit({ type: 'contracts.changed', villageId, contractIds: [id] });
    return this.get(user, id);
  }

  /**
   * Approves a submitted contract (its asset then counts as leased while the contract is pending
   * or in force), or applies a pending termination: installments whose period starts after the
   * termination date are deleted, and the total rent becomes the sum of those left.
   */
  async approveIn(em: EntityManager, user: AuthUser, id: number): Promise<number> {
    const contract = await this.reviewable(em, user, id, 'approve');
    const now = this.clock.now();
    if (contract.status === 'submitted') {
      const village = (await this.contracts.findVillage(contract.villageId, em))!;
      await this.checked(em, village, await this.fieldsOf(contract, em), contract.counterpartyIdHash);
      await em.update(Contract, { id }, { status: 'approved', rejectReason: null, approvedBy: user.id, approvedAt: now, updatedAt: now });
      await this.markAssetLeased(em, contract);
      return contract.villageId;
    }
    const pending = parsePending<TerminationPending>(contract.pendingChange)!;
    await this.requireNoReceiptsAfter(em, id, pending.terminatedOn);
    const total = await this.contracts.dropInstallmentsAfter(em, id, pending.terminatedOn, this.clock.today());
    await em.update(
      Contract,
      { id },
      {
        terminatedOn: pending.terminatedOn,
        terminationReason: pending.reason,
        totalRentFen: total,
        pendingChange: null,
        rejectReason: null,
        approvedBy: user.id,
        approvedAt: now,
        updatedAt: now,
      },
    );
    return contract.villageId;
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<ContractDto> {
    await this.db.transaction(async (em) => {
      const contract = await this.reviewable(em, user, id, 'reject');
      await em.update(Contract, { id }, rejection(contract, reason, this.clock.now()));
    });
    return this.get(user, id);
  }

  /** Approves every contract of an import batch still waiting, in one transaction: all or none. */
  async approveBatch(user: AuthUser, batchId: number): Promise<RegisterBatchApprovalResult> {
    const { villageId, ids } = await this.writeUnique(async (em) => {
      const { village, approved } = await approveWaitingInBatch(em, this.contracts, this.scope, user, batchId, 'contract', (id) =>
        this.approveIn(em, user, id),
      );
      return { villageId: village.id, ids: approved.map((c) => c.id) };
    });
    this.events.emit({ type: 'contracts.changed', villageId, contractIds: ids });
    return { approved: ids.length };
  }

  async get(user: AuthUser, id: number): Promise<ContractDto> {
    const { rec: contract } = await findVisible(this.contracts, this.scope, user, id, 'contract');
    return this.views.staffDetail(contract, this.clock.today());
  }

  async list(user: AuthUser, q: StaffRegisterQuery): Promise<Page<StaffContractItemDto>> {
    const limit = q.limit ?? 20;
    const rows = await this.contracts.listForStaff({
      pathPattern: this.scope.pathPattern(user),
      villageId: q.villageId,
      status: q.status,
      awaitingReview: q.awaitingReview === 'true',
      importBatchId: q.importBatchId,
      viewerId: user.id,
      beforeId: q.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = await this.views.publicList(page, this.clock.today());
    return {
      items: items.map((item, i) => ({
        ...item,
        counterpartyName: page[i].counterpartyName,
        status: page[i].status,
        rejectReason: page[i].rejectReason,
        terminationPending: page[i].pendingChange !== null,
        importBatchId: page[i].importBatchId,
        createdBy: page[i].createdBy,
        createdAt: page[i].createdAt.toISOString(),
        updatedAt: page[i].updatedAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /**
   * The shared rules, the asset (an approved asset of the same village) and the ID number, and
   * what the row stores: the counterparty's public and matching forms, the hash, the schedule.
   * `keepHash` is the stored hash to keep when no new number is given.
   */
  async checked(em: EntityManager, village: Region, f: ContractFields, keepHash: string | null): Promise<ContractRowValues> {
    const errors: FieldError[] = validateContractInput(f);
    let asset: Asset | null = null;
    if (f.assetId !== null) {
      asset = await this.contracts.findAsset(f.assetId, em);
      if (!asset || asset.villageId !== village.id || asset.status !== 'approved')
        errors.push({ field: 'assetId', reason: '必须是本村已生效的资产' });
    }
    if (errors.length) throw new ValidationFailed(errors);
    const idHash = f.counterpartyKind === 'person' ? (this.hasher.hash(f.counterpartyIdNumber, 'counterpartyIdNumber') ?? keepHash) : null;
    return contractRowValues(f, asset, idHash);
  }

  /** The contract's fields as entered (the ID number is never kept, so it is absent). */
  private async fieldsOf(c: Contract, em: EntityManager): Promise<ContractFields> {
    const fields: ContractFields = {
      assetId: c.assetId,
      code: c.code,
      kind: c.kind,
      counterpartyKind: c.counterpartyKind,
      counterpartyName: c.counterpartyName,
      counterpartyIdNumber: null,
      startOn: c.startOn,
      endOn: c.endOn,
      frequency: c.frequency,
      annualRentFen: c.annualRentFen,
      depositFen: c.depositFen,
      areaM2: c.areaM2,
      awardMethod: c.awardMethod,
      note: c.note,
    };
    if (c.frequency === 'custom')
      fields.installments = (await this.contracts.installments(c.id, em)).map((i) => ({
        periodStart: i.periodStart,
        periodEnd: i.periodEnd,
        dueOn: i.dueOn,
        amountFen: i.amountFen,
      }));
    return fields;
  }

  private async markAssetLeased(em: EntityManager, c: Contract): Promise<void> {
    if (c.assetId === null || contractPhase(c, this.clock.today()) === 'expired') return;
    await em.update(Asset, { id: c.assetId, status: 'approved', usage: Not('leased') }, { usage: 'leased', updatedAt: this.clock.now() });
  }

  /** Rent counted against installments a termination would drop must be dealt with first (a refund reverses its entry). */
  private async requireNoReceiptsAfter(em: EntityManager, id: number, terminatedOn: string): Promise<void> {
    if ((await this.contracts.countingReceiptsAfter(em, id, terminatedOn, this.clock.today())) > 0)
      throw new AppException(409, 'RECEIPTS_AFTER_TERMINATION', 'rent has been received for installments after the termination date', [
        { field: 'terminatedOn', reason: '终止日期之后的租期已有收款记录' },
      ]);
  }

  private reviewable(em: EntityManager, user: AuthUser, id: number, action: 'approve' | 'reject'): Promise<Contract> {
    return lockForReview(em, this.contracts, this.scope, user, id, action, 'contract');
  }

  private writeUnique<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return writeUnique(this.db, CODE_TAKEN, work);
  }
}

/** What a row stores for valid fields: the counterparty's public and matching forms, the hash, the schedule and its total. */
export function contractRowValues(f: ContractFields, asset: Asset | null, idHash: string | null): ContractRowValues {
  const person = f.counterpartyKind === 'person';
  const installments = contractInstallments(f);
  return {
    row: {
      assetId: f.assetId,
      code: f.code,
      kind: f.kind,
      counterpartyKind: f.counterpartyKind,
      counterpartyName: f.counterpartyName,
      counterpartyDisplay: person ? maskPersonName(f.counterpartyName) : f.counterpartyName,
      counterpartyNorm: normalizePersonName(f.counterpartyName),
      counterpartyIdHash: person ? idHash : null,
      startOn: f.startOn,
      endOn: f.endOn,
      frequency: f.frequency,
      annualRentFen: f.annualRentFen,
      totalRentFen: installments.reduce((s, i) => s + i.amountFen, 0),
      depositFen: f.depositFen,
      areaM2: f.areaM2 ?? asset?.areaM2 ?? null,
      awardMethod: f.awardMethod,
      note: f.note,
    },
    installments,
  };
}

/** Text trimmed, an empty note none, absent optional values null. */
export function normaliseContract(f: ContractFields): ContractFields {
  const out: ContractFields = {
    ...f,
    code: typeof f.code === 'string' ? f.code.trim() : f.code,
    counterpartyName: typeof f.counterpartyName === 'string' ? f.counterpartyName.trim() : f.counterpartyName,
    counterpartyIdNumber: f.counterpartyIdNumber?.trim() || null,
    assetId: f.assetId ?? null,
    annualRentFen: f.annualRentFen ?? null,
    depositFen: f.depositFen ?? 0,
    areaM2: f.areaM2 ?? null,
    note: f.note?.trim() || null,
  };
  if (f.installments)
    out.installments = f.installments.map((i) => ({
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      dueOn: i.dueOn,
      amountFen: i.amountFen,
    }));
  return out;
}
