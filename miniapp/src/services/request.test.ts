import Taro from '@tarojs/taro'
import { resetTaroMock } from '../../test/taro-mock'
import { ApiError } from './api-error'
import { request, setTransport, type Transport } from './request'
import { download, upload } from './file-transfer'
import { getSession, setSession, type Session } from './session'

type Call = Parameters<Transport>[0]

const user: Session['user'] = { id: 2, username: 'bk', displayName: '报账员', role: 'bookkeeper', regionId: 6 }
const session = (n: number): Session => ({ accessToken: `access-${n}`, refreshToken: `refresh-token-number-${n}`, user })

/** A fake server: answers each call with the next response of `script` for its path. */
function fakeServer(handler: (call: Call) => Promise<{ statusCode: number; data: unknown }> | { statusCode: number; data: unknown }) {
  const calls: Call[] = []
  setTransport(async (call) => {
    calls.push(call)
    return handler(call)
  })
  return calls
}

const never = () => new Promise<never>(() => {})

beforeEach(() => {
  resetTaroMock()
  jest.useRealTimers()
})

afterAll(() => setTransport())

describe('request', () => {
  it('gives up a GET that keeps timing out after the retries, with a NETWORK error', async () => {
    jest.useFakeTimers()
    const calls = fakeServer(() => never())
    const result = request('/villages/6', { timeout: 1000 }).catch((e: unknown) => e)
    await jest.advanceTimersByTimeAsync(1100) // first attempt times out
    expect(calls).toHaveLength(1)
    await jest.advanceTimersByTimeAsync(300 + 1100) // backoff, second attempt times out
    expect(calls).toHaveLength(2)
    await jest.advanceTimersByTimeAsync(600 + 1100) // backoff, third attempt times out
    const error = await result
    expect(calls).toHaveLength(3)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('NETWORK')
    expect((error as ApiError).isNetwork).toBe(true)
  })

  it('does not retry a POST, neither on a network failure nor on a 5xx', async () => {
    const calls = fakeServer(() => Promise.reject(new Error('offline')))
    await expect(request('/staff/entries', { method: 'POST', data: { a: 1 } })).rejects.toMatchObject({ code: 'NETWORK' })
    expect(calls).toHaveLength(1)

    const calls2 = fakeServer(() => ({ statusCode: 503, data: { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'down' } }))
    await expect(request('/staff/entries', { method: 'POST', data: { a: 1 } })).rejects.toMatchObject({
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
    })
    expect(calls2).toHaveLength(1)
  })

  it('retries a GET after a 5xx and returns the later success', async () => {
    jest.useFakeTimers()
    let n = 0
    const calls = fakeServer(() => (n++ === 0 ? { statusCode: 502, data: null } : { statusCode: 200, data: { ok: true } }))
    const result = request<{ ok: boolean }>('/healthz')
    await jest.advanceTimersByTimeAsync(300)
    await expect(result).resolves.toEqual({ ok: true })
    expect(calls).toHaveLength(2)
  })

  it('does not retry a 4xx and surfaces the error details', async () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '输入有误',
      details: [{ field: 'occurredOn', reason: '日期不能晚于今天' }],
    }
    const calls = fakeServer(() => ({ statusCode: 400, data: body }))
    const error = (await request('/staff/entries?x=1').catch((e: unknown) => e)) as ApiError
    expect(calls).toHaveLength(1)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.statusCode).toBe(400)
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.message).toBe('输入有误')
    expect(error.details).toEqual(body.details)
    expect(error.fieldError('occurredOn')).toBe('日期不能晚于今天')
  })

  it('sends the token, JSON only with a body, and an empty object for a POST without data', async () => {
    setSession(session(1))
    const calls = fakeServer(() => ({ statusCode: 200, data: {} }))
    await request('/staff/entries')
    await request('/staff/entries/5/submit', { method: 'POST' })
    expect(calls[0].header).toEqual({ Authorization: 'Bearer access-1' })
    expect(calls[0].data).toBeUndefined()
    expect(calls[1].header).toEqual({ Authorization: 'Bearer access-1', 'content-type': 'application/json' })
    expect(calls[1].data).toEqual({})
    expect(calls[1].url).toBe('/api/staff/entries/5/submit')
  })

  it('with auth: false sends no token and does not refresh on a 401 (wrong password)', async () => {
    setSession(session(1))
    const calls = fakeServer(() => ({ statusCode: 401, data: { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } }))
    await expect(request('/auth/login', { method: 'POST', data: {}, auth: false })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: '用户名或密码错误',
    })
    expect(calls).toHaveLength(1)
    expect(calls[0].header.Authorization).toBeUndefined()
    expect(getSession()).toEqual(session(1))
  })

  it('on a 401 refreshes the token once and retries with the new one', async () => {
    setSession(session(1))
    const calls = fakeServer((c) => {
      if (c.url.endsWith('/auth/refresh')) return { statusCode: 200, data: { ...session(2), expiresIn: 900 } }
      return c.header.Authorization === 'Bearer access-2'
        ? { statusCode: 200, data: { id: 5 } }
        : { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_INVALID', message: 'expired' } }
    })
    await expect(request('/staff/entries/5')).resolves.toEqual({ id: 5 })
    expect(calls.map((c) => [c.url, c.header.Authorization ?? null])).toEqual([
      ['/api/staff/entries/5', 'Bearer access-1'],
      ['/api/auth/refresh', null],
      ['/api/staff/entries/5', 'Bearer access-2'],
    ])
    expect(calls[1].data).toEqual({ refreshToken: 'refresh-token-number-1' })
    expect(getSession()).toEqual(session(2))
  })

  it('clears the session when the refresh is refused, and throws the 401', async () => {
    setSession(session(1))
    const calls = fakeServer((c) =>
      c.url.endsWith('/auth/refresh')
        ? { statusCode: 401, data: { statusCode: 401, code: 'REFRESH_INVALID', message: 'reused' } }
        : { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_INVALID', message: 'expired' } },
    )
    await expect(request('/staff/entries')).rejects.toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' })
    expect(calls).toHaveLength(2)
    expect(getSession()).toBeNull()
  })

  it('shares one refresh between concurrent requests that get a 401', async () => {
    setSession(session(1))
    let releaseRefresh: () => void = () => {}
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve))
    const calls = fakeServer(async (c) => {
      if (c.url.endsWith('/auth/refresh')) {
        await refreshGate
        return { statusCode: 200, data: { ...session(2), expiresIn: 900 } }
      }
      return c.header.Authorization === 'Bearer access-2'
        ? { statusCode: 200, data: c.url }
        : { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_INVALID', message: 'expired' } }
    })
    const all = Promise.all([request('/a'), request('/b'), request('/c')])
    await new Promise((r) => setTimeout(r, 10))
    releaseRefresh()
    await expect(all).resolves.toEqual(['/api/a', '/api/b', '/api/c'])
    expect(calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1)
    expect(calls.filter((c) => c.header.Authorization === 'Bearer access-2')).toHaveLength(3)
  })

  it('does not refresh again when another request already renewed the token', async () => {
    setSession(session(1))
    const calls = fakeServer((c) => {
      if (c.url === '/api/slow' && c.header.Authorization === 'Bearer access-1') {
        // While this request was under way, another one renewed the session.
        setSession(session(2))
        return { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_INVALID', message: 'expired' } }
      }
      return { statusCode: 200, data: c.header.Authorization }
    })
    await expect(request('/slow')).resolves.toBe('Bearer access-2')
    expect(calls.some((c) => c.url.endsWith('/auth/refresh'))).toBe(false)
  })
})

