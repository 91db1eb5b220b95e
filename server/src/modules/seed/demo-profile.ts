import { COOPERATIVES, FACTORY_TENANTS, FOREST_TENANTS, ORG, personName } from './demo-names';
import type { Rng } from './prng';

/** What a village owns and who it deals with, fixed for the whole demo ledger so rents repeat. */
export interface VillageProfile {
  cadres: { name: string; monthlyFen: number }[];
  cleaner: { name: string; monthlyFen: number };
  operatingFundFen: number;
  fishPond: { tenant: string; yearlyFen: number; month: number } | null;
  forest: { tenant: string; yearlyFen: number; month: number } | null;
  factory: { tenant: string; quarterlyFen: number } | null;
  /** Tenants of the village's shops (the rent follows from each shop's area, demo-registers.ts). */
  shops: { tenant: string }[];
  solar: { monthlyFen: number } | null;
  dividendFrom: string | null;
  /** People the village pays for odd jobs (repairs, ditch clearing, greenery). */
  workers: string[];
}

/**
 * `stratum` in [0, 1): the village's place among its town's villages. Wages are paid every month or
 * quarter, so they weigh heavily in a town's spending: the cleaners' pay is spread evenly (on a log
 * scale) over the town's villages and the cadres' over their range, so that the town's amounts
 * follow Benford's law as a real town's do.
 */
export function villageProfile(rng: Rng, stratum = rng.float()): VillageProfile {
  // 1,000–3,162 yuan a month for the cleaner, 1,054–3,333 for each cadre (the highest is the head).
  const cadres = Array.from({ length: rng.int(3, 5) }, () => ({ name: personName(rng), monthlyFen: rng.logYuan(1_054, 3_333, 10) })).sort((a, b) => b.monthlyFen - a.monthlyFen);
  const cleanerFen = Math.round(10 ** (3 + 0.5 * ((stratum + rng.float() * 0.08) % 1)) / 10) * 1000;
  const profile: VillageProfile = {
    cadres,
    cleaner: { name: personName(rng), monthlyFen: cleanerFen },
    operatingFundFen: rng.yuan(30_000, 55_000, 1000),
    fishPond: rng.chance(0.6) ? { tenant: personName(rng), yearlyFen: rng.yuan(8_000, 40_000, 500), month: rng.pick([1, 3]) } : null,
    forest: rng.chance(0.6) ? { tenant: rng.pick(FOREST_TENANTS), yearlyFen: rng.yuan(20_000, 90_000, 1000), month: rng.pick([2, 4, 11]) } : null,
    factory: rng.chance(0.45) ? { tenant: rng.pick(FACTORY_TENANTS), quarterlyFen: rng.yuan(15_000, 60_000, 500) } : null,
    shops: Array.from({ length: rng.chance(0.5) ? rng.int(1, 3) : 0 }, () => ({ tenant: personName(rng) })),
    solar: rng.chance(0.5) ? { monthlyFen: rng.yuan(2_500, 7_000) } : null,
    dividendFrom: rng.chance(0.7) ? rng.pick([ORG.strongVillage, ...COOPERATIVES]) : null,
    workers: Array.from({ length: 4 }, () => personName(rng)),
  };
  return profile;
}
