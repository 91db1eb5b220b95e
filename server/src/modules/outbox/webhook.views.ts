import type { DeliveryStatus } from './webhook-delivery.entity';

/** An office endpoint as admins see it (never its secret). */
export interface WebhookEndpointView {
  id: number;
  url: string;
  regionId: number | null;
  regionName: string | null;
  enabled: boolean;
  disabledReason: string | null;
  createdBy: number;
  createdAt: string;
}

/** The answer to creating an endpoint: the only time the signing secret is shown. */
export interface CreatedWebhookView extends WebhookEndpointView {
  /** `whsec_…`: give it to the office's case system; it cannot be shown again. */
  secret: string;
}

export interface WebhookAttemptView {
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** One event to one endpoint. The event's content is report data and is not shown to admins. */
export interface WebhookDeliveryView {
  id: number;
  endpointId: number;
  /** The webhook-id receivers deduplicate on. */
  eventId: string;
  type: string;
  status: DeliveryStatus;
  /** Attempts since it was (re)queued. */
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** Every attempt, oldest first, replays included. */
  attemptLog: WebhookAttemptView[];
}

export interface WebhookDeliveryPage {
  items: WebhookDeliveryView[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}
