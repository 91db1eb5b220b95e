/** How a failed delivery is retried: exponential backoff with jitter, then given up. */
export interface RetryPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** No delay is longer than this. */
  capMs: number;
  /** Attempts in all (the first included) before the delivery is marked failed. */
  maxAttempts: number;
  /** Up to this fraction is added at random, so retries of many deliveries spread out. */
  jitter: number;
}

/** Office endpoints: 10 s, 20 s, 40 s … capped at 6 h; 12 attempts span about 6 hours. */
export const WEBHOOK_RETRY: RetryPolicy = { baseMs: 10_000, capMs: 6 * 3_600_000, maxAttempts: 12, jitter: 0.2 };

/** Subscribe messages: 1 min, 2 min, 4 min, 8 min; 5 attempts. A late status message is worth little. */
export const NOTIFICATION_RETRY: RetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: 5, jitter: 0.2 };

/** The delay before the next attempt after `attemptsMade` attempts (≥ 1) failed. */
export function retryDelayMs(policy: RetryPolicy, attemptsMade: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attemptsMade, 1) - 1, 40);
  const raw = policy.baseMs * 2 ** exponent;
  return Math.round(Math.min(policy.capMs, raw * (1 + policy.jitter * random())));
}

/** What follows a failed attempt: another one later, or giving up. */
export function afterFailure(
  policy: RetryPolicy,
  attemptsMade: number,
  now: Date,
  random: () => number = Math.random,
): { status: 'pending'; nextAttemptAt: Date } | { status: 'failed'; nextAttemptAt: null } {
  if (attemptsMade >= policy.maxAttempts) return { status: 'failed', nextAttemptAt: null };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(policy, attemptsMade, random)) };
}
