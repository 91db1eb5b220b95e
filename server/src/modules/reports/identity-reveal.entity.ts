import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** The audit log of identity reveals. Append-only: database triggers refuse UPDATE and DELETE. */
@Entity('identity_reveals')
export class IdentityReveal {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_identity_reveals_report')
  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'text' })
  reason: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
