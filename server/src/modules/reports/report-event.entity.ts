import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseStatus } from '@mingbai/shared';
import { timestampColumn } from '../../database/columns';

export type ReportEventAction = 'submitted' | 'transferred' | 'assigned' | 'revealed' | 'accept' | 'decline' | 'investigate' | 'conclude' | 'require_rectification' | 'confirm_rectified' | 'close'
  /** Warning cases: the rules engine found the condition gone, or back again. */
  | 'condition_cleared'
  | 'reopened';

/** One step of a report's case: who did what, when, with which note. Never updated. */
@Entity('report_events')
export class ReportEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_report_events_report')
  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 24 })
  action: ReportEventAction;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: CaseStatus;

  /** The inspector; null for the reporter's submission. */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
