import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app-exception';
import { RateLimiter } from './rate-limiter';
import { ReceiptCodes } from './receipt-codes';
import { ReportsRepository } from './reports.repository';
import type { Report } from './report.entity';
import { BUCKET, RECEIPT_MISSES_PER_HOUR } from './report-limits';

/**
 * The report behind a receipt code. Wrong codes are counted per IP address: after
 * RECEIPT_MISSES_PER_HOUR misses in an hour every lookup from there is refused (429) until the
 * oldest miss is an hour old, which makes guessing 16 digits hopeless.
 */
@Injectable()
export class ReceiptResolver {
  constructor(
    private readonly db: Db,
    private readonly reports: ReportsRepository,
    private readonly codes: ReceiptCodes,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
  ) {}

  /** `code`: the 16 normalised digits. 404 RECEIPT_NOT_FOUND when no report has it. */
  async resolve(ip: string, code: string): Promise<Report> {
    const misses = [{ bucket: this.limiter.ipBucket(BUCKET.receiptMiss, ip), limit: RECEIPT_MISSES_PER_HOUR }];
    await this.limiter.check(this.db.manager, misses);
    const report = await this.reports.findByReceiptHash(await this.codes.hash(code));
    if (report) return report;
    await this.db.transaction((em) => this.limiter.record(em, [misses[0].bucket], this.clock.now()));
    throw new AppException(404, 'RECEIPT_NOT_FOUND', '没有找到这个回执码，请核对后重新输入', [{ field: 'receiptCode', reason: 'matches no report' }]);
  }
}
