import type { ChartVersion, Direction } from '@mingbai/shared'
import { request } from './request'

export interface ChartAccount {
  code: string
  name: string
  direction: Direction | null
  level: number
}

export interface Chart {
  version: ChartVersion
  title: string
  source: string
  verified: boolean
  accounts: ChartAccount[]
}

const cache = new Map<ChartVersion, Chart>()

/** The chart of accounts (科目表) of one version; it never changes while the app runs. */
export async function loadChart(version: ChartVersion): Promise<Chart> {
  const hit = cache.get(version)
  if (hit) return hit
  const chart = await request<Chart>(`/chart?version=${version}`, { auth: false })
  cache.set(version, chart)
  return chart
}

/** The accounts an entry of this direction may use (both directions when none is given). */
export function entrySubjects(chart: Chart, direction?: Direction): ChartAccount[] {
  return chart.accounts.filter((a) => a.direction !== null && (!direction || a.direction === direction))
}
