import type { CaseAction, CaseOutcome, CaseStatus, ReportSubjectType } from '@mingbai/shared';
import { nextCaseStatus } from '@mingbai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { CaseRoutingService } from '../reports/routing/case-routing.service';
import { ReceiptCodes } from '../reports/receipt-codes';
import { Report } from '../reports/report.entity';
import { ReportEvent } from '../reports/report-event.entity';
import { ReportMessage } from '../reports/report-message.entity';
import { Entry } from '../ledger/entry.entity';
import type { Region } from '../regions/region.entity';
import { Rng } from './prng';
import { reportTextHash } from '../reports/report-text';

const DAY = 86_400_000;

/** One step an inspector took, `daysAfter` the report arrived. */
interface DemoStep {
  action: CaseAction;
  daysAfter: number;
  note?: string;
  outcome?: CaseOutcome;
  amountRecoveredFen?: number;
}

interface DemoReportSpec {
  village: Region;
  categoryCode: string;
  text: string;
  daysAgo: number;
  /** 'entry': about the village's latest published expense. */
  subject: 'village' | 'entry';
  named?: { name: string; phone: string };
  steps: DemoStep[];
  /** A follow-up message from the reporter, `daysAfter` the report. */
  followUp?: { daysAfter: number; text: string };
}

export interface DemoReportsResult {
  count: number;
  /** The receipt code of the demo village's newest report, printed so a visitor can try 查询举报进度. */
  receiptCode: string;
}

/**
 * A handful of citizen reports in the demo county, in every stage of the lifecycle (new, overdue,
 * being investigated, concluded and closed with a reply, declined), so the inspectors' inbox,
 * statistics and digest have something to show after `npm start`. Written directly as the filing
 * and case code would leave them, with dates in the past; no outbox events (no endpoint exists yet).
 */
export class DemoReportWriter {
  constructor(
    private readonly db: Db,
    private readonly routing: CaseRoutingService,
    private readonly cipher: IdentityCipher,
    private readonly receipts: ReceiptCodes,
  ) {}

  async write(rng: Rng, now: Date, demoVillage: Region, others: Region[], inspectorId: number): Promise<DemoReportsResult> {
    const [v1, v2, v3, v4] = others;
    const specs: DemoReportSpec[] = [
      {
        village: demoVillage,
        categoryCode: 'false_accounts',
        text: '这笔支出的金额和村民大会上公布的不一样，发票上的单位我们也没听说过，请帮忙核实。',
        daysAgo: 1,
        subject: 'entry',
        steps: [],
      },
      {
        village: demoVillage,
        categoryCode: 'rent_uncollected',
        text: '村东头的鱼塘去年就承包出去了，可是账上一直看不到承包费收入。听说承包人是村干部的亲戚。',
        daysAgo: 12,
        subject: 'village',
        named: { name: '李秀英', phone: '13905911234' },
        steps: [],
      },
      {
        village: v1,
        categoryCode: 'favouritism',
        text: '今年的低保名单里有村主任的两个亲戚，他们家里有车有楼房，真正困难的人家却没有评上。',
        daysAgo: 20,
        subject: 'village',
        steps: [
          { action: 'accept', daysAfter: 2 },
          { action: 'investigate', daysAfter: 3, note: '已调取低保评议记录，约谈村委会。' },
        ],
        followUp: { daysAfter: 6, text: '补充一下：评议会那天很多村民没有接到通知。' },
      },
      {
        village: v2,
        categoryCode: 'misappropriation',
        text: '修村道的上级补助款到了以后，有一部分被挪去给村委会买了一辆车。',
        daysAgo: 45,
        subject: 'village',
        named: { name: '王建国', phone: '13655551234' },
        steps: [
          { action: 'accept', daysAfter: 1 },
          { action: 'investigate', daysAfter: 2 },
          { action: 'conclude', daysAfter: 25, note: '经核查，村委会挪用修路补助款12,000.00元购置车辆，情况属实，已责令退回并对相关人员立案。', outcome: 'substantiated', amountRecoveredFen: 1_200_000 },
          { action: 'close', daysAfter: 27, note: '您反映的问题经核查属实，挪用的12,000元已追回并用于村道修缮，相关人员已被处理。感谢您的监督。' },
        ],
      },
      {
        village: v3,
        categoryCode: 'other',
        text: '村里的路灯坏了好几个月了也没人修。',
        daysAgo: 30,
        subject: 'village',
        steps: [
          { action: 'decline', daysAfter: 2, note: '您反映的路灯维修问题不属于纪检监察机关受理范围，已转告镇政府相关部门处理。' },
          { action: 'close', daysAfter: 3, note: '已转镇政府处理，您也可以拨打12345政务服务热线反映。谢谢！' },
        ],
      },
      {
        village: v4,
        categoryCode: 'false_claims',
        text: '村里有人早就搬到城里住了，还在领种粮补贴，名单上的面积也比实际多。',
        daysAgo: 3,
        subject: 'village',
        steps: [],
      },
    ];

    let receiptCode = '';
    for (const spec of specs) {
      const code = demoReceiptCode(rng);
      if (spec.village.id === demoVillage.id && !receiptCode) receiptCode = code;
      const receiptHash = await this.receipts.hash(code);
      await this.db.transaction((em) => this.writeOne(em, spec, now, receiptHash, inspectorId));
    }
    return { count: specs.length, receiptCode };
  }

