import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CASE_STATUSES, type CaseStatus } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher, IdentityCipherError } from '../../common/crypto/identity-cipher';
import { Db } from '../../database/db.service';
import { WechatClient } from '../wechat/wechat.client';
import { WechatError } from '../wechat/wechat-error';
import { OutboxRepository, WebhookJob, NotificationJob } from './outbox.repository';
import { WebhookSender, WebhookResponse } from './webhook-sender';
import { webhookHeaders } from './receiver/standard-webhooks';
import { afterFailure, NOTIFICATION_RETRY, WEBHOOK_RETRY } from './retry-policy';
import { openReporterOpenid } from './reporter-identity';
import { subscribeMessageData, SUBSCRIBE_MESSAGE_PAGE } from './notification-message';
import { NotificationDelivery } from './notification-delivery.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

/** One POST waits this long for an answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A claimed delivery is not retried by another instance for this long (well above the timeout). */
export const CLAIM_LEASE_MS = 120_000;
/** Deliveries looked at per run, and sent at the same time. */
const BATCH = 100;
const PARALLEL = 4;
/** WeChat errcodes after which sending again cannot help: 43101 the user refused, 40003 bad openid, 47003 bad template data. */
const FINAL_WECHAT_ERRORS = new Set([43101, 40003, 40037, 47003]);

export interface OutboxRunResult {
  webhooks: { delivered: number; retrying: number; failed: number; disabled: number };
  notifications: { sent: number; retrying: number; failed: number };
}

