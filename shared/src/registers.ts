import type { CounterpartyKind } from './enums';
import type { InstallmentState, RentFrequency } from './rent-schedule';
import type { Page } from './api-types';

/**
 * The registers of collective assets and resources (资产资源台账) and of lease and contracting
 * contracts (发包/租赁合同), issue 5. Both are entered by bookkeepers and take effect when an
 * approver of the village approves them, like ledger entries.
 */
export const ASSET_KINDS = ['building', 'land', 'pond', 'forest', 'equipment', 'other'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export const ASSET_KIND_LABELS: Record<AssetKind, string> = {
  building: '房屋建筑',
  land: '土地',
  pond: '水面坑塘',
  forest: '林地',
  equipment: '设备设施',
  other: '其他',
};

export const ASSET_USAGES = ['self_used', 'leased', 'idle'] as const;
export type AssetUsage = (typeof ASSET_USAGES)[number];
export const ASSET_USAGE_LABELS: Record<AssetUsage, string> = { self_used: '自用', leased: '出租发包', idle: '闲置' };

/** The review state of a register record (asset or contract). Only `approved` records are public. */
export const REGISTER_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];
export const REGISTER_STATUS_LABELS: Record<RegisterStatus, string> = { draft: '草稿', submitted: '待审核', approved: '已生效', rejected: '被退回' };

