import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A WeChat subscribe message telling a consenting reporter that their report's status changed. */
@Entity('notification_deliveries')
@Index('IDX_notification_deliveries_due', ['status', 'nextAttemptAt'])
export class NotificationDelivery {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('UQ_notification_deliveries_event', { unique: true })
  @Column({ name: 'outbox_event_id', type: 'int' })
  outboxEventId: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 12 })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column(timestampColumn('next_attempt_at', { nullable: true }))
  nextAttemptAt: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  @Column(timestampColumn('sent_at', { nullable: true }))
  sentAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
