import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { daysFrom, entryEvidence, readEntry, Row, yuan } from './evidence';
import type { EntryFacts } from './evidence';
import { dayNumber, entryColumns, payeeKey, payment, paymentsFrom, selectInOrder, wholeNumber } from './sql/entries';

/**
 * Duplicate payments (重复支付): pairs of payments to the same payee of the same village with the
 * same amount, the earlier at most windowDays before the later, and the same voucher number when
 * both carry one. A window function (a RANGE frame of windowDays back, partitioned by village,
 * payee and amount) picks the later payments that have any same-amount payment before them in one
 * sorted pass; an exact join on the payee index then pairs each with its earlier matches under the
 * voucher rule. The warning's subject is the later payment, with every earlier match as evidence.
 */
export const duplicatePaymentsRule: SupervisionRule = {
  id: 'duplicate-payments',
  title: '疑似重复支付',
  explanation:
    '同一个收款人、同一金额的两笔支出，前后相隔不超过若干天（默认 30 天）；两笔都填了凭证号的，凭证号相同才算。' +
    '这可能是同一张发票报销了两次、同一笔款付了两遍，也可能是虚构的支出，需要对照原始凭证核实。' +
    '只统计已公开、未被冲销的支出；预警挂在后一笔上。',
  severity: 'high',
  params: [{ key: 'windowDays', label: '相隔天数以内', kind: 'days', defaultValue: 30, min: 1, max: 366 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { windowDays } = ctx.params;
    const frame = `PARTITION BY p.village_id, p.payee_key, p.amount_fen ORDER BY p.d RANGE BETWEEN ${wholeNumber(windowDays)} PRECEDING AND CURRENT ROW`;
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}${entryColumns('f')}, ${entryColumns('e', 'p_')}
         FROM (
           SELECT w.id FROM (
             SELECT p.id, COUNT(*) OVER (${frame}) AS window_count
               FROM (
                 SELECT e.id AS id, e.village_id AS village_id, e.amount_fen AS amount_fen,
                        ${payeeKey(ctx, 'e')} AS payee_key, ${dayNumber(ctx, 'e.occurred_on')} AS d
                   FROM ${paymentsFrom(ctx, 'e')}
                  WHERE ${payment('e')} AND ${ctx.scope.sql('e.village_id')}
               ) p
           ) w
           WHERE w.window_count >= 2
         ) c
         JOIN entries f ON f.id = c.id
         JOIN entries e ON e.village_id = f.village_id AND e.counterparty_norm = f.counterparty_norm
              AND e.occurred_on <= f.occurred_on AND e.occurred_on >= ${ctx.dialect.addDays('f.occurred_on', -windowDays)}
              AND (e.occurred_on < f.occurred_on OR e.id < f.id)
              AND e.amount_fen = f.amount_fen
              AND (COALESCE(e.voucher_no, '') = '' OR COALESCE(f.voucher_no, '') = '' OR e.voucher_no = f.voucher_no)
        WHERE ${payment('e')}
        ORDER BY f.id, e.occurred_on, e.id`,
      [...ctx.scope.params],
    );
    const pairs = new Map<number, { later: EntryFacts; earlier: EntryFacts[] }>();
    for (const r of rows) {
      const later = readEntry(r);
      const group = pairs.get(later.id) ?? { later, earlier: [] };
      group.earlier.push(readEntry(r, 'p_'));
      pairs.set(later.id, group);
    }
    return [...pairs.values()].map(({ later, earlier }) => {
      const nearest = earlier[earlier.length - 1];
      const gap = daysFrom(nearest.occurredOn, later.occurredOn);
      const sameVoucher = later.voucherNo !== '' && later.voucherNo === nearest.voucherNo;
      return {
        subjectType: 'entry' as const,
        subjectId: later.id,
        period: '',
        villageId: later.villageId,
        amountFen: later.amountFen,
        summary:
          `${nearest.occurredOn} 和 ${later.occurredOn} 向${later.payee}各支付 ${yuan(later.amountFen)} 元（相隔 ${gap} 天` +
          `${sameVoucher ? '，凭证号相同' : ''}），疑似重复支付`,
        evidence: [...earlier, later].map(entryEvidence),
        facts: {
          entryId: later.id,
          earlierEntryId: nearest.id,
          matches: earlier.length,
          amountFen: later.amountFen,
          gapDays: gap,
          sameVoucher: sameVoucher ? 1 : 0,
          windowDays,
        },
      };
    });
  },
};
