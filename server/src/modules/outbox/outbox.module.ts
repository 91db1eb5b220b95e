import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { OutboxService } from './outbox.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxWorker } from './outbox.worker';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** The transactional outbox, the webhook worker, subscribe-message notifications and the daily digest. */
@Module({
  imports: [WechatModule],
  controllers: [WebhooksController],
  providers: [OutboxService, OutboxRepository, OutboxWorker, WebhookSender, WebhooksRepository, WebhooksService],
  exports: [OutboxService, OutboxWorker],
})
export class OutboxModule {}
