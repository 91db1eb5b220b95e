import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A kind of report (虚报冒领, 挪用资金 …): data, so an installation can add its own. */
@Entity('report_categories')
export class ReportCategory {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('UQ_report_categories_code', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  label: string;

  /** Reports of this category go straight to the county office. */
  @Column({ type: 'boolean', default: false })
  escalate: boolean;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
