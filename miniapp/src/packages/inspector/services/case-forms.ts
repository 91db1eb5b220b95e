import {
  CASE_ACTION_NEEDS,
  parseYuanToFen,
  REPORT_MESSAGE_MAX,
  REPORT_NOTE_MAX,
  type CaseAction,
  type CaseKind,
  type CaseOutcome,
  type CaseTransitionRequest,
} from '@mingbai/shared'

/**
 * The rules of the inspector's forms, checked before anything is sent (the server checks them
 * again): what each action's note is called, when it is required, the conclusion's outcome and
 * the amount recovered in yuan (sent as integer fen), replies, transfer and reveal reasons.
 */

/** What the note of each action is, as the form labels it. */
export const NOTE_LABELS: Record<CaseAction, string> = {
  accept: '受理说明',
  decline: '不予受理的理由',
  investigate: '核查安排',
  conclude: '办结意见（核查结果）',
  require_rectification: '整改要求',
  confirm_rectified: '整改情况',
  close: '给举报人的答复',
}

/** Who reads the note: decline, conclude and close notes are shown to the reporter. */
export const NOTE_AUDIENCE: Record<CaseAction, string> = {
  accept: '仅纪检监察人员可见。',
  decline: '举报人可以看到这段理由。',
  investigate: '仅纪检监察人员可见。',
  conclude: '举报人可以看到办结意见。',
  require_rectification: '仅纪检监察人员可见。',
  confirm_rectified: '仅纪检监察人员可见。请写明整改结果和证据，如追回款项的入账凭证号、补签的合同。',
  close: '这段答复将作为给举报人的回复，举报人凭回执码或在“我的举报”中可以看到，请用举报人看得懂的话写。',
}

/** A warning has no reporter: its notes are for the office only, and 结案 needs no reply. */
const WARNING_NOTE_LABELS: Partial<Record<CaseAction, string>> = { close: '结案说明' }
const WARNING_NOTE_AUDIENCE: Partial<Record<CaseAction, string>> = {
  decline: '仅纪检监察人员可见。',
  conclude: '仅纪检监察人员可见。核查结论为不属实时请写明原因，它计入这条规则的准确率。',
  close: '仅纪检监察人员可见。',
}

export function noteLabel(action: CaseAction, kind: CaseKind = 'report'): string {
  return (kind === 'warning' && WARNING_NOTE_LABELS[action]) || NOTE_LABELS[action]
}

export function noteAudience(action: CaseAction, kind: CaseKind = 'report'): string {
  return (kind === 'warning' && WARNING_NOTE_AUDIENCE[action]) || NOTE_AUDIENCE[action]
}

/** The reveal reason's minimum length (the server refuses shorter ones). */
export const REVEAL_REASON_MIN = 5
export const REASON_MAX = 500

export type TransitionField = 'note' | 'outcome' | 'amountRecoveredFen' | 'action'
export type FieldErrors<F extends string> = Partial<Record<F, string>>

export interface TransitionInput {
  note: string
  outcome: CaseOutcome | ''
  /** Yuan, as typed; empty = nothing recovered / not stated. */
  amountYuan: string
}

const length = (s: string) => Array.from(s).length

/** The request for `action`, or the problems to show next to the fields. */
export function buildTransition(
  action: CaseAction,
  input: TransitionInput,
  kind: CaseKind = 'report',
): { body: CaseTransitionRequest; errors?: undefined } | { body?: undefined; errors: FieldErrors<TransitionField> } {
  const needs = CASE_ACTION_NEEDS[action]
  const errors: FieldErrors<TransitionField> = {}
  const note = input.note.trim()
  if (needs.note && !note) errors.note = `请填写${noteLabel(action, kind)}`
  else if (length(note) > REPORT_NOTE_MAX) errors.note = `不能超过${REPORT_NOTE_MAX}个字`
  if (needs.outcome && !input.outcome) errors.outcome = '请选择核查结论'
  let amount: number | null = null
  if (action === 'conclude' && input.amountYuan.trim()) {
    amount = parseYuanToFen(input.amountYuan)
    if (amount === null) errors.amountRecoveredFen = '请填写正确的金额（元），如 1200 或 1200.50'
  }
  if (Object.keys(errors).length) return { errors }
  const body: CaseTransitionRequest = { action, note: note || null }
  if (needs.outcome) body.outcome = input.outcome as CaseOutcome
  if (action === 'conclude') body.amountRecoveredFen = amount
  return { body }
}

/** A reply to the reporter: not blank, within the message limit. */
export function checkReply(text: string): string | null {
  const t = text.trim()
  if (!t) return '请填写回复内容'
  if (length(t) > REPORT_MESSAGE_MAX) return `不能超过${REPORT_MESSAGE_MAX}个字`
  return null
}

/** Why the case is moved to another office: required. */
export function checkTransferReason(text: string): string | null {
  const t = text.trim()
  if (!t) return '请填写转办理由'
  if (length(t) > REASON_MAX) return `不能超过${REASON_MAX}个字`
  return null
}

/** Why the reporter's identity is needed: at least REVEAL_REASON_MIN characters. */
export function checkRevealReason(text: string): string | null {
  const t = text.trim()
  if (length(t) < REVEAL_REASON_MIN) return `请写明查看理由，至少${REVEAL_REASON_MIN}个字`
  if (length(t) > REASON_MAX) return `不能超过${REASON_MAX}个字`
  return null
}

/** Server reasons of the shared case rules (English) as staff read them; others are shown as sent. */
const REASON_TEXT: Record<string, string> = {
  'is required for this action': '这一步必须填写',
  'is required when concluding': '办结时必须选择核查结论',
  'belongs to the conclusion only': '只有办结时才能填写',
  'must be a whole number of fen, 0 or more': '金额不正确',
  'a case found not substantiated needs no rectification': '核查结论为不属实的案件不需要整改',
}

export function reasonText(reason: string): string {
  if (REASON_TEXT[reason]) return REASON_TEXT[reason]
  if (/^cannot \w+ a case that is \w+$/.test(reason)) return '案件当前的状态不允许这样操作'
  let m = /^\w+ must be (\d+) to (\d+) characters$/.exec(reason)
  if (m) return `需要${m[1]}到${m[2]}个字`
  m = /^\w+ must not be empty and at most (\d+) characters$/.exec(reason)
  if (m) return `不能为空，最多${m[1]}个字`
  m = /^\w+ must be at most (\d+) characters$/.exec(reason)
  if (m) return `最多${m[1]}个字`
  return reason
}
