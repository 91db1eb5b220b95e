import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** Two cases (reports or warnings) about the same thing; stored once, the lower id first. */
@Entity('case_links')
@Index('UQ_case_links_pair', ['caseId', 'linkedCaseId'], { unique: true })
export class CaseLink {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'case_id', type: 'int' })
  caseId: number;

  @Index('IDX_case_links_linked')
  @Column({ name: 'linked_case_id', type: 'int' })
  linkedCaseId: number;

  /** The inspector who linked them; null when linked automatically (same entry or contract). */
  @Column({ name: 'created_by', type: 'int', nullable: true })
  createdBy: number | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
