import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** Where an office's case system receives events: reports of villages under `regionId` (all when null). */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 500 })
  url: string;

  /** The "whsec_…" signing secret, sealed with IdentityCipher. */
  @Column({ name: 'secret_sealed', type: 'varchar', length: 512 })
  secretSealed: string;

  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why it was disabled (e.g. the receiver answered 410 Gone). */
  @Column({ name: 'disabled_reason', type: 'varchar', length: 200, nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
