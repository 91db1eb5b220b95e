/** The events forwarded to the offices' case systems (and, for status changes, to consenting reporters). */
export const OUTBOX_EVENT_TYPES = [
  'report.created',
  'report.status_changed',
  'report.transferred',
  'report.reply',
  'report.follow_up',
  'digest.daily',
] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

export interface OutboxEventInput {
  type: OutboxEventType;
  reportId: number | null;
  /** The office whose endpoints receive it (an endpoint receives events of offices under its region). */
  officeRegionId: number | null;
  /** The event's data: ids, statuses, category, texts meant for the office. Never the reporter's identity. */
  data: Record<string, unknown>;
}

/** The JSON body delivered to an office endpoint (and stored as `outbox_events.payload`, exactly as signed). */
export interface WebhookPayload {
  type: OutboxEventType;
  /** When the event was written (ISO 8601, UTC). */
  timestamp: string;
  data: Record<string, unknown>;
}
