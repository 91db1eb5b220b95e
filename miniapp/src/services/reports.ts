import Taro from '@tarojs/taro'
import {
  IDEMPOTENCY_HEADER,
  type CreateReportRequest,
  type CreateReportResponse,
  type FollowUpRequest,
  type MyReportDto,
  type ReceiptFollowUpRequest,
  type ReportCategoryDto,
  type ReportMessageDto,
  type ReportUploadDto,
  type ReporterViewDto,
} from '@mingbai/shared'
import { ApiError, describeError } from './api-error'
import { API_BASE, networkError, request, toApiError, withTimeout } from './request'
import { villagerRequest } from './villager-session'

/**
 * The villager's side of reports (举报) to the discipline office. Every call goes without the staff
 * token (`auth: false`): a report must never be linked to whoever happens to be signed in as staff
 * on this phone. Named reports and 我的举报 go with the villager's own token (villager-session.ts).
 */

// The report pages live in a subpackage; the main package (entry detail, home, 我的) links to them.
export const REPORT_PAGES = {
  form: '/packages/report/pages/form/index',
  receipt: '/packages/report/pages/receipt/index',
  follow: '/packages/report/pages/follow/index',
  mine: '/packages/report/pages/mine/index',
  pending: '/packages/report/pages/pending/index',
} as const

/** The address of the report form for something a villager saw. */
export function reportFormUrl(ctx: { villageId: number; subjectType: 'village' | 'entry' | 'asset' | 'contract'; subjectId?: number | null }): string {
  const q = [`villageId=${ctx.villageId}`, `subjectType=${ctx.subjectType}`]
  if (ctx.subjectId !== undefined && ctx.subjectId !== null) q.push(`subjectId=${ctx.subjectId}`)
  return `${REPORT_PAGES.form}?${q.join('&')}`
}

// ---- idempotency keys ----

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
export const IDEMPOTENCY_KEY_LENGTH = 32

async function randomBytes(n: number): Promise<Uint8Array> {
  // Browsers (H5); the mini-program runtime has no `crypto` global (and maybe no `globalThis`).
  const c = typeof crypto !== 'undefined' ? crypto : undefined
  if (c && typeof c.getRandomValues === 'function') return c.getRandomValues(new Uint8Array(n))
  // WeChat offers its own secure random source (wx.getRandomValues, or UserCryptoManager.getRandomValues).
  type Source = (o: { length: number; success: (r: { randomValues: ArrayBuffer }) => void; fail: (e: unknown) => void }) => unknown
  const t = Taro as unknown as { getRandomValues?: Source; getUserCryptoManager?: () => { getRandomValues?: Source } }
  const manager = typeof t.getUserCryptoManager === 'function' ? t.getUserCryptoManager() : null
  const source: Source | undefined =
    typeof t.getRandomValues === 'function'
      ? t.getRandomValues.bind(Taro)
      : typeof manager?.getRandomValues === 'function'
        ? manager.getRandomValues.bind(manager)
        : undefined
  if (!source) throw new Error('no secure random source')
  const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
    const ret = source({ length: n, success: (r) => resolve(r.randomValues), fail: reject })
    if (ret && typeof (ret as Promise<{ randomValues: ArrayBuffer }>).then === 'function')
      (ret as Promise<{ randomValues: ArrayBuffer }>).then((r) => resolve(r.randomValues), reject)
  })
  return new Uint8Array(buffer)
}

/** 32 characters of [A-Za-z0-9_-] from a secure random source (6 bits each: 192 bits). */
export async function newIdempotencyKey(): Promise<string> {
  const bytes = await randomBytes(IDEMPOTENCY_KEY_LENGTH)
  let key = ''
  for (const b of bytes) key += KEY_ALPHABET[b & 63]
  return key
}

// ---- errors ----

/** Minutes until a rate-limited villager may try again, when the answer says so. */
export function retryMinutes(e: ApiError): number | null {
  const seconds = Number(e.details.find((d) => /^retry-?after$/i.test(d.field))?.reason)
  if (Number.isFinite(seconds) && seconds > 0) return Math.max(1, Math.ceil(seconds / 60))
  const min = /(\d+)\s*分钟/.exec(e.message)
  if (min) return Math.max(1, Number(min[1]))
  const sec = /(\d+)\s*(?:秒|s\b|seconds?)/i.exec(e.message)
  if (sec) return Math.max(1, Math.ceil(Number(sec[1]) / 60))
  return null
}

const CODE_TEXT: Record<string, string> = {
  RECEIPT_NOT_FOUND: '没有找到这个回执码对应的举报，请检查是否输入正确',
  CASE_CLOSED: '这件举报已经结案，不能再补充材料',
  CONTENT_REJECTED: '内容未通过安全检查，请修改后再提交',
  WECHAT_NOT_CONFIGURED: '暂时不能实名举报，请选择匿名举报',
  IDEMPOTENCY_IN_FLIGHT: '正在提交，请稍候',
}

