import Taro from '@tarojs/taro'
import type { CreateReportRequest, CreateReportResponse } from '@mingbai/shared'
import { ApiError } from './api-error'
import { isTransient, newIdempotencyKey, reportErrorText, reportsApi, uploadReportPhoto } from './reports'

/**
 * Reports waiting to be sent (待发送). A report is saved on the phone BEFORE it is sent — its fields,
 * its photos (local paths and the ids of those already uploaded) and its Idempotency-Key — so that a
 * network failure loses nothing. It is sent again, always with the same key, when the network comes
 * back, when the app starts or comes to the front, and every so often while it waits, until the
 * server answers. The server's own answer settles it: 201 delivers the receipt, anything else marks
 * it failed with the reason (the villager may edit or delete it). One send runs at a time.
 *
 * Receipt codes are never written to storage while someone is on screen to see them: a page that
 * is showing (the form, the pending list) claims the delivery and the code goes to the receipt page
 * in memory. Only a report delivered in the background keeps its code in the list (已送达) until
 * the villager has opened it.
 */

const KEY = 'mingbai.reportQueue'
/** Uploaded photos wait 24 hours on the server for their report: after 23, send them again. */
const UPLOAD_TTL_MS = 23 * 3600_000
const IN_FLIGHT_RETRIES = 3
const IN_FLIGHT_WAIT_MS = 1000

export interface QueuedPhoto {
  /** The photo on the phone (a saved file on weapp, a blob: URL on H5); null when there is none. */
  localPath: string | null
  /** The id POST /api/report-uploads gave it, once uploaded. */
  uploadedId: string | null
  uploadedAt: string | null
}

export type QueuedReportBody = Omit<CreateReportRequest, 'photoIds'>

export interface QueueError {
  statusCode: number
  code: string
  message: string
  details: { field: string; reason: string }[]
}

export interface QueuedReport {
  /** This phone's id for the report (not the server's). */
  id: string
  key: string
  createdAt: string
  report: QueuedReportBody
  photos: QueuedPhoto[]
  /** What the report is about, as the form showed it ("第12号 支出 ¥320.00 …"). */
  context: string
  categoryLabel: string
  /** pending: waiting to be sent; failed: the server refused it (see error); sent: delivered, receipt not yet seen. */
  status: 'pending' | 'failed' | 'sent'
  attempts: number
  lastAttemptAt: string | null
  error: QueueError | null
  receipt: CreateReportResponse | null
}

/** A delivered report's receipt, handed to the receipt page. */
export interface DeliveredReceipt {
  id: string
  receipt: CreateReportResponse
  context: string
  categoryLabel: string
  anonymous: boolean
}

export type SendOutcome =
  | { kind: 'sent'; receipt: CreateReportResponse; claimed: boolean }
  | { kind: 'offline'; error: unknown }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'skipped' }

// ---- platform file handling (replaceable in tests) ----

export interface QueueFiles {
  /** A copy of a photo that outlives this launch (weapp temp files do not), or the path itself. */
  persist(path: string): Promise<string>
  /** Whether the photo can still be read. */
  exists(path: string): Promise<boolean>
  release(path: string): void
}

type Fs = {
  saveFile(o: { tempFilePath: string; success: (r: { savedFilePath: string }) => void; fail: (e: unknown) => void }): void
  accessSync(path: string): void
  unlink(o: { filePath: string; fail?: () => void }): void
}
const fs = (): Fs | null => {
  const t = Taro as unknown as { getFileSystemManager?: () => Fs }
  return typeof t.getFileSystemManager === 'function' ? t.getFileSystemManager() : null
}

const platformFiles: QueueFiles = {
  async persist(path) {
    const m = process.env.TARO_ENV === 'weapp' ? fs() : null
    if (!m) return path
    try {
      return await new Promise<string>((resolve, reject) =>
        m.saveFile({ tempFilePath: path, success: (r) => resolve(r.savedFilePath), fail: reject }),
      )
    } catch {
      // Out of space or already a saved file: keep the temp path (good for this launch).
      return path
    }
  },
  async exists(path) {
    if (process.env.TARO_ENV === 'weapp') {
      const m = fs()
      if (!m) return true
      try {
        m.accessSync(path)
        return true
      } catch {
        return false
      }
    }
    // H5: a blob: URL dies with the page that made it (a reload, a closed tab).
    if (path.startsWith('blob:') && typeof fetch === 'function') {
      try {
        return (await fetch(path)).ok
      } catch {
        return false
      }
    }
    return true
  },
  release(path) {
    if (process.env.TARO_ENV !== 'weapp' || path.indexOf('store') === -1) return
    fs()?.unlink({ filePath: path, fail: () => undefined })
  },
}

