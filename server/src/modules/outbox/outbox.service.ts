import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventInput } from './outbox.types';

/**
 * Writes events to the outbox inside the caller's transaction, so an event exists exactly when
 * the change it describes was committed. Delivery happens later, in OutboxWorker.
 */
@Injectable()
export class OutboxService {
  // TODO(helper: outbox) implement: insert outbox_events row, webhook_deliveries for enabled endpoints
  // covering officeRegionId, and a notification_deliveries row for report.status_changed when the report has notify credits.
  async enqueue(_em: EntityManager, _event: OutboxEventInput): Promise<void> {
    throw new Error('OutboxService.enqueue is not implemented yet');
  }
}