/** What a villager reads when a report call fails. */
export function reportErrorText(e: unknown, what: 'submit' | 'lookup' = 'submit'): string {
  if (!(e instanceof ApiError)) return describeError(e)
  if (e.statusCode === 429) {
    const m = retryMinutes(e)
    const verb = what === 'lookup' ? '查询' : '提交'
    return m ? `${verb}太频繁，请${m}分钟后再试` : `${verb}太频繁，请稍后再试`
  }
  if (CODE_TEXT[e.code]) return CODE_TEXT[e.code]
  if (e.statusCode === 404 && what === 'lookup') return CODE_TEXT.RECEIPT_NOT_FOUND
  return describeError(e)
}

/**
 * Transient: worth sending again later with the same key (no connection, server trouble, the same
 * key still being processed). Anything else is the server's answer about this report.
 */
export function isTransient(e: unknown): boolean {
  if (!(e instanceof ApiError)) return true
  return e.isNetwork || e.statusCode >= 500 || e.statusCode === 408 || e.code === 'IDEMPOTENCY_IN_FLIGHT'
}

// ---- photo uploads (public: no token) ----

interface UploadTaskLike {
  progress?: (cb: (r: { progress: number }) => void) => unknown
  onProgressUpdate?: (cb: (r: { progress: number }) => void) => unknown
  abort?: () => unknown
}

const UPLOAD_TIMEOUT = 60_000

/** Sends one photo (a temp path, or a blob: URL on H5) to POST /api/report-uploads, with progress. */
export async function uploadReportPhoto(filePath: string, onProgress?: (pct: number) => void): Promise<ReportUploadDto> {
  const task = Taro.uploadFile({ url: `${API_BASE}/api/report-uploads`, filePath, name: 'file', timeout: UPLOAD_TIMEOUT })
  const t = task as unknown as UploadTaskLike
  if (onProgress) {
    const cb = (r: { progress: number }) => onProgress(Math.max(0, Math.min(100, Math.round(r.progress))))
    if (typeof t.progress === 'function') t.progress(cb)
    else if (typeof t.onProgressUpdate === 'function') t.onProgressUpdate(cb)
  }
  let res: { statusCode: number; data: unknown }
  try {
    const r = await withTimeout(Promise.resolve(task), UPLOAD_TIMEOUT + 100, () => t.abort?.())
    let data: unknown = r.data
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data)
      } catch {
        data = null
      }
    }
    res = { statusCode: r.statusCode, data }
  } catch {
    throw networkError()
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    onProgress?.(100)
    return res.data as ReportUploadDto
  }
  throw toApiError(res)
}

// ---- endpoints ----

const idem = (key: string) => ({ [IDEMPOTENCY_HEADER]: key })

export const reportsApi = {
  categories: () => request<ReportCategoryDto[]>('/report-categories', { auth: false }),

  /** POST /api/reports: anonymous reports go without any token; named ones as the signed-in villager. */
  create: (body: CreateReportRequest, key: string) =>
    body.anonymous
      ? request<CreateReportResponse>('/reports', { method: 'POST', data: body, auth: false, headers: idem(key) })
      : villagerRequest<CreateReportResponse>('/reports', { method: 'POST', data: body, headers: idem(key) }),

  lookup: (receiptCode: string) =>
    request<ReporterViewDto>('/reports/lookup', { method: 'POST', data: { receiptCode }, auth: false }),

  followUp: (body: ReceiptFollowUpRequest, key: string) =>
    request<ReportMessageDto>('/reports/follow-ups', { method: 'POST', data: body, auth: false, headers: idem(key) }),

  mine: () => villagerRequest<MyReportDto[]>('/villager/reports'),

  mineDetail: (id: number) => villagerRequest<ReporterViewDto>(`/villager/reports/${id}`),

  mineMessage: (id: number, body: FollowUpRequest, key: string) =>
    villagerRequest<ReportMessageDto>(`/villager/reports/${id}/messages`, { method: 'POST', data: body, headers: idem(key) }),

  subscribe: (id: number, accepted: number) =>
    villagerRequest<null>(`/villager/reports/${id}/subscription`, { method: 'POST', data: { accepted } }),
}

/** The subscribe-message template for progress notices (weapp builds with TARO_APP_SUBSCRIBE_TEMPLATE), or ''. */
export function subscribeTemplateId(): string {
  try {
    // Replaced at build time when config/index.ts declares it; otherwise `process` does not exist.
    return (process.env.TARO_APP_SUBSCRIBE_TEMPLATE as string | undefined) || ''
  } catch {
    return ''
  }
}
