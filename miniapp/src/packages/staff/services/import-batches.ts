import { useEffect, useState } from 'react'
import { staffApi, type ImportBatchView, type StaffEntryListItem } from './staff'

/**
 * The import batches that entries in the approval queue belong to. The API has no list of
 * batches, so they are found through the entries' `importBatchId` and looked up one by one.
 */
export function useImportBatches(entries: StaffEntryListItem[]) {
  const [batches, setBatches] = useState<Map<number, ImportBatchView>>(new Map())
  const [version, setVersion] = useState(0)
  const ids = [...new Set(entries.map((e) => e.importBatchId).filter((id): id is number => id !== null))].sort((a, b) => a - b)
  const key = ids.join(',')
  useEffect(() => {
    let alive = true
    for (const id of ids) {
      staffApi.importBatch(id).then(
        (b) => alive && setBatches((m) => new Map(m).set(id, b)),
        () => undefined,
      )
    }
    return () => {
      alive = false
    }
  }, [key, version])
  return {
    /** Batches with entries still waiting for approval, oldest first. */
    waiting: ids.map((id) => batches.get(id)).filter((b): b is ImportBatchView => !!b && b.counts.submitted > 0),
    refresh: () => setVersion((v) => v + 1),
  }
}
