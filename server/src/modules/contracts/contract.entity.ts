import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AwardMethod, ContractFrequency, ContractKind, CounterpartyKind, RegisterStatus } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

/** A lease or contracting contract (租赁/发包合同) of a village. Public once approved, counterparty masked. */
@Entity('contracts')
@Index('UQ_contracts_village_code', ['villageId', 'code'], { unique: true })
@Index('IDX_contracts_village_status', ['villageId', 'status'])
export class Contract {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Index('IDX_contracts_asset')
  @Column({ name: 'asset_id', type: 'int', nullable: true })
  assetId: number | null;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 12 })
  kind: ContractKind;

  @Column({ name: 'counterparty_kind', type: 'varchar', length: 16 })
  counterpartyKind: CounterpartyKind;

  /** As entered; never leaves the server for a person counterparty except to staff. */
  @Column({ name: 'counterparty_name', type: 'varchar', length: 100 })
  counterpartyName: string;

  @Column({ name: 'counterparty_display', type: 'varchar', length: 100 })
  counterpartyDisplay: string;

  /** normalizePersonName of the name, for the rules. */
  @Column({ name: 'counterparty_norm', type: 'varchar', length: 100 })
  counterpartyNorm: string;

  /** Keyed hash (IdNumberHasher) of a person counterparty's ID number; the number itself is never stored. */
  @Column({ name: 'counterparty_id_hash', type: 'varchar', length: 64, nullable: true })
  counterpartyIdHash: string | null;

  @Column({ name: 'start_on', type: 'date' })
  startOn: string;

  @Column({ name: 'end_on', type: 'date' })
  endOn: string;

  @Column({ type: 'varchar', length: 12 })
  frequency: ContractFrequency;

  @Column(moneyColumn('annual_rent_fen', { nullable: true }))
  annualRentFen: number | null;

  /** Sum of the installments. */
  @Column(moneyColumn('total_rent_fen', { default: 0 }))
  totalRentFen: number;

  @Column(moneyColumn('deposit_fen', { default: 0 }))
  depositFen: number;

  @Column({ name: 'area_m2', type: 'int', nullable: true })
  areaM2: number | null;

  @Column({ name: 'award_method', type: 'varchar', length: 16 })
  awardMethod: AwardMethod;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: RegisterStatus;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'terminated_on', type: 'date', nullable: true })
  terminatedOn: string | null;

  @Column({ name: 'termination_reason', type: 'varchar', length: 500, nullable: true })
  terminationReason: string | null;

  /** A termination waiting for approval, as JSON {terminatedOn, reason, requestedBy}. */
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
