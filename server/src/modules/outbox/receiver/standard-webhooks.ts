/**
 * Standard Webhooks (https://www.standardwebhooks.com) signing and verification, symmetric ("v1")
 * signatures only. This file depends on nothing but node:crypto, so an office's case system can copy
 * it as it is: the Mingbai outbox worker signs with `signWebhook`, the receiver checks with `verifyWebhook`.
 *
 *   webhook-id:        msg_…  (the same on every retry: deduplicate on it)
 *   webhook-timestamp: unix seconds of the attempt
 *   webhook-signature: v1,<base64 HMAC-SHA256(secret bytes, `${id}.${timestamp}.${body}`)> (several, space-separated, may be sent)
 *
 * The secret reads `whsec_<base64>`; the bytes after the prefix, base64-decoded, are the HMAC key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** The request failed verification; `message` says why (safe to log: it never contains the secret or the body). */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** The JSON body Mingbai delivers. */
export interface WebhookEvent {
  type: string;
  /** When the event happened (ISO 8601, UTC). */
  timestamp: string;
  data: Record<string, unknown>;
}

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** A new signing secret: `whsec_` + base64 of 24 random bytes. */
export function generateWebhookSecret(bytes = 24): string {
  return SECRET_PREFIX + randomBytes(bytes).toString('base64');
}

/** The HMAC key of a secret (with or without the `whsec_` prefix). */
export function secretKey(secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length === 0) throw new WebhookVerificationError('the secret is empty');
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded.length === 0) throw new WebhookVerificationError('the secret is empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new WebhookVerificationError('the secret is not base64');
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new WebhookVerificationError('the secret is empty');
  return key;
}

/** `v1,<base64 signature>` of one message. `timestamp` is unix seconds or a Date. */
export function signWebhook(secret: string, id: string, timestamp: number | Date, body: string | Buffer): string {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  return `v1,${digest(secretKey(secret), id, String(seconds), body).toString('base64')}`;
}

/** The three headers a message is sent with. */
export function webhookHeaders(secret: string, id: string, timestamp: number | Date, body: string | Buffer): Record<string, string> {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': signWebhook(secret, id, seconds, body),
  };
}

/**
 * Checks a received webhook and returns its parsed body. Throws WebhookVerificationError when a
 * header is missing, the timestamp is more than `toleranceSeconds` away from `now` (either way),
 * or no `v1` signature in webhook-signature matches (compared in constant time). Pass the body
 * exactly as received (before any JSON parsing).
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  rawBody: string | Buffer,
  now: Date = new Date(),
  toleranceSeconds = 300,
): WebhookEvent {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');

  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const sent = Number(timestamp);
  if (sent < nowSeconds - toleranceSeconds) throw new WebhookVerificationError('webhook-timestamp is too old');
  if (sent > nowSeconds + toleranceSeconds) throw new WebhookVerificationError('webhook-timestamp is in the future');

  const expected = digest(secretKey(secret), id, timestamp, rawBody);
  let matched = false;
  for (const candidate of signatures.split(' ')) {
    const comma = candidate.indexOf(',');
    if (comma < 0 || candidate.slice(0, comma) !== 'v1') continue;
    const given = Buffer.from(candidate.slice(comma + 1), 'base64');
    // Every candidate is compared, so the time taken does not tell which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError('no matching signature');

  let event: unknown;
  try {
    event = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
  } catch {
    throw new WebhookVerificationError('the body is not JSON');
  }
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new WebhookVerificationError('the body is not a JSON object');
  return event as WebhookEvent;
}

function digest(key: Buffer, id: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(body).digest();
}

/** A header by name, whatever its case; the first value when repeated. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : headers[key];
  }
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : undefined;
}
