import type { Finding, RuleContext, SupervisionRule } from '../rule';
import { yuan } from './evidence';
import { findingsByPayment } from './listed-people';
import { paymentsToListedPeople } from './sql/watch-list';

/** Payments to village cadres and their close relatives: a join with the watch lists (sql/watch-list.ts). */
export const conflictOfInterestRule: SupervisionRule = {
  id: 'conflict-of-interest',
  title: '向村干部及其亲属付款',
  explanation:
    '支出的收款人出现在“村干部及近亲属”名单上。名单由纪检监察人员维护，对本地区所有村有效；' +
    '按统一规范后的姓名比对，双方都登记了身份证号时还要求身份证号一致（系统只保存身份证号的加密摘要）。' +
    '村干部利用职务之便给自己或亲属发钱、揽工程、办补贴，是群众身边腐败的典型。' +
    '预警不等于违规，需要核实这笔支出是否经过集体决策、是否回避、是否公开。',
  severity: 'high',
  params: [],
  incremental: true,
  level: 'village',

  async detect(ctx: RuleContext): Promise<Finding[]> {
    const rows = await paymentsToListedPeople(ctx, ['cadre_relative'], false);
    return findingsByPayment(rows, (e, people) => {
      const who = people[0];
      return `${e.occurredOn} 向村干部及近亲属名单上的${who.name}${who.relation ? `（${who.relation}）` : ''}支付 ${yuan(e.amountFen)} 元`;
    });
  },
};
