import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AssetKind, AssetUsage, RegisterStatus } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

/** A collective asset or resource (资产资源) of a village. Public once approved. */
@Entity('assets')
@Index('UQ_assets_village_code', ['villageId', 'code'], { unique: true })
@Index('IDX_assets_village_status', ['villageId', 'status'])
export class Asset {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AssetKind;

  @Column({ type: 'varchar', length: 200 })
  location: string;

  @Column({ name: 'area_m2', type: 'int', nullable: true })
  areaM2: number | null;

  @Column(moneyColumn('book_value_fen', { default: 0 }))
  bookValueFen: number;

  @Column({ type: 'varchar', length: 12 })
  usage: AssetUsage;

  @Column({ name: 'acquired_on', type: 'date', nullable: true })
  acquiredOn: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: RegisterStatus;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  /** A change to the approved record waiting for approval, as JSON {changes: Partial<AssetInput>, requestedBy}; the public sees the approved values meanwhile. */
  @Column({ name: 'pending_change', type: 'text', nullable: true })
  pendingChange: string | null;

  @Column({ name: 'import_batch_id', type: 'int', nullable: true })
  importBatchId: number | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'approved_by', type: 'int', nullable: true })
  approvedBy: number | null;

  @Column(timestampColumn('approved_at', { nullable: true }))
  approvedAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
