import type { Page, PublicEntryDetailDto, PublicEntryDto, RegionDto, SummaryDto, VillageDto } from '@mingbai/shared'
import { request } from './request'

export type VillageHit = RegionDto & { path: string[] }

export interface EntryFilter {
  from?: string
  to?: string
  direction?: 'income' | 'expense'
  subject?: string
  q?: string
  cursor?: string
  limit?: number
}

function query(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const villagesApi = {
  regions: (parent?: number) => request<RegionDto[]>(`/regions${query({ parent })}`, { auth: false }),
  search: (q: string, region?: number) => request<VillageHit[]>(`/villages${query({ q, region, limit: 50 })}`, { auth: false }),
  village: (id: number) => request<VillageDto>(`/villages/${id}`, { auth: false }),
  summary: (id: number, year: number) => request<SummaryDto>(`/villages/${id}/summary${query({ year })}`, { auth: false }),
  entries: (id: number, f: EntryFilter = {}) =>
    request<Page<PublicEntryDto>>(`/villages/${id}/entries${query({ ...f })}`, { auth: false }),
  entry: (id: number) => request<PublicEntryDetailDto>(`/entries/${id}`, { auth: false }),
}
