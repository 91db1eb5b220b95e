import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A committed bulk import: its entries enter as submitted and are approved together. */
@Entity('import_batches')
export class ImportBatch {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_import_batches_village')
  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'row_count', type: 'int' })
  rowCount: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
