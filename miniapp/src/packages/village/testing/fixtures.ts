// Test fixtures (not part of the app): public register answers as the server sends them.
import type { InstallmentDto, PublicAssetDto, PublicContractDetailDto, PublicContractDto, RegisterSummaryDto, RentReceiptDto } from '@mingbai/shared'

export const SUMMARY: RegisterSummaryDto = {
  villageId: 6,
  assetCount: 12,
  bookValueFen: 356_000_000,
  byUsage: { self_used: 3, leased: 7, idle: 2 },
  contractCount: 9,
  activeContractCount: 7,
  dueFen: 4_800_000,
  receivedFen: 4_200_000,
  overdueContractCount: 1,
}

export function publicAsset(over: Partial<PublicAssetDto> = {}): PublicAssetDto {
  return {
    id: 3,
    villageId: 6,
    code: 'ZC-003',
    name: '村东鱼塘',
    kind: 'pond',
    location: '石桥村东组',
    areaM2: 12000,
    bookValueFen: 8_000_000,
    usage: 'leased',
    acquiredOn: '2010-05-01',
    currentContractId: 21,
    ...over,
  }
}

export function publicContract(over: Partial<PublicContractDto> = {}): PublicContractDto {
  return {
    id: 21,
    villageId: 6,
    villageName: '石桥村',
    assetId: 3,
    assetName: '村东鱼塘',
    code: 'HT-2024-01',
    kind: 'contracting',
    counterpartyKind: 'person',
    counterpartyDisplay: '王*华',
    startOn: '2024-01-01',
    endOn: '2028-12-31',
    frequency: 'yearly',
    annualRentFen: 1_200_000,
    totalRentFen: 6_000_000,
    depositFen: 200_000,
    areaM2: 12000,
    awardMethod: 'public_tender',
    phase: 'active',
    terminatedOn: null,
    receivedFen: 2_400_000,
    dueUnpaidFen: 1_200_000,
    overdueCount: 1,
    ...over,
  }
}

export function installment(over: Partial<InstallmentDto> = {}): InstallmentDto {
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

export function receipt(over: Partial<RentReceiptDto> = {}): RentReceiptDto {
  return {
    id: 7,
    installmentId: 100,
    installmentSeq: 1,
    entryId: 55,
    entrySerial: 31,
    amountFen: 1_200_000,
    occurredOn: '2024-01-05',
    reversed: false,
    createdAt: '2024-01-06T02:00:00.000Z',
    ...over,
  }
}

export function contractDetail(over: Partial<PublicContractDetailDto> = {}): PublicContractDetailDto {
  return {
    ...publicContract(),
    note: null,
    installments: [
      installment(),
      installment({ id: 101, seq: 2, periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01' }),
      installment({
        id: 102,
        seq: 3,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        dueOn: '2026-01-01',
        receivedFen: 0,
        state: 'overdue',
        stateLabel: '逾期未收',
      }),
      installment({ id: 103, seq: 4, periodStart: '2027-01-01', periodEnd: '2027-12-31', dueOn: '2027-01-01', receivedFen: 0, state: 'upcoming', stateLabel: '未到期' }),
      installment({ id: 104, seq: 5, periodStart: '2028-01-01', periodEnd: '2028-12-31', dueOn: '2028-01-01', receivedFen: 0, state: 'upcoming', stateLabel: '未到期' }),
    ],
    receipts: [receipt(), receipt({ id: 8, installmentId: 101, installmentSeq: 2, entryId: 77, entrySerial: 58, occurredOn: '2025-01-03' })],
    ...over,
  }
}
