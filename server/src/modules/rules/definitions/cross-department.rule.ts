import { WATCH_LIST_KIND_LABELS } from '@mingbai/shared';
import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { yuan } from './evidence';
import { findingsByPayment } from './listed-people';
import { paymentsToListedPeople } from './sql/watch-list';

/**
 * Cross-department collision (跨部门数据碰撞): payments to people on the public-servant, deceased
 * or moved-away lists, made on or after the day their status began.
 */
export const crossDepartmentRule: SupervisionRule = {
  id: 'cross-department',
  title: '付款给不应领款的人',
  explanation:
    '支出的收款人出现在纪检监察人员从其他部门导入的名单上：公职人员、已故人员或已迁出本村的人员，' +
    '而且付款日期在其身份生效之后（例如去世之后、迁出之后；名单没写日期的，任何时候都算）。' +
    '各地正是用这种数据碰撞，查出了公职人员冒领职业培训补贴、已故人员仍在领取补贴等问题。' +
    '按统一规范后的姓名比对，双方都登记了身份证号时还要求身份证号一致；同名同姓的情况需要人工核实。',
  severity: 'high',
  params: [],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const rows = await paymentsToListedPeople(ctx, ['public_servant', 'deceased', 'moved_away'], true);
    return findingsByPayment(rows, (e, people) => {
      const who = people[0];
      const since = who.sinceOn ? `（自 ${who.sinceOn} 起）` : '';
      return `${e.occurredOn} 向${WATCH_LIST_KIND_LABELS[who.kind] ?? who.kind}名单上的${who.name}${since}支付 ${yuan(e.amountFen)} 元`;
    });
  },
};
