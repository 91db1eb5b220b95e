import type { Rng } from './prng';

/**
 * A fictional county. 3599 is not a real province/city prefix, so demo codes never collide
 * with real division codes imported later.
 */
export const DEMO_CITY = { code: '359900000000', name: '示范市' };
export const DEMO_COUNTY = { code: '359901000000', name: '清溪县' };

export const DEMO_TOWNS = [
  { code: '359901001000', name: '青石镇', villages: ['石桥村', '溪口村', '上坂村', '枫林村', '竹山村', '龙潭村', '后垄村', '前洋村', '新丰村'] },
  { code: '359901002000', name: '白沙镇', villages: ['东岭村', '西坑村', '柳塘村', '茶园村', '杏花村', '凤岭村', '梅溪村', '大坪村'] },
  { code: '359901003000', name: '桃源乡', villages: ['岭头村', '双溪村', '里厝村', '田心村', '长岗村', '湖边村', '下洋村', '桂花村'] },
];

/** The town whose agent gives a second approval from this amount on (村账乡管), and the demo village in it. */
export const THRESHOLD_TOWN_CODE = '359901001000';
export const SECOND_APPROVAL_THRESHOLD_FEN = 5_000_000; // 50,000 yuan
export const DEMO_VILLAGE_CODE = '359901001001';

export interface DemoVillage {
  code: string;
  name: string;
  townCode: string;
  townName: string;
  openingBalanceFen: number;
}

export function demoVillages(rng: Rng): DemoVillage[] {
  return DEMO_TOWNS.flatMap((t) =>
    t.villages.map((name, i) => ({
      code: `${t.code.slice(0, 9)}${String(i + 1).padStart(3, '0')}`,
      name,
      townCode: t.code,
      townName: t.name,
      openingBalanceFen: rng.yuan(120_000, 1_500_000, 100) + rng.int(0, 99),
    })),
  );
}

/** The CSV RegionImportService takes: every village on the 2023 chart from `ledgerStart`. */
export function demoRegionCsv(villages: DemoVillage[], ledgerStart: string): string {
  const lines = ['code,name,opening_balance_fen,ledger_start,chart_version', `${DEMO_CITY.code},${DEMO_CITY.name},,,`, `${DEMO_COUNTY.code},${DEMO_COUNTY.name},,,`];
  for (const t of DEMO_TOWNS) lines.push(`${t.code},${t.name},,,`);
  for (const v of villages) lines.push(`${v.code},${v.name},${v.openingBalanceFen},${ledgerStart},2023`);
  return lines.join('\n');
}
