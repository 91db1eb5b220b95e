import {
  addDays,
  addMonths,
  formatFen,
  type AssetKind,
  type InstallmentDto,
  type InstallmentState,
  type PublicContractDto,
} from '@mingbai/shared'
import { formatDate } from './format'

/** How the public register pages word and colour things. Pure functions, tested on their own. */

/** The colour of an installment's state: green paid, amber partly paid or due, red overdue, grey not yet due. */
export const INSTALLMENT_TONE: Record<InstallmentState, 'good' | 'warn' | 'bad' | 'muted'> = {
  paid: 'good',
  partly_paid: 'warn',
  due: 'warn',
  overdue: 'bad',
  upcoming: 'muted',
}

/** What is still owed on an installment (never negative). */
export function outstandingFen(inst: Pick<InstallmentDto, 'amountFen' | 'receivedFen'>): number {
  return Math.max(0, inst.amountFen - inst.receivedFen)
}

const M2_PER_MU = 2000 / 3

/** Land, ponds and forest are thought of in 亩 in the village. */
const MU_KINDS: readonly AssetKind[] = ['land', 'pond', 'forest']

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** 12000 -> "12,000平方米"; for land, ponds and forest also "（约18.0亩）"; null -> "未登记". */
export function formatArea(areaM2: number | null, kind?: AssetKind): string {
  if (areaM2 === null) return '未登记'
  const base = `${thousands(areaM2)}平方米`
  if (!kind || !MU_KINDS.includes(kind) || areaM2 === 0) return base
  return `${base}（约${(areaM2 / M2_PER_MU).toFixed(1)}亩）`
}

/** "2025年1月1日至2034年12月31日" */
export function termText(startOn: string, endOn: string): string {
  return `${formatDate(startOn)}至${formatDate(endOn)}`
}

/**
 * How long a term runs, both days included: "10年", "2年6个月", "8个月", "45天"; a term that is not
 * a whole number of months is "约…".
 */
export function termLength(startOn: string, endOn: string): string {
  const after = addDays(endOn, 1)
  let months = 0
  while (addMonths(startOn, months + 1) <= after) months++
  if (months === 0) {
    const days = Math.round((Date.parse(after) - Date.parse(startOn)) / 86_400_000)
    return `${days}天`
  }
  const exact = addMonths(startOn, months) === after
  const y = Math.floor(months / 12)
  const m = months % 12
  const text = `${y ? `${y}年` : ''}${m ? `${m}个月` : ''}`
  return exact ? text : `约${text}`
}

/** Annual rent per square metre, "¥12.50/平方米·年", or null without an area or annual rent. */
export function rentPerM2(annualRentFen: number | null, areaM2: number | null): string | null {
  if (annualRentFen === null || !areaM2) return null
  return `${formatFen(Math.round(annualRentFen / areaM2))}/平方米·年`
}

/** One line about the money of a contract as a villager reads it. */
export function collectionText(c: Pick<PublicContractDto, 'receivedFen' | 'dueUnpaidFen' | 'totalRentFen'>): string {
  const owed = c.dueUnpaidFen > 0 ? `，到期未收 ${formatFen(c.dueUnpaidFen)}` : ''
  return `合同总租金 ${formatFen(c.totalRentFen)}，已收 ${formatFen(c.receivedFen)}${owed}`
}

/** Schedules up to this long are shown whole. */
export const SCHEDULE_SHORT = 12

/**
 * The installments worth showing first on a long schedule: every one that is due, partly paid or
 * overdue, the last two paid and the next two not yet due, in date order. Short schedules are whole.
 */
export function visibleInstallments<T extends Pick<InstallmentDto, 'state'>>(list: T[], expanded = false): T[] {
  if (expanded || list.length <= SCHEDULE_SHORT) return list
  const paid = list.map((x, i) => (x.state === 'paid' ? i : -1)).filter((i) => i >= 0)
  const upcoming = list.map((x, i) => (x.state === 'upcoming' ? i : -1)).filter((i) => i >= 0)
  const keep = new Set([...paid.slice(-2), ...upcoming.slice(0, 2)])
  return list.filter((x, i) => keep.has(i) || (x.state !== 'paid' && x.state !== 'upcoming'))
}
