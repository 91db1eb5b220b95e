import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Direction } from '@mingbai/shared';
import { moneyColumn } from '../../database/columns';

/** Published totals per village, month and subject, kept up to date in the publication transaction. */
@Entity('month_totals')
export class MonthTotal {
  @PrimaryColumn({ name: 'village_id', type: 'int' })
  villageId: number;

  /** YYYY-MM */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  direction: Direction;

  @PrimaryColumn({ name: 'subject_code', type: 'varchar', length: 10 })
  subjectCode: string;

  @Column(moneyColumn('amount_fen', { default: 0 }))
  amountFen: number;

  @Column({ name: 'entry_count', type: 'int', default: 0 })
  entryCount: number;
}
