import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { FakeWechat } from './helpers/fake-wechat';
import { Db } from '../src/database/db.service';
import { Clock } from '../src/common/clock/clock';
import { APP_CONFIG, AppConfig } from '../src/config/config';
import { Report } from '../src/modules/reports/report.entity';
import { ReportMessage } from '../src/modules/reports/report-message.entity';
import { RateEvent } from '../src/modules/reports/rate-event.entity';
import { IdempotencyRecord } from '../src/modules/reports/idempotency-record.entity';
import { RateLimiter } from '../src/modules/reports/rate-limiter';
import { IdempotencyService } from '../src/modules/reports/idempotency/idempotency.service';
import { sha256Hex } from '../src/modules/reports/idempotency/idempotency-seal';

describe('Idempotency-Key on report submissions and follow-ups', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechat;
  /** Every receipt code and key handed out in this file: none may be found in the database. */
  const codes = new Set<string>();
  const keys = new Set<string>();

  const body = (text: string, over: Record<string, unknown> = {}) => ({
    villageId: w.villages.a.id,
    categoryCode: 'misappropriation',
    text,
    subjectType: 'village',
    anonymous: true,
    ...over,
  });
  const post = (payload: object, key: string | null, ip = '192.0.2.10', token?: string) => {
    let req = t.http().post('/api/reports').set('X-Forwarded-For', ip);
    if (key !== null) {
      keys.add(key);
      req = req.set('Idempotency-Key', key);
    }
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return req.send(payload);
  };
  const remember = <R extends { body: { receiptCode?: string } }>(res: R): R => {
    if (res.body.receiptCode) codes.add(res.body.receiptCode);
    return res;
  };
  const reportsWithText = (text: string) => t.dataSource.manager.count(Report, { where: { text } });

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    t = await startTestApp({ ...wx.env, REPORT_RATE_LIMIT_PER_HOUR: '5' });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  it('50 concurrent submissions with one key make exactly one report, and all 50 get the same answer', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } }).jpeg().toBuffer();
    const upload = await t.http().post('/api/report-uploads').attach('file', photo, 'p.jpg').expect(201);
    const key = randomUUID();
    const payload = body('五十次并发提交的同一份举报', { photoIds: [upload.body.id] });
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(payload, key)));
    answers.forEach(remember);

    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    const first = answers[0].body;
    expect(first.receiptCode).toMatch(/^\d{16}$/);
    for (const a of answers) expect(a.body).toEqual(first);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);

    expect(await reportsWithText('五十次并发提交的同一份举报')).toBe(1);
    expect(await t.dataSource.manager.count(IdempotencyRecord, { where: { scope: 'report', keyHash: sha256Hex(key) } })).toBe(1);
    const report = await t.dataSource.manager.findOneByOrFail(Report, { text: '五十次并发提交的同一份举报' });
    const [{ n: events }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM outbox_events WHERE report_id = ?', [report.id]);
    expect(Number(events)).toBe(1);
    const [{ n: files }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM report_files WHERE report_id = ?', [report.id]);
    expect(Number(files)).toBe(1);
    // one rate event: the replays were not counted
    expect(await t.dataSource.manager.count(RateEvent, { where: { bucket: t.app.get(RateLimiter).ipBucket('report', '192.0.2.10') } })).toBe(1);

    // the code in the answer opens that very report
    const view = await t.http().post('/api/reports/lookup').send({ receiptCode: first.receiptCode }).expect(200);
    expect(view.body.text).toBe('五十次并发提交的同一份举报');
    expect(view.body.photos).toHaveLength(1);
  });

  it('replays the stored answer after completion (same receipt code), and 422s the key with another body', async () => {
    const key = randomUUID();
    const first = remember(await post(body('先交一次，稍后重发'), key).expect(201));
    const again = remember(await post(body('先交一次，稍后重发'), key).expect(201));
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['cache-control']).toBe('no-store');
    expect(await reportsWithText('先交一次，稍后重发')).toBe(1);

    const other = await post(body('换了内容却用同一个编号'), key).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: [{ field: 'Idempotency-Key' }] });
    expect(await reportsWithText('换了内容却用同一个编号')).toBe(0);
    // another villager (or a villager vs nobody) with the same key and body is another request
    const token = (await t.http().post('/api/villager/session').send({ code: wx.login('oIDEM-openid') }).expect(200)).body.token as string;
    await post(body('先交一次，稍后重发'), key, '192.0.2.10', token).expect(422);
  });

  it('answers 400 naming Idempotency-Key when it is missing or malformed, and files nothing', async () => {
    for (const key of [null, 'short', 'has spaces in it', 'x'.repeat(101), 'key/with/slashes', 'ABCDEFGH!']) {
      const res = await post(body('没有编号的提交'), key).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'Idempotency-Key', reason: expect.any(String) }] });
    }
    expect(await reportsWithText('没有编号的提交')).toBe(0);
  });

  it('does not store a failed attempt: the same key works once the problem is gone', async () => {
    const key = randomUUID();
    const named = body('先失败后成功', { anonymous: false });
    await post(named, key).expect(400); // named without sign-in
    const token = (await t.http().post('/api/villager/session').send({ code: wx.login('oRETRY-openid') }).expect(200)).body.token as string;
    const ok = remember(await post(named, key, '192.0.2.11', token).expect(201));
    expect(ok.body.reportId).toEqual(expect.any(Number));
    const again = await post(named, key, '192.0.2.11', token).expect(201);
    expect(again.body).toEqual(ok.body);
  });

  it('makes follow-ups by receipt code idempotent too, also when sent concurrently', async () => {
    const filed = remember(await post(body('需要补充材料的举报'), randomUUID(), '192.0.2.12').expect(201));
    const key = randomUUID();
    keys.add(key);
    const send = () =>
      t.http().post('/api/reports/follow-ups').set('Idempotency-Key', key).send({ receiptCode: filed.body.receiptCode, text: '并发补充一条' });
    const answers = await Promise.all(Array.from({ length: 10 }, send));
    for (const a of answers) {
      expect(a.status).toBe(201);
      expect(a.body).toEqual(answers[0].body);
    }
    expect(await t.dataSource.manager.count(ReportMessage, { where: { text: '并发补充一条' } })).toBe(1);
    const other = await t.http().post('/api/reports/follow-ups').set('Idempotency-Key', key).send({ receiptCode: filed.body.receiptCode, text: '另一条' }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('across API instances (no shared memory) the unique index lets one request win and the other replay it', async () => {
    const config = t.app.get<AppConfig>(APP_CONFIG);
    const instances = [0, 1].map(() => new IdempotencyService(t.app.get(Db), t.app.get(Clock), config));
    const key = randomUUID();
    keys.add(key);
    let writes = 0;
    const run = (svc: IdempotencyService) =>
      svc.run(
        { scope: 'report', key, request: { probe: 1 }, villagerId: null },
        async () => null,
        async (em) => {
          writes++;
          await em.insert(RateEvent, { bucket: `probe:${sha256Hex(key).slice(0, 20)}`, createdAt: new Date() });
          // keep the transaction open a little so the other instance really runs into it
          await new Promise((r) => setTimeout(r, 50));
          return { status: 201, body: { answer: randomUUID() } };
        },
      );
    const [a, b] = await Promise.all(instances.map(run));
    expect(a.body).toEqual(b.body);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await t.dataSource.manager.count(RateEvent, { where: { bucket: `probe:${sha256Hex(key).slice(0, 20)}` } })).toBe(1);
    expect(writes).toBeGreaterThanOrEqual(1);
  });

  it('keeps no receipt code and no idempotency key in plaintext anywhere in the database', async () => {
    expect(codes.size).toBeGreaterThanOrEqual(4);
    const tables = ['reports', 'idempotency_records', 'report_events', 'report_messages', 'report_files', 'outbox_events', 'rate_events', 'villagers'];
    const dump = (await Promise.all(tables.map((name) => t.dataSource.query(`SELECT * FROM ${name}`)))).map((rows) => JSON.stringify(rows)).join('\n');
    expect(dump).toContain('五十次并发提交的同一份举报'); // the dump is real
    for (const code of codes) expect(dump).not.toContain(code);
    for (const key of keys) expect(dump).not.toContain(key);
    const records = await t.dataSource.manager.find(IdempotencyRecord);
    expect(records.length).toBeGreaterThanOrEqual(4);
    for (const r of records) {
      expect(r.responseSealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(r.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.expiresAt.getTime() - r.createdAt.getTime()).toBe(30 * 86_400_000);
    }
  });
});
