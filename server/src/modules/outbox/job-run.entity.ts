import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A claim on one run of a scheduled job (e.g. the digest of one day): with several API instances only the first insert wins. */
@Entity('job_runs')
@Index('UQ_job_runs_name_period', ['name', 'period'], { unique: true })
export class JobRun {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Column(timestampColumn('started_at'))
  startedAt: Date;
}
