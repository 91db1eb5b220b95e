import { randomBytes } from 'node:crypto';
import type { ReportSubjectType } from '@mingbai/shared';
import { Db } from '../../src/database/db.service';
import { IdentityCipher } from '../../src/common/crypto/identity-cipher';
import { CaseRoutingService } from '../../src/modules/reports/routing/case-routing.service';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { ReportMessage } from '../../src/modules/reports/report-message.entity';
import type { TestApp } from './test-app';
import { reportTextHash } from '../../src/modules/reports/report-text';

export interface ReporterIdentity {
  openid: string;
  name: string | null;
  phone: string | null;
}

export interface ReportFixture {
  villageId: number;
  categoryCode?: string;
  text?: string;
  subjectType?: ReportSubjectType;
  subjectId?: number | null;
  /** A named report: the identity is sealed as the filing code does. Absent: anonymous. */
  identity?: ReporterIdentity;
  /** When it arrived (default: now). */
  at?: Date;
  duplicateOfId?: number | null;
  villagerId?: number | null;
  notifyCredits?: number;
}

let counter = 0;

/**
 * A report written straight into the database, as the filing endpoint would leave it: status
 * 'submitted', routed and given its SLA dues by CaseRoutingService, identity sealed with
 * IdentityCipher for `report:<id>`, and the 'submitted' case event. No receipt code exists (the
 * hash is random), no outbox event is written.
 */
export async function insertReport(t: TestApp, f: ReportFixture): Promise<Report> {
  const db = t.app.get(Db);
  const routing = t.app.get(CaseRoutingService);
  const cipher = t.app.get(IdentityCipher);
  const at = f.at ?? new Date();
  const text = f.text ?? `测试举报 ${++counter}：村干部虚报冒领补助。`;
  const subjectType = f.subjectType ?? 'village';
  const subjectId = f.subjectId === undefined ? (subjectType === 'village' ? f.villageId : null) : f.subjectId;
  const categoryCode = f.categoryCode ?? 'false_claims';
  const id = await db.transaction(async (em) => {
    const route = await routing.route(em, { villageId: f.villageId, categoryCode, subjectType, subjectId, at });
    const saved = await em.save(
      em.create(Report, {
        villageId: f.villageId,
        officeRegionId: route.officeRegionId,
        categoryCode,
        subjectType,
        subjectId,
        text,
        textHash: reportTextHash(text),
        status: 'submitted',
        outcome: null,
        amountRecoveredFen: null,
        receiptHash: randomBytes(32).toString('hex'),
        villagerId: f.identity ? (f.villagerId ?? null) : null,
        identitySealed: null,
        assigneeId: null,
        duplicateOfId: f.duplicateOfId ?? null,
        channel: 'h5',
        notifyCredits: f.notifyCredits ?? 0,
        acceptDueAt: route.acceptDueAt,
        concludeDueAt: route.concludeDueAt,
        acceptedAt: null,
        concludedAt: null,
        closedAt: null,
        createdAt: at,
        updatedAt: at,
      }),
    );
    if (f.identity) await em.update(Report, { id: saved.id }, { identitySealed: cipher.seal(JSON.stringify(f.identity), `report:${saved.id}`) });
    await em.insert(ReportEvent, { reportId: saved.id, action: 'submitted', fromStatus: null, toStatus: 'submitted', actorId: null, note: null, createdAt: at });
    return saved.id;
  });
  return (await t.dataSource.manager.findOne(Report, { where: { id } }))!;
}

/** A follow-up message from the reporter, written straight into the database. */
export async function insertReporterMessage(t: TestApp, reportId: number, text: string, at = new Date()): Promise<ReportMessage> {
  return t.dataSource.manager.save(t.dataSource.manager.create(ReportMessage, { reportId, author: 'reporter', actorId: null, text, createdAt: at }));
}
