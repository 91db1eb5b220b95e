import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { day, entryEvidence, entryFacts, num, readEntry, Row, yuan } from './evidence';
import { entryColumns, paymentsFrom, selectInOrder, standingEntry } from './sql/entries';
import { DIRECTION_LABELS } from '@mingbai/shared';

/**
 * Entries recorded long after they happened (事后补记): the China date of created_at more than
 * lateDays after occurred_on; imported entries (import_batch_id set) are history, not late. The
 * ids come from one scan of the covering payee index (asked to carry import_batch_id and
 * created_at), then the few found rows by primary key.
 */
export const latePostingRule: SupervisionRule = {
  id: 'late-posting',
  title: '事后补记账',
  explanation:
    '一笔收入或支出录入系统的日期比它实际发生的日期晚了很多天（默认 60 天）。' +
    '账目应当及时记、及时公开，村民才能及时监督；长期不记账、事后集中补记，容易掩盖挪用、坐收坐支等问题。' +
    '成批导入的历史账目不算；已被冲销的记账和冲销记账本身也不算。',
  severity: 'low',
  params: [{ key: 'lateDays', label: '晚于发生日期的天数', kind: 'days', defaultValue: 60, min: 1, max: 3650 }],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const { lateDays } = ctx.params;
    const createdOn = ctx.dialect.chinaDate('e.created_at');
    const late = (a: string) => ctx.dialect.daysBetween(`${a}.occurred_on`, ctx.dialect.chinaDate(`${a}.created_at`));
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}${entryColumns('e')}, ${createdOn} AS created_on, ${late('e')} AS days_late
         FROM (SELECT DISTINCT p.id AS id FROM ${paymentsFrom(ctx, 'p')}
                WHERE ${standingEntry('p')} AND p.import_batch_id IS NULL AND ${late('p')} > ? AND ${ctx.scope.sql('p.village_id')}) x
         JOIN entries e ON e.id = x.id`,
      [lateDays, ...ctx.scope.params],
    );
    return rows.map((r) => {
      const e = readEntry(r);
      const daysLate = num(r.days_late);
      const recordedOn = day(r.created_on);
      return {
        subjectType: 'entry',
        subjectId: e.id,
        period: '',
        villageId: e.villageId,
        amountFen: e.amountFen,
        summary:
          `${e.occurredOn} 发生的${DIRECTION_LABELS[e.direction] ?? ''} ${yuan(e.amountFen)} 元（${e.payee}）` +
          `到 ${recordedOn} 才录入，晚了 ${daysLate} 天`,
        evidence: [entryEvidence(e)],
        facts: { ...entryFacts(e), recordedOn, daysLate, lateDays },
      };
    });
  },
};
