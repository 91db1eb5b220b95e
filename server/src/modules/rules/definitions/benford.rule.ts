import { BENFORD_EXPECTED, benfordTest } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { figure, num, Row, str } from './evidence';
import { payment } from './sql/entries';

/**
 * Benford's law per town and year. The database counts payments by town, year and first digit
 * (one GROUP BY over the payments of the towns in scope); Node finishes the test with the shared
 * benfordTest (Nigrini's MAD). A town-wide warning: subject 'village' with the town's id.
 */
export const benfordRule: SupervisionRule = {
  id: 'benford',
  title: '支出金额首位数字异常（本福特定律）',
  explanation:
    '自然发生的金额里，首位数字是 1 的约占 30%，是 9 的不到 5%，这叫本福特定律；人为编造的金额往往不符合这个规律。' +
    '系统把一个乡镇一年里所有村已公开的支出金额放在一起（不少于 300 笔才检验），' +
    '用平均绝对偏差（MAD）衡量实际分布和定律的差距，超过 0.015 即按 Nigrini 的标准属于“不符合”。' +
    '这只是统计上的提示，说明值得抽查，不能单凭它认定有问题。',
  severity: 'low',
  params: [
    { key: 'minCount', label: '至少多少笔才检验', kind: 'count', defaultValue: 300, min: 100, max: 1_000_000 },
    { key: 'madLimit', label: '平均绝对偏差（MAD）上限', kind: 'ratio', defaultValue: 0.015, min: 0.001, max: 0.1 },
  ],
  incremental: false,
  level: 'town',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { minCount, madLimit } = ctx.params;
    const year = ctx.dialect.year('e.occurred_on');
    const digit = `SUBSTR(${ctx.dialect.asText('e.amount_fen')}, 1, 1)`;
    const rows: Row[] = await ctx.em.query(
      `SELECT v.parent_id AS town_id, t.name AS town_name, ${year} AS yr, ${digit} AS digit, COUNT(*) AS n
         FROM entries e
         JOIN regions v ON v.id = e.village_id
         JOIN regions t ON t.id = v.parent_id
        WHERE ${payment('e')} AND ${ctx.scope.sql('v.parent_id')}
        GROUP BY v.parent_id, t.name, ${year}, ${digit}`,
      [...ctx.scope.params],
    );
    const groups = new Map<string, { townId: number; townName: string; year: string; counts: number[] }>();
    for (const r of rows) {
      const d = Number(str(r.digit));
      if (!(d >= 1 && d <= 9)) continue;
      const key = `${num(r.town_id)}|${str(r.yr)}`;
      const g = groups.get(key) ?? { townId: num(r.town_id), townName: str(r.town_name), year: str(r.yr), counts: new Array<number>(9).fill(0) };
      g.counts[d - 1] += num(r.n);
      groups.set(key, g);
    }
    const findings: Finding[] = [];
    for (const g of groups.values()) {
      const result = benfordTest(g.counts, minCount);
      if (!result || result.mad <= madLimit) continue;
      const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
      const mad = Math.round(result.mad * 10_000) / 10_000;
      const facts: Record<string, number | string | null> = { townId: g.townId, year: g.year, count: result.count, mad, madLimit };
      result.observed.forEach((p, i) => (facts[`digit${i + 1}`] = Math.round(p * 10_000) / 10_000));
      findings.push({
        subjectType: 'village',
        subjectId: g.townId,
        period: g.year,
        villageId: g.townId,
        amountFen: null,
        summary:
          `${g.townName} ${g.year} 年各村 ${result.count} 笔支出金额的首位数字分布偏离本福特定律` +
          `（平均绝对偏差 ${mad.toFixed(4)}，超过 ${madLimit}）`,
        evidence: result.observed.map((p, i) => figure(`首位数字 ${i + 1}：实际 ${pct(p)}，按定律应约 ${pct(BENFORD_EXPECTED[i])}（${g.counts[i]} 笔）`)),
        facts,
      });
    }
    return findings;
  },
};
