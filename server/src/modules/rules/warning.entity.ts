import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RuleSeverity, WarningState, WarningSubjectType } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

/**
 * A rule's finding. (rule, subject, period) identifies it, so re-running a rule never makes a
 * second one; when the condition no longer holds it is resolved with the date. Its case (a row
 * of `reports` of kind 'warning') goes through the discipline office's inbox and lifecycle.
 */
@Entity('warnings')
@Index('UQ_warnings_key', ['ruleId', 'subjectType', 'subjectId', 'period'], { unique: true })
@Index('IDX_warnings_rule_state', ['ruleId', 'state'])
@Index('IDX_warnings_village_state', ['villageId', 'state'])
export class Warning {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'rule_id', type: 'varchar', length: 40 })
  ruleId: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 10 })
  subjectType: WarningSubjectType;

  @Column({ name: 'subject_id', type: 'int' })
  subjectId: number;

  @Column({ type: 'varchar', length: 16, default: '' })
  period: string;

  /** The village (the town, for town-wide findings). */
  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Column({ type: 'varchar', length: 8 })
  severity: RuleSeverity;

  @Column({ type: 'varchar', length: 10 })
  state: WarningState;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  /** JSON {items: EvidenceItem[], facts: {...}} as the rule found it at the last run that changed it. */
  @Column({ type: 'text' })
  evidence: string;

  @Column(moneyColumn('amount_fen', { nullable: true }))
  amountFen: number | null;

  @Index('IDX_warnings_case')
  @Column({ name: 'case_id', type: 'int', nullable: true })
  caseId: number | null;

  @Column(timestampColumn('detected_at'))
  detectedAt: Date;

  @Column(timestampColumn('resolved_at', { nullable: true }))
  resolvedAt: Date | null;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
