import {
  COUNTERPARTY_KIND_LABELS,
  ENTRY_LIMITS,
  parseYuanToFen,
  validateEntryInput,
  type CounterpartyKind,
  type Direction,
  type EntryContext,
  type PaymentMethod,
} from '@mingbai/shared'
import type { ChartAccount, EntryBody, StaffEntry } from './staff'

export { COUNTERPARTY_KIND_LABELS }

/** What the bookkeeper types and picks on the entry form, before it becomes an API body. */
export interface EntryForm {
  direction: Direction | ''
  subjectCode: string
  /** Yuan as typed, e.g. "1234.5". */
  amountText: string
  occurredOn: string
  counterpartyKind: CounterpartyKind | ''
  counterpartyName: string
  summary: string
  paymentMethod: PaymentMethod | ''
  voucherNo: string
}

/** Form fields, named as the API names them, so a server 400's `details` land on the right field. */
export const FORM_FIELDS = [
  'direction',
  'subjectCode',
  'amountFen',
  'occurredOn',
  'counterpartyKind',
  'counterpartyName',
  'summary',
  'paymentMethod',
  'voucherNo',
  'attachmentIds',
] as const
export type FormField = (typeof FORM_FIELDS)[number]
export type FieldErrors = Partial<Record<FormField, string>>

export function emptyForm(today: string): EntryForm {
  return {
    direction: '',
    subjectCode: '',
    amountText: '',
    occurredOn: today,
    counterpartyKind: '',
    counterpartyName: '',
    summary: '',
    paymentMethod: '',
    voucherNo: '',
  }
}

/** 123450 -> "1234.50" (integer arithmetic: no floating-point rounding). */
export function fenToYuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`
}

export function formFromEntry(e: StaffEntry): EntryForm {
  return {
    direction: e.direction,
    subjectCode: e.subjectCode,
    amountText: fenToYuanText(e.amountFen),
    occurredOn: e.occurredOn,
    counterpartyKind: e.counterpartyKind,
    counterpartyName: e.counterpartyName,
    summary: e.summary,
    paymentMethod: e.paymentMethod,
    voucherNo: e.voucherNo ?? '',
  }
}

const MAX_YUAN = ENTRY_LIMITS.maxAmountFen / 100

/** The amount in fen, or why the typed text is not an amount the server accepts. */
export function parseAmount(text: string): { fen: number } | { error: string } {
  const t = text.trim()
  if (t === '') return { error: '请输入金额' }
  if (t.startsWith('-')) return { error: '金额不能是负数' }
  if (/^\d+\.\d{3,}$/.test(t)) return { error: '金额最多两位小数（到分）' }
  const fen = parseYuanToFen(t)
  if (fen === null) {
    // parseYuanToFen reads at most 10 integer digits: up to 9,999,999,999.99 yuan, just under the
    // server's ceiling of ENTRY_LIMITS.maxAmountFen (100亿元).
    if (/^\d+(\.\d{1,2})?$/.test(t)) return { error: `金额必须小于${MAX_YUAN / 1e8}亿元` }
    return { error: '请输入正确的金额，例如 1234.50' }
  }
  if (fen === 0) return { error: '金额必须大于0' }
  return { fen }
}

/** Friendlier words for choices the form offers as buttons (the shared rules speak of enum values). */
const CHOICE_TEXT: Partial<Record<FormField, string>> = {
  direction: '请选择收支方向',
  counterpartyKind: '请选择对方类型',
  paymentMethod: '请选择支付方式',
}

/**
 * The same rules the server applies (validateEntryInput from @mingbai/shared), plus the chart: the
 * subject must be an account of the chosen direction. One message per field.
 */
export function validateForm(form: EntryForm, ctx: EntryContext, accounts?: ChartAccount[]): FieldErrors {
  const errors: FieldErrors = {}
  const amount = parseAmount(form.amountText)
  const voucherNo = form.voucherNo.trim() === '' ? undefined : form.voucherNo
  const problems = validateEntryInput(
    {
      direction: form.direction || undefined,
      subjectCode: form.subjectCode || undefined,
      amountFen: 'fen' in amount ? amount.fen : undefined,
      occurredOn: form.occurredOn,
      counterpartyName: form.counterpartyName,
      counterpartyKind: form.counterpartyKind || undefined,
      summary: form.summary,
      paymentMethod: form.paymentMethod || undefined,
      voucherNo,
    },
    ctx,
  )
  for (const p of problems) {
    const field = p.field as FormField
    if (errors[field]) continue
    errors[field] = CHOICE_TEXT[field] ?? p.reason
  }
  if ('error' in amount) errors.amountFen = amount.error
  if (!errors.subjectCode && accounts && form.direction) {
    const account = accounts.find((a) => a.code === form.subjectCode)
    if (!account || account.direction !== form.direction) errors.subjectCode = '请选择会计科目'
  }
  return errors
}

/** The API body of a form that passed validateForm. */
export function formToBody(form: EntryForm, attachmentIds: number[]): EntryBody {
  const amount = parseAmount(form.amountText)
  if (!('fen' in amount)) throw new Error('formToBody needs a validated form')
  return {
    direction: form.direction as Direction,
    subjectCode: form.subjectCode,
    amountFen: amount.fen,
    occurredOn: form.occurredOn,
    counterpartyName: form.counterpartyName,
    counterpartyKind: form.counterpartyKind as CounterpartyKind,
    summary: form.summary,
    paymentMethod: form.paymentMethod as PaymentMethod,
    voucherNo: form.voucherNo.trim() === '' ? null : form.voucherNo,
    attachmentIds,
  }
}

/**
 * A server 400's `details` split into messages for form fields and the rest (for a banner).
 * Names like `attachmentIds.0` belong to their first segment.
 */
export function mapServerDetails(details: { field: string; reason: string }[]): { fields: FieldErrors; other: string[] } {
  const fields: FieldErrors = {}
  const other: string[] = []
  for (const d of details) {
    const head = d.field.split('.')[0] as FormField
    if ((FORM_FIELDS as readonly string[]).includes(head)) {
      if (!fields[head]) fields[head] = d.reason
    } else {
      other.push(d.field ? `${d.field}：${d.reason}` : d.reason)
    }
  }
  return { fields, other }
}
