import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, LessThanOrEqual } from 'typeorm';
import { IDEMPOTENCY_HEADER } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../../config/config';
import { Db } from '../../../database/db.service';
import { Clock } from '../../../common/clock/clock';
import { AppException, ValidationFailed } from '../../../common/errors/app-exception';
import type { RetryAfter } from '../../../common/http/no-store';
import { IdempotencyRecord } from '../idempotency-record.entity';
import { IDEMPOTENCY_KEY_PATTERN, openResponse, requestHash, sealResponse, sha256Hex } from './idempotency-seal';

/** The routes that take an Idempotency-Key; each is its own key space. */
export type IdempotencyScope = 'report' | 'follow-receipt' | 'follow-villager';

/** Records are kept this long; a key reused later starts afresh. */
export const IDEMPOTENCY_TTL_MS = 30 * 86_400_000;
/** How long a request waits for a concurrent one with the same key before answering 409. */
const IN_FLIGHT_WAIT_MS = 15_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface IdempotentCall {
  scope: IdempotencyScope;
  /** The validated key (see IdempotencyService.key). */
  key: string;
  /** What makes two requests "the same": the body as validated, and any route parameter. */
  request: unknown;
  villagerId: number | null;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
}

export interface IdempotentOutcome<T> extends IdempotentResult<T> {
  /** True when this is the stored answer of an earlier (or concurrent) request. */
  replayed: boolean;
}

/** 409 IDEMPOTENCY_IN_FLIGHT: the first request with this key is still running. */
export class IdempotencyInFlight extends AppException implements RetryAfter {
  readonly retryAfterSeconds = 1;
  constructor() {
    super(409, 'IDEMPOTENCY_IN_FLIGHT', '上一次提交仍在处理中，请稍后重试');
  }
}

const keyReused = (): AppException =>
  new AppException(422, 'IDEMPOTENCY_KEY_REUSED', '该提交编号已用于另一份内容', [{ field: IDEMPOTENCY_HEADER, reason: 'was already used for a different request' }]);

interface Flight {
  requestHash: string;
  promise: Promise<IdempotentResult<unknown>>;
}

