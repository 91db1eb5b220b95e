import { checkLink, type LinkCheck, type PublicEntryDto, type PublishedLink } from '@mingbai/shared'

export type EntryVerdict = LinkCheck | 'unknown'

function link(e: PublicEntryDto): PublishedLink {
  return { ...e, reversesSerial: e.reversesSerial }
}

/**
 * Recomputes each shown entry's hash on the phone, with the same function the server used, and
 * checks that it follows the entry before it when that one is also on screen.
 */
export function verifyEntries(entries: PublicEntryDto[]): Map<number, EntryVerdict> {
  const bySerial = new Map(entries.map((e) => [e.serial, e]))
  const out = new Map<number, EntryVerdict>()
  for (const e of entries) {
    const previous = bySerial.get(e.serial - 1)
    out.set(e.id, checkLink(link(e), previous ? link(previous) : null))
  }
  return out
}

/** True when every shown entry verified and the newest links to the village's published chain head. */
export function allVerified(verdicts: Map<number, EntryVerdict>): boolean {
  if (verdicts.size === 0) return false
  for (const v of verdicts.values()) if (v !== 'ok') return false
  return true
}
