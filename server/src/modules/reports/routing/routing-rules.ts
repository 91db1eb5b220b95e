import type { RegionLevel } from '@mingbai/shared';
import type { SlaSettings } from './sla';

/** What routing needs of a region (a Region row fits). */
export interface RoutingRegion {
  id: number;
  level: RegionLevel;
  path: string;
  slaAcceptWorkingDays: number | null;
  slaConcludeDays: number | null;
  reportEscalateAmountFen: number | null;
}

type Setting = 'slaAcceptWorkingDays' | 'slaConcludeDays' | 'reportEscalateAmountFen';

/** The region ids of a path "/1/4/17/" from the top down. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * The value of a supervision setting for a region: its own when set, else the nearest ancestor's
 * that is set, else null. `nearestFirst` is the region itself followed by its ancestors upwards.
 */
export function nearestSetting(nearestFirst: readonly RoutingRegion[], key: Setting): number | null {
  for (const r of nearestFirst) {
    const v = r[key];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

/** The SLA of an office: the nearest setting on its path upwards, else the installation's defaults. */
export function resolveSla(officeNearestFirst: readonly RoutingRegion[], defaults: SlaSettings): SlaSettings {
  return {
    acceptWorkingDays: nearestSetting(officeNearestFirst, 'slaAcceptWorkingDays') ?? defaults.acceptWorkingDays,
    concludeDays: nearestSetting(officeNearestFirst, 'slaConcludeDays') ?? defaults.concludeDays,
  };
}

export interface OfficeChoice {
  office: RoutingRegion;
  escalated: boolean;
}

export interface OfficeInput {
  /** The village followed by its ancestors upwards (village, town, county, city). */
  villageNearestFirst: readonly RoutingRegion[];
  /** The category is configured to go to the county. */
  categoryEscalates: boolean;
  /** The amount of the linked entry or contract, when there is one. */
  subjectAmountFen: number | null;
}

/**
 * The discipline office of a report: the village's town; the county instead when the category
 * escalates or the subject's amount reaches the nearest `reportEscalateAmountFen` on the village's
 * path. A village with no town above it goes to its county; an escalation with no county above
 * stays with the town (and is then not escalated).
 */
export function chooseOffice(input: OfficeInput): OfficeChoice {
  const above = input.villageNearestFirst.slice(1);
  const town = above.find((r) => r.level === 'town') ?? null;
  const county = above.find((r) => r.level === 'county') ?? null;
  const threshold = nearestSetting(input.villageNearestFirst, 'reportEscalateAmountFen');
  const byAmount = input.subjectAmountFen !== null && threshold !== null && input.subjectAmountFen >= threshold;
  if ((input.categoryEscalates || byAmount) && county) return { office: county, escalated: true };
  if (town) return { office: town, escalated: false };
  if (county) return { office: county, escalated: false };
  throw new Error('the village has neither a town nor a county above it');
}
