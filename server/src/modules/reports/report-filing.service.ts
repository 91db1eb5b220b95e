import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CreateReportResponse } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthVillager } from '../../common/auth/auth-villager';
import { DomainEvents } from '../../common/events/domain-events';
import { Db } from '../../database/db.service';
import { findRegisterSubject } from '../contracts/register-subject';
import { OutboxService } from '../outbox/outbox.service';
import { VillagersService } from '../villagers/villagers.service';
import type { Region } from '../regions/region.entity';
import { CaseRoutingService, Route } from './routing/case-routing.service';
import { CreateReportBody } from './dto/report.dto';
import { IdempotencyService, IdempotentOutcome } from './idempotency/idempotency.service';
import { RateLimiter, RateLimit } from './rate-limiter';
import { ReceiptCodes } from './receipt-codes';
import { ContentChecker } from './content-checker';
import { ReportFilesService } from './report-files.service';
import { ReportCategoriesService } from './report-categories.service';
import { ReportsRepository } from './reports.repository';
import { reportTextHash } from './report-text';
import { BUCKET, DUPLICATE_WINDOW_MS } from './report-limits';

/** Who is filing, as the HTTP layer knows it. */
export interface FilingRequest {
  villager: AuthVillager | null;
  ip: string;
  idempotencyKey: string | string[] | undefined;
}

interface Prepared {
  village: Region;
  openid: string | null;
  receiptCode: string;
  receiptHash: string;
  textHash: string;
}

/** The context a named report's identity is sealed under. */
export const reportSealContext = (reportId: number): string => `report:${reportId}`;

/**
 * Filing a report (POST /api/reports): checks, the content check, a receipt code, and then in one
 * transaction the rate limits, duplicate detection, routing, the report row, its sealed identity,
 * its photos, its first case event, its outbox event and the idempotency record.
 */
