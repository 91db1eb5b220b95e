import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { Report } from '../reports/report.entity';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookAttempt } from './webhook-attempt.entity';
import { NotificationDelivery } from './notification-delivery.entity';

export interface WebhookJob {
  delivery: WebhookDelivery;
  event: Pick<OutboxEvent, 'eventId' | 'payload'>;
  /** Null when the endpoint was deleted meanwhile. */
  endpoint: WebhookEndpoint | null;
}

export interface NotificationJob {
  delivery: NotificationDelivery;
  event: Pick<OutboxEvent, 'payload'> | null;
  report: Pick<Report, 'id' | 'status' | 'identitySealed'> | null;
}

type Due = typeof WebhookDelivery | typeof NotificationDelivery;

/** The worker's SQL: finding due deliveries, claiming them, recording what happened. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Ids of pending deliveries whose time has come, oldest first. Not a claim: see `claim`. */
  async dueIds(target: Due, now: Date, limit: number): Promise<number[]> {
    const rows = await this.db.manager
      .createQueryBuilder(target, 'd')
      .select('d.id', 'id')
      .where('d.status = :pending AND d.next_attempt_at <= :now', { pending: 'pending', now })
      .orderBy('d.next_attempt_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * Takes a due delivery for this instance: moves `next_attempt_at` to `leaseUntil` only if the
   * delivery is still pending and due. With several API instances exactly one such UPDATE changes
   * the row; the others see it no longer due. If this instance dies while sending, the delivery
   * becomes due again when the lease ends.
   */
  async claim(em: EntityManager, target: Due, id: number, now: Date, leaseUntil: Date): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(target)
      .set({ nextAttemptAt: leaseUntil })
      .where('id = :id AND status = :pending AND next_attempt_at <= :now', { id, pending: 'pending', now })
      .execute();
    return res.affected === 1;
  }

  async webhookJob(em: EntityManager, id: number): Promise<WebhookJob | null> {
    const delivery = await em.findOne(WebhookDelivery, { where: { id } });
    if (!delivery) return null;
    const event = await em.findOne(OutboxEvent, {
      where: { id: delivery.outboxEventId },
      select: { id: true, eventId: true, payload: true },
    });
    if (!event) return null;
    const endpoint = await em.findOne(WebhookEndpoint, { where: { id: delivery.endpointId } });
    return { delivery, event, endpoint };
  }

  async notificationJob(em: EntityManager, id: number): Promise<NotificationJob | null> {
    const delivery = await em.findOne(NotificationDelivery, { where: { id } });
    if (!delivery) return null;
    const event = await em.findOne(OutboxEvent, { where: { id: delivery.outboxEventId }, select: { id: true, payload: true } });
    const report = await em.findOne(Report, { where: { id: delivery.reportId }, select: { id: true, status: true, identitySealed: true } });
    return { delivery, event, report };
  }

  async deliveryExists(em: EntityManager, id: number): Promise<boolean> {
    return (await em.count(WebhookDelivery, { where: { id } })) > 0;
  }

  recordAttempt(em: EntityManager, attempt: Omit<WebhookAttempt, 'id'>): Promise<unknown> {
    return em.insert(WebhookAttempt, attempt);
  }

  /** Changes a delivery the worker holds; only while it is still pending (an admin may have changed it meanwhile). */
  async updateWebhookDelivery(em: EntityManager, id: number, change: Partial<Omit<WebhookDelivery, 'id'>>): Promise<boolean> {
    const res = await em.update(WebhookDelivery, { id, status: 'pending' }, change);
    return res.affected === 1;
  }

  async updateNotification(em: EntityManager, id: number, change: Partial<Omit<NotificationDelivery, 'id'>>): Promise<boolean> {
    const res = await em.update(NotificationDelivery, { id, status: 'pending' }, change);
    return res.affected === 1;
  }

  /** Turns an endpoint off and stops its pending deliveries (they can be replayed once it is on again). */
  async disableEndpoint(em: EntityManager, endpointId: number, reason: string): Promise<void> {
    await em.update(WebhookEndpoint, { id: endpointId }, { enabled: false, disabledReason: reason.slice(0, 200) });
    await this.setPendingStatus(em, endpointId, 'disabled');
  }

  async setPendingStatus(em: EntityManager, endpointId: number, status: DeliveryStatus): Promise<void> {
    await em.update(WebhookDelivery, { endpointId, status: 'pending' }, { status, nextAttemptAt: null });
  }
}
