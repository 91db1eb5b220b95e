import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { WatchListKind } from '@mingbai/shared';
import { timestampColumn } from '../../database/columns';

/**
 * A person on one of an office's lists: village cadres and their close relatives, public servants,
 * deceased persons, people who moved away. Kept by inspectors of the region; matched against payees
 * on the normalised name and, when both sides have one, the keyed hash of the ID number.
 */
@Entity('watch_people')
@Index('IDX_watch_people_name_kind', ['nameNorm', 'listKind'])
export class WatchPerson {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_watch_people_region')
  @Column({ name: 'region_id', type: 'int' })
  regionId: number;

  @Column({ name: 'list_kind', type: 'varchar', length: 20 })
  listKind: WatchListKind;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'name_norm', type: 'varchar', length: 50 })
  nameNorm: string;

  @Column({ name: 'id_hash', type: 'varchar', length: 64, nullable: true })
  idHash: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  relation: string | null;

  @Column({ name: 'since_on', type: 'date', nullable: true })
  sinceOn: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  source: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
