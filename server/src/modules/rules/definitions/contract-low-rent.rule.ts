import { ASSET_KIND_LABELS } from '@mingbai/shared';
import type { AssetKind } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { contractEvidence, contractName, figure, num, readContract, Row, yuan } from './evidence';
import { contractColumns, contractInForce } from './sql/contracts';

/**
 * Rent far below comparable contracts. Each contract in force on an asset with an area gets an
 * annual rent per m² (a custom schedule's total rent spread over its term); within a village and
 * asset kind the rates are ranked with window functions, and the median of the OTHER contracts is
 * read from the one or two ranks it falls on (ranks after the contract's own shift by one). All in
 * one statement: no rates leave the database except the findings'.
 */
export const contractLowRentRule: SupervisionRule = {
  id: 'contract-low-rent',
  title: '租金明显低于同类资产',
  explanation:
    '把每份合同的年租金折算成每平方米的单价，和本村同一类资产（同是鱼塘、同是厂房、同是耕地……）其他已生效合同的中位数比较，' +
    '低于中位数的一定比例（默认一半）就预警；本村同类合同少于规定份数（默认 3 份）的不比较。' +
    '租金远低于同类，可能是优亲厚友、暗箱操作造成集体收入流失，也可能有正当原因（位置偏、需要承租方大量投入），需要核实。',
  severity: 'medium',
  params: [
    { key: 'ratio', label: '低于中位数的比例', kind: 'ratio', defaultValue: 0.5, min: 0.05, max: 1 },
    { key: 'minComparables', label: '至少要有几份可比合同', kind: 'count', defaultValue: 3, min: 1, max: 100 },
  ],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { ratio, minComparables } = ctx.params;
    const area = 'COALESCE(c.area_m2, a.area_m2)';
    const annual = `COALESCE(c.annual_rent_fen, c.total_rent_fen * 365.0 / (${ctx.dialect.daysBetween('c.start_on', 'c.end_on')} + 1))`;
    // Median of the n - 1 others: their ranks floor(n/2) and floor((n-1)/2) + 1, shifted past the contract's own.
    const lo = '(k.n - k.n % 2) / 2';
    const hi = '((k.n - 1) - (k.n - 1) % 2) / 2 + 1';
    const rank = (pos: string) => `CASE WHEN ${pos} < k.rk THEN ${pos} ELSE ${pos} + 1 END`;
    const rows: Row[] = await ctx.em.query(
      `WITH rated AS (
         SELECT c.id AS id, c.village_id AS village_id, a.kind AS asset_kind, ${area} AS area,
                ${annual} * 1.0 / ${area} AS rate
           FROM contracts c JOIN assets a ON a.id = c.asset_id
          WHERE ${contractInForce('c')} AND ${area} > 0 AND ${ctx.scope.sql('c.village_id')}
       ), ranked AS (
         SELECT r.id, r.village_id, r.asset_kind, r.area, r.rate,
                ROW_NUMBER() OVER (PARTITION BY r.village_id, r.asset_kind ORDER BY r.rate, r.id) AS rk,
                COUNT(*) OVER (PARTITION BY r.village_id, r.asset_kind) AS n
           FROM rated r
       )
       SELECT ${contractColumns('c', 'a')}, k.area AS area, k.rate AS rate, k.n - 1 AS comparables,
              lo.rate AS lo_rate, hi.rate AS hi_rate
         FROM ranked k
         JOIN ranked lo ON lo.village_id = k.village_id AND lo.asset_kind = k.asset_kind AND lo.rk = ${rank(lo)}
         JOIN ranked hi ON hi.village_id = k.village_id AND hi.asset_kind = k.asset_kind AND hi.rk = ${rank(hi)}
         JOIN contracts c ON c.id = k.id
         JOIN assets a ON a.id = c.asset_id
        WHERE k.n - 1 >= ? AND k.rate * 2 < ? * (lo.rate + hi.rate)
        ORDER BY c.id`,
      [...ctx.scope.params, minComparables, ratio],
    );
    return rows.map((r) => {
      const c = readContract(r);
      const rate = num(r.rate);
      const median = (num(r.lo_rate) + num(r.hi_rate)) / 2;
      const areaM2 = num(r.area);
      const comparables = num(r.comparables);
      const shortfall = Math.round((median - rate) * areaM2);
      const share = median > 0 ? Math.round((rate / median) * 100) : 0;
      const kind = ASSET_KIND_LABELS[c.assetKind as AssetKind] ?? '';
      const perM2 = (fen: number) => (fen / 100).toFixed(2);
      return {
        subjectType: 'contract',
        subjectId: c.id,
        period: '',
        villageId: c.villageId,
        amountFen: shortfall,
        summary:
          `${contractName(c)}年租金折合每平方米 ${perM2(rate)} 元，只有本村同类资产（${kind}）其他 ${comparables} 份合同中位数 ` +
          `${perM2(median)} 元的 ${share}%，按中位数计每年少收约 ${yuan(shortfall)} 元`,
        evidence: [
          contractEvidence(c),
          figure(`本合同 ${areaM2} 平方米，每平方米年租金 ${perM2(rate)} 元`),
          figure(`本村${kind}其他 ${comparables} 份合同每平方米年租金中位数 ${perM2(median)} 元`),
        ],
        facts: {
          contractId: c.id,
          areaM2,
          rateFenPerM2: Math.round(rate * 100) / 100,
          medianFenPerM2: Math.round(median * 100) / 100,
          comparables,
          ratio,
          shortfallFenPerYear: shortfall,
        },
      };
    });
  },
};
