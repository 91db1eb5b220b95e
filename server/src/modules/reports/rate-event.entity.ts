import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** One counted action for rate limiting, shared by every API instance. Buckets hold hashes, never raw IPs or openids. */
@Entity('rate_events')
@Index('IDX_rate_events_bucket_created', ['bucket', 'createdAt'])
export class RateEvent {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 100 })
  bucket: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
