import { AWARD_METHOD_LABELS, PUBLIC_AWARD_METHODS } from '@mingbai/shared';
import type { AwardMethod } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { contractEvidence, contractName, readContract, Row, yuan } from './evidence';
import { placeholders } from '../sql-dialect';
import { contractColumns, contractInForce } from './sql/contracts';

/** Large contracts not awarded publicly: contracts in force, by award method and total rent. */
export const contractNoTenderRule: SupervisionRule = {
  id: 'contract-no-tender',
  title: '大额合同未公开招标',
  explanation:
    '合同总租金达到限额（默认 5 万元），却不是通过公开招标或公开竞价确定承租方、承包方，而是协商议价或直接发包。' +
    '集体资产资源的出租、发包应当公开、公平、公正，大额合同私下协商，容易低价给关系人、造成集体资产流失。',
  severity: 'high',
  params: [{ key: 'thresholdFen', label: '须公开招标的合同总租金', kind: 'fen', defaultValue: 5_000_000, min: 100, max: 1_000_000_000_000 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { thresholdFen } = ctx.params;
    const rows: Row[] = await ctx.em.query(
      `SELECT ${contractColumns('c', 'a')}
         FROM contracts c LEFT JOIN assets a ON a.id = c.asset_id
        WHERE ${contractInForce('c')} AND c.award_method NOT IN (${placeholders(PUBLIC_AWARD_METHODS)})
          AND c.total_rent_fen >= ? AND ${ctx.scope.sql('c.village_id')}
        ORDER BY c.id`,
      [...PUBLIC_AWARD_METHODS, thresholdFen, ...ctx.scope.params],
    );
    return rows.map((r) => {
      const c = readContract(r);
      const method = AWARD_METHOD_LABELS[c.awardMethod as AwardMethod] ?? c.awardMethod;
      return {
        subjectType: 'contract',
        subjectId: c.id,
        period: '',
        villageId: c.villageId,
        amountFen: c.totalRentFen,
        summary: `${contractName(c)}总租金 ${yuan(c.totalRentFen)} 元，达到 ${yuan(thresholdFen)} 元却以“${method}”方式确定，未公开招标`,
        evidence: [contractEvidence(c)],
        facts: { contractId: c.id, totalRentFen: c.totalRentFen, awardMethod: c.awardMethod, thresholdFen },
      };
    });
  },
};
