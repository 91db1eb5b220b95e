import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Db } from '../../database/db.service';
import { Region } from '../regions/region.entity';
import { OutboxEvent } from './outbox-event.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { DeliveryStatus, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookAttempt } from './webhook-attempt.entity';

export interface EndpointRow {
  endpoint: WebhookEndpoint;
  region: Region | null;
}

export interface DeliveryRow {
  delivery: WebhookDelivery;
  event: Pick<OutboxEvent, 'id' | 'eventId' | 'type'>;
  attempts: WebhookAttempt[];
}

/** The admin side's SQL for endpoints, deliveries and attempts. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  async endpoints(): Promise<EndpointRow[]> {
    const endpoints = await this.db.manager.find(WebhookEndpoint, { order: { id: 'ASC' } });
    const regionIds = [...new Set(endpoints.map((e) => e.regionId).filter((id): id is number => id !== null))];
    const regions = regionIds.length ? await this.db.manager.find(Region, { where: { id: In(regionIds) } }) : [];
    const byId = new Map(regions.map((r) => [r.id, r]));
    return endpoints.map((endpoint) => ({ endpoint, region: endpoint.regionId === null ? null : (byId.get(endpoint.regionId) ?? null) }));
  }

  async endpoint(id: number, em: EntityManager = this.db.manager): Promise<EndpointRow | null> {
    const endpoint = await em.findOne(WebhookEndpoint, { where: { id } });
    if (!endpoint) return null;
    const region = endpoint.regionId === null ? null : await em.findOne(Region, { where: { id: endpoint.regionId } });
    return { endpoint, region };
  }

  region(id: number): Promise<Region | null> {
    return this.db.manager.findOne(Region, { where: { id } });
  }

  async insertEndpoint(em: EntityManager, row: Omit<WebhookEndpoint, 'id'>): Promise<number> {
    const res = await em.insert(WebhookEndpoint, row);
    return Number(res.identifiers[0].id);
  }

  async updateEndpoint(em: EntityManager, id: number, change: Partial<Omit<WebhookEndpoint, 'id'>>): Promise<void> {
    await em.update(WebhookEndpoint, { id }, change);
  }

  /** The endpoint, its deliveries and their attempts. */
  async deleteEndpoint(em: EntityManager, id: number): Promise<void> {
    await em
      .createQueryBuilder()
      .delete()
      .from(WebhookAttempt)
      .where('delivery_id IN (SELECT d.id FROM webhook_deliveries d WHERE d.endpoint_id = :id)', { id })
      .execute();
    await em.delete(WebhookDelivery, { endpointId: id });
    await em.delete(WebhookEndpoint, { id });
  }

  /** Pending deliveries of an endpoint stop (the endpoint was turned off). */
  async stopPending(em: EntityManager, endpointId: number): Promise<void> {
    await em.update(WebhookDelivery, { endpointId, status: 'pending' }, { status: 'disabled', nextAttemptAt: null });
  }

  /** A page of an endpoint's deliveries, newest first, with their attempts. */
  async deliveries(endpointId: number, f: { status?: DeliveryStatus; beforeId?: number; limit: number }): Promise<DeliveryRow[]> {
    const qb = this.db.manager
      .createQueryBuilder(WebhookDelivery, 'd')
      .where('d.endpoint_id = :endpointId', { endpointId })
      .orderBy('d.id', 'DESC')
      .limit(f.limit);
    if (f.status) qb.andWhere('d.status = :status', { status: f.status });
    if (f.beforeId) qb.andWhere('d.id < :beforeId', { beforeId: f.beforeId });
    return this.withDetails(await qb.getMany());
  }

  async delivery(id: number, em: EntityManager = this.db.manager): Promise<DeliveryRow | null> {
    const delivery = await em.findOne(WebhookDelivery, { where: { id } });
    return delivery ? (await this.withDetails([delivery], em))[0] : null;
  }

  /** Puts a delivery back in the queue, keeping its event (and so its webhook-id). */
  async requeue(em: EntityManager, id: number, now: Date): Promise<void> {
    await em.update(WebhookDelivery, { id }, { status: 'pending', attempts: 0, nextAttemptAt: now, deliveredAt: null });
  }

  private async withDetails(deliveries: WebhookDelivery[], em: EntityManager = this.db.manager): Promise<DeliveryRow[]> {
    if (deliveries.length === 0) return [];
    const events = await em.find(OutboxEvent, {
      where: { id: In([...new Set(deliveries.map((d) => d.outboxEventId))]) },
      select: { id: true, eventId: true, type: true },
    });
    const attempts = await em.find(WebhookAttempt, { where: { deliveryId: In(deliveries.map((d) => d.id)) }, order: { id: 'ASC' } });
    const eventById = new Map(events.map((e) => [e.id, e]));
    return deliveries.map((delivery) => ({
      delivery,
      event: eventById.get(delivery.outboxEventId) ?? { id: delivery.outboxEventId, eventId: '', type: '' },
      attempts: attempts.filter((a) => a.deliveryId === delivery.id),
    }));
  }
}
