import { parseYuanToFen, type RuleParamDefinition, type RuleParamKind, type RuleSettingsRequest } from '@mingbai/shared'

/**
 * A rule's parameters as officials read and type them: days, money in yuan (sent as fen), counts,
 * ratios and years, each checked against the rule's min and max before it is sent (the server
 * checks again and names the field it refuses).
 */

export const PARAM_UNITS: Record<RuleParamKind, string> = { days: '天', fen: '元', count: '笔', ratio: '比例', years: '年', score: '' }

/** Kinds typed with decimals (a share or multiple; a test statistic such as a z value). */
const isDecimal = (kind: RuleParamKind) => kind === 'ratio' || kind === 'score'

/** 500000 fen -> "5,000" ; 123456 -> "1,234.56" (yuan, cents only when there are some). */
export function yuanText(fen: number): string {
  const yuan = Math.floor(Math.abs(fen) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cents = Math.abs(fen) % 100
  return `${fen < 0 ? '-' : ''}${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`
}

/** A value with its unit: "60 天", "5,000 元", "3 笔", "0.5（比例）", "20 年"; a score as the number. */
export function formatParam(kind: RuleParamKind, value: number): string {
  if (kind === 'fen') return `${yuanText(value)} 元`
  if (kind === 'ratio') return `${value}（比例）`
  if (kind === 'score') return String(value)
  return `${value} ${PARAM_UNITS[kind]}`
}

/** What the input shows for a value: yuan for money, the number otherwise. */
export function paramToInput(kind: RuleParamKind, value: number): string {
  if (kind === 'fen') return yuanText(value).replace(/,/g, '')
  return String(value)
}

/** "范围 1–365 天" / "范围 0.01–10,000,000 元". */
export function rangeText(def: RuleParamDefinition): string {
  const show = (v: number) => (def.kind === 'fen' ? yuanText(v) : String(v))
  const unit = isDecimal(def.kind) ? '' : ` ${PARAM_UNITS[def.kind]}`
  return `范围 ${show(def.min)}–${show(def.max)}${unit}`
}

/** The typed value of one parameter, or the problem to show at its field. */
export function parseParam(def: RuleParamDefinition, text: string): { value: number } | { error: string } {
  const t = text.trim()
  if (!t) return { error: '请填写' }
  let value: number | null
  if (def.kind === 'fen') {
    value = parseYuanToFen(t)
    if (value === null) return { error: '请填写金额（元），最多两位小数' }
  } else if (isDecimal(def.kind)) {
    value = /^\d+(\.\d{1,6})?$/.test(t) ? Number(t) : null
    if (value === null) return { error: def.kind === 'ratio' ? '请填写数字，如 0.5' : '请填写数字，如 3' }
  } else {
    value = /^\d{1,9}$/.test(t) ? Number(t) : null
    if (value === null) return { error: `请填写整数（${PARAM_UNITS[def.kind]}）` }
  }
  if (value < def.min || value > def.max) return { error: `超出${rangeText(def)}` }
  return { value }
}

export type SettingsErrors = Partial<Record<string, string>>

/**
 * The settings for the inspector's region. Every parameter is sent with the value shown, so what
 * the page shows is what applies to the region (an absent key would inherit from above).
 */
export function buildSettings(
  params: RuleParamDefinition[],
  inputs: Record<string, string>,
  enabled: boolean,
  regionId: number,
): { body: RuleSettingsRequest; errors?: undefined } | { body?: undefined; errors: SettingsErrors } {
  const errors: SettingsErrors = {}
  const values: Record<string, number> = {}
  for (const def of params) {
    const parsed = parseParam(def, inputs[def.key] ?? '')
    if ('error' in parsed) errors[def.key] = parsed.error
    else values[def.key] = parsed.value
  }
  if (Object.keys(errors).length) return { errors }
  return { body: { regionId, enabled, params: values } }
}

/** The parameter a server detail names ("params.graceDays" or "graceDays"), or null for the form as a whole. */
export function paramOfField(field: string, params: RuleParamDefinition[]): string | null {
  const key = field.replace(/^params\./, '')
  if (key === 'enabled') return 'enabled'
  return params.some((p) => p.key === key) ? key : null
}

/**
 * A server reason for a parameter as officials read it: Chinese reasons as sent, except for money,
 * whose limits the server states in fen; English ones by the range.
 */
export function paramReason(reason: string, def: RuleParamDefinition | undefined): string {
  if (/[\u4e00-\u9fff]/.test(reason) && def?.kind !== 'fen') return reason
  return def ? `数值不正确，${rangeText(def)}` : '数值不正确'
}
