import { addDays } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { daysFrom, entryEvidence, figure, num, readEntry, Row, yuan } from './evidence';
import type { EntryFacts } from './evidence';
import { dayNumber, entryColumns, payeeKey, payment, paymentsFrom, selectInOrder, wholeNumber } from './sql/entries';

/**
 * Split payments (拆分支付). A group is anchored at a payment below the threshold: it and the
 * payments below the threshold to the same payee of the same village dated from its day to
 * windowDays later, at least two, together at least the threshold.
 *
 * One statement: a window function over the payments (a RANGE frame of windowDays on the day
 * number, partitioned by village and payee) finds the anchors in one sorted pass — a self-join
 * would probe the payee index once per payment and walk every payment of a frequent payee each
 * time — then an exact join on the payee index lists each anchor's group. Node confirms each group
 * and keeps, of overlapping anchors of one payee, the earliest (the warning's subject).
 */
export const splitPaymentsRule: SupervisionRule = {
  id: 'split-payments',
  title: '拆分支付规避审批',
  explanation:
    '同一个收款人在几天之内（默认 7 天）收到两笔或更多支出，每一笔都低于审批限额，加起来却达到了限额。' +
    '把一笔大额支出拆成几笔小额来付，是绕开村集体民主决策和上级审批的常见手法。' +
    '只统计已公开、未被冲销的支出；预警挂在这一组里最早的一笔上，列出组里每一笔。',
  severity: 'high',
  params: [
    { key: 'windowDays', label: '几天之内', kind: 'days', defaultValue: 7, min: 1, max: 90 },
    { key: 'thresholdFen', label: '审批限额', kind: 'fen', defaultValue: 500_000, min: 100, max: 1_000_000_000_000 },
  ],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { windowDays, thresholdFen } = ctx.params;
    // Amounts are positive: a frame summing to more than the payment's own amount holds another payment.
    const frame = `PARTITION BY p.village_id, p.payee_key ORDER BY p.d RANGE BETWEEN CURRENT ROW AND ${wholeNumber(windowDays)} FOLLOWING`;
    // The window's input is kept narrow (no names): MariaDB copies it into a temporary table.
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}a.id AS anchor_id, ea.counterparty_norm AS payee_norm, ${entryColumns('f')}
         FROM (
           SELECT w.id FROM (
             SELECT p.id, p.amount_fen, SUM(p.amount_fen) OVER (${frame}) AS window_fen
               FROM (
                 SELECT e.id AS id, e.village_id AS village_id, e.amount_fen AS amount_fen,
                        ${payeeKey(ctx, 'e')} AS payee_key, ${dayNumber(ctx, 'e.occurred_on')} AS d
                   FROM ${paymentsFrom(ctx, 'e')}
                  WHERE ${payment('e')} AND e.amount_fen < ? AND ${ctx.scope.sql('e.village_id')}
               ) p
           ) w
           WHERE w.window_fen > w.amount_fen AND w.window_fen >= ?
         ) a
         JOIN entries ea ON ea.id = a.id
         JOIN entries f ON f.village_id = ea.village_id AND f.counterparty_norm = ea.counterparty_norm
              AND f.occurred_on >= ea.occurred_on AND f.occurred_on <= ${ctx.dialect.addDays('ea.occurred_on', windowDays)}
        WHERE ${payment('f')} AND f.amount_fen < ?
        ORDER BY a.id, f.occurred_on, f.id`,
      [thresholdFen, ...ctx.scope.params, thresholdFen, thresholdFen],
    );

    const groups = new Map<number, { payeeNorm: string; members: EntryFacts[] }>();
    for (const r of rows) {
      const anchorId = num(r.anchor_id);
      const group = groups.get(anchorId) ?? { payeeNorm: String(r.payee_norm), members: [] };
      group.members.push(readEntry(r));
      groups.set(anchorId, group);
    }
    const confirmed = [...groups.entries()]
      .map(([anchorId, g]) => ({ anchorId, ...g, total: g.members.reduce((s, m) => s + m.amountFen, 0) }))
      .filter((g) => g.members.length >= 2 && g.total >= thresholdFen && g.members[0].id === g.anchorId);

    return keepEarliest(confirmed, windowDays).map(({ anchorId, members, total }) => {
      const first = members[0];
      const last = members[members.length - 1];
      const span = daysFrom(first.occurredOn, last.occurredOn);
      return {
        subjectType: 'entry' as const,
        subjectId: anchorId,
        period: '',
        villageId: first.villageId,
        amountFen: total,
        summary:
          `向${first.payee}连续支付 ${members.length} 笔共 ${yuan(total)} 元（间隔 ${span} 天），` +
          `单笔均低于审批限额 ${yuan(thresholdFen)} 元`,
        evidence: [...members.map(entryEvidence), figure(`合计 ${yuan(total)} 元，审批限额 ${yuan(thresholdFen)} 元`)],
        facts: { count: members.length, totalFen: total, spanDays: span, thresholdFen, windowDays, firstOn: first.occurredOn, lastOn: last.occurredOn },
      };
    });
  },
};

/**
 * Of the confirmed groups of one payee, those whose anchor is not inside the window of an earlier
 * kept anchor: a run of payments gives one warning, on its earliest payment.
 */
function keepEarliest<G extends { payeeNorm: string; members: EntryFacts[] }>(groups: G[], windowDays: number): G[] {
  const key = (g: G) => `${g.members[0].villageId}|${g.payeeNorm}`;
  const sorted = [...groups].sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    if (kx !== ky) return kx < ky ? -1 : 1;
    const [ax, ay] = [x.members[0], y.members[0]];
    return ax.occurredOn !== ay.occurredOn ? (ax.occurredOn < ay.occurredOn ? -1 : 1) : ax.id - ay.id;
  });
  const kept: G[] = [];
  let last: G | null = null;
  for (const g of sorted) {
    if (last && key(last) === key(g) && g.members[0].occurredOn <= addDays(last.members[0].occurredOn, windowDays)) continue;
    kept.push(g);
    last = g;
  }
  return kept;
}
