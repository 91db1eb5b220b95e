import { DAY_MS } from '../reports/routing/sla';

/** The median of a list of numbers; null when it is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Days from one instant to another, to one decimal. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round(((to.getTime() - from.getTime()) / DAY_MS) * 10) / 10;
}

/** Median days from `start` to `end` over the rows where `end` is set, to one decimal; null when none is. */
export function medianDays<T>(rows: readonly T[], start: (r: T) => Date, end: (r: T) => Date | null): number | null {
  const days = rows.flatMap((r) => {
    const e = end(r);
    return e ? [(e.getTime() - start(r).getTime()) / DAY_MS] : [];
  });
  const m = median(days);
  return m === null ? null : Math.round(m * 10) / 10;
}
