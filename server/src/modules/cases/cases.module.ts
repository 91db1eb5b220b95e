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

/** The discipline office's side of reports: inbox, case lifecycle, assignment, transfer, reveal, statistics, daily digest. */
@Module({
  imports: [ReportsModule, OutboxModule],
  controllers: [CasesController],
  providers: [CasesRepository, CaseScope, CaseQueriesService, CaseActionsService, CaseStatsService, JobClaims, ReportDigestJob],
  exports: [JobClaims],
})
export class CasesModule {}
