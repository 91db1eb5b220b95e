import { REGISTER_LIMITS } from '@mingbai/shared'
import { ApiError } from '../../../services/api-error'
import { registerErrorText } from './register-errors'
import { parseAmount } from './entry-form-model'

export { fenToYuanText, parseAmount } from './entry-form-model'

/** Helpers the asset and contract forms share: typed text to API values, and server details to fields. */

export const options = <T extends string>(labels: Record<T, string>) =>
  (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))

/** Yuan as typed, 0 allowed (book value, deposit). Empty is `empty` (null: required). */
export function parseFenOrZero(text: string, empty: number | null = null): { fen: number } | { error: string } {
  const t = text.trim()
  if (t === '') return empty === null ? { error: '请输入金额，没有请填0' } : { fen: empty }
  if (/^0+(\.0{1,2})?$/.test(t)) return { fen: 0 }
  return parseAmount(t)
}

/** Whole square metres, or null when left empty. */
export function parseArea(text: string): { value: number | null } | { error: string } {
  const t = text.trim()
  if (t === '') return { value: null }
  if (!/^\d+$/.test(t)) return { error: '面积请填整数平方米，例如 1200' }
  const n = Number(t)
  if (n < 1) return { error: '面积必须大于0，没有面积请不填' }
  if (n > REGISTER_LIMITS.areaMaxM2) return { error: '面积太大，请核对' }
  return { value: n }
}

/** The field a server detail names: `installments[2].amountFen` and `installments.2.amountFen` both belong to row 2. */
export function detailTarget(field: string): { field: string; row?: number; sub?: string } {
  const m = /^([A-Za-z]+)(?:\[(\d+)\]|\.(\d+))(?:\.([A-Za-z]+))?/.exec(field)
  if (m) return { field: m[1], row: Number(m[2] ?? m[3]), sub: m[4] }
  return { field: field.split('.')[0] }
}

/**
 * A server 400's details split into form fields (first message each), rows of a list field
 * (`rows[i][sub]`), and the rest for a banner.
 */
export function splitDetails<F extends string>(
  details: { field: string; reason: string }[],
  known: readonly F[],
): { fields: Partial<Record<F, string>>; rows: Record<number, Record<string, string>>; other: string[] } {
  const fields: Partial<Record<F, string>> = {}
  const rows: Record<number, Record<string, string>> = {}
  const other: string[] = []
  for (const d of details) {
    const t = detailTarget(d.field)
    if (!(known as readonly string[]).includes(t.field)) {
      other.push(d.field ? `${d.field}：${d.reason}` : d.reason)
      continue
    }
    if (t.row !== undefined) {
      const row = (rows[t.row] ??= {})
      const sub = t.sub ?? ''
      if (!row[sub]) row[sub] = d.reason
    }
    const f = t.field as F
    if (!fields[f]) fields[f] = t.row !== undefined ? `第${t.row + 1}期：${d.reason}` : d.reason
  }
  return { fields, rows, other }
}

/**
 * The banner over a form after the server refused it: for a 400 whose details all landed on fields,
 * a pointer to them; otherwise what went wrong and the details no field took.
 */
export function serverBanner(e: unknown, other: string[] = []): string {
  if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length)
    return other.length ? `请修改：${other.join('；')}` : '请按红字提示修改后再保存'
  return [registerErrorText(e), ...other].join('；')
}
