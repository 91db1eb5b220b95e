import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A statutory public holiday day off (法定节假日), from the State Council's yearly notice. */
@Entity('holidays')
export class Holiday {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 20 })
  name: string;
}
