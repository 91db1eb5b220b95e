import { nextCaseStatus, type CaseAction, type CaseOutcome, type CaseStatus } from '@mingbai/shared';
import type { EntityManager } from 'typeorm';
import type { Db } from '../../database/db.service';
import type { CaseRoutingService } from '../reports/routing/case-routing.service';
import { Report } from '../reports/report.entity';
import { ReportEvent } from '../reports/report-event.entity';
import { Warning } from '../rules/warning.entity';
import type { Region } from '../regions/region.entity';

const DAY = 86_400_000;

interface Step {
  action: CaseAction;
  daysAfter: number;
  note?: string;
  outcome?: CaseOutcome;
  amountRecoveredFen?: number;
}

/** How an office has handled one warning so far: found `daysAgo`, then the steps. */
interface WarningStory {
  /** Index of the village in demoVillages(). */
  village: number;
  ruleId: string;
  /** Of several warnings of the rule in the village, the one with this amount. */
  amountFen?: number;
  daysAgo: number;
  steps: Step[];
}

/**
 * A few warnings further along the lifecycle, handled by the demo town's discipline office (its
 * villages) or the county's (the others): one overdue for acceptance, one just accepted, some being
 * verified, one concluded as substantiated with money recovered and rectification under way, one
 * rectified and closed, two found not substantiated with the reason. With these the dashboard shows
 * overdue cases, precision per rule and amounts recovered (追回金额). The demo village's rent arrears
 * stay new for the e2e journey.
 */
const STORIES: WarningStory[] = [
  // Found two weeks ago and not accepted yet: overdue.
  { village: 11, ruleId: 'rent-arrears', daysAgo: 15, steps: [] },
  { village: 4, ruleId: 'split-payments', daysAgo: 6, steps: [{ action: 'accept', daysAfter: 2 }] },
  {
    village: 7,
    ruleId: 'large-cash',
    daysAgo: 20,
    steps: [
      { action: 'accept', daysAfter: 1 },
      { action: 'investigate', daysAfter: 3, note: '已调取现金支付凭证和临时工花名册，约谈村报账员，核实工资发放对象和天数。' },
    ],
  },
  {
    village: 5,
    ruleId: 'rent-arrears',
    daysAgo: 25,
    steps: [
      { action: 'accept', daysAfter: 2 },
      { action: 'investigate', daysAfter: 4, note: '已通知承包方限期缴纳，正在核实村委会与承包方是否有减免租金的约定。' },
    ],
  },
  {
    village: 1,
    ruleId: 'conflict-of-interest',
    amountFen: 386_000,
    daysAgo: 45,
    steps: [
      { action: 'accept', daysAfter: 1 },
      { action: 'investigate', daysAfter: 2, note: '调取村道绿化工程劳务发放记录，约谈村党支部书记和村委会成员。' },
      {
        action: 'conclude',
        daysAfter: 21,
        outcome: 'substantiated',
        amountRecoveredFen: 386_000,
        note: '经核查，村党支部书记之子承接村道绿化劳务，未经村民代表会议决议，也未按规定回避，问题属实。已责令退回劳务费3,860元，对村党支部书记进行诫勉谈话。',
      },
      {
        action: 'require_rectification',
        daysAfter: 22,
        note: '责令村委会一个月内完善小额工程和劳务发包程序，村干部近亲属回避制度上墙公开。',
      },
    ],
  },
  {
    village: 8,
    ruleId: 'duplicate-payments',
    daysAgo: 75,
    steps: [
      { action: 'accept', daysAfter: 1 },
      { action: 'investigate', daysAfter: 2, note: '调取两笔支出的记账凭证和银行回单，约谈村报账员和收款单位。' },
      {
        action: 'conclude',
        daysAfter: 18,
        outcome: 'substantiated',
        amountRecoveredFen: 345_000,
        note: '经核查，同一笔排水沟渠疏通费以同一凭证号重复支付，问题属实，已追回3,450元。',
      },
      { action: 'require_rectification', daysAfter: 19, note: '责令报账员逐笔核对凭证号，重复支付的款项退回村集体账户。' },
      { action: 'confirm_rectified', daysAfter: 40, note: '重复支付的3,450元已退回村集体账户，收款凭证已上传，报账员已作书面检查。' },
      { action: 'close', daysAfter: 42, note: '重复支付款项已全额追回，整改到位，予以结案。' },
    ],
  },
  {
    village: 17,
    ruleId: 'holiday-entries',
    daysAgo: 40,
    steps: [
      { action: 'accept', daysAfter: 2 },
      { action: 'investigate', daysAfter: 3 },
      {
        action: 'conclude',
        daysAfter: 12,
        outcome: 'not_substantiated',
        note: '经核查，劳动节期间村里组织防汛值班，临时购买办公用品属实际需要，有值班记录和购物小票为证，不存在违规问题。',
      },
      { action: 'close', daysAfter: 13, note: '经核查不属实，予以结案。' },
    ],
  },
  {
    village: 16,
    ruleId: 'round-amounts',
    daysAgo: 30,
    steps: [
      { action: 'accept', daysAfter: 1 },
      { action: 'investigate', daysAfter: 2 },
      {
        action: 'conclude',
        daysAfter: 15,
        outcome: 'not_substantiated',
        note: '经核查，该村今年的零星劳务和采购多按整数约定价格结算，均有合同、签收单为证，未发现虚构支出。',
      },
      { action: 'close', daysAfter: 16, note: '经核查不属实，予以结案。' },
    ],
  },
  { village: 9, ruleId: 'cross-department', daysAgo: 10, steps: [{ action: 'accept', daysAfter: 3 }] },
];

