import type {
  DashboardDto,
  DashboardQuery,
  Page,
  RuleDefinition,
  RuleDto,
  RuleRunDto,
  RuleRunRequest,
  RuleSettingsRequest,
  WatchListKind,
  WatchPersonDto,
  WatchPersonInput,
} from '@mingbai/shared'
import { request } from '../../../services/request'
import { query } from './inspector-api'

/**
 * The supervision side of the discipline office's API (issue 5): the dashboard and its exports,
 * the rules with their parameters and runs, and the watch lists. request() adds the staff token.
 */

export type ExportList = 'warnings' | 'reports'
export type ExportFormat = 'csv' | 'xlsx'

/** An export of every warning or report of a region (the server also takes the inbox's filters). */
export interface ExportQuery {
  list: ExportList
  format: ExportFormat
  regionId?: number
}

export interface WatchListQuery {
  listKind?: WatchListKind
  q?: string
  /** Default: active people only; 'all' with those taken off. */
  active?: 'true' | 'false' | 'all'
  cursor?: string
  limit?: number
}

/** A list answered either whole (an array) or a page at a time: always a page. */
export function asPage<T>(answer: T[] | Page<T>): Page<T> {
  return Array.isArray(answer) ? { items: answer, nextCursor: null } : answer
}

/** The figures of one run, or of each rule of a run of all rules: always a list. */
export function asRuns(answer: RuleRunDto | RuleRunDto[] | { runs: RuleRunDto[] } | null): RuleRunDto[] {
  if (!answer) return []
  if (Array.isArray(answer)) return answer
  if ('runs' in answer && Array.isArray(answer.runs)) return answer.runs
  return [answer as RuleRunDto]
}

export const supervisionApi = {
  dashboard: (q: DashboardQuery) => request<DashboardDto>(`/inspector/dashboard${query({ ...q })}`),
  /** The path (with /api, for file-transfer's download) of a list export. */
  exportPath: (q: ExportQuery) => `/api/inspector/dashboard/export${query({ ...q })}`,

  rules: (regionId?: number | null) => request<RuleDto[]>(`/inspector/rules${query({ regionId })}`),
  /** Public descriptions of the rules (for the inbox's rule filter). */
  ruleDefinitions: () => request<RuleDefinition[]>('/rules', { auth: false }),
  saveSettings: (ruleId: string, body: RuleSettingsRequest) =>
    request<RuleDto | null>(`/inspector/rules/${encodeURIComponent(ruleId)}/settings`, { method: 'PUT', data: body }),
  /** A full run now, of one rule or all of them; runs can take a while on a big region. */
  run: (body: RuleRunRequest) =>
    request<RuleRunDto | RuleRunDto[] | { runs: RuleRunDto[] } | null>('/inspector/rules/run', { method: 'POST', data: body, timeout: 60_000 }),

  watchlist: async (q: WatchListQuery) => asPage(await request<WatchPersonDto[] | Page<WatchPersonDto>>(`/inspector/watchlist${query({ ...q })}`)),
  addWatchPerson: (body: WatchPersonInput) => request<WatchPersonDto>('/inspector/watchlist', { method: 'POST', data: body }),
  /** Takes a person off the list (kept for the record, no longer matched). */
  deactivateWatchPerson: (id: number) => request<WatchPersonDto | null>(`/inspector/watchlist/${id}`, { method: 'DELETE' }),
  /** Puts a person taken off back on the list. */
  reactivateWatchPerson: (id: number) => request<WatchPersonDto>(`/inspector/watchlist/${id}`, { method: 'PATCH', data: { active: true } }),
}
