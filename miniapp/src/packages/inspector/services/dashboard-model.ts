import type { DashboardDto, OfficeDto } from '@mingbai/shared'

const LEVEL_RANK: Record<OfficeDto['level'], number> = { town: 1, county: 2, city: 3 }

/**
 * The regions an inspector may look at on the dashboard: their own office's region first, then the
 * offices under it. The offices list also names the county above a town office (for transfers);
 * that one is outside the inspector's scope and left out.
 */
export function regionChoices(offices: OfficeDto[], ownRegionId: number | null): OfficeDto[] {
  const own = offices.find((o) => o.id === ownRegionId)
  if (!own) return offices
  const below = offices.filter((o) => o.id !== own.id && LEVEL_RANK[o.level] < LEVEL_RANK[own.level])
  return [own, ...below]
}

/** The headline figures: what is open, overdue and substantiated across reports and warnings. */
export function headline(d: DashboardDto) {
  return {
    overdue: d.overdue.warnings + d.overdue.reports,
    overdueNote: `预警 ${d.overdue.warnings} · 举报 ${d.overdue.reports}`,
    substantiated: d.substantiated.warnings + d.substantiated.reports,
    substantiatedNote: `预警 ${d.substantiated.warnings} · 举报 ${d.substantiated.reports}`,
  }
}
