import { formatFen, type InstallmentDto, type ReceiptCandidateDto, type RentReceiptInput } from '@mingbai/shared'
import { parseAmount } from './register-form'

/** 登记收租: which installments an income entry pays, split by hand or oldest first. Pure, tested. */

/** Installments with rent still to receive, oldest first. */
export function unpaidInstallments(list: InstallmentDto[]): InstallmentDto[] {
  return list.filter((i) => i.receivedFen < i.amountFen).sort((a, b) => a.seq - b.seq)
}

/** What the server does without allocations: the entry's unallocated money to the oldest unpaid installments first. */
export function autoAllocation(list: InstallmentDto[], amountFen: number): { installmentId: number; amountFen: number }[] {
  const out: { installmentId: number; amountFen: number }[] = []
  let left = amountFen
  for (const i of unpaidInstallments(list)) {
    if (left <= 0) break
    const take = Math.min(left, i.amountFen - i.receivedFen)
    out.push({ installmentId: i.id, amountFen: take })
    left -= take
  }
  return out
}

export interface SplitCheck {
  /** Messages per installment id. */
  rows: Record<number, string>
  /** About the whole split (nothing typed, more than the entry has). */
  total?: string
  allocations: { installmentId: number; amountFen: number }[]
  sumFen: number
}

/** A split typed by hand: each amount within what the installment still lacks, the sum within the entry's unallocated money. */
export function checkSplit(texts: Record<number, string>, list: InstallmentDto[], candidate: Pick<ReceiptCandidateDto, 'unallocatedFen'>): SplitCheck {
  const rows: Record<number, string> = {}
  const allocations: { installmentId: number; amountFen: number }[] = []
  for (const i of unpaidInstallments(list)) {
    const text = (texts[i.id] ?? '').trim()
    if (text === '') continue
    const a = parseAmount(text)
    if ('error' in a) {
      rows[i.id] = a.error
      continue
    }
    const owed = i.amountFen - i.receivedFen
    if (a.fen > owed) rows[i.id] = `这一期只差 ${formatFen(owed)}`
    else allocations.push({ installmentId: i.id, amountFen: a.fen })
  }
  const sumFen = allocations.reduce((s, x) => s + x.amountFen, 0)
  let total: string | undefined
  if (Object.keys(rows).length === 0 && allocations.length === 0) total = '请至少给一期填写金额'
  else if (sumFen > candidate.unallocatedFen) total = `合计 ${formatFen(sumFen)}，超过了这笔收入可登记的 ${formatFen(candidate.unallocatedFen)}`
  return { rows, total, allocations, sumFen }
}

/** The body of POST :id/receipts: without allocations the server pays the oldest installments first. */
export function receiptBody(entryId: number, split: SplitCheck | null): RentReceiptInput {
  return split ? { entryId, allocations: split.allocations } : { entryId }
}