@Injectable()
export class ReportFilingService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly categories: ReportCategoriesService,
    private readonly files: ReportFilesService,
    private readonly limiter: RateLimiter,
    private readonly receipts: ReceiptCodes,
    private readonly idempotency: IdempotencyService,
    private readonly checker: ContentChecker,
    private readonly routing: CaseRoutingService,
    private readonly outbox: OutboxService,
    private readonly villagers: VillagersService,
    private readonly cipher: IdentityCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: DomainEvents,
    private readonly db: Db,
  ) {}

  async file(req: FilingRequest, body: CreateReportBody): Promise<IdempotentOutcome<CreateReportResponse>> {
    const key = this.idempotency.key(req.idempotencyKey);
    const named = !body.anonymous;
    const villager = req.villager;
    checkShape(body, villager);
    let filed: number | null = null;
    const outcome = await this.idempotency.run(
      { scope: 'report', key, request: body, villagerId: villager?.id ?? null },
      () => this.prepare(body, named ? villager : null),
      async (em, p) => {
        const written = await this.write(em, req, body, p);
        filed = written.reportId;
        return written.answer;
      },
    );
    // Told once, after the commit; a replayed answer filed nothing new.
    if (!outcome.replayed && filed !== null) this.events.emit({ type: 'report.filed', reportId: filed });
    return outcome;
  }

  /** Everything that reads or is slow, before the transaction. */
  private async prepare(body: CreateReportBody, namedBy: AuthVillager | null): Promise<Prepared> {
    const village = await this.reports.findVillage(body.villageId);
    if (!village) throw new ValidationFailed([{ field: 'villageId', reason: 'is not a village' }]);
    await this.categories.requireActive(body.categoryCode);
    if (body.subjectType === 'entry') {
      const entry = await this.reports.findEntry(body.subjectId!);
      if (!entry || entry.villageId !== village.id || entry.status !== 'published')
        throw new ValidationFailed([{ field: 'subjectId', reason: 'is not a published entry of this village' }]);
    } else if (body.subjectType === 'asset' || body.subjectType === 'contract') {
      const subject = await findRegisterSubject(this.db.manager, body.subjectType, body.subjectId!);
      if (!subject || subject.villageId !== village.id || subject.status !== 'approved')
        throw new ValidationFailed([{ field: 'subjectId', reason: `is not an approved ${body.subjectType} of this village` }]);
    }
    await this.files.checkUnbound(body.photoIds ?? []);
    let openid: string | null = null;
    if (namedBy) {
      openid = await this.villagers.openidOf(namedBy.id);
      if (openid === null) throw new AppException(401, 'TOKEN_INVALID', '请先在微信中登录');
    }
    // Only a named reporter's text goes to WeChat's check (it is sent with their openid).
    await this.checker.check(body.text, openid);
    const receiptCode = this.receipts.generate();
    return { village, openid, receiptCode, receiptHash: await this.receipts.hash(receiptCode), textHash: reportTextHash(body.text) };
  }

  private async write(
    em: EntityManager,
    req: FilingRequest,
    body: CreateReportBody,
    p: Prepared,
  ): Promise<{ reportId: number; answer: { status: number; body: CreateReportResponse } }> {
    const now = this.clock.now();
    const named = !body.anonymous;
    const limits: RateLimit[] = [{ bucket: this.limiter.ipBucket(BUCKET.report, req.ip), limit: this.config.reports.rateLimitPerHour }];
    // Only named reports are counted per villager: counting anonymous ones would tie them to a person.
    if (named && req.villager) limits.push({ bucket: BUCKET.reporter(req.villager.id), limit: this.config.reports.rateLimitPerHour });
    await this.limiter.hit(em, limits, now);

    const original = await this.reports.findRecentOriginal(em, p.textHash, p.village.id, new Date(now.getTime() - DUPLICATE_WINDOW_MS));
    // A report about the village names the village itself as its subject.
    const subjectId = body.subjectType === 'village' ? p.village.id : (body.subjectId ?? null);
    const route: Route = original
      ? { officeRegionId: original.officeRegionId, escalated: false, acceptDueAt: original.acceptDueAt, concludeDueAt: original.concludeDueAt }
      : await this.routing.route(em, { villageId: p.village.id, categoryCode: body.categoryCode, subjectType: body.subjectType, subjectId, at: now });

    const report = await this.reports.insertReport(em, {
      kind: 'report',
      villageId: p.village.id,
      officeRegionId: route.officeRegionId,
      categoryCode: body.categoryCode,
      subjectType: body.subjectType,
      subjectId,
      text: body.text.trim(),
      textHash: p.textHash,
      status: 'submitted',
      outcome: null,
      amountRecoveredFen: null,
      receiptHash: p.receiptHash,
      villagerId: named ? req.villager!.id : null,
      identitySealed: null,
      assigneeId: null,
      duplicateOfId: original?.id ?? null,
      channel: req.villager ? 'weapp' : 'h5',
      notifyCredits: 0,
      acceptDueAt: route.acceptDueAt,
      concludeDueAt: route.concludeDueAt,
      acceptedAt: null,
      concludedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    if (named) {
      const identity = JSON.stringify({ openid: p.openid, name: body.reporterName?.trim() || null, phone: body.reporterPhone?.trim() || null });
      await this.reports.setIdentity(em, report.id, this.cipher.seal(identity, reportSealContext(report.id)));
    }
    await this.files.bind(em, body.photoIds ?? [], { reportId: report.id, messageId: null });

    // A duplicate follows its original's case: no case event and no office event of its own.
    if (!original) {
      await this.reports.insertEvent(em, { reportId: report.id, action: 'submitted', fromStatus: null, toStatus: 'submitted', actorId: null, note: null, createdAt: now });
      await this.outbox.enqueue(em, {
        type: 'report.created',
        reportId: report.id,
        officeRegionId: route.officeRegionId,
        data: {
          reportId: report.id,
          villageId: p.village.id,
          villageName: p.village.name,
          officeRegionId: route.officeRegionId,
          escalated: route.escalated,
          categoryCode: body.categoryCode,
          subjectType: body.subjectType,
          subjectId,
          status: 'submitted',
          text: report.text,
          photoCount: body.photoIds?.length ?? 0,
          createdAt: now.toISOString(),
        },
      });
    }
    return {
      reportId: report.id,
      answer: {
        status: 201,
        body: {
          receiptCode: p.receiptCode,
          status: 'submitted',
          createdAt: now.toISOString(),
          duplicate: original !== null,
          canSubscribe: named,
          reportId: named ? report.id : null,
        },
      },
    };
  }
}

/** Checks that need no database: identity fields and the subject's shape. */
function checkShape(body: CreateReportBody, villager: AuthVillager | null): void {
  const problems: { field: string; reason: string }[] = [];
  if (body.anonymous) {
    if (body.reporterName) problems.push({ field: 'reporterName', reason: 'an anonymous report carries no name' });
    if (body.reporterPhone) problems.push({ field: 'reporterPhone', reason: 'an anonymous report carries no phone number' });
  } else if (!villager) {
    problems.push({ field: 'anonymous', reason: 'named reports need WeChat sign-in' });
  }
  const subjectId = body.subjectId ?? null;
  if (body.subjectType === 'village') {
    if (subjectId !== null && subjectId !== body.villageId) problems.push({ field: 'subjectId', reason: "must be absent or the village id when subjectType is 'village'" });
  } else if (subjectId === null) {
    problems.push({ field: 'subjectId', reason: `is required when subjectType is '${body.subjectType}'` });
  }
  if (problems.length) throw new ValidationFailed(problems);
}
