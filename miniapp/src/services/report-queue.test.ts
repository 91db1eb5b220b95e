import Taro from '@tarojs/taro'
import type { CreateReportResponse } from '@mingbai/shared'
import { resetTaroMock } from '../../test/taro-mock'
import { setTransport, type Transport } from './request'
import {
  claimDeliveries,
  flushQueue,
  forgetReceipt,
  getQueued,
  getReceipt,
  listQueue,
  removeQueued,
  retryQueued,
  saveReport,
  sendQueued,
  setQueueFiles,
  startReportQueue,
  stopReportQueue,
  type QueuedReportBody,
} from './report-queue'

type Call = Parameters<Transport>[0]
const STORAGE_KEY = 'mingbai.reportQueue'

const body: QueuedReportBody = {
  villageId: 6,
  categoryCode: 'false_accounts',
  text: '三月的误餐费没有开会',
  subjectType: 'entry',
  subjectId: 42,
  anonymous: true,
  reporterName: null,
  reporterPhone: null,
}

const receipt = (over: Partial<CreateReportResponse> = {}): CreateReportResponse => ({
  receiptCode: '1234567812345678',
  status: 'submitted',
  createdAt: '2026-03-05T06:20:00.000Z',
  duplicate: false,
  canSubscribe: false,
  reportId: null,
  ...over,
})

const KEY = 'Abcdefghijklmnopqrstuvwxyz012345'

type Answer = { statusCode: number; data: unknown } | 'offline'
/** A fake server for POST /api/reports; `answers` are used in order, the last one repeats. */
function server(answers: Answer[] | ((call: Call) => Answer | Promise<Answer>)) {
  const calls: Call[] = []
  let i = 0
  setTransport(async (call) => {
    calls.push(call)
    const a = typeof answers === 'function' ? await answers(call) : answers[Math.min(i++, answers.length - 1)]
    if (a === 'offline') throw new TypeError('Failed to fetch')
    return a
  })
  return calls
}

const created = (r = receipt()): Answer => ({ statusCode: 201, data: r })
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.url.endsWith('/api/reports'))

const uploadFile = Taro.uploadFile as unknown as jest.Mock
let uploadSeq = 0

beforeEach(() => {
  resetTaroMock()
  stopReportQueue()
  setQueueFiles({ persist: async (p) => `saved:${p}`, exists: async () => true, release: () => undefined })
  uploadSeq = 0
  uploadFile.mockImplementation(async () => ({
    statusCode: 201,
    data: JSON.stringify({ id: `up-${++uploadSeq}`, mime: 'image/jpeg', size: 10, expiresAt: '2030-01-01T00:00:00Z' }),
  }))
})

afterAll(() => {
  setTransport()
  setQueueFiles()
  stopReportQueue()
})

const save = (photos: { localPath: string | null; uploadedId: string | null; uploadedAt: string | null }[] = []) =>
  saveReport({ key: KEY, report: body, photos, context: '石桥村 · 第12号', categoryLabel: '账目不实' })

