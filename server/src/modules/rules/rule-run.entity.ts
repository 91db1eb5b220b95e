import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** One run of one rule: when, how long, what it found. */
@Entity('rule_runs')
@Index('IDX_rule_runs_rule_started', ['ruleId', 'startedAt'])
export class RuleRun {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'rule_id', type: 'varchar', length: 40 })
  ruleId: string;

  @Column({ type: 'varchar', length: 12 })
  mode: 'full' | 'incremental' | 'manual';

  /** The village of an incremental run; null for a full run. */
  @Column({ name: 'village_id', type: 'int', nullable: true })
  villageId: number | null;

  @Column(timestampColumn('started_at'))
  startedAt: Date;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;

  @Column({ type: 'int', default: 0 })
  findings: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  resolved: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;
}
