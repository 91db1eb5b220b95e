import { DEMO_VILLAGE_CODE, THRESHOLD_TOWN_CODE, type DemoVillage } from './demo-regions';
import { villageProfile } from './demo-profile';
import { villagePlan, type PlanItem, type PlanOptions } from './demo-plan';
import { villageRegisters, withRequiredAssets, type VillageRegisters } from './demo-registers';
import { BENFORD_TOWN_CODE, DEMO_QUIRKS, benfordSkew, type AnomalyContext } from './demo-anomalies';
import { demoHolidays } from './demo-holidays';
import { Rng } from './prng';

export interface DemoCounty {
  seed: number;
  villages: DemoVillage[];
  ledgerStart: string;
  today: string;
  /** Statutory days off of the demo period. */
  holidays: ReadonlyMap<string, string>;
}

/** Which correction (红字冲销) a village shows. */
const CORRECTIONS: Record<number, PlanOptions['correction']> = { 0: 'duplicate', 12: 'duplicate', 20: 'wrong-amount' };

export function demoCounty(seed: number, villages: DemoVillage[], ledgerStart: string, today: string): DemoCounty {
  return { seed, villages, ledgerStart, today, holidays: demoHolidays(ledgerStart, today) };
}

/**
 * Everything the demo has of village `i` before it is written: its registers and its ledger plan
 * (ordinary entries, rent received, planted anomalies), all from the seed number and today.
 */
export function planDemoVillage(c: DemoCounty, i: number): { plan: PlanItem[]; registers: VillageRegisters } {
  const v = c.villages[i];
  const { seed, ledgerStart, today, holidays } = c;
  const quirks = DEMO_QUIRKS[i] ?? { registers: {} };
  const town = c.villages.filter((w) => w.townCode === v.townCode);
  const stratum = (town.indexOf(v) + Rng.derive(seed, 10, Number(v.townCode.slice(6, 9))).float()) / town.length;
  const profile = withRequiredAssets(Rng.derive(seed, 7, i), villageProfile(Rng.derive(seed, 3, i), stratum % 1), quirks.registers);
  const registers = villageRegisters(Rng.derive(seed, 8, i), profile, { ledgerStart, today, quirks: quirks.registers });
  const ctx: AnomalyContext = { today, ledgerStart, holidays, profile };
  const shapes = [quirks.shape?.(ctx), v.townCode === BENFORD_TOWN_CODE ? benfordSkew(ctx) : undefined].filter((f) => f !== undefined);
  const plan = villagePlan(Rng.derive(seed, 2, i), profile, {
    ledgerStart,
    today,
    isThresholdTown: v.townCode === THRESHOLD_TOWN_CODE,
    isDemoVillage: v.code === DEMO_VILLAGE_CODE,
    correction: CORRECTIONS[i] ?? null,
    extra: [...registers.payments, ...(quirks.ledger?.(ctx) ?? [])],
    holidays: new Set(holidays.keys()),
    shape: shapes.length ? (rng, items) => shapes.forEach((f) => f(rng, items)) : undefined,
  });
  return { plan, registers };
}
