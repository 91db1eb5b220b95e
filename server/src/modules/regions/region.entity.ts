import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ChartVersion, RegionLevel } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

@Entity('regions')
export class Region {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The 12-digit statistical division code (统计用区划代码). */
  @Index('UQ_regions_code', { unique: true })
  @Column({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  level: RegionLevel;

  @Index('IDX_regions_parent')
  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  /** Ancestor ids including its own, e.g. "/1/4/17/203/", for scope checks by prefix. */
  @Index('IDX_regions_path')
  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ name: 'chart_version', type: 'varchar', length: 8, default: '2023' })
  chartVersion: ChartVersion;

  /** Villages: the balance when the ledger starts (期初余额). */
  @Column(moneyColumn('opening_balance_fen', { default: 0 }))
  openingBalanceFen: number;

  @Column({ name: 'ledger_start', type: 'date', nullable: true })
  ledgerStart: string | null;

  /** Towns: entries at or above this amount need a second approval by the town agent. */
  @Column(moneyColumn('second_approval_threshold_fen', { nullable: true }))
  secondApprovalThresholdFen: number | null;

  /** Whether approvers' names are shown in the public approval trail (the region decides). */
  @Column({ name: 'show_staff_names', type: 'boolean', default: false })
  showStaffNames: boolean;

  /** Working days (Mon–Fri) the discipline office has to accept or decline a report; null: inherit. */
  @Column({ name: 'sla_accept_working_days', type: 'int', nullable: true })
  slaAcceptWorkingDays: number | null;

  /** Calendar days from submission to conclusion; null: inherit from the nearest ancestor. */
  @Column({ name: 'sla_conclude_days', type: 'int', nullable: true })
  slaConcludeDays: number | null;

  /** Reports about an entry or contract of at least this amount go to the county office; null: inherit. */
  @Column(moneyColumn('report_escalate_amount_fen', { nullable: true }))
  reportEscalateAmountFen: number | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
