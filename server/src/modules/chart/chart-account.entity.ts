import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ChartVersion, Direction } from '@mingbai/shared';

/** One account of a versioned chart of accounts (农村集体经济组织会计制度). */
@Entity('chart_accounts')
@Index('UQ_chart_accounts_version_code', ['version', 'code'], { unique: true })
export class ChartAccount {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 8 })
  version: ChartVersion;

  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** income or expense for profit-and-loss accounts that ledger entries may use; null for balance-sheet accounts. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  direction: Direction | null;

  @Column({ type: 'int', default: 1 })
  level: number;
}
