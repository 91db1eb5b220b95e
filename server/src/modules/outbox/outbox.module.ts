import { Module } from '@nestjs/common';
import { OutboxService } from './outbox.service';

/** The transactional outbox, the webhook worker, subscribe-message notifications and the daily digest. */
@Module({
  providers: [OutboxService],
  exports: [OutboxService],
})
export class OutboxModule {}
