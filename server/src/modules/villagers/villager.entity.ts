import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A villager signed in through WeChat. The openid is kept sealed; `openidRef` (an HMAC) finds the row. */
@Entity('villagers')
export class Villager {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('UQ_villagers_openid_ref', { unique: true })
  @Column({ name: 'openid_ref', type: 'varchar', length: 64 })
  openidRef: string;

  @Column({ name: 'openid_sealed', type: 'varchar', length: 512 })
  openidSealed: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Column(timestampColumn('last_seen_at'))
  lastSeenAt: Date;
}
