import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { entryEvidence, entryFacts, readEntry, Row, str, yuan } from './evidence';
import { entryColumns, payment, selectInOrder } from './sql/entries';

/**
 * Payments dated on a statutory holiday: from the holidays and the villages in scope to the
 * published entries of each village on each holiday (IDX_entries_public_list: village, status,
 * date), so only entries dated on holidays are read — held in that order on MySQL/MariaDB.
 */
export const holidayEntriesRule: SupervisionRule = {
  id: 'holiday-entries',
  title: '法定节假日的支出',
  explanation:
    '支出的发生日期是法定节假日（按国务院每年公布的放假安排）。节假日村里一般不办公，' +
    '这几天发生的支出可能涉及违规吃喝、发放节日福利、送礼等“四风”问题，值得看一看用途和凭证。',
  severity: 'low',
  params: [],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const rows: Row[] = await ctx.em.query(
      `${selectInOrder(ctx)}${entryColumns('e')}, h.name AS holiday_name
         FROM holidays h
         JOIN regions v ON v.level = 'village' AND ${ctx.scope.sql('v.id')}
         JOIN entries e ON e.village_id = v.id AND e.status = 'published' AND e.occurred_on = h.day
        WHERE ${payment('e')}`,
      [...ctx.scope.params],
    );
    return rows.map((r) => {
      const e = readEntry(r);
      const holiday = str(r.holiday_name);
      return {
        subjectType: 'entry',
        subjectId: e.id,
        period: '',
        villageId: e.villageId,
        amountFen: e.amountFen,
        summary: `${e.occurredOn}（${holiday}假期）向${e.payee}支付 ${yuan(e.amountFen)} 元`,
        evidence: [entryEvidence(e)],
        facts: { ...entryFacts(e), holiday },
      };
    });
  },
};
