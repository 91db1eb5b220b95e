import { computeEntryHash, GENESIS_HASH, type PublicEntryDto } from '@mingbai/shared'

/** A correctly hashed chain of `n` published entries of village 6, serial 1..n. */
export function publishedChain(n: number): PublicEntryDto[] {
  const out: PublicEntryDto[] = []
  let prevHash = GENESIS_HASH
  for (let serial = 1; serial <= n; serial++) {
    const base = {
      id: 100 + serial,
      villageId: 6,
      serial,
      direction: serial % 2 ? 'income' : 'expense',
      subjectCode: '501',
      subjectName: '经营收入',
      amountFen: 1000 * serial,
      occurredOn: `2026-03-${String(serial).padStart(2, '0')}`,
      counterpartyKind: 'person',
      counterpartyName: '张*三',
      summary: `第${serial}笔`,
      paymentMethod: 'bank',
      voucherNo: null,
      publishedAt: '2026-03-10T00:00:00.000Z',
      reversesId: null,
      reversesSerial: null,
      reversedById: null,
      reversalReason: null,
      attachmentCount: 0,
    } as const
    const hash = computeEntryHash(base, prevHash)
    out.push({ ...base, hash, prevHash })
    prevHash = hash
  }
  return out
}
