import Taro from '@tarojs/taro'
import { API_BASE, authHeader, networkError, toApiError, withAuth, withTimeout, type RawResponse } from './request'

/** File transfers for staff pages: voucher uploads with progress, and downloads that need the token. */

export interface UploadOptions {
  /** The multipart field name (default `file`, what POST /api/staff/attachments reads). */
  name?: string
  /** Called with 0–100 while the file is sent. */
  onProgress?: (pct: number) => void
  timeout?: number
}

const UPLOAD_TIMEOUT = 60_000

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

interface TaskLike {
  progress?: (cb: (r: { progress: number }) => void) => unknown
  onProgressUpdate?: (cb: (r: { progress: number }) => void) => unknown
  abort?: () => unknown
}

async function sendFile(path: string, filePath: string, opts: UploadOptions, token: string | null): Promise<RawResponse> {
  const timeout = opts.timeout ?? UPLOAD_TIMEOUT
  const task = Taro.uploadFile({ url: `${API_BASE}/api${path}`, filePath, name: opts.name ?? 'file', header: authHeader(token), timeout })
  const t = task as unknown as TaskLike
  const onProgress = opts.onProgress
  if (onProgress) {
    const cb = (r: { progress: number }) => onProgress(Math.max(0, Math.min(100, Math.round(r.progress))))
    if (typeof t.progress === 'function') t.progress(cb)
    else if (typeof t.onProgressUpdate === 'function') t.onProgressUpdate(cb)
  }
  try {
    const res = await withTimeout(Promise.resolve(task), timeout + 100, () => t.abort?.())
    return { statusCode: res.statusCode, data: parseJson(res.data) }
  } catch {
    throw networkError()
  }
}

/**
 * Sends one local file (a temp path from chooseMedia, a blob: URL on H5) as multipart/form-data.
 * Never retried: the caller shows the failure and lets the user try again.
 */
export async function upload<T>(path: string, filePath: string, opts: UploadOptions = {}): Promise<T> {
  const res = await withAuth(undefined, (token) => sendFile(path, filePath, opts, token))
  if (res.statusCode >= 200 && res.statusCode < 300) {
    opts.onProgress?.(100)
    return res.data as T
  }
  throw toApiError(res)
}

/**
 * Downloads a file that needs the staff token (e.g. a voucher of an entry not yet published) and
 * answers its local temp path, usable as an <Image> src and in previewImage.
 */
export async function download(path: string, opts: { timeout?: number } = {}): Promise<string> {
  const timeout = opts.timeout ?? UPLOAD_TIMEOUT
  let tempFilePath = ''
  const res = await withAuth(undefined, async (token) => {
    try {
      const r = await withTimeout(
        Promise.resolve(Taro.downloadFile({ url: `${API_BASE}${path}`, header: authHeader(token), timeout })),
        timeout + 100,
      )
      tempFilePath = r.tempFilePath
      return { statusCode: r.statusCode, data: null }
    } catch {
      throw networkError()
    }
  })
  if (res.statusCode >= 200 && res.statusCode < 300) return tempFilePath
  throw toApiError(res)
}
