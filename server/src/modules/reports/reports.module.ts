import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { CaseRoutingService } from './routing/case-routing.service';

/** Citizen reports: filing, photos, receipt codes, follow-ups, 我的举报. */
@Module({
  imports: [OutboxModule],
  providers: [CaseRoutingService],
  exports: [CaseRoutingService],
})
export class ReportsModule {}
