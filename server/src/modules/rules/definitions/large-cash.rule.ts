import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { entryEvidence, entryFacts, readEntry, Row, yuan } from './evidence';
import { entryColumns, payment, paymentsFrom, selectInOrder } from './sql/entries';

/**
 * Large cash payments (大额现金支付): the ids from one scan of the payments in scope on the covering
 * payee index (DISTINCT keeps the derived table from being merged into a scan of whole rows), then
 * the few found rows by primary key.
 */
export const largeCashRule: SupervisionRule = {
  id: 'large-cash',
  title: '大额现金支付',
  explanation:
    '单笔用现金支付的支出超过限额（默认 2,000 元）。大额支出应当通过银行转账，钱付给了谁有据可查；' +
    '现金支付难以核实收款人和用途，容易被截留、虚报。《现金管理暂行条例》规定单位之间一千元以上的结算原则上应当转账。',
  severity: 'medium',
  params: [{ key: 'limitFen', label: '现金支付限额', kind: 'fen', defaultValue: 200_000, min: 100, max: 1_000_000_000_000 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { limitFen } = ctx.params;
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}${entryColumns('e')}
         FROM (SELECT DISTINCT p.id AS id FROM ${paymentsFrom(ctx, 'p')}
                WHERE ${payment('p')} AND p.payment_method = 'cash' AND p.amount_fen > ? AND ${ctx.scope.sql('p.village_id')}) x
         JOIN entries e ON e.id = x.id`,
      [limitFen, ...ctx.scope.params],
    );
    return rows.map((r) => {
      const e = readEntry(r);
      return {
        subjectType: 'entry',
        subjectId: e.id,
        period: '',
        villageId: e.villageId,
        amountFen: e.amountFen,
        summary: `${e.occurredOn} 以现金向${e.payee}支付 ${yuan(e.amountFen)} 元，超过现金支付限额 ${yuan(limitFen)} 元`,
        evidence: [entryEvidence(e)],
        facts: { ...entryFacts(e), limitFen },
      };
    });
  },
};
