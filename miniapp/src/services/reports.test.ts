import { ApiError } from './api-error'
import { IDEMPOTENCY_KEY_LENGTH, isTransient, newIdempotencyKey, reportErrorText, reportFormUrl, retryMinutes } from './reports'

describe('report helpers', () => {
  it('makes 32-character keys of [A-Za-z0-9_-] the server accepts, different every time', async () => {
    const keys = await Promise.all(Array.from({ length: 200 }, () => newIdempotencyKey()))
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(IDEMPOTENCY_KEY_LENGTH).toBe(32)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('says in minutes when a rate-limited villager may try again', () => {
    const e = (message: string, details: { field: string; reason: string }[] = []) =>
      new ApiError({ statusCode: 429, code: 'RATE_LIMITED', message, details })
    expect(retryMinutes(e('x', [{ field: 'retryAfter', reason: '61' }]))).toBe(2)
    expect(retryMinutes(e('x', [{ field: 'Retry-After', reason: '30' }]))).toBe(1)
    expect(retryMinutes(e('请45分钟后再试'))).toBe(45)
    expect(retryMinutes(e('retry after 600 seconds'))).toBe(10)
    expect(retryMinutes(e('too many'))).toBeNull()
    expect(reportErrorText(e('x', [{ field: 'retryAfter', reason: '1800' }]))).toBe('提交太频繁，请30分钟后再试')
    expect(reportErrorText(e('too many'))).toBe('提交太频繁，请稍后再试')
    expect(reportErrorText(e('x', [{ field: 'retryAfter', reason: '120' }]), 'lookup')).toBe('查询太频繁，请2分钟后再试')
  })

  it('tells transient failures (worth resending with the same key) from the server’s answers', () => {
    expect(isTransient(new ApiError({ statusCode: 0, code: 'NETWORK' }))).toBe(true)
    expect(isTransient(new ApiError({ statusCode: 502 }))).toBe(true)
    expect(isTransient(new ApiError({ statusCode: 409, code: 'IDEMPOTENCY_IN_FLIGHT' }))).toBe(true)
    expect(isTransient(new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED' }))).toBe(false)
    expect(isTransient(new ApiError({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' }))).toBe(false)
    expect(isTransient(new ApiError({ statusCode: 429, code: 'RATE_LIMITED' }))).toBe(false)
  })

  it('builds the form address from what the report is about', () => {
    expect(reportFormUrl({ villageId: 6, subjectType: 'entry', subjectId: 42 })).toBe('/packages/report/pages/form/index?villageId=6&subjectType=entry&subjectId=42')
    expect(reportFormUrl({ villageId: 6, subjectType: 'village' })).toBe('/packages/report/pages/form/index?villageId=6&subjectType=village')
  })
})
