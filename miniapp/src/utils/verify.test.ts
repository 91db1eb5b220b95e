import { computeEntryHash } from '@mingbai/shared'
import { publishedChain as chain } from '../../test/entries'
import { allVerified, verifyEntries } from './verify'

describe('the on-phone chain check', () => {
  it('accepts an untouched chain, in any display order', () => {
    const entries = chain(4).reverse()
    const verdicts = verifyEntries(entries, { serial: 4, hash: entries[0].hash })
    expect([...verdicts.values()]).toEqual(['ok', 'ok', 'ok', 'ok'])
    expect(allVerified(verdicts)).toBe(true)
  })

  it('marks an entry whose amount was changed after publication', () => {
    const entries = chain(3)
    entries[1] = { ...entries[1], amountFen: entries[1].amountFen + 1 }
    const verdicts = verifyEntries(entries)
    expect(verdicts.get(entries[1].id)).toBe('hash-mismatch')
    expect(verdicts.get(entries[0].id)).toBe('ok')
    expect(allVerified(verdicts)).toBe(false)
  })

  it('marks an entry that no longer follows the one before it', () => {
    const entries = chain(3)
    // Entry 2 replaced by a self-consistent forgery: its own hash checks, but entry 3 no longer links to it.
    const forged = { ...entries[1], summary: '改过的摘要' }
    forged.hash = computeEntryHash(forged, forged.prevHash)
    const verdicts = verifyEntries([entries[0], forged, entries[2]])
    expect(verdicts.get(forged.id)).toBe('ok')
    expect(verdicts.get(entries[2].id)).toBe('broken-link')
  })

  it('marks the newest entry when it differs from the published chain head', () => {
    const entries = chain(2)
    const verdicts = verifyEntries(entries, { serial: 2, hash: 'f'.repeat(64) })
    expect(verdicts.get(entries[1].id)).toBe('head-mismatch')
  })

  it('reports nothing verified for an empty list', () => {
    expect(allVerified(verifyEntries([]))).toBe(false)
  })
})