/**
 * Makes a POST safe to retry. The first request with a key does its work and, in the SAME
 * transaction, stores its answer sealed under a key derived from the Idempotency-Key; any later
 * request with that key and the same body gets that answer again (same status, same body), with
 * another body 422. Two requests at once: in this process the second waits for the first; across
 * processes (MySQL) the second blocks on the unique (scope, key_hash) index until the first
 * commits, fails with a duplicate key, and replays the stored answer. Only successful answers are
 * stored: a request that failed may be retried with the same key.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);
  private readonly inFlight = new Map<string, Flight>();
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The Idempotency-Key header, or 400 naming it. */
  key(header: string | string[] | undefined): string {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value)
      throw new ValidationFailed([{ field: IDEMPOTENCY_HEADER, reason: 'is required: send a random key, the same one when retrying' }]);
    if (!IDEMPOTENCY_KEY_PATTERN.test(value)) throw new ValidationFailed([{ field: IDEMPOTENCY_HEADER, reason: 'must be 8-100 characters of A-Z a-z 0-9 _ -' }]);
    return value;
  }

  /**
   * Runs `prepare` (checks and slow work, outside any transaction) and then `write` inside one
   * transaction together with the stored answer, unless an answer for this key exists already.
   */
  async run<P, T>(call: IdempotentCall, prepare: () => Promise<P>, write: (em: EntityManager, prepared: P) => Promise<IdempotentResult<T>>): Promise<IdempotentOutcome<T>> {
    const keyHash = sha256Hex(call.key);
    const reqHash = requestHash(call.request, call.villagerId, call.key, this.config.reports.hashSecret);
    const flightKey = `${call.scope}|${keyHash}`;

    const stored = await this.find(call.scope, keyHash);
    if (stored) return this.replay(stored, call, keyHash, reqHash);

    const running = this.inFlight.get(flightKey);
    if (running) {
      if (running.requestHash !== reqHash) throw keyReused();
      // The same request is being answered right now: give the same answer (or the same error).
      const result = (await within(running.promise, IN_FLIGHT_WAIT_MS)) as IdempotentResult<T> | typeof TIMED_OUT;
      if (result === TIMED_OUT) throw new IdempotencyInFlight();
      return { ...result, replayed: true };
    }

    const promise = this.execute(call, keyHash, reqHash, prepare, write);
    const flight: Flight = { requestHash: reqHash, promise };
    this.inFlight.set(flightKey, flight);
    try {
      return await promise;
    } finally {
      if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
    }
  }

  private async execute<P, T>(
    call: IdempotentCall,
    keyHash: string,
    reqHash: string,
    prepare: () => Promise<P>,
    write: (em: EntityManager, prepared: P) => Promise<IdempotentResult<T>>,
  ): Promise<IdempotentOutcome<T>> {
    const context = sealContext(call.scope, keyHash);
    try {
      // A request that finished between our first look and now (it left the in-flight map after committing).
      const done = await this.find(call.scope, keyHash);
      if (done) return this.replay<T>(done, call, keyHash, reqHash);
      const prepared = await prepare();
      const result = await this.db.transaction(async (em) => {
        const now = this.clock.now();
        // An expired record of the same key would block the unique index: it is over, remove it.
        await em.delete(IdempotencyRecord, { scope: call.scope, keyHash, expiresAt: LessThanOrEqual(now) });
        // Claim the key first: a concurrent request with it waits here (MySQL) until this commits.
        const claim = await em.insert(IdempotencyRecord, {
          scope: call.scope,
          keyHash,
          requestHash: reqHash,
          statusCode: 0,
          responseSealed: '',
          createdAt: now,
          expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        });
        const answer = await write(em, prepared);
        const sealed = sealResponse(JSON.stringify(answer.body), call.key, this.config.reports.hashSecret, context);
        await em.update(IdempotencyRecord, { id: claim.identifiers[0].id as number }, { statusCode: answer.status, responseSealed: sealed });
        return answer;
      });
      this.pruneSoon();
      return { ...result, replayed: false };
    } catch (e) {
      // Another request with this key (in another process) committed first: it hit the unique index
      // here, or its commit made our checks fail (its photos are bound now). Answer as it did, or 422.
      const winner = await this.find(call.scope, keyHash).catch(() => null);
      if (!winner) throw e;
      return this.replay<T>(winner, call, keyHash, reqHash);
    }
  }

  private replay<T>(stored: IdempotencyRecord, call: IdempotentCall, keyHash: string, reqHash: string): IdempotentOutcome<T> {
    if (stored.requestHash !== reqHash) throw keyReused();
    const body = JSON.parse(openResponse(stored.responseSealed, call.key, this.config.reports.hashSecret, sealContext(call.scope, keyHash))) as T;
    return { status: stored.statusCode, body, replayed: true };
  }

  /** A completed, unexpired record (a claim of a transaction still running has status 0). */
  private async find(scope: IdempotencyScope, keyHash: string): Promise<IdempotencyRecord | null> {
    const row = await this.db.manager.findOne(IdempotencyRecord, { where: { scope, keyHash } });
    if (!row || row.statusCode === 0 || row.expiresAt.getTime() <= this.clock.now().getTime()) return null;
    return row;
  }

  /** Deletes expired records in the background, at most once an hour per process. */
  private pruneSoon(): void {
    const now = this.clock.now();
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    void this.db
      .transaction((em) => em.delete(IdempotencyRecord, { expiresAt: LessThanOrEqual(now) }))
      .catch((e: unknown) => this.logger.warn(`pruning idempotency records failed: ${(e as Error).message}`));
  }
}

const sealContext = (scope: IdempotencyScope, keyHash: string): string => `${scope}:${keyHash}`;

const TIMED_OUT = Symbol('timed out');

/** The promise's value, TIMED_OUT after `ms`, or its error. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