/** An UploadTask-like promise, as Taro.uploadFile returns: `progress(cb)` registers a listener. */
function uploadTask(result: () => Promise<{ statusCode: number; data: string }>, progress: number[] = []) {
  const registered: { listener?: (r: { progress: number }) => void } = {}
  const p = (async () => {
    await Promise.resolve()
    for (const pct of progress) registered.listener?.({ progress: pct })
    return result()
  })() as Promise<{ statusCode: number; data: string }> & { progress: (cb: (r: { progress: number }) => void) => void }
  p.progress = (cb) => {
    registered.listener = cb
  }
  return p
}

describe('upload', () => {
  const uploadFile = Taro.uploadFile as unknown as jest.Mock

  it('reports progress and parses the JSON answer', async () => {
    setSession(session(1))
    uploadFile.mockImplementation(() =>
      uploadTask(async () => ({ statusCode: 201, data: '{"id":7,"mime":"image/jpeg","size":10,"url":"/api/attachments/7"}' }), [30, 61.4]),
    )
    const seen: number[] = []
    const res = await upload<{ id: number }>('/staff/attachments', 'wxfile://tmp/a.jpg', { onProgress: (p) => seen.push(p) })
    expect(res).toEqual({ id: 7, mime: 'image/jpeg', size: 10, url: '/api/attachments/7' })
    expect(seen).toEqual([30, 61, 100])
    expect(uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: '/api/staff/attachments',
        filePath: 'wxfile://tmp/a.jpg',
        name: 'file',
        header: { Authorization: 'Bearer access-1' },
      }),
    )
  })

  it('turns an error answer into an ApiError with the server code and details', async () => {
    setSession(session(1))
    const body = { statusCode: 413, code: 'FILE_TOO_LARGE', message: '文件不能超过 10 MB', details: [{ field: 'file', reason: '文件不能超过 10 MB' }] }
    uploadFile.mockImplementation(() => uploadTask(async () => ({ statusCode: 413, data: JSON.stringify(body) })))
    const error = (await upload('/staff/attachments', 'a.jpg').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.statusCode).toBe(413)
    expect(error.code).toBe('FILE_TOO_LARGE')
    expect(error.fieldError('file')).toBe('文件不能超过 10 MB')
  })

  it('keeps a non-JSON error answer as a plain HTTP error', async () => {
    uploadFile.mockImplementation(() => uploadTask(async () => ({ statusCode: 502, data: '<html>Bad gateway</html>' })))
    await expect(upload('/staff/attachments', 'a.jpg')).rejects.toMatchObject({ statusCode: 502, code: 'HTTP_502' })
    expect(uploadFile).toHaveBeenCalledTimes(1)
  })

  it('does not retry a failed upload', async () => {
    uploadFile.mockImplementation(() => uploadTask(() => Promise.reject({ errMsg: 'uploadFile:fail' })))
    await expect(upload('/staff/attachments', 'a.jpg')).rejects.toMatchObject({ code: 'NETWORK' })
    expect(uploadFile).toHaveBeenCalledTimes(1)
  })

  it('times out, aborting the upload task', async () => {
    jest.useFakeTimers()
    const abort = jest.fn()
    uploadFile.mockImplementation(() => Object.assign(never(), { abort }))
    const result = upload('/staff/attachments', 'a.jpg', { timeout: 5000 }).catch((e: unknown) => e)
    await jest.advanceTimersByTimeAsync(5200)
    expect(await result).toMatchObject({ code: 'NETWORK' })
    expect(abort).toHaveBeenCalled()
    expect(uploadFile).toHaveBeenCalledTimes(1)
  })

  it('refreshes an expired token once and sends the file again', async () => {
    setSession(session(1))
    const calls = fakeServer(() => ({ statusCode: 200, data: { ...session(2), expiresIn: 900 } }))
    uploadFile.mockImplementation((opts: { header: Record<string, string> }) =>
      uploadTask(async () =>
        opts.header.Authorization === 'Bearer access-2'
          ? { statusCode: 201, data: '{"id":8}' }
          : { statusCode: 401, data: '{"statusCode":401,"code":"TOKEN_INVALID","message":"expired"}' },
      ),
    )
    await expect(upload('/staff/attachments', 'a.jpg')).resolves.toEqual({ id: 8 })
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh'])
    expect(uploadFile).toHaveBeenCalledTimes(2)
  })
})

describe('download', () => {
  const downloadFile = Taro.downloadFile as unknown as jest.Mock

  it('answers the temp path of a file fetched with the token', async () => {
    setSession(session(1))
    downloadFile.mockImplementation(async () => ({ statusCode: 200, tempFilePath: 'blob:voucher-7' }))
    await expect(download('/api/attachments/7')).resolves.toBe('blob:voucher-7')
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/attachments/7', header: { Authorization: 'Bearer access-1' } }),
    )
  })

  it('throws an ApiError for a missing file', async () => {
    downloadFile.mockImplementation(async () => ({ statusCode: 404, tempFilePath: 'blob:x' }))
    await expect(download('/api/attachments/9')).rejects.toMatchObject({ statusCode: 404 })
  })
})
