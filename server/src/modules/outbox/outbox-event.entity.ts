import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** An event for the office's case system, written in the same transaction as the change it describes. */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The Standard Webhooks `webhook-id` ("msg_…"), the same on every retry and replay. */
  @Index('UQ_outbox_events_event_id', { unique: true })
  @Column({ name: 'event_id', type: 'varchar', length: 40 })
  eventId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Index('IDX_outbox_events_report')
  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ name: 'office_region_id', type: 'int', nullable: true })
  officeRegionId: number | null;

  /** The JSON body delivered, exactly as signed. */
  @Column({ type: 'text' })
  payload: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