/**
 * Delivers what OutboxService wrote: each webhook delivery as a Standard Webhooks POST to its
 * endpoint, each notification as a WeChat subscribe message. Polls every OUTBOX_POLL_MS (0: off;
 * tests call runOnce). Safe with several API instances: a delivery is sent only by the instance
 * whose conditional UPDATE claimed it. Logs ids and status codes, never payloads or openids.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<OutboxRunResult> | null = null;
  private stopped = false;
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: OutboxRepository,
    private readonly sender: WebhookSender,
    private readonly wechat: WechatClient,
    private readonly cipher: IdentityCipher,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.reports.outboxPollMs > 0) this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.shutdown.abort();
    await this.running?.catch(() => undefined);
  }

  /** One pass over everything due now. A call while a pass runs gets that pass. */
  runOnce(): Promise<OutboxRunResult> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .catch((e: unknown) => this.logger.error(`outbox run failed: ${e instanceof Error ? e.message : String(e)}`))
        .finally(() => this.schedule());
    }, this.config.reports.outboxPollMs);
    this.timer.unref();
  }

  private async run(): Promise<OutboxRunResult> {
    const result: OutboxRunResult = {
      webhooks: { delivered: 0, retrying: 0, failed: 0, disabled: 0 },
      notifications: { sent: 0, retrying: 0, failed: 0 },
    };
    const webhookIds = await this.repo.dueIds(WebhookDelivery, this.clock.now(), BATCH);
    await inParallel(webhookIds, PARALLEL, async (id) => {
      const outcome = await this.guard(`webhook delivery ${id}`, () => this.deliverWebhook(id));
      if (outcome) result.webhooks[outcome] += 1;
    });
    const notificationIds = await this.repo.dueIds(NotificationDelivery, this.clock.now(), BATCH);
    await inParallel(notificationIds, PARALLEL, async (id) => {
      const outcome = await this.guard(`notification ${id}`, () => this.deliverNotification(id));
      if (outcome) result.notifications[outcome] += 1;
    });
    return result;
  }

  /** One delivery's unexpected error (e.g. the database) is logged and does not stop the others; its lease makes it due again later. */
  private async guard<T>(what: string, work: () => Promise<T>): Promise<T | null> {
    try {
      return await work();
    } catch (e) {
      this.logger.error(`${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : 'failed'}`);
      return null;
    }
  }

  private async deliverWebhook(id: number): Promise<keyof OutboxRunResult['webhooks'] | null> {
    if (this.stopped) return null;
    const now = this.clock.now();
    const job = await this.db.transaction(async (em) =>
      (await this.repo.claim(em, WebhookDelivery, id, now, new Date(now.getTime() + CLAIM_LEASE_MS))) ? this.repo.webhookJob(em, id) : null,
    );
    if (!job) return null;
    const { delivery, endpoint } = job;
    if (!endpoint || !endpoint.enabled) {
      await this.db.transaction((em) => this.repo.updateWebhookDelivery(em, id, { status: 'disabled', nextAttemptAt: null }));
      return 'disabled';
    }

    const attemptedAt = this.clock.now();
    const response = await this.post(endpoint, job.event, attemptedAt);
    // Shutting down mid-request: record nothing; the delivery is due again when the lease ends.
    if (this.shutdown.signal.aborted) return null;

    const attempts = delivery.attempts + 1;
    const statusCode = response.statusCode;
    return this.db.transaction(async (em) => {
      // The endpoint was deleted while the request was out: nothing left to record.
      if (!(await this.repo.deliveryExists(em, id))) return null;
      await this.repo.recordAttempt(em, {
        deliveryId: id,
        attemptedAt,
        statusCode,
        error: response.error,
        durationMs: response.durationMs,
      });
      const common = { attempts, lastStatusCode: statusCode, lastError: response.error };
      if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
        await this.repo.updateWebhookDelivery(em, id, {
          ...common,
          status: 'delivered',
          deliveredAt: attemptedAt,
          nextAttemptAt: null,
          lastError: null,
        });
        return 'delivered';
      }
      if (statusCode === 410) {
        await this.repo.updateWebhookDelivery(em, id, { ...common, status: 'disabled', nextAttemptAt: null });
        await this.repo.disableEndpoint(em, endpoint.id, `the receiver answered 410 Gone on ${attemptedAt.toISOString()}`);
        this.logger.warn(`webhook endpoint ${endpoint.id} answered 410 Gone: disabled`);
        return 'disabled';
      }
      const next = afterFailure(WEBHOOK_RETRY, attempts, this.clock.now());
      await this.repo.updateWebhookDelivery(em, id, { ...common, ...next });
      if (next.status === 'failed')
        this.logger.warn(`webhook delivery ${id} (endpoint ${endpoint.id}) given up after ${attempts} attempts`);
      return next.status === 'failed' ? 'failed' : 'retrying';
    });
  }

  private async post(endpoint: WebhookEndpoint, event: WebhookJob['event'], attemptedAt: Date): Promise<WebhookResponse> {
    let secret: string;
    try {
      secret = this.cipher.open(endpoint.secretSealed, `webhook:${endpoint.id}`);
    } catch (e) {
      if (!(e instanceof IdentityCipherError)) throw e;
      this.logger.error(`webhook endpoint ${endpoint.id}: its secret does not open (${e.message})`);
      return { statusCode: null, error: 'the signing secret does not open (identity keys changed?)', durationMs: 0 };
    }
    return this.sender.send({
      url: endpoint.url,
      headers: webhookHeaders(secret, event.eventId, attemptedAt, event.payload),
      body: event.payload,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      signal: this.shutdown.signal,
    });
  }

  private async deliverNotification(id: number): Promise<keyof OutboxRunResult['notifications'] | null> {
    if (this.stopped) return null;
    const now = this.clock.now();
    const job = await this.db.transaction(async (em) =>
      (await this.repo.claim(em, NotificationDelivery, id, now, new Date(now.getTime() + CLAIM_LEASE_MS)))
        ? this.repo.notificationJob(em, id)
        : null,
    );
    if (!job) return null;
    const attempts = job.delivery.attempts + 1;
    const finish = (change: Partial<NotificationDelivery>) =>
      this.db.transaction((em) => this.repo.updateNotification(em, id, { attempts, ...change }));

    const templateId = this.config.reports.subscribeTemplateId;
    const openid = job.report?.identitySealed ? openReporterOpenid(this.cipher, job.report.id, job.report.identitySealed) : null;
    const problem =
      !templateId || !this.wechat.configured
        ? 'WeChat or the subscribe template is not configured'
        : openid === null
          ? 'the report has no reporter openid'
          : null;
    if (problem !== null || openid === null || !templateId) {
      await finish({ status: 'failed', nextAttemptAt: null, lastError: problem });
      return 'failed';
    }

    try {
      await this.wechat.sendSubscribeMessage({
        touser: openid,
        templateId,
        page: SUBSCRIBE_MESSAGE_PAGE,
        data: subscribeMessageData(statusOf(job), eventTime(job) ?? now),
      });
    } catch (e) {
      // WechatError messages name the call and WeChat's errcode; anything else is reported by its kind only.
      const errcode = e instanceof WechatError ? e.errcode : null;
      const message = e instanceof WechatError ? e.message : `unexpected error (${e instanceof Error ? e.name : typeof e})`;
      const lastError = message.split(openid).join('[openid]').slice(0, 300);
      const next =
        errcode !== null && FINAL_WECHAT_ERRORS.has(errcode)
          ? { status: 'failed' as const, nextAttemptAt: null }
          : afterFailure(NOTIFICATION_RETRY, attempts, this.clock.now());
      await finish({ ...next, lastError });
      this.logger.warn(
        `notification ${id}: WeChat errcode ${errcode ?? 'none'}${next.status === 'failed' ? ', given up' : ', will retry'}`,
      );
      return next.status === 'failed' ? 'failed' : 'retrying';
    }
    await finish({ status: 'sent', sentAt: this.clock.now(), nextAttemptAt: null, lastError: null });
    return 'sent';
  }
}

/** The status the event announced (the report may have moved on since), else the report's current one. */
function statusOf(job: NotificationJob): CaseStatus {
  const data = parsePayload(job)?.data;
  const status = data && typeof data === 'object' ? (data as { status?: unknown }).status : undefined;
  if (typeof status === 'string' && (CASE_STATUSES as readonly string[]).includes(status)) return status as CaseStatus;
  return job.report?.status ?? 'submitted';
}

function eventTime(job: NotificationJob): Date | null {
  const ts = parsePayload(job)?.timestamp;
  const at = typeof ts === 'string' ? new Date(ts) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

function parsePayload(job: NotificationJob): { data?: unknown; timestamp?: unknown } | null {
  if (!job.event) return null;
  try {
    return JSON.parse(job.event.payload) as { data?: unknown; timestamp?: unknown };
  } catch {
    return null;
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
