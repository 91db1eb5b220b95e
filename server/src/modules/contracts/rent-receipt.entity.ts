import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn, timestampColumn } from '../../database/columns';

/**
 * Part (or all) of a published income entry counted against one installment of a contract. A
 * receipt whose entry has been reversed (红字冲销) no longer counts.
 */
@Entity('rent_receipts')
@Index('UQ_rent_receipts_installment_entry', ['installmentId', 'entryId'], { unique: true })
export class RentReceipt {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_rent_receipts_contract')
  @Column({ name: 'contract_id', type: 'int' })
  contractId: number;

  @Column({ name: 'installment_id', type: 'int' })
  installmentId: number;

  @Index('IDX_rent_receipts_entry')
  @Column({ name: 'entry_id', type: 'int' })
  entryId: number;

  @Column(moneyColumn('amount_fen'))
  amountFen: number;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
