import { Column, Entity, PrimaryColumn } from 'typeorm';
import { moneyColumn, timestampColumn } from '../../database/columns';

/**
 * The last published link of a village's chain and its running totals. Publication locks this
 * row (MySQL) so that one village's serials are handed out one at a time.
 */
@Entity('chain_heads')
export class ChainHead {
  @PrimaryColumn({ name: 'village_id', type: 'int' })
  villageId: number;

  @Column({ type: 'int', default: 0 })
  serial: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** Net published income and expense (reversals subtract). */
  @Column(moneyColumn('income_fen', { default: 0 }))
  incomeFen: number;

  @Column(moneyColumn('expense_fen', { default: 0 }))
  expenseFen: number;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
