import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { yuan } from './evidence';
import { entryFinding, flaggedPayments } from './payment-findings';

/**
 * Payments without any voucher file (支出无凭证): an anti-join of the payments (covering payee
 * index) with IDX_attachments_entry, written as LEFT JOIN … IS NULL so that MariaDB probes the
 * index per payment (as NOT EXISTS it materialises every attachment's entry id first, a temporary
 * table on disk at a million attachments); then the few found rows by primary key (flaggedPayments).
 */
export const missingVoucherRule: SupervisionRule = {
  id: 'missing-voucher',
  title: '支出没有凭证',
  explanation:
    '已经公开的支出记账没有上传任何原始凭证（发票、收据、签收单、合同等照片或文件）。' +
    '《会计法》第十四条要求办理经济业务必须取得原始凭证；没有凭证的支出无法核实是否真实发生，也是村民最常质疑的地方。' +
    '可以设置起查金额，只看达到这个金额的支出。',
  severity: 'medium',
  params: [{ key: 'minAmountFen', label: '起查金额', kind: 'fen', defaultValue: 0, min: 0, max: 1_000_000_000_000 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { minAmountFen } = ctx.params;
    const payments = await flaggedPayments(
      ctx,
      'p.amount_fen >= ? AND a.id IS NULL',
      [minAmountFen],
      ' LEFT JOIN attachments a ON a.entry_id = p.id',
    );
    return payments.map((e) =>
      entryFinding(e, `${e.occurredOn} 向${e.payee}支付 ${yuan(e.amountFen)} 元的记账（第 ${e.serial} 号）已公开，但没有任何凭证`, {
        minAmountFen,
      }),
    );
  },
};
