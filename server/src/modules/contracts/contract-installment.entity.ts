import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from '../../database/columns';

/** One rent installment of a contract: what is due, and when. */
@Entity('contract_installments')
@Index('UQ_contract_installments_contract_seq', ['contractId', 'seq'], { unique: true })
export class ContractInstallment {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ name: 'contract_id', type: 'int' })
  contractId: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Index('IDX_contract_installments_due')
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column(moneyColumn('amount_fen'))
  amountFen: number;
}
