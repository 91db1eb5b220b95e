/**
 * Round amounts (整数金额) for the supervision rules (issue 5, rule 10): invented or estimated
 * figures tend to be round, so a village whose share of round amounts is far above its town's
 * deserves a look. The comparison is a two-proportion z-test.
 */

/** 100 yuan in fen: an amount that is a whole multiple of this counts as round by default. */
export const DEFAULT_ROUND_UNIT_FEN = 10_000;

/** Whether an amount in fen is a non-zero whole multiple of `unitFen`. */
export function isRoundAmount(amountFen: number, unitFen = DEFAULT_ROUND_UNIT_FEN): boolean {
  if (!Number.isSafeInteger(amountFen) || amountFen === 0 || !Number.isSafeInteger(unitFen) || unitFen <= 0) return false;
  return amountFen % unitFen === 0;
}

export interface ProportionComparison {
  share: number;
  baseShare: number;
  /** Positive when `share` is above the base. */
  z: number;
}

/**
 * Compares `hits / n` (a village) with `baseHits / baseN` (its town, the village excluded) by the
 * pooled two-proportion z statistic; null when either group is empty or the pooled share is 0 or 1.
 */
export function compareProportions(hits: number, n: number, baseHits: number, baseN: number): ProportionComparison | null {
  if (n <= 0 || baseN <= 0) return null;
  const share = hits / n;
  const baseShare = baseHits / baseN;
  const pooled = (hits + baseHits) / (n + baseN);
  if (pooled <= 0 || pooled >= 1) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / baseN));
  return { share, baseShare, z: (share - baseShare) / se };
}
