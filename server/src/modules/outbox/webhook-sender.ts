import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Aborts the request (the worker shutting down). */
  signal?: AbortSignal;
}

/** What happened: the HTTP status, or why there was none. Never throws. */
export interface WebhookResponse {
  statusCode: number | null;
  /** Short and free of personal data (the network error, or the timeout). */
  error: string | null;
  durationMs: number;
}

/**
 * Posts one signed event to an office endpoint (global fetch). Redirects are not followed: a
 * signed payload goes only to the address the admin configured, and a 3xx counts as a failure.
 * The answer's body is not read.
 */
@Injectable()
export class WebhookSender {
  async send(req: WebhookRequest): Promise<WebhookResponse> {
    const started = performance.now();
    const timeout = AbortSignal.timeout(req.timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    try {
      const res = await fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mingbai-Webhooks/1', ...req.headers },
        body: req.body,
        redirect: 'manual',
        signal,
      });
      await res.body?.cancel().catch(() => undefined);
      return { statusCode: res.status, error: null, durationMs: elapsed(started) };
    } catch (e) {
      const error = timeout.aborted ? `no answer within ${req.timeoutMs} ms` : describe(e);
      return { statusCode: null, error, durationMs: elapsed(started) };
    }
  }
}

function elapsed(started: number): number {
  return Math.max(0, Math.round(performance.now() - started));
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return 'request failed';
  if (e.name === 'AbortError') return 'aborted';
  const cause = e.cause instanceof Error ? e.cause : null;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
  return `request failed: ${(code ?? cause?.message ?? e.message).slice(0, 200)}`;
}