  private async writeOne(em: EntityManager, spec: DemoReportSpec, now: Date, receiptHash: string, inspectorId: number): Promise<void> {
    const at = new Date(now.getTime() - spec.daysAgo * DAY);
    let subjectType: ReportSubjectType = 'village';
    let subjectId: number | null = spec.village.id;
    if (spec.subject === 'entry') {
      const entry = await em.findOne(Entry, { where: { villageId: spec.village.id, status: 'published', direction: 'expense' }, order: { serial: 'DESC' } });
      if (entry) [subjectType, subjectId] = ['entry', entry.id];
    }
    const route = await this.routing.route(em, { villageId: spec.village.id, categoryCode: spec.categoryCode, subjectType, subjectId, at });
    const report = await em.save(
      em.create(Report, {
        villageId: spec.village.id,
        officeRegionId: route.officeRegionId,
        categoryCode: spec.categoryCode,
        subjectType,
        subjectId,
        text: spec.text,
        textHash: reportTextHash(spec.text),
        status: 'submitted' as CaseStatus,
        outcome: null,
        amountRecoveredFen: null,
        receiptHash,
        villagerId: null,
        identitySealed: null,
        assigneeId: null,
        duplicateOfId: null,
        channel: spec.named ? 'weapp' : 'h5',
        notifyCredits: 0,
        acceptDueAt: route.acceptDueAt,
        concludeDueAt: route.concludeDueAt,
        acceptedAt: null,
        concludedAt: null,
        closedAt: null,
        createdAt: at,
        updatedAt: at,
      }),
    );
    if (spec.named) {
      const identity = { openid: `oDEMO-${report.id}`, name: spec.named.name, phone: spec.named.phone };
      report.identitySealed = this.cipher.seal(JSON.stringify(identity), `report:${report.id}`);
    }
    await em.insert(ReportEvent, { reportId: report.id, action: 'submitted', fromStatus: null, toStatus: 'submitted', actorId: null, note: null, createdAt: at });
    if (spec.followUp)
      await em.insert(ReportMessage, { reportId: report.id, author: 'reporter', actorId: null, text: spec.followUp.text, createdAt: new Date(at.getTime() + spec.followUp.daysAfter * DAY) });

    let status: CaseStatus = 'submitted';
    for (const step of spec.steps) {
      const when = new Date(at.getTime() + step.daysAfter * DAY);
      const to = nextCaseStatus(status, step.action);
      if (!to) throw new Error(`demo report: cannot ${step.action} from ${status}`);
      await em.insert(ReportEvent, { reportId: report.id, action: step.action, fromStatus: status, toStatus: to, actorId: inspectorId, note: step.note ?? null, createdAt: when });
      if (step.action === 'accept') report.acceptedAt = when;
      if (step.action === 'conclude') Object.assign(report, { concludedAt: when, outcome: step.outcome ?? null, amountRecoveredFen: step.amountRecoveredFen ?? null });
      if (step.action === 'close') {
        report.closedAt = when;
        await em.insert(ReportMessage, { reportId: report.id, author: 'office', actorId: inspectorId, text: step.note!, createdAt: when });
      }
      status = to;
      report.updatedAt = when;
    }
    report.status = status;
    if (status !== 'submitted') report.assigneeId = inspectorId;
    await em.save(report);
  }
}

/** 16 digits from the seeded generator, so the demo is the same on every machine. */
function demoReceiptCode(rng: Rng): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += String(rng.int(0, 9));
  return code;
}
