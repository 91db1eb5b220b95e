import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { yuan } from './evidence';
import { entryFinding, flaggedPayments } from './payment-findings';

/** Large cash payments (大额现金支付), found by one scan of the payments (flaggedPayments). */
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
    const payments = await flaggedPayments(ctx, `p.payment_method = 'cash' AND p.amount_fen > ?`, [limitFen]);
    return payments.map((e) =>
      entryFinding(e, `${e.occurredOn} 以现金向${e.payee}支付 ${yuan(e.amountFen)} 元，超过现金支付限额 ${yuan(limitFen)} 元`, {
        limitFen,
      }),
    );
  },
};
