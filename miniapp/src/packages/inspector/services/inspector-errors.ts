import { ApiError } from '../../../services/api-error'
import { staffErrorText } from '../../staff/services/staff-errors'

/** Chinese wording for the inspector API's error codes; the rest as on the other staff pages. */
const CODE_TEXT: Record<string, string> = {
  CASE_CHANGED: '这件举报刚刚被其他人处理过，已为您刷新，请确认后再操作',
  ANONYMOUS_REPORT: '这是匿名举报，没有可以查看的举报人身份',
  CASE_CLOSED: '这件举报已经结案',
  FORBIDDEN: '只有纪检监察人员可以办理举报',
  IDENTITY_UNREADABLE: '举报人身份暂时无法解密，请联系系统管理员',
}

export function inspectorErrorText(e: unknown): string {
  if (e instanceof ApiError && !e.isNetwork) {
    if (e.code === 'NOT_FOUND' || e.statusCode === 404) return '没有找到这件举报，可能已转办到其他单位，或不在您的管辖范围'
    if (CODE_TEXT[e.code]) return CODE_TEXT[e.code]
  }
  return staffErrorText(e)
}

/** True for the answer "someone else moved this case first": reload it and say so. */
export function isCaseChanged(e: unknown): boolean {
  return e instanceof ApiError && e.statusCode === 409 && e.code === 'CASE_CHANGED'
}
