import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { VillagersModule } from '../villagers/villagers.module';
import { WechatModule } from '../wechat/wechat.module';
import { CaseRoutingService } from './routing/case-routing.service';
import { ReportCategoriesController } from './report-categories.controller';
import { ReportCategoriesService } from './report-categories.service';
import { ReportFilesController } from './report-files.controller';
import { ReportFilesService } from './report-files.service';
import { ReportsController } from './reports.controller';
import { VillagerReportsController } from './villager-reports.controller';
import { ReportFilingService } from './report-filing.service';
import { ReportFollowUpsService } from './report-follow-ups.service';
import { ReporterViewsService } from './reporter-views.service';
import { ReportThreadService } from './report-thread.service';
import { ReportsRepository } from './reports.repository';
import { ReceiptCodes } from './receipt-codes';
import { ReceiptResolver } from './receipt-resolver';
import { RateLimiter } from './rate-limiter';
import { ContentChecker } from './content-checker';
import { IdempotencyService } from './idempotency/idempotency.service';

/** Citizen reports: filing, photos, receipt codes, follow-ups, 我的举报, categories. */
@Module({
  imports: [OutboxModule, VillagersModule, WechatModule],
  controllers: [ReportCategoriesController, ReportFilesController, ReportsController, VillagerReportsController],
  providers: [
    CaseRoutingService,
    ReportCategoriesService,
    ReportFilesService,
    ReportFilingService,
    ReportFollowUpsService,
    ReporterViewsService,
    ReportThreadService,
    ReportsRepository,
    ReceiptCodes,
    ReceiptResolver,
    RateLimiter,
    ContentChecker,
    IdempotencyService,
  ],
  exports: [CaseRoutingService, ReportFilesService, ReportThreadService, ReportCategoriesService, IdempotencyService, RateLimiter, ContentChecker, ReceiptCodes],
})
export class ReportsModule {}
