import type {
  AssetDto,
  AssetInput,
  ContractDto,
  ContractInput,
  ContractTerminationInput,
  Page,
  ReceiptCandidateDto,
  RegisterBatchApprovalResult,
  RegisterStatus,
  RentReceiptInput,
  StaffContractItemDto,
} from '@mingbai/shared'
import { request } from '../../../services/request'

/**
 * Contract scans are uploaded like vouchers (POST /api/staff/attachments, see photo-uploads.ts) and
 * kept with the contract through `attachmentIds`.
 *
 * The staff side of the asset and contract registers (issue 5): bookkeepers draft, change and submit
 * records of their village, approvers in scope approve or send them back (server: modules/assets,
 * modules/contracts). Paths only; request() does the token, retries and errors.
 */

export interface RegisterListQuery {
  status?: RegisterStatus
  villageId?: number
  /** Only records an approver has to decide: submitted, or approved with a change pending. */
  awaitingReview?: boolean
  cursor?: string | null
  limit?: number
}

/** A contract in a staff list (the detail adds the schedule, receipts and scans). */
export type StaffContractListItem = StaffContractItemDto

/** PATCH bodies never carry the village: a record stays in the village it was written for. */
export type AssetPatch = Partial<Omit<AssetInput, 'villageId'>>
export type ContractPatch = Partial<Omit<ContractInput, 'villageId'>>

export const REGISTER_LIST_SIZE = 20

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

const listQuery = (q: RegisterListQuery) =>
  query({ villageId: q.villageId, status: q.status, awaitingReview: q.awaitingReview, cursor: q.cursor, limit: q.limit })

export const registersStaffApi = {
  // ---- assets
  assets: (q: RegisterListQuery = {}) => request<Page<AssetDto>>(`/staff/assets${listQuery(q)}`),
  asset: (id: number) => request<AssetDto>(`/staff/assets/${id}`),
  createAsset: (body: AssetInput) => request<AssetDto>('/staff/assets', { method: 'POST', data: body }),
  /** Edits a draft or rejected asset; on an approved one, asks for the change (it waits for approval). */
  updateAsset: (id: number, patch: AssetPatch) => request<AssetDto>(`/staff/assets/${id}`, { method: 'PATCH', data: patch }),
  removeAsset: (id: number) => request<null>(`/staff/assets/${id}`, { method: 'DELETE' }),
  submitAsset: (id: number) => request<AssetDto>(`/staff/assets/${id}/submit`, { method: 'POST' }),
  approveAsset: (id: number) => request<AssetDto>(`/staff/assets/${id}/approve`, { method: 'POST' }),
  rejectAsset: (id: number, reason: string) => request<AssetDto>(`/staff/assets/${id}/reject`, { method: 'POST', data: { reason } }),
  /** Approves every asset of an import batch still waiting; all or nothing. */
  approveAssetBatch: (batchId: number) => request<RegisterBatchApprovalResult>(`/staff/assets/imports/${batchId}/approve`, { method: 'POST' }),

  // ---- contracts
  contracts: (q: RegisterListQuery = {}) => request<Page<StaffContractListItem>>(`/staff/contracts${listQuery(q)}`),
  contract: (id: number) => request<ContractDto>(`/staff/contracts/${id}`),
  createContract: (body: ContractInput) => request<ContractDto>('/staff/contracts', { method: 'POST', data: body }),
  updateContract: (id: number, patch: ContractPatch) => request<ContractDto>(`/staff/contracts/${id}`, { method: 'PATCH', data: patch }),
  removeContract: (id: number) => request<null>(`/staff/contracts/${id}`, { method: 'DELETE' }),
  submitContract: (id: number) => request<ContractDto>(`/staff/contracts/${id}/submit`, { method: 'POST' }),
  approveContract: (id: number) => request<ContractDto>(`/staff/contracts/${id}/approve`, { method: 'POST' }),
  rejectContract: (id: number, reason: string) => request<ContractDto>(`/staff/contracts/${id}/reject`, { method: 'POST', data: { reason } }),
  approveContractBatch: (batchId: number) =>
    request<RegisterBatchApprovalResult>(`/staff/contracts/imports/${batchId}/approve`, { method: 'POST' }),
  /** Asks to end an approved contract early; it takes effect when an approver approves it. */
  terminateContract: (id: number, body: ContractTerminationInput) =>
    request<ContractDto>(`/staff/contracts/${id}/terminate`, { method: 'POST', data: body }),
  /** Published income entries of the village with money not yet counted as rent, newest first. */
  receiptCandidates: (id: number, cursor: string | null = null) =>
    request<Page<ReceiptCandidateDto>>(`/staff/contracts/${id}/receipt-candidates${query({ cursor, limit: 50 })}`),
  /** Replaces the contract's scans (any state; never public). */
  setScans: (id: number, attachmentIds: number[]) =>
    request<ContractDto>(`/staff/contracts/${id}/attachments`, { method: 'PUT', data: { attachmentIds } }),
  /** 登记收租: links a published income entry to the contract's installments. */
  addReceipt: (id: number, body: RentReceiptInput) => request<ContractDto>(`/staff/contracts/${id}/receipts`, { method: 'POST', data: body }),

  /** Every approved asset of a village (for the contract form's picker), a page at a time up to `max`. */
  approvedAssets: async (villageId: number, max = 500) => {
    const all: AssetDto[] = []
    let cursor: string | null = null
    do {
      const page: Page<AssetDto> = await registersStaffApi.assets({ villageId, status: 'approved', cursor, limit: 50 })
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor && all.length < max)
    return all
  },
}

export const REGISTER_PAGES = {
  assets: '/packages/staff/pages/assets/index',
  assetForm: '/packages/staff/pages/asset-form/index',
  contracts: '/packages/staff/pages/contracts/index',
  contractForm: '/packages/staff/pages/contract-form/index',
  contract: '/packages/staff/pages/contract/index',
  review: '/packages/staff/pages/register-review/index',
} as const
