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
  shops: { tenant: string; monthlyFen: number }[];
  solar: { monthlyFen: number } | null;
  dividendFrom: string | null;
  /** People the village pays for odd jobs (repairs, ditch clearing, greenery). */
  workers: string[];
}

export function villageProfile(rng: Rng): VillageProfile {
  const cadres = Array.from({ length: rng.int(3, 5) }, (_, i) => ({ name: personName(rng), monthlyFen: rng.yuan(i === 0 ? 3200 : 2200, i === 0 ? 4500 : 3200, 100) }));
  const profile: VillageProfile = {
    cadres,
    cleaner: { name: personName(rng), monthlyFen: rng.yuan(1800, 2600, 100) },
    operatingFundFen: rng.yuan(30_000, 55_000, 1000),
    fishPond: rng.chance(0.6) ? { tenant: personName(rng), yearlyFen: rng.yuan(8_000, 40_000, 500), month: rng.pick([1, 3]) } : null,
    forest: rng.chance(0.6) ? { tenant: rng.pick(FOREST_TENANTS), yearlyFen: rng.yuan(20_000, 90_000, 1000), month: rng.pick([2, 4, 11]) } : null,
    factory: rng.chance(0.45) ? { tenant: rng.pick(FACTORY_TENANTS), quarterlyFen: rng.yuan(15_000, 60_000, 500) } : null,
    shops: Array.from({ length: rng.chance(0.5) ? rng.int(1, 3) : 0 }, () => ({ tenant: personName(rng), monthlyFen: rng.yuan(1_500, 5_000, 100) })),
    solar: rng.chance(0.5) ? { monthlyFen: rng.yuan(2_500, 7_000) } : null,
    dividendFrom: rng.chance(0.7) ? rng.pick([ORG.strongVillage, ...COOPERATIVES]) : null,
    workers: Array.from({ length: 4 }, () => personName(rng)),
  };
  return profile;
}
