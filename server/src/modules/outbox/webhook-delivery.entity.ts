import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'disabled';

/** One event to one endpoint: retried with exponential backoff until delivered or given up. */
@Entity('webhook_deliveries')
@Index('UQ_webhook_deliveries_event_endpoint', ['outboxEventId', 'endpointId'], { unique: true })
@Index('IDX_webhook_deliveries_due', ['status', 'nextAttemptAt'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'outbox_event_id', type: 'int' })
  outboxEventId: number;

  @Index('IDX_webhook_deliveries_endpoint')
  @Column({ name: 'endpoint_id', type: 'int' })
  endpointId: number;

  @Column({ type: 'varchar', length: 12 })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column(timestampColumn('next_attempt_at', { nullable: true }))
  nextAttemptAt: Date | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @Column(timestampColumn('delivered_at', { nullable: true }))
  deliveredAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
