import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A region's own parameters for a rule; villages inherit along their path (nearest region wins per key). */
@Entity('rule_settings')
@Index('UQ_rule_settings_region_rule', ['regionId', 'ruleId'], { unique: true })
export class RuleSetting {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'region_id', type: 'int' })
  regionId: number;

  @Column({ name: 'rule_id', type: 'varchar', length: 40 })
  ruleId: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** JSON object of parameter overrides. */
  @Column({ type: 'text' })
  params: string;

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
