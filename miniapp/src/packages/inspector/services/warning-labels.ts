import { AWARD_METHOD_LABELS, formatFen, RULE_SEVERITY_LABELS, type AwardMethod, type RuleSeverity } from '@mingbai/shared'
import { formatDate } from '../../../utils/format'

export { RULE_SEVERITY_LABELS }

/** A warning's case carries category_code 'rule:<ruleId>'; anything else is a citizen report's category. */
export function ruleIdOf(categoryCode: string): string | null {
  return categoryCode.startsWith('rule:') ? categoryCode.slice(5) : null
}

/** A rule's precision as officials read it: "准确率 75%（3/4）", or "暂无" before any conclusion. */
export function precisionText(precision: number | null, substantiated: number, concluded: number): string {
  if (precision === null || concluded <= 0) return '准确率 暂无'
  return `准确率 ${Math.round(precision * 100)}%（${substantiated}/${concluded}）`
}

/** Ranks rules for the dashboard: the most precise first, those without a conclusion last. */
export function byPrecision<T extends { precision: number | null; concluded: number; open: number }>(a: T, b: T): number {
  if (a.precision === null || b.precision === null) {
    if (a.precision !== b.precision) return a.precision === null ? 1 : -1
    return b.open - a.open
  }
  return b.precision - a.precision || b.concluded - a.concluded || b.open - a.open
}

export const SEVERITY_ORDER: Record<RuleSeverity, number> = { high: 0, medium: 1, low: 2 }

/**
 * Chinese names for the machine-readable figures of a finding (WarningDto.facts), as the rules in
 * server/src/modules/rules/definitions write them. A key not listed is shown as sent; ids (…Id) and
 * Benford's per-digit shares (digit1…digit9, also in the evidence) are left out.
 */
const FACT_LABELS: Record<string, string> = {
  // entries
  serial: '公开序号',
  occurredOn: '发生日期',
  amountFen: '金额',
  recordedOn: '录入日期',
  daysLate: '滞后天数',
  lateDays: '滞后天数阈值',
  holiday: '节假日',
  limitFen: '现金支付限额',
  minAmountFen: '起点金额',
  people: '名单上匹配的人数',
  idMatched: '身份证号一致',
  matches: '此前同额支付笔数',
  gapDays: '间隔天数',
  sameVoucher: '凭证号相同',
  totalFen: '合计金额',
  spanDays: '时间跨度（天）',
  firstOn: '首笔日期',
  lastOn: '末笔日期',
  windowDays: '时间窗口（天）',
  thresholdFen: '审批限额',
  // contracts
  seq: '期次',
  dueOn: '应付日期',
  receivedFen: '已收金额',
  outstandingFen: '欠缴金额',
  overdueDays: '逾期天数',
  graceDays: '宽限天数',
  startOn: '起始日期',
  endOn: '终止日期',
  termYears: '合同年限',
  maxYears: '法定最长年限',
  totalRentFen: '租金总额',
  awardMethod: '发包方式',
  areaM2: '面积（平方米）',
  rateFenPerM2: '每平方米年租金',
  medianFenPerM2: '可比合同每平方米年租金中位数',
  comparables: '可比合同数',
  ratio: '比例阈值',
  shortfallFenPerYear: '每年少收租金',
  // villages and towns
  year: '年度',
  count: '笔数',
  roundCount: '整数金额笔数',
  share: '整数金额占比',
  townCount: '同镇其他村笔数',
  townRoundCount: '同镇其他村整数金额笔数',
  townShare: '同镇其他村整数金额占比',
  unitFen: '整数金额单位',
  z: 'z 值',
  mad: '平均绝对偏差（MAD）',
  madLimit: 'MAD 上限',
}

/** Keys whose 1/0 means yes/no. */
const FLAG_KEYS = new Set(['idMatched', 'sameVoucher'])
/** Keys that are shares (0.125 → 12.5%). */
const SHARE_KEYS = new Set(['share', 'townShare'])

/** Facts not worth a row: record ids, and Benford's per-digit shares (the evidence lists them). */
export function isShownFact(key: string): boolean {
  return !/Id$/.test(key) && !/^digit\d$/.test(key)
}

/** A fact's value for reading: fen as money, dates as 2026年3月5日, day counts with 天, shares in %, other numbers rounded. */
export function formatFact(key: string, value: number | string | null): string {
  if (value === null || value === '') return '—'
  if (typeof value === 'number') {
    if (FLAG_KEYS.has(key)) return value ? '是' : '否'
    if (SHARE_KEYS.has(key)) return `${Math.round(value * 1000) / 10}%`
    if (/Fen/.test(key)) return formatFen(value)
    if (/Days$|^days/.test(key)) return `${value} 天`
    if (/Years$/.test(key)) return `${value} 年`
    return String(Number.isInteger(value) ? value : Math.round(value * 10_000) / 10_000)
  }
  if (key === 'awardMethod' && value in AWARD_METHOD_LABELS) return AWARD_METHOD_LABELS[value as AwardMethod]
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value)
  return value
}

export function factLabel(key: string): string {
  return FACT_LABELS[key] ?? key
}

/** The facts worth showing as label/value rows, in the order the rule gave them. */
export function factRows(facts: Record<string, number | string | null>): { key: string; label: string; value: string }[] {
  return Object.entries(facts)
    .filter(([key]) => isShownFact(key))
    .map(([key, value]) => ({ key, label: factLabel(key), value: formatFact(key, value) }))
}
