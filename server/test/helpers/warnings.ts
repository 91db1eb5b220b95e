import type { EvidenceItemDto, RuleSeverity, WarningState, WarningSubjectType } from '@mingbai/shared';
import { Db } from '../../src/database/db.service';
import { Region } from '../../src/modules/regions/region.entity';
import { CaseRoutingService } from '../../src/modules/reports/routing/case-routing.service';
import { Report } from '../../src/modules/reports/report.entity';
import { ReportEvent } from '../../src/modules/reports/report-event.entity';
import { reportTextHash } from '../../src/modules/reports/report-text';
import { Warning } from '../../src/modules/rules/warning.entity';
import { Asset } from '../../src/modules/assets/asset.entity';
import { Contract } from '../../src/modules/contracts/contract.entity';
import type { TestApp } from './test-app';

export interface WarningFixture {
  ruleId: string;
  /** The village (for subjectType 'town', the town). */
  villageId: number;
  subjectType?: WarningSubjectType;
  /** Default: the village (town) itself. */
  subjectId?: number;
  /** Default: a period of its own ('fx-N'). */
  period?: string;
  severity?: RuleSeverity;
  state?: WarningState;
  summary?: string;
  amountFen?: number | null;
  evidence?: Omit<EvidenceItemDto, 'path'>[];
  facts?: Record<string, number | string | null>;
  /** When it was found (default: now). */
  at?: Date;
  resolvedOn?: string | null;
}

let counter = 0;

/**
 * A warning and its case written straight into the database, as the rules engine leaves a new
 * finding: the warnings row (state open unless said otherwise), a `reports` row of kind 'warning'
 * (category 'rule:<id>', text = the summary, receipt hash 'warning:<id>', channel 'rule', office =
 * the village's town (the town itself for a town-wide finding), SLA dues of that office), the
 * 'submitted' case event, and warnings.case_id pointing at the case.
 */
export async function insertWarning(t: TestApp, f: WarningFixture): Promise<{ warning: Warning; report: Report }> {
  const db = t.app.get(Db);
  const routing = t.app.get(CaseRoutingService);
  const at = f.at ?? new Date();
  const subjectType = f.subjectType ?? 'village';
  const subjectId = f.subjectId ?? f.villageId;
  const n = ++counter;
  const summary = f.summary ?? `测试预警 ${n}：同一收款人短期内多笔支付。`;
  const state = f.state ?? 'open';
  const ids = await db.transaction(async (em) => {
    const place = await em.findOneOrFail(Region, { where: { id: f.villageId } });
    const officeRegionId = place.level === 'town' ? place.id : place.parentId!;
    const dues = await routing.duesFor(em, officeRegionId, at);
    const warning = await em.save(
      em.create(Warning, {
        ruleId: f.ruleId,
        subjectType,
        subjectId,
        // Unique by default, so that fixtures of one rule and subject do not collide.
        period: f.period ?? `fx-${n}`,
        villageId: f.villageId,
        severity: f.severity ?? 'high',
        state,
        summary,
        evidence: JSON.stringify({ items: f.evidence ?? [], facts: f.facts ?? {} }),
        amountFen: f.amountFen ?? null,
        caseId: null,
        detectedAt: at,
        resolvedAt: state === 'resolved' ? at : null,
        resolvedOn: state === 'resolved' ? (f.resolvedOn ?? at.toISOString().slice(0, 10)) : null,
        updatedAt: at,
      }),
    );
    const report = await em.save(
      em.create(Report, {
        kind: 'warning',
        villageId: f.villageId,
        officeRegionId,
        categoryCode: `rule:${f.ruleId}`,
        subjectType: subjectType === 'town' ? 'village' : subjectType,
        subjectId,
        text: summary,
        textHash: reportTextHash(summary),
        status: 'submitted',
        outcome: null,
        amountRecoveredFen: null,
        receiptHash: `warning:${warning.id}`,
        villagerId: null,
        identitySealed: null,
        assigneeId: null,
        duplicateOfId: null,
        channel: 'rule' as Report['channel'],
        notifyCredits: 0,
        acceptDueAt: dues.acceptDueAt,
        concludeDueAt: dues.concludeDueAt,
        acceptedAt: null,
        concludedAt: null,
        closedAt: null,
        createdAt: at,
        updatedAt: at,
      }),
    );
    await em.update(Warning, { id: warning.id }, { caseId: report.id });
    await em.insert(ReportEvent, {
      reportId: report.id,
      action: 'submitted',
      fromStatus: null,
      toStatus: 'submitted',
      actorId: null,
      note: null,
      createdAt: at,
    });
    return { warningId: warning.id, reportId: report.id };
  });
  const m = t.dataSource.manager;
  return { warning: (await m.findOneBy(Warning, { id: ids.warningId }))!, report: (await m.findOneBy(Report, { id: ids.reportId }))! };
}

let registerCounter = 0;

/** An approved asset written straight into the database (the registers' own flow is tested elsewhere). */
export async function insertApprovedAsset(t: TestApp, villageId: number, over: Partial<Asset> = {}): Promise<Asset> {
  const now = new Date();
  const n = ++registerCounter;
  const m = t.dataSource.manager;
  return m.save(
    m.create(Asset, {
      villageId,
      code: `ZC-T${n}`,
      name: `测试鱼塘${n}`,
      kind: 'pond',
      location: '村东',
      areaM2: 5000,
      bookValueFen: 10_000_000,
      usage: 'leased',
      acquiredOn: '2020-01-01',
      note: null,
      status: 'approved',
      rejectReason: null,
      pendingChange: null,
      importBatchId: null,
      createdBy: 1,
      approvedBy: 1,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
      ...over,
    }),
  );
}

/** An approved lease written straight into the database, without installments. */
export async function insertApprovedContract(t: TestApp, villageId: number, over: Partial<Contract> = {}): Promise<Contract> {
  const now = new Date();
  const n = ++registerCounter;
  const m = t.dataSource.manager;
  return m.save(
    m.create(Contract, {
      villageId,
      assetId: null,
      code: `HT-T${n}`,
      kind: 'lease',
      counterpartyKind: 'person',
      counterpartyName: '李大有',
      counterpartyDisplay: '李*有',
      counterpartyNorm: '李大有',
      counterpartyIdHash: null,
      startOn: '2024-01-01',
      endOn: '2028-12-31',
      frequency: 'yearly',
      annualRentFen: 1_200_000,
      totalRentFen: 6_000_000,
      depositFen: 0,
      areaM2: 5000,
      awardMethod: 'public_tender',
      note: null,
      status: 'approved',
      rejectReason: null,
      terminatedOn: null,
      terminationReason: null,
      pendingChange: null,
      importBatchId: null,
      createdBy: 1,
      approvedBy: 1,
      approvedAt: now,
      createdAt: now,
      updatedAt: now,
      ...over,
    }),
  );
}
