import { addDays } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { contractEvidence, contractName, day, daysFrom, figure, num, readContract, Row, yuan } from './evidence';
import { contractColumns } from './sql/contracts';
import { NOT_STANDING_IDS, selectInOrder } from './sql/entries';

/**
 * Rent arrears (欠租): installments of approved contracts due more than graceDays ago (range on
 * IDX_contract_installments_due) with less received than due, counting only receipts whose entry
 * stands. An installment of a terminated contract still counts when it fell due before the
 * termination: rent owed before a contract ended is still owed. One warning per installment.
 */
export const rentArrearsRule: SupervisionRule = {
  id: 'rent-arrears',
  title: '租金逾期未收',
  explanation:
    '已生效的租赁、发包合同中，某一期租金到期后超过宽限天数（默认 60 天）仍没有收齐。' +
    '收到的租金只算已公开、未被冲销的收入记账；合同终止的，终止前已到期的租金照样要收。' +
    '集体资产出租发包的租金是村集体的主要收入之一，欠租长期不催收，等于集体资产被无偿占用，' +
    '有的地方因此流失几十万元。承租人逾期不付租金的，出租人可以要求限期支付，逾期仍不付的可以解除合同（民法典第七百二十二条）。' +
    '每一期欠租单独预警，写明欠多少、逾期多少天；收齐后预警自动消除。',
  severity: 'high',
  params: [{ key: 'graceDays', label: '到期后宽限天数', kind: 'days', defaultValue: 60, min: 0, max: 365 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { graceDays } = ctx.params;
    // Overdue when today is later than due + graceDays (shared installmentState).
    const dueBefore = addDays(ctx.today, -graceDays);
    // Received per past-due installment: its receipts, less those whose entry does not stand (the
    // entries of receipts are never read row by row). A full run reads the installments in one
    // pass (held first on MySQL/MariaDB); a run for one village starts from its contracts.
    const inner = ctx.scope.villageId === null ? selectInOrder(ctx) : 'SELECT ';
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}${contractColumns('c', 'a')}, ci.id AS inst_id, ci.seq AS inst_seq, ci.due_on AS inst_due_on,
              ci.amount_fen AS inst_amount_fen, x.received_fen AS inst_received_fen
         FROM (
           ${inner}ci.id AS id, SUM(CASE WHEN bad.id IS NULL THEN COALESCE(rr.amount_fen, 0) ELSE 0 END) AS received_fen
             FROM contract_installments ci
             JOIN contracts c ON c.id = ci.contract_id
             LEFT JOIN rent_receipts rr ON rr.installment_id = ci.id
             LEFT JOIN (${NOT_STANDING_IDS}) bad ON bad.id = rr.entry_id
            WHERE ci.due_on < ? AND c.status = 'approved' AND (c.terminated_on IS NULL OR ci.due_on < c.terminated_on)
              AND ${ctx.scope.sql('c.village_id')}
            GROUP BY ci.id, ci.amount_fen
           HAVING SUM(CASE WHEN bad.id IS NULL THEN COALESCE(rr.amount_fen, 0) ELSE 0 END) < ci.amount_fen
         ) x
         JOIN contract_installments ci ON ci.id = x.id
         JOIN contracts c ON c.id = ci.contract_id
         LEFT JOIN assets a ON a.id = c.asset_id
        ORDER BY c.id, ci.seq`,
      [dueBefore, ...ctx.scope.params],
    );
    return rows.map((r) => {
      const c = readContract(r);
      const seq = num(r.inst_seq);
      const dueOn = day(r.inst_due_on);
      const amount = num(r.inst_amount_fen);
      const received = num(r.inst_received_fen);
      const outstanding = amount - received;
      const overdueDays = daysFrom(dueOn, ctx.today);
      return {
        subjectType: 'contract',
        subjectId: c.id,
        period: dueOn,
        villageId: c.villageId,
        amountFen: outstanding,
        summary:
          `${contractName(c)}第 ${seq} 期租金 ${yuan(amount)} 元于 ${dueOn} 到期，已过 ${overdueDays} 天，` +
          `${received > 0 ? `已收 ${yuan(received)} 元，` : ''}尚欠 ${yuan(outstanding)} 元`,
        evidence: [
          contractEvidence(c),
          { type: 'installment', id: num(r.inst_id), label: `第 ${seq} 期，${dueOn} 到期，应收 ${yuan(amount)} 元，已收 ${yuan(received)} 元` },
          figure(`尚欠 ${yuan(outstanding)} 元，逾期 ${overdueDays} 天（宽限 ${graceDays} 天）`),
        ],
        facts: {
          contractId: c.id,
          installmentId: num(r.inst_id),
          seq,
          dueOn,
          amountFen: amount,
          receivedFen: received,
          outstandingFen: outstanding,
          overdueDays,
          graceDays,
        },
      };
    });
  },
};