let files: QueueFiles = platformFiles
/** Tests replace the platform's file handling; without an argument it is restored. */
export function setQueueFiles(f: QueueFiles = platformFiles): void {
  files = f
}

// ---- storage ----

function read(): QueuedReport[] {
  const v = Taro.getStorageSync(KEY) as QueuedReport[] | ''
  return Array.isArray(v) ? v.filter((r) => r && typeof r.id === 'string' && typeof r.key === 'string') : []
}

function write(list: QueuedReport[]): void {
  if (list.length) Taro.setStorageSync(KEY, list)
  else Taro.removeStorageSync(KEY)
  notify()
}

function patch(id: string, change: Partial<QueuedReport>): QueuedReport | null {
  const list = read()
  const i = list.findIndex((r) => r.id === id)
  if (i < 0) return null
  list[i] = { ...list[i], ...change }
  write(list)
  return list[i]
}

export function listQueue(): QueuedReport[] {
  return read()
}

export function getQueued(id: string): QueuedReport | null {
  return read().find((r) => r.id === id) ?? null
}

/** How many reports are on the phone: waiting, refused, or delivered but not yet looked at. */
export function queueCount(): number {
  return read().length
}

// ---- listeners ----

const listeners = new Set<(list: QueuedReport[]) => void>()
function notify(): void {
  if (!listeners.size) return
  const list = read()
  listeners.forEach((l) => l(list))
}

/** Called with the list after every change; answers the unsubscribe function. */
export function onQueueChange(fn: (list: QueuedReport[]) => void): () => void {
  listeners.add(fn)
  return () => void listeners.delete(fn)
}

type Claimer = (report: QueuedReport, receipt: CreateReportResponse) => boolean
const claimers = new Set<Claimer>()

/**
 * A page on screen that will show a delivered report's receipt itself (and so keeps its code out of
 * storage) answers true for it. Answers the unsubscribe function.
 */
export function claimDeliveries(fn: Claimer): () => void {
  claimers.add(fn)
  return () => void claimers.delete(fn)
}

const handedOver = new Map<string, DeliveredReceipt>()

/** The receipt of a delivered report: claimed ones from memory, background ones from the list. */
export function getReceipt(id: string): DeliveredReceipt | null {
  const mem = handedOver.get(id)
  if (mem) return mem
  const r = getQueued(id)
  if (!r || r.status !== 'sent' || !r.receipt) return null
  return { id, receipt: r.receipt, context: r.context, categoryLabel: r.categoryLabel, anonymous: r.report.anonymous }
}

/** The villager has seen (or copied) the receipt: forget its code everywhere on the phone. */
export function forgetReceipt(id: string): void {
  handedOver.delete(id)
  const r = getQueued(id)
  if (r?.status === 'sent') removeQueued(id)
}

// ---- editing the list ----

export interface SaveInput {
  /** Replace this queued report (editing a failed one); a new id otherwise. */
  id?: string
  key: string
  report: QueuedReportBody
  photos: QueuedPhoto[]
  context: string
  categoryLabel: string
}

let seq = 0
const newId = () => `r${Date.now().toString(36)}${(++seq).toString(36)}`

const sending = new Set<string>()

export function isSending(id: string): boolean {
  return sending.has(id)
}

/** Saves a report as 待发送 (before anything is sent). Photos are copied where they outlive this launch. */
export async function saveReport(input: SaveInput): Promise<QueuedReport> {
  if (input.id && sending.has(input.id)) throw new Error('report is being sent')
  const photos: QueuedPhoto[] = []
  for (const p of input.photos) photos.push({ ...p, localPath: p.localPath ? await files.persist(p.localPath) : null })
  const list = read()
  const old = input.id ? list.find((r) => r.id === input.id) : undefined
  const entry: QueuedReport = {
    id: old?.id ?? input.id ?? newId(),
    key: input.key,
    createdAt: old?.createdAt ?? new Date().toISOString(),
    report: input.report,
    photos,
    context: input.context,
    categoryLabel: input.categoryLabel,
    status: 'pending',
    attempts: old?.attempts ?? 0,
    lastAttemptAt: old?.lastAttemptAt ?? null,
    error: null,
    receipt: null,
  }
  // Photos the edit dropped are no longer needed.
  old?.photos.forEach((p) => p.localPath && !photos.some((q) => q.localPath === p.localPath) && files.release(p.localPath))
  write(old ? list.map((r) => (r.id === old.id ? entry : r)) : [...list, entry])
  return entry
}

