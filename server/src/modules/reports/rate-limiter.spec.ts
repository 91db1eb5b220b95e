import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { RateEvent } from './rate-event.entity';
import { RateLimited, RateLimiter, retryAfterSeconds } from './rate-limiter';

class TestClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.at);
  }
}

describe('retryAfterSeconds', () => {
  const now = new Date('2026-03-01T10:00:00.000Z');
  it('allows while fewer events than the limit were counted', () => {
    expect(retryAfterSeconds(0, null, 5, now)).toBeNull();
    expect(retryAfterSeconds(4, new Date('2026-03-01T09:30:00Z'), 5, now)).toBeNull();
  });
  it('waits until the oldest counted event is an hour old, rounded up, at least a second', () => {
    expect(retryAfterSeconds(5, new Date('2026-03-01T09:30:00Z'), 5, now)).toBe(1800);
    expect(retryAfterSeconds(5, new Date('2026-03-01T09:00:00.500Z'), 5, now)).toBe(1);
    expect(retryAfterSeconds(5, new Date('2026-03-01T09:59:59.001Z'), 5, now)).toBe(3600);
  });
});

describe('RateLimiter on a database', () => {
  let ds: DataSource;
  let limiter: RateLimiter;
  let clock: TestClock;
  const config = loadConfig({ NODE_ENV: 'test', REPORT_HASH_SECRET: 'rate-test-secret-0123456789' });

  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [RateEvent], synchronize: true });
    await ds.initialize();
    clock = new TestClock(new Date('2026-03-01T10:00:00.000Z'));
    limiter = new RateLimiter(new Db(ds), clock, config);
  });
  afterAll(() => ds.destroy());

  it('names IP buckets by an HMAC, never the address', () => {
    const bucket = limiter.ipBucket('report', '203.0.113.7');
    expect(bucket).toMatch(/^report:ip:[0-9a-f]{32}$/);
    expect(bucket).not.toContain('203.0.113.7');
    expect(limiter.ipBucket('report', '203.0.113.7')).toBe(bucket);
    expect(limiter.ipBucket('report', '203.0.113.8')).not.toBe(bucket);
    expect(limiter.ipBucket('upload', '203.0.113.7').slice(11)).toBe(bucket.slice(11));
  });

  it('lets `limit` events through in an hour, refuses the next with the seconds until the oldest leaves', async () => {
    const limits = [{ bucket: 'test:a', limit: 3 }];
    const start = clock.at.getTime();
    for (let i = 0; i < 3; i++) {
      clock.at = new Date(start + i * 60_000);
      await limiter.hit(ds.manager, limits);
    }
    clock.at = new Date(start + 10 * 60_000);
    const refused = await limiter.hit(ds.manager, limits).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).getStatus()).toBe(429);
    expect((refused as RateLimited).retryAfterSeconds).toBe(50 * 60);
    expect(await ds.manager.count(RateEvent, { where: { bucket: 'test:a' } })).toBe(3); // a refusal is not counted

    // a moment after the first event is an hour old, one more is allowed
    clock.at = new Date(start + 3_600_000 + 1);
    await limiter.hit(ds.manager, limits);
    clock.at = new Date(start + 3_600_000 + 2);
    const again = await limiter.hit(ds.manager, limits).catch((e: unknown) => e);
    expect((again as RateLimited).retryAfterSeconds).toBe(60);
  });

  it('keeps buckets apart, and refuses when any of several limits is reached, recording in none', async () => {
    clock.at = new Date('2026-03-02T10:00:00.000Z');
    await limiter.hit(ds.manager, [{ bucket: 'test:ip', limit: 1 }]);
    await limiter.hit(ds.manager, [{ bucket: 'test:other', limit: 1 }]);
    const both = [
      { bucket: 'test:who', limit: 5 },
      { bucket: 'test:ip', limit: 1 },
    ];
    await expect(limiter.hit(ds.manager, both)).rejects.toBeInstanceOf(RateLimited);
    expect(await ds.manager.count(RateEvent, { where: { bucket: 'test:who' } })).toBe(0);
  });

  it('deletes events older than the window in the background', async () => {
    clock.at = new Date('2026-03-05T10:00:00.000Z');
    await limiter.record(ds.manager, ['test:new']);
    await new Promise((r) => setTimeout(r, 50));
    const left = await ds.manager.find(RateEvent);
    expect(left.map((e) => e.bucket)).toEqual(['test:new']);
  });
});
