import type {
  AttachmentDto,
  CounterpartyKind,
  Direction,
  EntryStatus,
  PaymentMethod,
  RegionLevel,
  Role,
} from '@mingbai/shared'
import { request } from '../../../services/request'
import { upload } from '../../../services/file-transfer'
import type { Session } from '../../../services/session'

/** Shapes of the staff API (server/src/modules/ledger/staff-entry.view.ts, imports/import.types.ts, auth). */

export interface StaffApproval {
  step: number
  role: Role
  decision: 'approved' | 'rejected'
  reason: string | null
  userId: number
  at: string
}

interface StaffEntryFields {
  id: number
  villageId: number
  status: EntryStatus
  direction: Direction
  subjectCode: string
  subjectName: string
  amountFen: number
  occurredOn: string
  counterpartyKind: CounterpartyKind
  /** As entered (full name); `counterpartyDisplay` is what the public sees. */
  counterpartyName: string
  counterpartyDisplay: string
  summary: string
  paymentMethod: PaymentMethod
  voucherNo: string | null
  reversesId: number | null
  reversalReason: string | null
  rejectReason: string | null
  approvalsRequired: number
  importBatchId: number | null
  createdBy: number
  createdAt: string
  submittedAt: string | null
  publishedAt: string | null
  serial: number | null
  hash: string | null
  prevHash: string | null
  approvals: StaffApproval[]
}

/** GET /api/staff/entries/:id and every write: the attachments themselves. */
export interface StaffEntry extends StaffEntryFields {
  attachments: AttachmentDto[]
}

/** An item of GET /api/staff/entries: only the number of attachments. */
export interface StaffEntryListItem extends StaffEntryFields {
  attachments: number
}

export interface StaffPage {
  items: StaffEntryListItem[]
  /** An entry id to pass as `cursor`, or null on the last page. */
  nextCursor: string | null
}

/** Body of POST /api/staff/entries; PATCH takes any subset. */
export interface EntryBody {
  direction: Direction
  subjectCode: string
  amountFen: number
  occurredOn: string
  counterpartyName: string
  counterpartyKind: CounterpartyKind
  summary: string
  paymentMethod: PaymentMethod
  voucherNo?: string | null
  attachmentIds?: number[]
}

export type { ChartAccount } from '../../../services/chart'

export interface LoginResult {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: Session['user']
}

export interface Me {
  id: number
  username: string
  displayName: string
  role: Role
  regionId: number | null
  regionPath: string | null
  regionLevel: RegionLevel | null
}

export interface ImportBatchView {
  id: number
  villageId: number
  villageName: string
  fileName: string
  rowCount: number
  createdBy: number
  createdAt: string
  counts: Record<EntryStatus, number>
}

export interface BatchApprovalResult {
  approved: number
  published: number
  pendingSecondApproval: number
}

export interface ListQuery {
  status?: EntryStatus
  villageId?: number
  importBatchId?: number
  cursor?: string | null
  limit?: number
}

function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const staffApi = {
  login: (username: string, password: string) =>
    request<LoginResult>('/auth/login', { method: 'POST', data: { username, password }, auth: false }),
  me: () => request<Me>('/auth/me'),


  list: (q: ListQuery = {}) => request<StaffPage>(`/staff/entries${query({ ...q })}`),
  get: (id: number) => request<StaffEntry>(`/staff/entries/${id}`),
  create: (body: EntryBody) => request<StaffEntry>('/staff/entries', { method: 'POST', data: body }),
  update: (id: number, patch: Partial<EntryBody>) => request<StaffEntry>(`/staff/entries/${id}`, { method: 'PATCH', data: patch }),
  remove: (id: number) => request<null>(`/staff/entries/${id}`, { method: 'DELETE' }),
  submit: (id: number) => request<StaffEntry>(`/staff/entries/${id}/submit`, { method: 'POST' }),
  approve: (id: number) => request<StaffEntry>(`/staff/entries/${id}/approve`, { method: 'POST' }),
  reject: (id: number, reason: string) => request<StaffEntry>(`/staff/entries/${id}/reject`, { method: 'POST', data: { reason } }),
  reverse: (id: number, reason: string) => request<StaffEntry>(`/staff/entries/${id}/reversal`, { method: 'POST', data: { reason } }),

  /** A voucher photo for the bookkeeper's village; bind it with `attachmentIds`. */
  uploadAttachment: (filePath: string, onProgress?: (pct: number) => void) =>
    upload<AttachmentDto>('/staff/attachments', filePath, { name: 'file', onProgress }),

  importBatch: (id: number) => request<ImportBatchView>(`/staff/imports/${id}`),
  approveBatch: (id: number) => request<BatchApprovalResult>(`/staff/imports/${id}/approve`, { method: 'POST' }),
}
