import { ApiError } from '../../../services/api-error'
import { staffErrorText } from './staff-errors'

/**
 * Chinese wording for the register API's error codes (the server writes some of them for
 * developers). Anything else reads as on the other staff pages.
 */
const CODE_TEXT: Record<string, string> = {
  NOT_AUTHOR: '只有登记这条记录的报账员才能修改、提交或删除',
  SELF_APPROVAL: '不能审核自己登记或申请修改的记录',
  FORBIDDEN: '只有本村的报账员才能登记和修改台账',
  INVALID_STATE: '这条记录当前的状态不允许这样操作，请刷新后再试',
  CHANGE_PENDING: '已有一项修改在等待审核，审核后才能再提出修改',
  ALREADY_TERMINATED: '这份合同已经终止了',
  NOTHING_OUTSTANDING: '这份合同的各期租金都已收齐',
  RECEIPTS_AFTER_TERMINATION: '终止日期之后的租期已经登记过收款，请选择更晚的终止日期',
  NOTHING_TO_APPROVE: '这个导入批次没有等待审核的记录',
}

export function registerErrorText(e: unknown): string {
  if (e instanceof ApiError && !e.isNetwork && e.statusCode < 500) {
    if (e.statusCode === 404 || e.code === 'NOT_FOUND') return '没有找到这条记录，可能已被删除或不在您的管辖范围'
    const text = CODE_TEXT[e.code]
    if (text) return text
    // A 400 says what is wrong in its details; the message alone (输入有误) does not.
    if (e.code === 'VALIDATION_FAILED' && e.details.length) return e.details.map((d) => d.reason).join('；')
  }
  return staffErrorText(e)
}
