import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { EntityManager, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app-exception';
import type { RetryAfter } from '../../common/http/no-store';
import { RateEvent } from './rate-event.entity';

/** Every limit counts the events of the last hour. */
export const RATE_WINDOW_MS = 3_600_000;
/** Old events are deleted at most this often per process. */
const PRUNE_EVERY_MS = 10 * 60_000;

/** 429 RATE_LIMITED with the seconds to wait (sent as Retry-After by the NoStore interceptor). */
export class RateLimited extends AppException implements RetryAfter {
  constructor(
    readonly retryAfterSeconds: number,
    message = `操作太频繁，请${Math.max(1, Math.ceil(retryAfterSeconds / 60))}分钟后再试`,
  ) {
    super(429, 'RATE_LIMITED', message);
  }
}

export interface RateLimit {
  bucket: string;
  /** Events allowed in the window. */
  limit: number;
}

/**
 * Seconds until the oldest counted event leaves the window, or null when another event is
 * allowed. `oldest` is the oldest event counted in the window.
 */
export function retryAfterSeconds(count: number, oldest: Date | null, limit: number, now: Date): number | null {
  if (count < limit) return null;
  const leavesAt = (oldest ?? now).getTime() + RATE_WINDOW_MS;
  return Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
}

/**
 * Fixed limits per hour over rows in `rate_events`, so every API instance counts the same events.
 * Buckets never hold a raw IP address or openid: IPs are HMAC'd with REPORT_HASH_SECRET.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `${kind}:ip:` + the first 32 hex digits of HMAC-SHA256(hashSecret, ip). */
  ipBucket(kind: string, ip: string): string {
    return `${kind}:ip:${createHmac('sha256', this.config.reports.hashSecret).update(ip).digest('hex').slice(0, 32)}`;
  }

  /** Throws RateLimited when any of the limits is reached; records nothing. */
  async check(em: EntityManager, limits: RateLimit[], now: Date = this.clock.now()): Promise<void> {
    let wait: number | null = null;
    for (const l of limits) {
      const since = new Date(now.getTime() - RATE_WINDOW_MS);
      const row = await em
        .createQueryBuilder(RateEvent, 'e')
        .select('COUNT(*)', 'n')
        .addSelect('MIN(e.createdAt)', 'oldest')
        .where('e.bucket = :bucket AND e.createdAt > :since', { bucket: l.bucket, since })
        .getRawOne<{ n: number | string; oldest: Date | string | null }>();
      const after = retryAfterSeconds(Number(row?.n ?? 0), toDate(row?.oldest ?? null), l.limit, now);
      if (after !== null) wait = Math.max(wait ?? 0, after);
    }
    if (wait !== null) throw new RateLimited(wait);
  }

  /** Counts one event in each bucket. */
  async record(em: EntityManager, buckets: string[], now: Date = this.clock.now()): Promise<void> {
    for (const bucket of buckets) await em.insert(RateEvent, { bucket, createdAt: now });
    this.pruneSoon(now);
  }

  /** check, then record: one more event, or RateLimited. Pass the transaction of the action counted. */
  async hit(em: EntityManager, limits: RateLimit[], now: Date = this.clock.now()): Promise<void> {
    await this.check(em, limits, now);
    await this.record(
      em,
      limits.map((l) => l.bucket),
      now,
    );
  }

  /** Deletes events that no window counts any more, in the background, at most every ten minutes. */
  private pruneSoon(now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    const before = new Date(now.getTime() - RATE_WINDOW_MS);
    void this.db
      .transaction((em) => em.delete(RateEvent, { createdAt: LessThan(before) }))
      .catch((e: unknown) => this.logger.warn(`pruning rate events failed: ${(e as Error).message}`));
  }
}

/** MIN() over a datetime: a Date from MySQL, 'YYYY-MM-DD HH:MM:SS.mmm' (UTC) text from SQLite. */
function toDate(v: Date | string | null): Date | null {
  if (v === null) return null;
  if (v instanceof Date) return v;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
