import type {
  AssignRequest,
  CaseLinkDto,
  CaseLinkRequest,
  CaseTransitionRequest,
  DigestOfficeDto,
  InboxPage,
  InboxQuery,
  InspectorDto,
  OfficeDto,
  OfficeReplyRequest,
  ReportCategoryDto,
  ReportDetailDto,
  ReportMessageDto,
  ReportStatsDto,
  RevealAuditDto,
  RevealedIdentityDto,
  RevealRequest,
  TransferRequest,
} from '@mingbai/shared'
import { request } from '../../../services/request'

/** The discipline office's API (GET/POST /api/inspector/…); request() adds the staff token and refreshes it. */

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

const report = (id: number) => `/inspector/reports/${id}`

export interface StatsQuery {
  from: string
  to: string
  villageId?: number
  /** The statistics page counts citizen reports only; warnings have the dashboard. */
  kind?: 'report' | 'warning'
}

export const inspectorApi = {
  inbox: (q: InboxQuery) => request<InboxPage>(`/inspector/reports${query({ ...q })}`),
  detail: (id: number) => request<ReportDetailDto>(report(id)),
  transition: (id: number, body: CaseTransitionRequest) =>
    request<ReportDetailDto>(`${report(id)}/transitions`, { method: 'POST', data: body }),
  assign: (id: number, body: AssignRequest) => request<ReportDetailDto>(`${report(id)}/assign`, { method: 'POST', data: body }),
  transfer: (id: number, body: TransferRequest) => request<ReportDetailDto>(`${report(id)}/transfer`, { method: 'POST', data: body }),
  reply: (id: number, body: OfficeReplyRequest) => request<ReportMessageDto>(`${report(id)}/messages`, { method: 'POST', data: body }),
  reveal: (id: number, body: RevealRequest) => request<RevealedIdentityDto>(`${report(id)}/reveal`, { method: 'POST', data: body }),
  reveals: (id: number) => request<RevealAuditDto[]>(`${report(id)}/reveals`),
  /** Links a report and a warning (or two of either) about the same thing; answers the case's links. */
  link: (id: number, body: CaseLinkRequest) => request<CaseLinkDto[]>(`${report(id)}/links`, { method: 'POST', data: body }),
  /** Removes a link made by an inspector (automatic links stay). */
  unlink: (id: number, otherId: number) => request<CaseLinkDto[]>(`${report(id)}/links/${otherId}`, { method: 'DELETE' }),
  colleagues: () => request<InspectorDto[]>('/inspector/colleagues'),
  offices: () => request<OfficeDto[]>('/inspector/offices'),
  stats: (q: StatsQuery) => request<ReportStatsDto>(`/inspector/report-stats${query({ ...q })}`),
  digest: () => request<DigestOfficeDto[]>('/inspector/report-digest'),
  /** Public list of report categories (for the category filter). */
  categories: () => request<ReportCategoryDto[]>('/report-categories', { auth: false }),
}