export interface DemoInspectors {
  /** The demo town's office handles its villages' cases; the county office the others'. */
  town: Region;
  townInspectorId: number;
  countyInspectorId: number;
}

/**
 * Moves the storied warnings' cases along, as if found `daysAgo` and handled since: the warning
 * and its case are dated back (with the deadlines of that day) and the case's events written as
 * the inbox's actions write them. Answers how many cases moved.
 */
export async function advanceWarningCases(
  db: Db,
  routing: CaseRoutingService,
  now: Date,
  villages: Region[],
  who: DemoInspectors,
): Promise<number> {
  let moved = 0;
  for (const story of STORIES) {
    const village = villages[story.village];
    if (!village) continue;
    await db.transaction(async (em) => {
      const warning = (
        await em.find(Warning, { where: { ruleId: story.ruleId, villageId: village.id, state: 'open' }, order: { id: 'ASC' } })
      ).find((w) => story.amountFen === undefined || w.amountFen === story.amountFen);
      if (!warning?.caseId) return; // its rule failed or found nothing: test/seed.int-spec.ts sees to that
      const actorId = village.parentId === who.town.id ? who.townInspectorId : who.countyInspectorId;
      await advance(em, routing, warning, story, new Date(now.getTime() - story.daysAgo * DAY), actorId);
      moved++;
    });
  }
  return moved;
}

async function advance(
  em: EntityManager,
  routing: CaseRoutingService,
  warning: Warning,
  story: WarningStory,
  at: Date,
  actorId: number,
): Promise<void> {
  const report = await em.findOneByOrFail(Report, { id: warning.caseId! });
  const dues = await routing.duesFor(em, report.officeRegionId, at);
  Object.assign(report, { createdAt: at, updatedAt: at, acceptDueAt: dues.acceptDueAt, concludeDueAt: dues.concludeDueAt });
  await em.update(Warning, { id: warning.id }, { detectedAt: at, updatedAt: at });
  await em.update(ReportEvent, { reportId: report.id, action: 'submitted' }, { createdAt: at });

  let status: CaseStatus = report.status;
  for (const step of story.steps) {
    const when = new Date(at.getTime() + step.daysAfter * DAY);
    const to = nextCaseStatus(status, step.action);
    if (!to) throw new Error(`demo warning case: cannot ${step.action} from ${status}`);
    await em.insert(ReportEvent, {
      reportId: report.id,
      action: step.action,
      fromStatus: status,
      toStatus: to,
      actorId,
      note: step.note ?? null,
      createdAt: when,
    });
    if (step.action === 'accept') report.acceptedAt = when;
    if (step.action === 'conclude')
      Object.assign(report, { concludedAt: when, outcome: step.outcome ?? null, amountRecoveredFen: step.amountRecoveredFen ?? null });
    if (step.action === 'close') report.closedAt = when;
    status = to;
    report.updatedAt = when;
  }
  report.status = status;
  report.assigneeId = actorId;
  await em.save(report);
}
