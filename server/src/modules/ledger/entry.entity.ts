import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CounterpartyKind, Direction, EntryStatus, PaymentMethod } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

/**
 * A ledger entry. Once published (serial and hash set) the row never changes: the service
 * refuses it and database triggers reject UPDATE and DELETE of published rows.
 */
@Entity('entries')
@Index('UQ_entries_village_serial', ['villageId', 'serial'], { unique: true })
@Index('IDX_entries_public_list', ['villageId', 'status', 'occurredOn', 'id'])
@Index('IDX_entries_status_village', ['status', 'villageId'])
// Covering index of the supervision rules' payment scans (migration 1766).
@Index('IDX_entries_payee', ['villageId', 'counterpartyNorm', 'occurredOn', 'direction', 'status', 'amountFen', 'reversesId', 'paymentMethod', 'importBatchId', 'createdAt'])
export class Entry {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Column({ type: 'varchar', length: 12 })
  status: EntryStatus;

  @Column({ type: 'varchar', length: 8 })
  direction: Direction;

  @Column({ name: 'subject_code', type: 'varchar', length: 10 })
  subjectCode: string;

  @Column(moneyColumn('amount_fen'))
  amountFen: number;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ name: 'counterparty_kind', type: 'varchar', length: 16 })
  counterpartyKind: CounterpartyKind;

  /** As entered; never leaves the server for a person counterparty. */
  @Column({ name: 'counterparty_name', type: 'varchar', length: 100 })
  counterpartyName: string;

  /** What the public sees (a person's name masked: 张*三). */
  @Column({ name: 'counterparty_display', type: 'varchar', length: 100 })
  counterpartyDisplay: string;

  /** normalizePersonName of counterpartyName: what the supervision rules match payees on. */
  @Column({ name: 'counterparty_norm', type: 'varchar', length: 100, nullable: true })
  counterpartyNorm: string | null;

  /** Keyed hash (IdNumberHasher) of a person payee's ID number, when the bookkeeper gave one; never public. */
  @Column({ name: 'counterparty_id_hash', type: 'varchar', length: 64, nullable: true })
  counterpartyIdHash: string | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ name: 'payment_method', type: 'varchar', length: 12 })
  paymentMethod: PaymentMethod;

  @Column({ name: 'voucher_no', type: 'varchar', length: 50, nullable: true })
  voucherNo: string | null;

  /** The entry this one reverses (红字冲销); it counts negatively in totals. */
  @Index('IDX_entries_reverses')
  @Column({ name: 'reverses_id', type: 'int', nullable: true })
  reversesId: number | null;

  @Column({ name: 'reversal_reason', type: 'varchar', length: 500, nullable: true })
  reversalReason: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'approvals_required', type: 'int', default: 1 })
  approvalsRequired: number;

  @Index('IDX_entries_import_batch')
  @Column({ name: 'import_batch_id', type: 'int', nullable: true })
  importBatchId: number | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;

  @Column(timestampColumn('submitted_at', { nullable: true }))
  submittedAt: Date | null;

  @Column(timestampColumn('published_at', { nullable: true }))
  publishedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  serial: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  hash: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64, nullable: true })
  prevHash: string | null;
}
