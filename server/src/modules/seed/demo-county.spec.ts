import { BENFORD_MAD_BANDS, benfordTest, compareProportions, firstDigitCounts, isRoundAmount, todayInChina } from '@mingbai/shared';
import { DEMO_TOWNS, demoVillages } from './demo-regions';
import { BENFORD_TOWN_CODE } from './demo-anomalies';
import { demoCounty, planDemoVillage } from './demo-village';
import type { PlanItem } from './demo-plan';
import { Rng } from './prng';

/** The village planted with round figures (大坪村). */
const ROUND_VILLAGE = 16;

/** What the rules count as payments: published expenses, neither reversed nor reversals. */
function payments(plan: PlanItem[]): PlanItem[] {
  const reversed = new Set(plan.filter((e) => e.reverses && e.fate === 'published').map((e) => e.reverses!));
  return plan.filter((e) => e.fate === 'published' && e.direction === 'expense' && !e.reverses && !reversed.has(e));
}

/**
 * The statistical rules judge the ordinary ledger as a whole, so the demo's ordinary spending must
 * pass them (and the planted town and village fail them) for the seeds the demo and the tests use,
 * whatever day it is seeded on. The rules' own queries check the rest in test/seed.int-spec.ts.
 */
describe.each([
  [20260301, todayInChina()],
  [4242, todayInChina()],
  [20260301, '2027-01-10'],
  [4242, '2027-07-01'],
])('the demo ledger of seed %i seeded on %s, as the statistical rules see it', (seed, today) => {
  const ledgerStart = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const years = [ledgerStart.slice(0, 4), today.slice(0, 4)];
  const villages = demoVillages(Rng.derive(seed, 1));
  const county = demoCounty(seed, villages, ledgerStart, today);
  const paid = villages.map((_, i) => payments(planDemoVillage(county, i).plan));
  const inYear = (list: PlanItem[], year: string) => list.filter((e) => e.occurredOn.startsWith(year));

  it("pools each town-year's first digits as Benford's law expects, except the planted town's first year", () => {
    const offenders: string[] = [];
    for (const town of DEMO_TOWNS)
      for (const year of years) {
        const amounts = inYear(
          paid.flatMap((list, i) => (villages[i].townCode === town.code ? list : [])),
          year,
        ).map((e) => e.amountFen);
        const result = benfordTest(firstDigitCounts(amounts));
        const planted = town.code === BENFORD_TOWN_CODE && year === years[0];
        // a whole year conforms; the fewer payments of the current year scatter more
        const limit = year === years[0] ? BENFORD_MAD_BANDS.marginal : 0.02;
        if (planted ? !(result && result.mad > BENFORD_MAD_BANDS.marginal) : result && result.mad > limit)
          offenders.push(`${town.name} ${year}: ${result?.mad}`);
      }
    expect(offenders).toEqual([]);
  });

  it('gives only the planted village an unusual share of round amounts against its town', () => {
    const unusual: string[] = [];
    for (const year of years)
      villages.forEach((v, i) => {
        const own = inYear(paid[i], year);
        const town = inYear(
          paid.flatMap((list, j) => (j !== i && villages[j].townCode === v.townCode ? list : [])),
          year,
        );
        const round = (list: PlanItem[]) => list.filter((e) => isRoundAmount(e.amountFen)).length;
        const c = compareProportions(round(own), own.length, round(town), town.length);
        // the rule's defaults: at least 30 payments, z ≥ 3, 1.5 times the town's share
        if (own.length >= 30 && c && c.z >= 3 && c.share >= 1.5 * c.baseShare) unusual.push(`${i}/${year}`);
      });
    expect(unusual.length).toBeGreaterThan(0);
    expect(unusual.every((u) => u.startsWith(`${ROUND_VILLAGE}/`))).toBe(true);
  });
});
