import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { ScopeService } from '../../common/scope/scope.service';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { Region } from '../regions/region.entity';
import { generateWebhookSecret } from './receiver/standard-webhooks';
import { WebhooksRepository, EndpointRow, DeliveryRow } from './webhooks.repository';
import { CreateWebhookDto, DeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import type { CreatedWebhookView, WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointView } from './webhook.views';

/** Offices are towns and counties; an endpoint may also take a whole city. */
const ENDPOINT_LEVELS = new Set(['city', 'county', 'town']);
const DEFAULT_PAGE = 20;

/**
 * Admins manage the endpoints of the offices' case systems. An admin bound to a region manages
 * only endpoints of regions inside it; endpoints for all offices (no region) belong to admins
 * without a region. Admins see delivery states, never the events' content (report data).
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: Db,
    private readonly repo: WebhooksRepository,
    private readonly cipher: IdentityCipher,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  async list(actor: AuthUser): Promise<WebhookEndpointView[]> {
    return (await this.repo.endpoints()).filter((row) => this.inScope(actor, row)).map(toEndpointView);
  }

  /** Creates the endpoint with a new secret, sealed to its id; the secret is in this answer only. */
  async create(actor: AuthUser, dto: CreateWebhookDto): Promise<CreatedWebhookView> {
    const region = await this.checkRegion(actor, dto.regionId ?? null);
    const secret = generateWebhookSecret();
    const id = await this.db.transaction(async (em) => {
      const newId = await this.repo.insertEndpoint(em, {
        url: dto.url,
        secretSealed: '',
        regionId: region?.id ?? null,
        enabled: true,
        disabledReason: null,
        createdBy: actor.id,
        createdAt: this.clock.now(),
      });
      await this.repo.updateEndpoint(em, newId, { secretSealed: this.cipher.seal(secret, `webhook:${newId}`) });
      return newId;
    });
    const row = (await this.repo.endpoint(id))!;
    return { ...toEndpointView(row), secret };
  }

  async update(actor: AuthUser, id: number, dto: UpdateWebhookDto): Promise<WebhookEndpointView> {
    const current = await this.requireEndpoint(actor, id);
    const change: Parameters<WebhooksRepository['updateEndpoint']>[2] = {};
    if (dto.url !== undefined) change.url = dto.url;
    if (dto.regionId !== undefined) change.regionId = (await this.checkRegion(actor, dto.regionId))?.id ?? null;
    if (dto.enabled !== undefined && dto.enabled !== current.endpoint.enabled) {
      change.enabled = dto.enabled;
      change.disabledReason = dto.enabled ? null : `turned off by ${actor.username} on ${this.clock.now().toISOString()}`.slice(0, 200);
    }
    await this.db.transaction(async (em) => {
      if (Object.keys(change).length > 0) await this.repo.updateEndpoint(em, id, change);
      if (change.enabled === false) await this.repo.stopPending(em, id);
    });
    return toEndpointView((await this.repo.endpoint(id))!);
  }

  /** Removes the endpoint with its deliveries and attempts. */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.requireEndpoint(actor, id);
    await this.db.transaction((em) => this.repo.deleteEndpoint(em, id));
  }

  async deliveries(actor: AuthUser, id: number, query: DeliveriesQuery): Promise<WebhookDeliveryPage> {
    await this.requireEndpoint(actor, id);
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.repo.deliveries(id, { status: query.status, beforeId: query.cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return { items: page.map(toDeliveryView), nextCursor: rows.length > limit ? page[page.length - 1].delivery.id : null };
  }

  /**
   * Sends a delivery again (whatever its state): pending, due now, a fresh retry schedule, the same
   * event and so the same webhook-id, which receivers deduplicate on.
   */
  async replay(actor: AuthUser, deliveryId: number): Promise<WebhookDeliveryView> {
    const found = await this.repo.delivery(deliveryId);
    if (!found) throw new NotFound('delivery');
    const endpoint = await this.requireEndpoint(actor, found.delivery.endpointId, 'delivery');
    if (!endpoint.endpoint.enabled)
      throw new AppException(409, 'ENDPOINT_DISABLED', '该接收地址已停用，请先启用再重发', [
        { field: 'endpoint', reason: 'the endpoint is disabled: enable it first' },
      ]);
    await this.db.transaction((em) => this.repo.requeue(em, deliveryId, this.clock.now()));
    return toDeliveryView((await this.repo.delivery(deliveryId))!);
  }

  private inScope(actor: AuthUser, row: EndpointRow): boolean {
    if (row.endpoint.regionId === null) return actor.regionPath === null;
    return row.region !== null && this.scope.covers(actor, row.region);
  }

  private async requireEndpoint(actor: AuthUser, id: number, what = 'webhook endpoint'): Promise<EndpointRow> {
    const row = await this.repo.endpoint(id);
    if (!row || !this.inScope(actor, row)) throw new NotFound(what);
    return row;
  }

  /** The endpoint's region: a city, county or town in the admin's scope; null (all offices) only for admins without a region. */
  private async checkRegion(actor: AuthUser, regionId: number | null): Promise<Region | null> {
    if (regionId === null) {
      if (actor.regionPath !== null)
        throw new ValidationFailed([{ field: 'regionId', reason: 'regionId is required for an admin bound to a region' }]);
      return null;
    }
    const region = await this.repo.region(regionId);
    if (!region || !this.scope.covers(actor, region))
      throw new ValidationFailed([{ field: 'regionId', reason: 'no such region in your scope' }]);
    if (!ENDPOINT_LEVELS.has(region.level))
      throw new ValidationFailed([{ field: 'regionId', reason: 'must be a town, county or city (offices are there)' }]);
    return region;
  }
}

function toEndpointView({ endpoint: e, region }: EndpointRow): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    regionId: e.regionId,
    regionName: region?.name ?? null,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}

function toDeliveryView({ delivery: d, event, attempts }: DeliveryRow): WebhookDeliveryView {
  return {
    id: d.id,
    endpointId: d.endpointId,
    eventId: event.eventId,
    type: event.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    attemptLog: attempts.map((a) => ({
      attemptedAt: a.attemptedAt.toISOString(),
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}