/** Deletes a queued report (not while it is being sent: answers false then). */
export function removeQueued(id: string): boolean {
  if (sending.has(id)) return false
  const list = read()
  const r = list.find((x) => x.id === id)
  if (!r) return true
  r.photos.forEach((p) => p.localPath && files.release(p.localPath))
  write(list.filter((x) => x.id !== id))
  return true
}

// ---- sending ----

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function toQueueError(e: ApiError, message = reportErrorText(e)): QueueError {
  return { statusCode: e.statusCode, code: e.code, message, details: e.details }
}

/** Uploads the photos that have no (fresh) server id yet, saving each id as soon as it arrives. */
async function uploadMissing(id: string): Promise<void> {
  const entry = getQueued(id)
  if (!entry) return
  const now = Date.now()
  const stale = (p: QueuedPhoto) => !p.uploadedId || !p.uploadedAt || now - Date.parse(p.uploadedAt) > UPLOAD_TTL_MS
  let missing = 0
  for (const p of entry.photos) if (stale(p) && (!p.localPath || !(await files.exists(p.localPath)))) missing++
  if (missing)
    throw new ApiError({
      statusCode: 400,
      code: 'PHOTO_LOST',
      message: `有${missing}张照片在手机上已经找不到了，请点“修改”重新添加照片后再发送`,
      details: [{ field: 'photoIds', reason: '照片已丢失' }],
    })
  for (let i = 0; i < entry.photos.length; i++) {
    const p = entry.photos[i]
    if (!stale(p)) continue
    const up = await uploadReportPhoto(p.localPath!)
    const current = getQueued(id)
    if (!current) return
    const photos = current.photos.map((q, j) => (j === i ? { ...q, uploadedId: up.id, uploadedAt: new Date().toISOString() } : q))
    patch(id, { photos })
  }
}

/** POST /api/reports; a 409 "same key still in flight" is waited out a few times. */
async function post(entry: QueuedReport): Promise<CreateReportResponse> {
  const body: CreateReportRequest = { ...entry.report, photoIds: entry.photos.map((p) => p.uploadedId!).filter(Boolean) }
  for (let attempt = 0; ; attempt++) {
    try {
      return await reportsApi.create(body, entry.key)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_IN_FLIGHT' && attempt < IN_FLIGHT_RETRIES) {
        await sleep(IN_FLIGHT_WAIT_MS)
        continue
      }
      throw e
    }
  }
}

function delivered(entry: QueuedReport, receipt: CreateReportResponse): SendOutcome {
  entry.photos.forEach((p) => p.localPath && files.release(p.localPath))
  let claimed = false
  for (const c of claimers) {
    try {
      if (c(entry, receipt)) {
        claimed = true
        break
      }
    } catch {
      // A page's handler failing must not lose the receipt: it stays in the list.
    }
  }
  if (claimed) {
    handedOver.set(entry.id, {
      id: entry.id,
      receipt,
      context: entry.context,
      categoryLabel: entry.categoryLabel,
      anonymous: entry.report.anonymous,
    })
    write(read().filter((r) => r.id !== entry.id))
  } else {
    // Delivered: the phone keeps only what the list shows until the receipt is seen (no name or phone).
    patch(entry.id, {
      status: 'sent',
      receipt,
      error: null,
      photos: [],
      report: { ...entry.report, reporterName: null, reporterPhone: null },
    })
  }
  return { kind: 'sent', receipt, claimed }
}

