import { compareProportions } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { figure, num, Row, str, yuan } from './evidence';
import { payment } from './sql/entries';

/**
 * Round amounts per village and year against the rest of its town. The database counts, per
 * village and year, payments and round ones (amount a multiple of unitFen), for every village of
 * the towns that hold a village in scope (the town's share needs all of them); Node compares each
 * village in scope with the rest of its town by the shared two-proportion z statistic.
 */
export const roundAmountsRule: SupervisionRule = {
  id: 'round-amounts',
  title: '整数金额比例异常',
  explanation:
    '统计一个村一年的支出里整百元（单位可调）金额所占的比例，和同一乡镇其他村比较；' +
    '比例明显偏高（统计检验的 z 值不低于 3，而且比例不低于其他村的 1.5 倍）就预警，一年支出少于 30 笔的村不比较。' +
    '真实的发票、工资、材料款大多带零头，估算或编造的金额往往是整数；比例异常说明值得抽查凭证。',
  severity: 'low',
  params: [
    { key: 'unitFen', label: '整数单位', kind: 'fen', defaultValue: 10_000, min: 100, max: 100_000_000 },
    { key: 'minEntries', label: '一年至少多少笔才比较', kind: 'count', defaultValue: 30, min: 5, max: 1_000_000 },
    { key: 'zMin', label: '统计检验 z 值下限', kind: 'score', defaultValue: 3, min: 1, max: 10 },
    { key: 'ratioMin', label: '比例至少是其他村的几倍', kind: 'ratio', defaultValue: 1.5, min: 1, max: 10 },
  ],
  incremental: false,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { unitFen, minEntries, zMin, ratioMin } = ctx.params;
    const year = ctx.dialect.year('e.occurred_on');
    const rows: Row[] = await ctx.em.query(
      `SELECT e.village_id AS village_id, v.name AS village_name, v.parent_id AS town_id, ${year} AS yr,
              CASE WHEN ${ctx.scope.sql('e.village_id')} THEN 1 ELSE 0 END AS in_scope,
              COUNT(*) AS n, SUM(CASE WHEN e.amount_fen % ? = 0 THEN 1 ELSE 0 END) AS hits
         FROM entries e JOIN regions v ON v.id = e.village_id
        WHERE ${payment('e')}
          AND v.parent_id IN (SELECT s.parent_id FROM regions s WHERE s.level = 'village' AND ${ctx.scope.sql('s.id')})
        GROUP BY e.village_id, v.name, v.parent_id, ${year}`,
      [...ctx.scope.params, unitFen, ...ctx.scope.params],
    );
    const towns = new Map<string, { n: number; hits: number }>();
    for (const r of rows) {
      const key = `${num(r.town_id)}|${str(r.yr)}`;
      const t = towns.get(key) ?? { n: 0, hits: 0 };
      t.n += num(r.n);
      t.hits += num(r.hits);
      towns.set(key, t);
    }
    const findings: Finding[] = [];
    for (const r of rows) {
      const n = num(r.n);
      const hits = num(r.hits);
      if (num(r.in_scope) !== 1 || n < minEntries) continue;
      const town = towns.get(`${num(r.town_id)}|${str(r.yr)}`)!;
      const cmp = compareProportions(hits, n, town.hits - hits, town.n - n);
      if (!cmp || cmp.z < zMin || cmp.share < ratioMin * cmp.baseShare) continue;
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const villageId = num(r.village_id);
      const yr = str(r.yr);
      const z = Math.round(cmp.z * 100) / 100;
      findings.push({
        subjectType: 'village',
        subjectId: villageId,
        period: yr,
        villageId,
        amountFen: null,
        summary:
          `${str(r.village_name)} ${yr} 年 ${n} 笔支出中金额是 ${yuan(unitFen)} 元整数倍的占 ${pct(cmp.share)}（${hits} 笔），` +
          `同镇其他村为 ${pct(cmp.baseShare)}（z = ${z.toFixed(2)}）`,
        evidence: [
          figure(`本村 ${yr} 年支出 ${n} 笔，其中整数金额 ${hits} 笔，占 ${pct(cmp.share)}`),
          figure(`同镇其他村 ${yr} 年支出 ${town.n - n} 笔，其中整数金额 ${town.hits - hits} 笔，占 ${pct(cmp.baseShare)}`),
        ],
        facts: {
          year: yr,
          count: n,
          roundCount: hits,
          share: Math.round(cmp.share * 10_000) / 10_000,
          townCount: town.n - n,
          townRoundCount: town.hits - hits,
          townShare: Math.round(cmp.baseShare * 10_000) / 10_000,
          z,
          unitFen,
        },
      });
    }
    return findings;
  },
};