describe('report queue', () => {
  it('saves the report (fields, photos, key) in storage before it is sent', async () => {
    let storedAtSend: unknown = null
    const calls = server(() => {
      storedAtSend = Taro.getStorageSync(STORAGE_KEY)
      return created()
    })
    const r = await save([{ localPath: 'blob:a', uploadedId: 'up-9', uploadedAt: new Date().toISOString() }])
    expect(getQueued(r.id)).toMatchObject({ status: 'pending', key: KEY, report: body })
    expect(getQueued(r.id)!.photos).toEqual([{ localPath: 'saved:blob:a', uploadedId: 'up-9', uploadedAt: expect.any(String) }])

    await sendQueued(r.id)
    expect(storedAtSend).toEqual([expect.objectContaining({ id: r.id, key: KEY, status: 'pending', report: body })])
    expect(posts(calls)).toHaveLength(1)
    expect(posts(calls)[0].header['Idempotency-Key']).toBe(KEY)
    expect(posts(calls)[0].header.Authorization).toBeUndefined()
    expect(posts(calls)[0].data).toEqual({ ...body, photoIds: ['up-9'] })
  })

  it('keeps the report on a network failure and sends it again with the same key until the server answers', async () => {
    const calls = server(['offline', { statusCode: 503, data: {} }, created()])
    const r = await save()

    expect(await sendQueued(r.id)).toMatchObject({ kind: 'offline' })
    expect(getQueued(r.id)).toMatchObject({ status: 'pending', attempts: 1 })

    await flushQueue()
    expect(getQueued(r.id)).toMatchObject({ status: 'pending', attempts: 2 })

    const outcomes = await flushQueue()
    expect(outcomes).toEqual([{ kind: 'sent', receipt: receipt(), claimed: false }])
    expect(posts(calls).map((c) => c.header['Idempotency-Key'])).toEqual([KEY, KEY, KEY])
    expect(new Set(posts(calls).map((c) => JSON.stringify(c.data))).size).toBe(1)
  })

  it('keeps a receipt delivered in the background in the list until it is seen, then forgets it', async () => {
    server([created()])
    const r = await save()
    await flushQueue()
    expect(getQueued(r.id)).toMatchObject({ status: 'sent', receipt: receipt() })
    expect(getReceipt(r.id)).toMatchObject({ receipt: receipt(), context: '石桥村 · 第12号', anonymous: true })
    forgetReceipt(r.id)
    expect(getReceipt(r.id)).toBeNull()
    expect(listQueue()).toEqual([])
    expect(Taro.getStorageSync(STORAGE_KEY)).toBe('')
  })

  it('hands a receipt to the page on screen without ever storing the code', async () => {
    server([created()])
    const r = await save()
    const seen: string[] = []
    const unclaim = claimDeliveries((q) => {
      seen.push(q.id)
      return q.id === r.id
    })
    const outcome = await sendQueued(r.id)
    unclaim()
    expect(outcome).toEqual({ kind: 'sent', receipt: receipt(), claimed: true })
    expect(seen).toEqual([r.id])
    expect(listQueue()).toEqual([])
    expect(getReceipt(r.id)?.receipt.receiptCode).toBe('1234567812345678')
    const storedEver = (Taro.setStorageSync as jest.Mock).mock.calls.map((c) => JSON.stringify(c[1]))
    expect(storedEver.some((s) => s.includes('1234567812345678'))).toBe(false)
    forgetReceipt(r.id)
    expect(getReceipt(r.id)).toBeNull()
  })

  it('marks the report failed with the reason when the server refuses it, and does not send it again by itself', async () => {
    const calls = server([
      { statusCode: 400, data: { statusCode: 400, code: 'VALIDATION_FAILED', message: '输入有误', details: [{ field: 'categoryCode', reason: '类别不存在' }] } },
      created(),
    ])
    const r = await save()
    const outcome = await sendQueued(r.id)
    expect(outcome.kind).toBe('failed')
    expect(getQueued(r.id)).toMatchObject({
      status: 'failed',
      error: { statusCode: 400, code: 'VALIDATION_FAILED', message: '输入有误', details: [{ field: 'categoryCode', reason: '类别不存在' }] },
    })
    await flushQueue()
    expect(posts(calls)).toHaveLength(1)

    // 立即重试 puts it back in line and sends it, with the same key.
    expect(await retryQueued(r.id)).toMatchObject({ kind: 'sent' })
    expect(posts(calls).map((c) => c.header['Idempotency-Key'])).toEqual([KEY, KEY])
  })

  it('tells a rate-limited villager when to try again', async () => {
    server([{ statusCode: 429, data: { statusCode: 429, code: 'RATE_LIMITED', message: 'too many', details: [{ field: 'retryAfter', reason: '1750' }] } }])
    const r = await save()
    await sendQueued(r.id)
    expect(getQueued(r.id)).toMatchObject({ status: 'failed', error: { message: '提交太频繁，请30分钟后再试' } })
  })

  it('runs one send at a time: concurrent flushes and sends post the report once', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let inFlight = 0
    let maxInFlight = 0
    const calls = server(async () => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      await gate
      inFlight--
      return created()
    })
    const a = await save()
    const b = await saveReport({ key: 'Zyxwvutsrqponmlkjihgfedcba987654', report: { ...body, text: '另一件事' }, photos: [], context: '', categoryLabel: '' })
    const all = Promise.all([flushQueue(), flushQueue(), sendQueued(a.id), flushQueue(), sendQueued(b.id)])
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    await all
    expect(maxInFlight).toBe(1)
    expect(posts(calls).map((c) => c.header['Idempotency-Key']).sort()).toEqual([KEY, 'Zyxwvutsrqponmlkjihgfedcba987654'].sort())
    expect(listQueue().map((r) => r.status)).toEqual(['sent', 'sent'])
  })

  it('uploads the photos not yet uploaded, keeps each id as it arrives, and re-uploads only what is missing after a failure', async () => {
    const calls = server([created()])
    uploadFile
      .mockImplementationOnce(async () => ({ statusCode: 201, data: JSON.stringify({ id: 'up-A', mime: 'image/jpeg', size: 1, expiresAt: '' }) }))
      .mockImplementationOnce(async () => {
        throw { errMsg: 'uploadFile:fail' }
      })
    const r = await save([
      { localPath: 'blob:1', uploadedId: null, uploadedAt: null },
      { localPath: 'blob:2', uploadedId: null, uploadedAt: null },
    ])
    expect(await sendQueued(r.id)).toMatchObject({ kind: 'offline' })
    expect(getQueued(r.id)!.photos.map((p) => p.uploadedId)).toEqual(['up-A', null])
    expect(posts(calls)).toHaveLength(0)

    await flushQueue()
    expect(uploadFile.mock.calls.map((c) => (c[0] as { filePath: string }).filePath)).toEqual(['saved:blob:1', 'saved:blob:2', 'saved:blob:2'])
    expect(uploadFile.mock.calls[0][0]).toMatchObject({ name: 'file', url: '/api/report-uploads' })
    expect((uploadFile.mock.calls[0][0] as { header?: Record<string, string> }).header?.Authorization).toBeUndefined()
    expect(posts(calls)[0].data).toMatchObject({ photoIds: ['up-A', 'up-1'] })
  })

  it('uploads the photos again once when the server says their ids expired', async () => {
    const calls = server([
      { statusCode: 400, data: { statusCode: 400, code: 'VALIDATION_FAILED', message: '输入有误', details: [{ field: 'photoIds', reason: 'unknown or expired' }] } },
      created(),
    ])
    const r = await save([{ localPath: 'blob:1', uploadedId: 'old', uploadedAt: new Date().toISOString() }])
    expect(await sendQueued(r.id)).toMatchObject({ kind: 'sent' })
    expect(posts(calls).map((c) => (c.data as { photoIds: string[] }).photoIds)).toEqual([['old'], ['up-1']])
    expect(posts(calls).map((c) => c.header['Idempotency-Key'])).toEqual([KEY, KEY])
  })

  it('fails, with a reason the villager can act on, when a photo is gone from the phone', async () => {
    setQueueFiles({ persist: async (p) => p, exists: async () => false, release: () => undefined })
    const calls = server([created()])
    const r = await save([{ localPath: 'blob:gone', uploadedId: null, uploadedAt: null }])
    expect(await sendQueued(r.id)).toMatchObject({ kind: 'failed' })
    expect(getQueued(r.id)!.error).toMatchObject({ code: 'PHOTO_LOST', message: expect.stringContaining('1张照片') })
    expect(posts(calls)).toHaveLength(0)
  })

  it('does not delete a report while it is being sent', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    server(async () => {
      await gate
      return created()
    })
    const r = await save()
    const sending = sendQueued(r.id)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(removeQueued(r.id)).toBe(false)
    release()
    await sending
    expect(getQueued(r.id)?.status).toBe('sent')
  })

  it('sends waiting reports when the browser comes back online', async () => {
    const env = process.env.TARO_ENV
    process.env.TARO_ENV = 'h5'
    try {
      const calls = server(['offline'])
      const r = await save()
      startReportQueue()
      await flushQueue()
      expect(posts(calls)).toHaveLength(1)
      server([created()])
      window.dispatchEvent(new Event('online'))
      for (let i = 0; i < 50 && getQueued(r.id)?.status !== 'sent'; i++) await new Promise((resolve) => setTimeout(resolve, 5))
      expect(getQueued(r.id)?.status).toBe('sent')
    } finally {
      stopReportQueue()
      process.env.TARO_ENV = env
    }
  })

  it('keeps trying by itself while a report waits, less and less often', async () => {
    jest.useFakeTimers()
    try {
      const calls = server(['offline', 'offline', created()])
      const r = await save()
      startReportQueue()
      await jest.advanceTimersByTimeAsync(0)
      expect(posts(calls)).toHaveLength(1)
      await jest.advanceTimersByTimeAsync(14_000)
      expect(posts(calls)).toHaveLength(1)
      await jest.advanceTimersByTimeAsync(1_000) // 15 s after the first failure
      expect(posts(calls)).toHaveLength(2)
      await jest.advanceTimersByTimeAsync(29_000)
      expect(posts(calls)).toHaveLength(2)
      await jest.advanceTimersByTimeAsync(1_000) // 30 s after the second
      expect(posts(calls)).toHaveLength(3)
      expect(getQueued(r.id)?.status).toBe('sent')
      await jest.advanceTimersByTimeAsync(600_000)
      expect(posts(calls)).toHaveLength(3)
    } finally {
      stopReportQueue()
      jest.useRealTimers()
    }
  })
})
