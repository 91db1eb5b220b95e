import { useEffect, useState } from 'react'
import { villagesApi } from '../../../services/villages'

/** Names of the villages with these ids (public data), for approvers whose scope has several. */
export function useVillageNames(ids: number[]): Map<number, string> {
  const [names, setNames] = useState<Map<number, string>>(new Map())
  const key = [...new Set(ids)].sort((a, b) => a - b).join(',')
  useEffect(() => {
    let alive = true
    for (const id of key ? key.split(',').map(Number) : []) {
      if (names.has(id)) continue
      villagesApi.village(id).then(
        (v) => alive && setNames((m) => new Map(m).set(id, v.name)),
        () => undefined,
      )
    }
    return () => {
      alive = false
    }
  }, [key])
  return names
}
