import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Observable, catchError, throwError } from 'rxjs';

/** An error that tells the client when to try again (429 rate limits, 409 requests still running). */
export interface RetryAfter {
  /** Whole seconds, sent as the `Retry-After` header. */
  readonly retryAfterSeconds: number;
}

export function hasRetryAfter(e: unknown): e is RetryAfter {
  return typeof e === 'object' && e !== null && Number.isInteger((e as Partial<RetryAfter>).retryAfterSeconds);
}

/**
 * Sets `Cache-Control: no-store` on every answer of a route, success or error, before the handler
 * runs (a handler may still set its own headers). An error carrying `retryAfterSeconds` also gets
 * its `Retry-After` header: the exception filter keeps headers already set on the reply.
 */
@Injectable()
export class NoStoreInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    void reply.header('cache-control', 'no-store');
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (hasRetryAfter(e)) void reply.header('retry-after', String(Math.max(1, e.retryAfterSeconds)));
        return throwError(() => e);
      }),
    );
  }
}

/** Answers of this route (or of every route of this controller) are never stored by browsers or proxies. */
export const NoStore = (): MethodDecorator & ClassDecorator => applyDecorators(UseInterceptors(NoStoreInterceptor));
