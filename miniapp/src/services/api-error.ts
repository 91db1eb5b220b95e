import type { ErrorBody } from '@mingbai/shared'

/** Every failed request ends in one of these, so a page can say what went wrong and offer 重试. */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: string
  readonly details: { field: string; reason: string }[]

  constructor(body: Partial<ErrorBody> & { statusCode: number }) {
    super(body.message || '请求失败')
    this.statusCode = body.statusCode
    this.code = body.code || `HTTP_${body.statusCode}`
    this.details = body.details ?? []
  }

  /** The message for one form field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.reason
  }

  get isNetwork(): boolean {
    return this.statusCode === 0
  }
}

/** What a villager reads when a request fails. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.isNetwork) return '网络不好，请检查网络后重试'
    if (e.statusCode === 404) return '没有找到相关内容'
    if (e.statusCode >= 500) return '服务器忙，请稍后重试'
    return e.message
  }
  return '出错了，请重试'
}
