import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { ReportsModule } from '../reports/reports.module';

/** The discipline office's side of reports: inbox, case lifecycle, assignment, transfer, reveal, statistics. */
@Module({
  imports: [ReportsModule, OutboxModule],
})
export class CasesModule {}
