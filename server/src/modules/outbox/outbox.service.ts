import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { Region } from '../regions/region.entity';
import { Report } from '../reports/report.entity';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { NotificationDelivery } from './notification-delivery.entity';
import type { OutboxEventInput, WebhookPayload } from './outbox.types';
import { openReporterOpenid } from './reporter-identity';

/** `msg_` + 24 base64url characters (18 random bytes): the Standard Webhooks message id. */
export function newEventId(): string {
  return `msg_${randomBytes(18).toString('base64url')}`;
}

/** An endpoint bound to `endpointPath` (null: everything) receives the events of offices under it. */
export function endpointCovers(endpointPath: string | null, officePath: string | null): boolean {
  if (endpointPath === null) return true;
  return officePath !== null && officePath.startsWith(endpointPath);
}

/**
 * Writes events to the outbox inside the caller's transaction, so an event exists exactly when
 * the change it describes was committed. Delivery happens later, in OutboxWorker.
 */
@Injectable()
export class OutboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cipher: IdentityCipher,
  ) {}

  /**
   * Inserts the event (payload = the exact JSON body that will be delivered and signed), one
   * pending delivery per enabled endpoint whose region covers the office, and, for a status change
   * of a report whose reporter consented to notifications, a pending subscribe message (using up
   * one credit). Everything goes through `em`: it commits or rolls back with the caller's change.
   */
  async enqueue(em: EntityManager, event: OutboxEventInput): Promise<void> {
    const now = this.clock.now();
    const body: WebhookPayload = { type: event.type, timestamp: now.toISOString(), data: event.data };
    const inserted = await em.insert(OutboxEvent, {
      eventId: newEventId(),
      type: event.type,
      reportId: event.reportId,
      officeRegionId: event.officeRegionId,
      payload: JSON.stringify(body),
      createdAt: now,
    });
    const outboxEventId = Number(inserted.identifiers[0].id);

    const endpointIds = await this.coveringEndpoints(em, event.officeRegionId);
    if (endpointIds.length > 0)
      await em.insert(
        WebhookDelivery,
        endpointIds.map((endpointId) => ({
          outboxEventId,
          endpointId,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          lastStatusCode: null,
          lastError: null,
          deliveredAt: null,
          createdAt: now,
        })),
      );

    if (event.type === 'report.status_changed' && event.reportId !== null)
      await this.queueNotification(em, outboxEventId, event.reportId, now);
  }

  /** Enabled endpoints for all offices, or whose region path is a prefix of the office's. */
  private async coveringEndpoints(em: EntityManager, officeRegionId: number | null): Promise<number[]> {
    const rows = await em
      .createQueryBuilder(WebhookEndpoint, 'w')
      .leftJoin(Region, 'r', 'r.id = w.region_id')
      .select('w.id', 'id')
      .addSelect('w.region_id', 'regionId')
      .addSelect('r.path', 'path')
      .where('w.enabled = :enabled', { enabled: true })
      .orderBy('w.id', 'ASC')
      .getRawMany<{ id: number | string; regionId: number | string | null; path: string | null }>();
    if (rows.length === 0) return [];
    const office = officeRegionId === null ? null : await em.findOne(Region, { where: { id: officeRegionId } });
    return (
      rows
        // An endpoint whose region no longer exists receives nothing rather than everything.
        .filter((r) => (r.regionId === null ? true : r.path !== null && endpointCovers(r.path, office?.path ?? null)))
        .map((r) => Number(r.id))
    );
  }

  private async queueNotification(em: EntityManager, outboxEventId: number, reportId: number, now: Date): Promise<void> {
    if (!this.config.reports.subscribeTemplateId) return;
    const report = await em.findOne(Report, { where: { id: reportId }, select: { id: true, notifyCredits: true, identitySealed: true } });
    if (!report || report.notifyCredits <= 0 || !report.identitySealed) return;
    if (openReporterOpenid(this.cipher, report.id, report.identitySealed) === null) return;
    // Spend the credit in the database, not from the value read: a concurrent change may have spent it.
    const spent = await em
      .createQueryBuilder()
      .update(Report)
      .set({ notifyCredits: () => 'notify_credits - 1' })
      .where('id = :id AND notify_credits > 0', { id: reportId })
      .execute();
    if (spent.affected !== 1) return;
    await em.insert(NotificationDelivery, {
      outboxEventId,
      reportId,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      createdAt: now,
    });
  }
}