async function sendOne(id: string): Promise<SendOutcome> {
  const first = getQueued(id)
  if (!first || first.status !== 'pending') return { kind: 'skipped' }
  sending.add(id)
  notify()
  try {
    patch(id, { attempts: first.attempts + 1, lastAttemptAt: new Date().toISOString() })
    for (let round = 0; ; round++) {
      try {
        await uploadMissing(id)
        const entry = getQueued(id)
        if (!entry) return { kind: 'skipped' }
        return delivered(entry, await post(entry))
      } catch (e) {
        if (isTransient(e)) return { kind: 'offline', error: e }
        const err = e as ApiError
        // Photos waited too long on the server (expired ids): upload them again, once.
        const entry = getQueued(id)
        if (round === 0 && err.code !== 'PHOTO_LOST' && err.statusCode === 400 && err.fieldError('photoIds') && entry?.photos.some((p) => p.localPath)) {
          patch(id, { photos: entry.photos.map((p) => ({ ...p, uploadedId: null, uploadedAt: null })) })
          continue
        }
        // The key was used for another body: the next attempt (after an edit) gets a new one.
        const key = err.code === 'IDEMPOTENCY_KEY_REUSED' ? await newIdempotencyKey() : undefined
        patch(id, { status: 'failed', error: toQueueError(err), ...(key ? { key } : {}) })
        return { kind: 'failed', error: err }
      }
    }
  } finally {
    sending.delete(id)
    notify()
  }
}

// One send at a time: the form's 提交, 立即重试 and the automatic resends all wait their turn.
let lock: Promise<unknown> = Promise.resolve()
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = lock.then(fn, fn)
  lock = run.catch(() => undefined)
  return run
}

/** Sends one queued report now (after whatever send is running). */
export function sendQueued(id: string): Promise<SendOutcome> {
  return exclusive(async () => {
    const outcome = await sendOne(id)
    afterFlush([outcome])
    return outcome
  })
}

/** Marks a refused report as waiting again and sends it. */
export function retryQueued(id: string): Promise<SendOutcome> {
  const r = getQueued(id)
  if (r?.status === 'failed') patch(id, { status: 'pending', error: null })
  return sendQueued(id)
}

let queuedFlush: Promise<SendOutcome[]> | null = null

/**
 * Sends every waiting report, oldest first; stops at the first one that finds no network (the
 * others would not get through either). Calls while one is waiting to start share it.
 */
export function flushQueue(): Promise<SendOutcome[]> {
  if (queuedFlush) return queuedFlush
  const run = exclusive(async () => {
    queuedFlush = null
    const outcomes: SendOutcome[] = []
    for (const r of read().filter((x) => x.status === 'pending')) {
      const o = await sendOne(r.id)
      outcomes.push(o)
      if (o.kind === 'offline') break
    }
    afterFlush(outcomes)
    return outcomes
  })
  queuedFlush = run
  return run
}

// ---- automatic resending ----

const RETRY_MIN_MS = 15_000
const RETRY_MAX_MS = 5 * 60_000
let started = false
let timer: ReturnType<typeof setTimeout> | null = null
let delay = RETRY_MIN_MS
let stopListening: (() => void) | null = null

function afterFlush(outcomes: SendOutcome[]): void {
  if (!started) return
  const waiting = read().some((r) => r.status === 'pending')
  if (!waiting || outcomes.some((o) => o.kind === 'sent')) delay = RETRY_MIN_MS
  if (!waiting) {
    if (timer) clearTimeout(timer)
    timer = null
    return
  }
  // A weak connection may look connected and still fail: keep trying, less and less often.
  if (outcomes.some((o) => o.kind === 'offline')) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      void flushQueue()
    }, delay)
    delay = Math.min(RETRY_MAX_MS, delay * 2)
  }
}

const onOnline = () => {
  delay = RETRY_MIN_MS
  void flushQueue()
}

/**
 * Starts resending (app launch): now, whenever the network comes back (weapp network status, the
 * browser's `online` event), and with a back-off timer while reports wait. Safe to call again.
 */
export function startReportQueue(): void {
  if (!started) {
    started = true
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
      window.addEventListener('online', onOnline)
      stopListening = () => window.removeEventListener('online', onOnline)
    } else if (typeof Taro.onNetworkStatusChange === 'function') {
      const cb = (r: { isConnected: boolean }) => r.isConnected && onOnline()
      Taro.onNetworkStatusChange(cb)
      stopListening = () => {
        const off = (Taro as unknown as { offNetworkStatusChange?: (fn: unknown) => void }).offNetworkStatusChange
        if (typeof off === 'function') off(cb)
      }
    }
  }
  if (read().some((r) => r.status === 'pending')) void flushQueue()
}

/** Stops the automatic resending (tests). */
export function stopReportQueue(): void {
  started = false
  if (timer) clearTimeout(timer)
  timer = null
  delay = RETRY_MIN_MS
  stopListening?.()
  stopListening = null
}
