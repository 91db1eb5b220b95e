import type {
  AssetKind,
  AssetPage,
  AssetUsage,
  ContractPage,
  ContractPhase,
  PublicAssetDto,
  PublicContractDetailDto,
  PublicContractDto,
  RegisterSummaryDto,
} from '@mingbai/shared'
import { request } from './request'

/**
 * The public registers of a village (issue 5): its collective assets and resources and its lease and
 * contracting contracts, as everyone may see them (approved records only, personal counterparties
 * masked by the server). Sent without the staff token, like the rest of the disclosure API.
 */

export interface AssetFilter {
  kind?: AssetKind
  usage?: AssetUsage
  cursor?: string | null
  limit?: number
}

export interface ContractFilter {
  phase?: ContractPhase
  /** Only contracts with at least one overdue installment. */
  overdue?: boolean
  cursor?: string | null
  limit?: number
}

/** GET /api/assets/:id: the asset with its approved contracts. */
export type PublicAssetDetail = PublicAssetDto & { contracts: PublicContractDto[] }

export const REGISTER_PAGE_SIZE = 20

/** `?a=1&b=x` from the defined, non-empty values (booleans only when true). */
export function registerQuery(params: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

export const registersApi = {
  summary: (villageId: number) => request<RegisterSummaryDto>(`/villages/${villageId}/registers`, { auth: false }),
  assets: (villageId: number, f: AssetFilter = {}) =>
    request<AssetPage>(`/villages/${villageId}/assets${registerQuery({ kind: f.kind, usage: f.usage, cursor: f.cursor, limit: f.limit })}`, {
      auth: false,
    }),
  asset: (id: number) => request<PublicAssetDetail>(`/assets/${id}`, { auth: false }),
  contracts: (villageId: number, f: ContractFilter = {}) =>
    request<ContractPage>(
      `/villages/${villageId}/contracts${registerQuery({ phase: f.phase, overdue: f.overdue, cursor: f.cursor, limit: f.limit })}`,
      { auth: false },
    ),
  contract: (id: number) => request<PublicContractDetailDto>(`/contracts/${id}`, { auth: false }),
}

export const VILLAGE_PAGES = {
  registers: '/packages/village/pages/registers/index',
  asset: '/packages/village/pages/asset/index',
  contract: '/packages/village/pages/contract/index',
} as const

/** The public register page of a village (the home page links here). */
export const registersUrl = (villageId: number, tab?: 'assets' | 'contracts') =>
  `${VILLAGE_PAGES.registers}?v=${villageId}${tab ? `&tab=${tab}` : ''}`
export const assetUrl = (id: number) => `${VILLAGE_PAGES.asset}?id=${id}`
export const contractUrl = (id: number) => `${VILLAGE_PAGES.contract}?id=${id}`
export const entryUrl = (id: number) => `/pages/entry/index?id=${id}`
