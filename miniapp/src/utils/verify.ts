import { checkLink, type ChainHeadDto, type LinkCheck, type PublicEntryDto } from '@mingbai/shared'

export type EntryVerdict = LinkCheck | 'head-mismatch'

/**
 * Recomputes each shown entry's hash on the phone, with the same function the server used, and
 * checks that it follows the entry before it when that one is also on screen. When the village's
 * chain head is known and its entry is shown, that entry's hash must equal the head's.
 */
export function verifyEntries(entries: PublicEntryDto[], head?: ChainHeadDto | null): Map<number, EntryVerdict> {
  const bySerial = new Map(entries.map((e) => [e.serial, e]))
  const out = new Map<number, EntryVerdict>()
  for (const e of entries) {
    let verdict: EntryVerdict = checkLink(e, bySerial.get(e.serial - 1) ?? null)
    if (verdict === 'ok' && head && head.serial === e.serial && head.hash !== e.hash) verdict = 'head-mismatch'
    out.set(e.id, verdict)
  }
  return out
}

/** True when there is something to check and every shown entry verified. */
export function allVerified(verdicts: Map<number, EntryVerdict>): boolean {
  if (verdicts.size === 0) return false
  for (const v of verdicts.values()) if (v !== 'ok') return false
  return true
}

/** What a villager reads when an entry does not verify. */
export const VERDICT_LABELS: Record<EntryVerdict, string> = {
  ok: '已校验',
  'hash-mismatch': '内容与指纹不符',
  'broken-link': '与上一条衔接不上',
  'head-mismatch': '与公开的账本末尾不符',
}
