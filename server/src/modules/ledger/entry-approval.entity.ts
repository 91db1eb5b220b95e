import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@mingbai/shared';
import { timestampColumn } from '../../database/columns';

/** One decision on a submitted entry: the approval trail the public sees. */
@Entity('entry_approvals')
export class EntryApproval {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_entry_approvals_entry')
  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column({ type: 'int' })
  step: number;

  @Column({ type: 'varchar', length: 10 })
  decision: 'approved' | 'rejected';

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** The approver's region level at the time (village head or town agent). */
  @Column({ name: 'scope_level', type: 'varchar', length: 10 })
  scopeLevel: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