export const CONTRACT_KINDS = ['lease', 'contracting'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const CONTRACT_KIND_LABELS: Record<ContractKind, string> = { lease: '租赁', contracting: '发包' };

/** How a contract was awarded. Only the first two are public (公开) awards. */
export const AWARD_METHODS = ['public_tender', 'public_auction', 'negotiated', 'direct'] as const;
export type AwardMethod = (typeof AWARD_METHODS)[number];
export const PUBLIC_AWARD_METHODS: readonly AwardMethod[] = ['public_tender', 'public_auction'];
export const AWARD_METHOD_LABELS: Record<AwardMethod, string> = {
  public_tender: '公开招标',
  public_auction: '公开竞价',
  negotiated: '协商议价',
  direct: '直接发包',
};

/** `custom`: the installments are given one by one instead of generated from an annual rent. */
export const CONTRACT_FREQUENCIES = ['yearly', 'half_yearly', 'quarterly', 'monthly', 'custom'] as const;
export type ContractFrequency = RentFrequency | 'custom';
export const CONTRACT_FREQUENCY_LABELS: Record<ContractFrequency, string> = {
  yearly: '每年',
  half_yearly: '每半年',
  quarterly: '每季度',
  monthly: '每月',
  custom: '自定义',
};

/** A contract in force, ended early (terminated) or past its end date (expired); derived, not stored. */
export type ContractPhase = 'pending' | 'active' | 'expired' | 'terminated';
export const CONTRACT_PHASE_LABELS: Record<ContractPhase, string> = { pending: '未开始', active: '履行中', expired: '已到期', terminated: '已终止' };

export const ASSET_NAME_MAX = 100;
export const REGISTER_NOTE_MAX = 500;
export const CONTRACT_INSTALLMENTS_MAX = 600;

// ---------------------------------------------------------------- staff: assets

/**
 * POST /api/staff/assets; PATCH /api/staff/assets/:id edits a draft or rejected record, or asks for a
 * change to an approved one (it waits in `pendingChange` until approved; villageId never changes).
 */
export interface AssetInput {
  villageId: number;
  /** The village's own number for it (资产编号), unique within the village. */
  code: string;
  name: string;
  kind: AssetKind;
  location: string;
  /** Whole square metres; null for equipment and the like. */
  areaM2: number | null;
  bookValueFen: number;
  usage: AssetUsage;
  acquiredOn: string | null;
  note: string | null;
}

export interface AssetDto extends Omit<AssetInput, 'note'> {
  id: number;
  villageName: string;
  note: string | null;
  status: RegisterStatus;
  rejectReason: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  /** Approved contracts on this asset, newest first (ids). */
  contractIds: number[];
  importBatchId: number | null;
  /** A change to the approved record waiting for approval; the public sees the approved values meanwhile. */
  pendingChange: AssetChangeDto | null;
}

export interface AssetChangeDto {
  changes: Partial<Omit<AssetInput, 'villageId'>>;
  requestedBy: number;
  requestedAt: string;
}

// ---------------------------------------------------------------- staff: contracts

export interface InstallmentInput {
  dueOn: string;
  amountFen: number;
  periodStart: string;
  periodEnd: string;
}

/**
 * POST /api/staff/contracts, PATCH /api/staff/contracts/:id (drafts and rejected records only; an
 * approved contract only ends early by termination).
 */
export interface ContractInput {
  villageId: number;
  /** The asset leased or contracted out; it must be an approved asset of the same village. */
  assetId: number | null;
  /** Contract number (合同编号), unique within the village. */
  code: string;
  kind: ContractKind;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  /** 18-character resident ID of a person counterparty; only its keyed hash is stored. */
  counterpartyIdNumber?: string | null;
  startOn: string;
  endOn: string;
  frequency: ContractFrequency;
  /** Required unless frequency is custom: the schedule is generated from it. */
  annualRentFen: number | null;
  /** Required when frequency is custom. */
  installments?: InstallmentInput[];
  depositFen: number;
  /** Area let, in whole m² (defaults to the asset's). */
  areaM2: number | null;
  awardMethod: AwardMethod;
  note: string | null;
  /** Uploaded scans (POST /api/staff/attachments) to keep with the contract; staff and inspectors only. */
  attachmentIds?: number[];
}

export interface InstallmentDto {
  id: number;
  seq: number;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  amountFen: number;
  receivedFen: number;
  /**
   * From installmentState on the server's today (China time) with no grace days: unpaid (or partly
   * paid) after its due date is 'overdue' (逾期未收). The rent-arrears rule warns only after its own grace days.
   */
  state: InstallmentState;
  stateLabel: string;
}

export interface RentReceiptDto {
  id: number;
  installmentId: number;
  installmentSeq: number;
  entryId: number;
  /** The published entry's serial in the village's ledger (第N号). */
  entrySerial: number | null;
  amountFen: number;
  occurredOn: string;
  /** True once the entry was reversed (红字冲销): the receipt then no longer counts. */
  reversed: boolean;
  createdAt: string;
}

/** What everyone may see of a contract. Personal counterparties are masked (张*三). */
export interface PublicContractDto {
  id: number;
  villageId: number;
  villageName: string;
  assetId: number | null;
  assetName: string | null;
  code: string;
  kind: ContractKind;
  counterpartyKind: CounterpartyKind;
  counterpartyDisplay: string;
  startOn: string;
  endOn: string;
  frequency: ContractFrequency;
  annualRentFen: number | null;
  totalRentFen: number;
  depositFen: number;
  areaM2: number | null;
  awardMethod: AwardMethod;
  phase: ContractPhase;
  terminatedOn: string | null;
  receivedFen: number;
  /** Outstanding on installments already due (today or earlier). */
  dueUnpaidFen: number;
  overdueCount: number;
}

export interface PublicContractDetailDto extends PublicContractDto {
  note: string | null;
  installments: InstallmentDto[];
  receipts: RentReceiptDto[];
}

/** An item of the staff list GET /api/staff/contracts (the detail adds the schedule, receipts and scans). */
export interface StaffContractItemDto extends PublicContractDto {
  counterpartyName: string;
  status: RegisterStatus;
  rejectReason: string | null;
  /** A termination is waiting for approval. */
  terminationPending: boolean;
  importBatchId: number | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

/** Staff see the real counterparty name and the review state. */
export interface ContractDto extends PublicContractDetailDto {
  counterpartyName: string;
  hasCounterpartyIdHash: boolean;
  status: RegisterStatus;
  rejectReason: string | null;
  terminationReason: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  approvedAt: string | null;
  importBatchId: number | null;
  /** Scans of the contract: GET /api/attachments/:id with the staff or inspector token. */
  attachments: { id: number; mime: string; size: number; url: string }[];
  /** A termination waiting for approval. */
  pendingTermination: PendingTerminationDto | null;
}

export interface PendingTerminationDto extends ContractTerminationInput {
  requestedBy: number;
  requestedAt: string;
}

/** GET /api/staff/contracts/:id/receipt-candidates: published income entries of the village with money not yet counted as rent. */
export interface ReceiptCandidateDto {
  entryId: number;
  serial: number;
  occurredOn: string;
  amountFen: number;
  /** Already counted against installments of any contract. */
  allocatedFen: number;
  unallocatedFen: number;
  counterpartyDisplay: string;
  summary: string;
}

/** POST /api/staff/assets/import, /api/staff/contracts/import: every row stored (submitted for approval) or none. */
export interface RegisterImportResult {
  batchId: number;
  rows: number;
  ids: number[];
}

/** POST /api/staff/{assets,contracts}/imports/:batchId/approve. */
export interface RegisterBatchApprovalResult {
  approved: number;
}

/** POST /api/staff/contracts/:id/receipts — link a published income entry to the contract's rent. */
export interface RentReceiptInput {
  entryId: number;
  /** Split of the entry over installments; absent: oldest unpaid installments first. */
  allocations?: { installmentId: number; amountFen: number }[];
}

/** POST /api/staff/contracts/:id/terminate (approved contracts; takes effect when approved again). */
export interface ContractTerminationInput {
  terminatedOn: string;
  reason: string;
}

// ---------------------------------------------------------------- public

export interface PublicAssetDto {
  id: number;
  villageId: number;
  code: string;
  name: string;
  kind: AssetKind;
  location: string;
  areaM2: number | null;
  bookValueFen: number;
  usage: AssetUsage;
  acquiredOn: string | null;
  /** The contract in force on this asset, if any. */
  currentContractId: number | null;
}

export interface RegisterSummaryDto {
  villageId: number;
  assetCount: number;
  bookValueFen: number;
  byUsage: Record<AssetUsage, number>;
  contractCount: number;
  activeContractCount: number;
  /** Rent due so far and received, over approved contracts. */
  dueFen: number;
  receivedFen: number;
  overdueContractCount: number;
}

export type AssetPage = Page<PublicAssetDto>;
export type ContractPage = Page<PublicContractDto>;
