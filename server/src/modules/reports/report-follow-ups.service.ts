import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportMessageDto } from '@mingbai/shared';
import { Clock } from '../../common/clock/clock';
import { AppException, NotFound } from '../../common/errors/app-exception';
import type { AuthVillager } from '../../common/auth/auth-villager';
import { OutboxService } from '../outbox/outbox.service';
import { VillagersService } from '../villagers/villagers.service';
import { FollowUpBody, ReceiptFollowUpBody } from './dto/report.dto';
import { IdempotencyService, IdempotentOutcome, IdempotentResult } from './idempotency/idempotency.service';
import { RateLimiter } from './rate-limiter';
import { ContentChecker } from './content-checker';
import { ReportFilesService } from './report-files.service';
import { ReportThreadService } from './report-thread.service';
import { ReportsRepository } from './reports.repository';
import { ReceiptResolver } from './receipt-resolver';
import type { Report } from './report.entity';
import { BUCKET, FOLLOW_UPS_PER_HOUR } from './report-limits';

/**
 * Follow-up messages from the reporter: by receipt code (anyone holding it) or by the signed-in
 * villager of a named report. A follow-up is stored on the reporter's own report; for a duplicate,
 * the office sees it in the original's thread and the outbox event names the original.
 */
@Injectable()
export class ReportFollowUpsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly receipts: ReceiptResolver,
    private readonly files: ReportFilesService,
    private readonly threads: ReportThreadService,
    private readonly limiter: RateLimiter,
    private readonly idempotency: IdempotencyService,
    private readonly checker: ContentChecker,
    private readonly outbox: OutboxService,
    private readonly villagers: VillagersService,
    private readonly clock: Clock,
  ) {}

  async byReceipt(ip: string, idempotencyKey: string | string[] | undefined, body: ReceiptFollowUpBody): Promise<IdempotentOutcome<ReportMessageDto>> {
    const key = this.idempotency.key(idempotencyKey);
    return this.idempotency.run(
      { scope: 'follow-receipt', key, request: body, villagerId: null },
      async () => {
        const report = await this.receipts.resolve(ip, body.receiptCode);
        await this.files.checkUnbound(body.photoIds ?? []);
        // Whoever holds a code is not known to be the reporter: the text is not sent to WeChat.
        return report;
      },
      (em, report) => this.write(em, ip, report, body),
    );
  }

  async byVillager(villager: AuthVillager, reportId: number, ip: string, idempotencyKey: string | string[] | undefined, body: FollowUpBody): Promise<IdempotentOutcome<ReportMessageDto>> {
    const key = this.idempotency.key(idempotencyKey);
    return this.idempotency.run(
      { scope: 'follow-villager', key, request: { reportId, ...body }, villagerId: villager.id },
      async () => {
        const report = await this.reports.findOwned(villager.id, reportId);
        if (!report) throw new NotFound('report');
        await this.files.checkUnbound(body.photoIds ?? []);
        await this.checker.check(body.text, await this.villagers.openidOf(villager.id));
        return report;
      },
      (em, report) => this.write(em, ip, report, body),
    );
  }

  private async write(em: EntityManager, ip: string, report: Report, body: FollowUpBody): Promise<IdempotentResult<ReportMessageDto>> {
    const now = this.clock.now();
    await this.limiter.hit(em, [{ bucket: this.limiter.ipBucket(BUCKET.followUp, ip), limit: FOLLOW_UPS_PER_HOUR }], now);
    // The case the message belongs to, read inside the transaction.
    const own = await this.reports.findById(report.id, em);
    const effective = own && own.duplicateOfId !== null ? await this.reports.findById(own.duplicateOfId, em) : own;
    if (!own || !effective) throw new NotFound('report');
    if (effective.status === 'closed') throw new AppException(409, 'CASE_CLOSED', '此举报已结案，不能再补充材料');

    const message = await this.reports.insertMessage(em, { reportId: own.id, author: 'reporter', actorId: null, text: body.text.trim(), createdAt: now });
    await this.files.bind(em, body.photoIds ?? [], { reportId: own.id, messageId: message.id });
    await this.reports.touch(em, effective.id, now);
    if (own.id !== effective.id) await this.reports.touch(em, own.id, now);
    const village = await this.reports.findVillage(effective.villageId, em);
    await this.outbox.enqueue(em, {
      type: 'report.follow_up',
      reportId: effective.id,
      officeRegionId: effective.officeRegionId,
      data: {
        reportId: effective.id,
        ...(own.id !== effective.id ? { duplicateId: own.id } : {}),
        messageId: message.id,
        villageId: effective.villageId,
        villageName: village?.name ?? null,
        officeRegionId: effective.officeRegionId,
        categoryCode: effective.categoryCode,
        status: effective.status,
        text: message.text,
        photoCount: body.photoIds?.length ?? 0,
      },
    });
    return { status: 201, body: await this.threads.messageDto(message, em) };
  }
}
