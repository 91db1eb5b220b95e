import { fetchTransport } from './fetch-transport'

type Win = { __MINGBAI_PREFETCH__?: Record<string, Promise<unknown> | undefined> }

function jsonResponse(status: number, body: unknown) {
  return {
    status,
    headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json; charset=utf-8' : null) },
    text: async () => JSON.stringify(body),
  }
}

describe('the H5 fetch transport', () => {
  const fetchMock = jest.fn()
  beforeEach(() => {
    fetchMock.mockReset()
    ;(globalThis as { fetch?: unknown }).fetch = fetchMock
    delete (window as Win).__MINGBAI_PREFETCH__
  })

  it('sends JSON bodies and reads JSON answers, including errors', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(400, { code: 'VALIDATION_FAILED' }))
    const res = await fetchTransport({ url: '/api/x', method: 'POST', data: { a: 1 }, header: { 'content-type': 'application/json' }, timeout: 1000 })
    expect(res).toEqual({ statusCode: 400, data: { code: 'VALIDATION_FAILED' } })
    expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'POST', body: '{"a":1}' })
  })

  it('uses the answer index.html already fetched, once', async () => {
    ;(window as Win).__MINGBAI_PREFETCH__ = { '/api/villages/6': Promise.resolve({ statusCode: 200, data: { id: 6 } }) }
    expect(await fetchTransport({ url: '/api/villages/6', method: 'GET', header: {}, timeout: 1000 })).toEqual({ statusCode: 200, data: { id: 6 } })
    expect(fetchMock).not.toHaveBeenCalled()
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { id: 6, again: true }))
    expect((await fetchTransport({ url: '/api/villages/6', method: 'GET', header: {}, timeout: 1000 })).data).toEqual({ id: 6, again: true })
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('goes to the network when the early request failed', async () => {
    ;(window as Win).__MINGBAI_PREFETCH__ = { '/api/villages/6': Promise.reject(new Error('offline')) }
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { id: 6 }))
    expect((await fetchTransport({ url: '/api/villages/6', method: 'GET', header: {}, timeout: 1000 })).data).toEqual({ id: 6 })
  })

  it('aborts a request that outlives its timeout', async () => {
    fetchMock.mockImplementationOnce(
      (_url: string, init: { signal: AbortSignal }) =>
        new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    )
    await expect(fetchTransport({ url: '/api/slow', method: 'GET', header: {}, timeout: 20 })).rejects.toThrow('aborted')
  })
})
