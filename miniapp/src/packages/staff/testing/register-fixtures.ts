// Test fixtures (not part of the app): staff register answers as the server sends them.
import type { AssetDto, ContractDto, InstallmentDto, ReceiptCandidateDto, StaffContractItemDto } from '@mingbai/shared'

export function staffAsset(over: Partial<AssetDto> = {}): AssetDto {
  return {
    id: 3,
    villageId: 6,
    villageName: '石桥村',
    code: 'ZC-003',
    name: '村东鱼塘',
    kind: 'pond',
    location: '石桥村东组',
    areaM2: 12000,
    bookValueFen: 8_000_000,
    usage: 'leased',
    acquiredOn: '2010-05-01',
    note: null,
    status: 'draft',
    rejectReason: null,
    createdBy: 2,
    createdAt: '2026-03-05T02:00:00.000Z',
    updatedAt: '2026-03-05T02:00:00.000Z',
    approvedAt: null,
    contractIds: [],
    importBatchId: null,
    pendingChange: null,
    ...over,
  }
}

export function staffInstallment(over: Partial<InstallmentDto> = {}): InstallmentDto {
  return {
    id: 100,
    seq: 1,
    periodStart: '2024-01-01',
    periodEnd: '2024-12-31',
    dueOn: '2024-01-01',
    amountFen: 1_200_000,
    receivedFen: 1_200_000,
    state: 'paid',
    stateLabel: '已收',
    ...over,
  }
}

export function staffContract(over: Partial<ContractDto> = {}): ContractDto {
  return {
    id: 21,
    villageId: 6,
    villageName: '石桥村',
    assetId: 3,
    assetName: '村东鱼塘',
    code: 'HT-2024-01',
    kind: 'contracting',
    counterpartyKind: 'person',
    counterpartyName: '王建华',
    counterpartyDisplay: '王*华',
    hasCounterpartyIdHash: false,
    startOn: '2024-01-01',
    endOn: '2026-12-31',
    frequency: 'yearly',
    annualRentFen: 1_200_000,
    totalRentFen: 3_600_000,
    depositFen: 200_000,
    areaM2: 12000,
    awardMethod: 'public_tender',
    phase: 'active',
    terminatedOn: null,
    receivedFen: 1_200_000,
    dueUnpaidFen: 1_200_000,
    overdueCount: 1,
    note: null,
    installments: [
      staffInstallment(),
      staffInstallment({ id: 101, seq: 2, periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01', receivedFen: 0, state: 'overdue', stateLabel: '逾期未收' }),
      staffInstallment({ id: 102, seq: 3, periodStart: '2026-01-01', periodEnd: '2026-12-31', dueOn: '2026-01-01', receivedFen: 0, state: 'due', stateLabel: '待收' }),
    ],
    receipts: [],
    status: 'draft',
    rejectReason: null,
    terminationReason: null,
    createdBy: 2,
    createdAt: '2026-03-05T02:00:00.000Z',
    updatedAt: '2026-03-05T02:00:00.000Z',
    approvedAt: null,
    importBatchId: null,
    attachments: [],
    pendingTermination: null,
    ...over,
  }
}

export function candidate(over: Partial<ReceiptCandidateDto> = {}): ReceiptCandidateDto {
  return {
    entryId: 55,
    serial: 31,
    occurredOn: '2026-03-01',
    amountFen: 2_400_000,
    allocatedFen: 0,
    unallocatedFen: 2_400_000,
    counterpartyDisplay: '王*华',
    summary: '收到村东鱼塘承包费',
    ...over,
  }
}

/** A contract as the staff list sends it (no schedule, receipts or scans). */
export function staffContractItem(over: Partial<ContractDto> = {}, terminationPending = false): StaffContractItemDto {
  const { installments: _i, receipts: _r, attachments: _a, hasCounterpartyIdHash: _h, note: _n, terminationReason: _t, approvedAt: _ap, pendingTermination: _p, ...rest } = staffContract(over)
  return { ...rest, terminationPending }
}
