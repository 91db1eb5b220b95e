import { ApiError, describeError } from '../../../services/api-error'

/**
 * Chinese wording for the staff API's error codes (docs/api.md "Error codes"). Some server messages
 * are written for developers in English; staff read these instead. Codes not listed keep the
 * server's message, which is Chinese for everything staff can fix themselves (e.g. 用户名或密码错误).
 */
const CODE_TEXT: Record<string, string> = {
  UNAUTHENTICATED: '请先登录',
  TOKEN_INVALID: '登录已过期，请重新登录',
  REFRESH_INVALID: '登录已过期，请重新登录',
  FORBIDDEN: '您的账号没有这项权限',
  NOT_AUTHOR: '只有录入这笔账的报账员才能修改或提交',
  SELF_APPROVAL: '不能审批自己录入的账目',
  TOWN_APPROVAL_REQUIRED: '这笔账需要两级审批，第二次审批须由乡镇审批人（村账乡管）进行',
  INVALID_STATE: '这笔账当前的状态不允许这样操作，请刷新后再试',
  ALREADY_APPROVED: '您已审批通过这笔账，还需另一位审批人（乡镇）复核',
  REVERSAL_FIXED: '红字冲销记录只能修改凭证照片',
  NOT_PUBLISHED: '只有已公开的账目才能冲销',
  IS_REVERSAL: '冲销记录本身不能再冲销',
  ALREADY_REVERSED: '这笔账已经有冲销记录了',
  REVERSED_ENTRY_UNPUBLISHED: '被冲销的账目还没有公开',
  ENTRY_CHANGED: '这笔账刚刚有变动，请刷新后重试',
  NOTHING_TO_APPROVE: '这个批次没有等待审批的记录',
  UNSUPPORTED_FILE_TYPE: '只能上传 JPEG、PNG、WebP 图片或 PDF 文件',
}

/** "密码错误次数过多，账号已锁定至 2026-11-26T09:30:00.000Z" with the time in China (UTC+8). */
function lockedText(message: string): string {
  const m = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/.exec(message)
  if (!m) return message || '密码错误次数过多，账号已暂时锁定，请稍后再试'
  const china = new Date(new Date(m[1]).getTime() + 8 * 3600_000)
  const hh = String(china.getUTCHours()).padStart(2, '0')
  const mm = String(china.getUTCMinutes()).padStart(2, '0')
  return `密码错误次数过多，账号已锁定，请在${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${hh}:${mm} 之后再试`
}

/** What a staff member reads when an action fails. */
export function staffErrorText(e: unknown): string {
  if (!(e instanceof ApiError)) return describeError(e)
  if (e.isNetwork || e.statusCode >= 500) return describeError(e)
  if (e.code === 'ACCOUNT_LOCKED') return lockedText(e.message)
  if (e.code === 'NOT_FOUND') return '没有找到这笔记录，可能已被删除或不在您的管辖范围'
  return CODE_TEXT[e.code] ?? e.message
}

/** True when the error means the staff member has to sign in again. */
export function needsLogin(e: unknown): boolean {
  return e instanceof ApiError && e.statusCode === 401
}
