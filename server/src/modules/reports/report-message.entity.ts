import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A message between the reporter and the office: a follow-up or a reply. */
@Entity('report_messages')
export class ReportMessage {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_report_messages_report')
  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 8 })
  author: 'reporter' | 'office';

  /** The inspector who replied; null for the reporter. */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'text' })
  text: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
