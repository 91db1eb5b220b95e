import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReportsModule } from '../reports/reports.module';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CaseScope } from './case-scope';
import { CaseQueriesService } from './case-queries.service';
import { CaseActionsService } from './case-actions.service';
import { CaseStatsService } from './case-stats.service';
import { JobClaims } from './job-claims';
import { ReportDigestJob } from './digest.job';
import { CaseLinksRepository } from './links/case-links.repository';
import { CaseLinksService } from './links/case-links.service';
import { RuleCatalog } from './warnings/rule-catalog';
import { RulesModule } from '../rules/rules.module';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { CaseExportService } from './export/case-export.service';

/**
 * The discipline office's side of cases (citizen reports and rule warnings): inbox, case lifecycle,
 * assignment, transfer, reveal, links, statistics, daily digest, the dashboard and the exports of the lists.
 */
@Module({
  imports: [ReportsModule, OutboxModule, RulesModule],
  controllers: [CasesController, DashboardController],
  providers: [
    CasesRepository,
    CaseScope,
    CaseQueriesService,
    CaseActionsService,
    CaseStatsService,
    JobClaims,
    ReportDigestJob,
    CaseLinksRepository,
    CaseLinksService,
    DashboardRepository,
    DashboardService,
    CaseExportService,
    { provide: RuleCatalog, useFactory: () => new RuleCatalog() },
  ],
  exports: [JobClaims],
})
export class CasesModule {}
