import { addDays, CONTRACT_KIND_LABELS } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { contractEvidence, contractName, daysFrom, figure, num, readContract, Row } from './evidence';
import { contractColumns, contractInForce } from './sql/contracts';

/**
 * Terms beyond the legal maximum. The limit depends on the contract: a lease, a contracting of
 * forest land, any other contracting. A term exceeds N years when its last day falls after the
 * N-th anniversary of its first day (so 2025-01-01 to 2045-01-01 is within 20 years, to
 * 2045-01-02 is not); compared on the date text, which both databases read the same way.
 */
export const contractTermLimitRule: SupervisionRule = {
  id: 'contract-term-limit',
  title: '合同期限超过法定上限',
  explanation:
    '合同期限超过了法律规定的最长期限：租赁合同不得超过 20 年，超过部分无效（民法典第七百零五条）；' +
    '林地发包一般不超过 70 年，其他土地和资源发包一般不超过 30 年（参照农村土地承包法第二十一条：耕地承包期三十年，林地承包期三十年至七十年）。' +
    '期限过长的合同把集体资产长期锁定给一家，往往租金偏低，也让后来的村民失去了重新议价的机会。',
  severity: 'medium',
  params: [
    { key: 'leaseMaxYears', label: '租赁合同最长年限', kind: 'years', defaultValue: 20, min: 1, max: 100 },
    { key: 'contractingMaxYears', label: '发包合同最长年限（林地以外）', kind: 'years', defaultValue: 30, min: 1, max: 100 },
    { key: 'forestMaxYears', label: '林地发包最长年限', kind: 'years', defaultValue: 70, min: 1, max: 100 },
  ],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { leaseMaxYears, contractingMaxYears, forestMaxYears } = ctx.params;
    const rows: Row[] = await ctx.em.query(
      `SELECT x.* FROM (
         SELECT ${contractColumns('c', 'a')},
                CASE WHEN c.kind = 'lease' THEN ? WHEN a.kind = 'forest' THEN ? ELSE ? END AS max_years,
                SUBSTR(c.end_on, 1, 4) - SUBSTR(c.start_on, 1, 4) AS year_diff,
                SUBSTR(c.end_on, 6, 5) AS end_md, SUBSTR(c.start_on, 6, 5) AS start_md
           FROM contracts c LEFT JOIN assets a ON a.id = c.asset_id
          WHERE ${contractInForce('c')} AND ${ctx.scope.sql('c.village_id')}
       ) x
       WHERE x.year_diff > x.max_years OR (x.year_diff = x.max_years AND x.end_md > x.start_md)
       ORDER BY x.c_id`,
      [leaseMaxYears, forestMaxYears, contractingMaxYears, ...ctx.scope.params],
    );
    return rows.map((r) => {
      const c = readContract(r);
      const maxYears = num(r.max_years);
      const years = Math.round((daysFrom(c.startOn, addDays(c.endOn, 1)) / 365.2425) * 10) / 10;
      const what = c.kind === 'lease' ? '租赁合同' : c.assetKind === 'forest' ? '林地发包合同' : `${CONTRACT_KIND_LABELS[c.kind] ?? ''}合同`;
      const basis = c.kind === 'lease' ? '（民法典第七百零五条）' : '';
      return {
        subjectType: 'contract',
        subjectId: c.id,
        period: '',
        villageId: c.villageId,
        amountFen: null,
        summary: `${contractName(c)}期限约 ${years} 年，超过${what}最长 ${maxYears} 年的上限${basis}`,
        evidence: [contractEvidence(c), figure(`期限约 ${years} 年，上限 ${maxYears} 年`)],
        facts: { contractId: c.id, startOn: c.startOn, endOn: c.endOn, termYears: years, maxYears },
      };
    });
  },
};
