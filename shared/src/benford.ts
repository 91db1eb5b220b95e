/**
 * Benford's law on first digits, as the supervision rules use it (issue 5, rule 9): the share of
 * amounts starting with each digit 1–9 against log10(1 + 1/d), summarised by Nigrini's mean
 * absolute deviation (MAD) and judged by his first-digit bands.
 */

/** Benford's expected share of first digit d (1–9), index 0 is digit 1. */
export const BENFORD_EXPECTED: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => Math.log10(1 + 1 / d));

/** Nigrini's first-digit MAD bands (Forensic Analytics, 2011): upper bounds of each band. */
export const BENFORD_MAD_BANDS = { close: 0.006, acceptable: 0.012, marginal: 0.015 } as const;
export type BenfordConformity = 'close' | 'acceptable' | 'marginal' | 'nonconforming';

/** Fewer amounts than this say nothing reliable about a distribution. */
export const BENFORD_MIN_COUNT = 300;

/** The first significant digit (1–9) of a positive whole amount in fen, or null for 0 / not an amount. */
export function firstDigit(amountFen: number): number | null {
  if (!Number.isSafeInteger(amountFen) || amountFen === 0) return null;
  let n = Math.abs(amountFen);
  while (n >= 10) n = Math.floor(n / 10);
  return n;
}

/** How many amounts start with each digit: counts[0] is digit 1 … counts[8] digit 9. */
export function firstDigitCounts(amountsFen: Iterable<number>): number[] {
  const counts = new Array<number>(9).fill(0);
  for (const a of amountsFen) {
    const d = firstDigit(a);
    if (d !== null) counts[d - 1]++;
  }
  return counts;
}

export interface BenfordResult {
  count: number;
  /** Observed share of each first digit 1–9. */
  observed: number[];
  mad: number;
  conformity: BenfordConformity;
}

/** The MAD of first-digit counts against Benford, and its band; null below BENFORD_MIN_COUNT amounts. */
export function benfordTest(counts: readonly number[], minCount = BENFORD_MIN_COUNT): BenfordResult | null {
  if (counts.length !== 9) throw new Error('benfordTest needs 9 counts (digits 1–9)');
  const count = counts.reduce((s, c) => s + c, 0);
  if (count < minCount || count === 0) return null;
  const observed = counts.map((c) => c / count);
  const mad = observed.reduce((s, p, i) => s + Math.abs(p - BENFORD_EXPECTED[i]), 0) / 9;
  return { count, observed, mad, conformity: benfordConformity(mad) };
}

export function benfordConformity(mad: number): BenfordConformity {
  if (mad <= BENFORD_MAD_BANDS.close) return 'close';
  if (mad <= BENFORD_MAD_BANDS.acceptable) return 'acceptable';
  if (mad <= BENFORD_MAD_BANDS.marginal) return 'marginal';
  return 'nonconforming';
}
