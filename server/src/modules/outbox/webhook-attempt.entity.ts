import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** Every attempt at a delivery, successful or not. */
@Entity('webhook_attempts')
export class WebhookAttempt {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_webhook_attempts_delivery')
  @Column({ name: 'delivery_id', type: 'int' })
  deliveryId: number;

  @Column(timestampColumn('attempted_at'))
  attemptedAt: Date;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode: number | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;
}
