import { afterFailure, NOTIFICATION_RETRY, retryDelayMs, WEBHOOK_RETRY } from './retry-policy';

describe('retry policy', () => {
  const none = () => 0;
  const most = () => 0.999999;

  it('doubles from 10 s after each failed webhook attempt, capped at 6 hours', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(WEBHOOK_RETRY, n, none))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
    expect(retryDelayMs(WEBHOOK_RETRY, 11, none)).toBe(10_240_000);
    expect(retryDelayMs(WEBHOOK_RETRY, 12, none)).toBe(20_480_000);
    expect(retryDelayMs(WEBHOOK_RETRY, 13, none)).toBe(6 * 3_600_000);
    expect(retryDelayMs(WEBHOOK_RETRY, 200, most)).toBe(6 * 3_600_000);
  });

  it('adds up to 20 % jitter', () => {
    expect(retryDelayMs(WEBHOOK_RETRY, 1, most)).toBe(12_000);
    expect(retryDelayMs(WEBHOOK_RETRY, 3, () => 0.5)).toBe(44_000);
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(WEBHOOK_RETRY, 2)));
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(20_000);
      expect(d).toBeLessThanOrEqual(24_000);
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it('gives up after the last attempt', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    expect(afterFailure(WEBHOOK_RETRY, 1, now, none)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 10_000) });
    expect(afterFailure(WEBHOOK_RETRY, 11, now, none).status).toBe('pending');
    expect(afterFailure(WEBHOOK_RETRY, 12, now, none)).toEqual({ status: 'failed', nextAttemptAt: null });
    expect(afterFailure(NOTIFICATION_RETRY, 4, now, none)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 480_000) });
    expect(afterFailure(NOTIFICATION_RETRY, 5, now, none).status).toBe('failed');
  });
});
