import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, FixedClock } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { FakeWechat } from './helpers/fake-wechat';
import { Clock } from '../src/common/clock/clock';
import { IdentityCipher } from '../src/common/crypto/identity-cipher';
import { Db } from '../src/database/db.service';
import { APP_CONFIG, AppConfig } from '../src/config/config';
import { Region } from '../src/modules/regions/region.entity';
import { Report } from '../src/modules/reports/report.entity';
import { OutboxService } from '../src/modules/outbox/outbox.service';
import { OutboxWorker } from '../src/modules/outbox/outbox.worker';
import { OutboxRepository } from '../src/modules/outbox/outbox.repository';
import { WebhookSender } from '../src/modules/outbox/webhook-sender';
import { WechatClient } from '../src/modules/wechat/wechat.client';
import type { OutboxEventInput } from '../src/modules/outbox/outbox.types';
import { OutboxEvent } from '../src/modules/outbox/outbox-event.entity';
import { WebhookEndpoint } from '../src/modules/outbox/webhook-endpoint.entity';
import { WebhookDelivery } from '../src/modules/outbox/webhook-delivery.entity';
import { WebhookAttempt } from '../src/modules/outbox/webhook-attempt.entity';
import { NotificationDelivery } from '../src/modules/outbox/notification-delivery.entity';
import { verifyWebhook, webhookHeaders, WebhookEvent, WebhookVerificationError } from '../src/modules/outbox/receiver/standard-webhooks';

const TEMPLATE_ID = 'tmpl_report_status_01';
const REPORT_TEXT = '村道硬化工程款去向不明，请核查';
const OPENID = 'o_reporter_5f3a9c1e77';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What verifyWebhook made of it (the receiver checks every request). */
  event: WebhookEvent | null;
  rejected: string | null;
  answered: number;
}

/**
 * An office's case system on 127.0.0.1: one path per endpoint, each with its secret. It verifies
 * every request with verifyWebhook at the test clock's time, records it, and answers the next
 * planned status for that path (200 when nothing is planned). A planned 500 is recorded too: the
 * office saw the event but the answer got lost, so deduplication by webhook-id matters.
 */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, string>();
  readonly plan = new Map<string, number[]>();
  private server!: Server;

  constructor(private readonly now: () => Date) {}

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Verified events at `path`, each webhook-id once. */
  deduped(path: string): Map<string, WebhookEvent> {
    const events = new Map<string, WebhookEvent>();
    for (const r of this.at(path))
      if (r.event && !events.has(String(r.headers['webhook-id']))) events.set(String(r.headers['webhook-id']), r.event);
    return events;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    let event: WebhookEvent | null = null;
    let rejected: string | null = null;
    try {
      event = verifyWebhook(this.secrets.get(path) ?? '', req.headers, body, this.now());
    } catch (e) {
      rejected = e instanceof Error ? e.message : String(e);
    }
    const answered = rejected ? 401 : (this.plan.get(path)?.shift() ?? 200);
    this.received.push({ path, headers: req.headers, body, event, rejected, answered });
    res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'no');
  }
}

describe('outbox: signed webhooks to the offices, subscribe messages to reporters', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechat;
  let receiver: Receiver;
  const clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z'));
  let worker: OutboxWorker;
  let endpoints: { county: { id: number; secret: string }; town2: { id: number; secret: string } };

  const advance = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
  const enqueue = (input: OutboxEventInput) => t.app.get(Db).transaction((em) => t.app.get(OutboxService).enqueue(em, input));
  const em = () => t.dataSource.manager;
  const deliveriesOf = (outboxEventId: number) => em().find(WebhookDelivery, { where: { outboxEventId }, order: { endpointId: 'ASC' } });
  const attemptsOf = (deliveryId: number) => em().find(WebhookAttempt, { where: { deliveryId }, order: { id: 'ASC' } });
  const lastEvent = async () => (await em().find(OutboxEvent, { order: { id: 'DESC' }, take: 1 }))[0];

  async function insertReport(
    village: Region,
    office: Region,
    opts: { credits?: number; openid?: string | null; status?: Report['status'] } = {},
  ): Promise<number> {
    const now = clock.now();
    const res = await em().insert(Report, {
      villageId: village.id,
      officeRegionId: office.id,
      categoryCode: 'funds',
      subjectType: 'village',
      subjectId: null,
      text: REPORT_TEXT,
      textHash: randomBytes(32).toString('hex'),
      status: opts.status ?? 'submitted',
      outcome: null,
      amountRecoveredFen: null,
      receiptHash: randomBytes(32).toString('hex'),
      villagerId: null,
      identitySealed: null,
      assigneeId: null,
      duplicateOfId: null,
      channel: 'weapp',
      notifyCredits: opts.credits ?? 0,
      acceptDueAt: new Date(now.getTime() + 7 * 86_400_000),
      concludeDueAt: new Date(now.getTime() + 60 * 86_400_000),
      acceptedAt: null,
      concludedAt: null,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const id = Number(res.identifiers[0].id);
    if (opts.openid !== undefined && opts.openid !== null) {
      const sealed = t.app
        .get(IdentityCipher)
        .seal(JSON.stringify({ openid: opts.openid, name: '王五', phone: '13800138000' }), `report:${id}`);
      await em().update(Report, { id }, { identitySealed: sealed });
    }
    return id;
  }

  const created = (reportId: number, office: Region, village: Region): OutboxEventInput => ({
    type: 'report.created',
    reportId,
    officeRegionId: office.id,
    data: {
      reportId,
      villageId: village.id,
      villageName: village.name,
      officeRegionId: office.id,
      categoryCode: 'funds',
      status: 'submitted',
      text: REPORT_TEXT,
    },
  });
  const statusChanged = (reportId: number, office: Region, from: string, to: string): OutboxEventInput => ({
    type: 'report.status_changed',
    reportId,
    officeRegionId: office.id,
    data: { reportId, officeRegionId: office.id, fromStatus: from, status: to },
  });

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '0', WECHAT_SUBSCRIBE_TEMPLATE_ID: TEMPLATE_ID, ...wx.env });
    w = await buildWorld(t);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => clock.now());
    receiver = new Receiver(() => clock.now());
    await receiver.start();
    worker = t.app.get(OutboxWorker);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
    await receiver.stop();
    await wx.stop();
  });

  describe('admin: endpoints', () => {
    it('refuses non-admins (403) and anonymous callers (401) on every admin route', async () => {
      const routes: [string, string][] = [
        ['get', '/api/admin/webhooks'],
        ['post', '/api/admin/webhooks'],
        ['patch', '/api/admin/webhooks/1'],
        ['delete', '/api/admin/webhooks/1'],
        ['get', '/api/admin/webhooks/1/deliveries'],
        ['post', '/api/admin/webhook-deliveries/1/replay'],
      ];
      for (const [method, path] of routes) {
        for (const who of ['bk_a', 'ap_town1', 'insp_town1', 'insp_county']) {
          const res = await (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)
            [method](path)
            .set(w.auth(who))
            .send({ url: 'https://x.example/h' });
          expect([method, path, who, res.status]).toEqual([method, path, who, 403]);
        }
        const anon = await (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path).send({});
        expect([method, path, anon.status]).toEqual([method, path, 401]);
      }
    });

    it('validates the URL (http(s) only), the region, and unknown fields: 400 naming the field', async () => {
      const post = (body: object) => t.http().post('/api/admin/webhooks').set(w.auth('admin')).send(body);
      for (const url of [
        'ftp://files.example/x',
        'javascript:alert(1)',
        'file:///etc/passwd',
        '/relative/path',
        'https://user:pw@x.example/h',
        'https://x.example/h#frag',
        '',
        'https://' + 'a'.repeat(500) + '.cn',
      ])
        expect((await post({ url }).expect(400)).body.details).toEqual([{ field: 'url', reason: expect.any(String) }]);
      expect((await post({}).expect(400)).body.details.map((d: { field: string }) => d.field)).toContain('url');
      expect((await post({ url: 'https://x.example/h', regionId: w.villages.a.id }).expect(400)).body.details).toEqual([
        { field: 'regionId', reason: 'must be a town, county or city (offices are there)' },
      ]);
      expect((await post({ url: 'https://x.example/h', regionId: 999_999 }).expect(400)).body.details[0].field).toBe('regionId');
      expect((await post({ url: 'https://x.example/h', regionId: 'one' }).expect(400)).body.details[0].field).toBe('regionId');
      expect((await post({ url: 'https://x.example/h', secret: 'mine' }).expect(400)).body.details[0].field).toBe('secret');
      expect(await em().count(WebhookEndpoint)).toBe(0);
    });

    it('creates endpoints and shows each secret exactly once; the database holds it sealed', async () => {
      const county = await t
        .http()
        .post('/api/admin/webhooks')
        .set(w.auth('admin'))
        .send({ url: receiver.url('/county'), regionId: w.county.id })
        .expect(201);
      expect(county.body).toEqual({
        id: expect.any(Number),
        url: receiver.url('/county'),
        regionId: w.county.id,
        regionName: '示范县',
        enabled: true,
        disabledReason: null,
        createdBy: w.userIds.admin,
        createdAt: clock.now().toISOString(),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
      });
      expect(county.headers['cache-control']).toBe('no-store'); // the one answer that carries the secret
      const town2 = await t
        .http()
        .post('/api/admin/webhooks')
        .set(w.auth('admin'))
        .send({ url: receiver.url('/town2'), regionId: w.towns.two.id })
        .expect(201);
      endpoints = { county: { id: county.body.id, secret: county.body.secret }, town2: { id: town2.body.id, secret: town2.body.secret } };
      receiver.secrets.set('/county', county.body.secret);
      receiver.secrets.set('/town2', town2.body.secret);

      const list = await t.http().get('/api/admin/webhooks').set(w.auth('admin')).expect(200);
      expect(list.body.map((e: { id: number }) => e.id)).toEqual([county.body.id, town2.body.id]);
      expect(JSON.stringify(list.body)).not.toContain('whsec_');
      const stored = await em().findOneByOrFail(WebhookEndpoint, { id: county.body.id });
      expect(stored.secretSealed).not.toContain(county.body.secret.slice(6));
      expect(t.app.get(IdentityCipher).open(stored.secretSealed, `webhook:${county.body.id}`)).toBe(county.body.secret);
    });
    it('lets an admin bound to a region manage only endpoints inside it', async () => {
      await t
        .http()
        .post('/api/admin/users')
        .set(w.auth('admin'))
        .send({
          username: 'admin_town1',
          password: 'test-password-123',
          displayName: '东山镇管理员',
          role: 'admin',
          regionId: w.towns.one.id,
        })
        .expect(201);
      const login = await t.http().post('/api/auth/login').send({ username: 'admin_town1', password: 'test-password-123' }).expect(200);
      const auth = { Authorization: `Bearer ${login.body.accessToken}` };
      expect((await t.http().get('/api/admin/webhooks').set(auth).expect(200)).body).toEqual([]);
      const post = (body: object) => t.http().post('/api/admin/webhooks').set(auth).send(body);
      expect((await post({ url: 'https://town1.example/h' }).expect(400)).body.details[0].field).toBe('regionId');
      expect((await post({ url: 'https://town1.example/h', regionId: w.towns.two.id }).expect(400)).body.details[0].field).toBe('regionId');
      expect((await post({ url: 'https://town1.example/h', regionId: w.county.id }).expect(400)).body.details[0].field).toBe('regionId');
      const own = await post({ url: 'https://town1.example/h', regionId: w.towns.one.id }).expect(201);
      expect((await t.http().get('/api/admin/webhooks').set(auth).expect(200)).body.map((e: { id: number }) => e.id)).toEqual([
        own.body.id,
      ]);
      await t.http().patch(`/api/admin/webhooks/${endpoints.county.id}`).set(auth).send({ enabled: false }).expect(404);
      await t.http().get(`/api/admin/webhooks/${endpoints.county.id}/deliveries`).set(auth).expect(404);
      await t.http().delete(`/api/admin/webhooks/${endpoints.county.id}`).set(auth).expect(404);
      await t.http().delete(`/api/admin/webhooks/${own.body.id}`).set(auth).expect(204);
      expect((await em().findOneByOrFail(WebhookEndpoint, { id: endpoints.county.id })).enabled).toBe(true);
    });
  });

  describe('sending', () => {
    it('times out after the limit, and does not follow redirects', async () => {
      const slow = createServer((req, res) => {
        if (req.url === '/moved') res.writeHead(302, { location: receiver.url('/county') }).end();
        // otherwise: never answers
      });
      await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
      const base = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
      try {
        const sender = t.app.get(WebhookSender);
        const hung = await sender.send({ url: `${base}/hang`, headers: {}, body: '{}', timeoutMs: 200 });
        expect(hung).toEqual({ statusCode: null, error: 'no answer within 200 ms', durationMs: expect.any(Number) });
        expect(hung.durationMs).toBeGreaterThanOrEqual(150);
        const before = receiver.received.length;
        expect((await sender.send({ url: `${base}/moved`, headers: {}, body: '{}', timeoutMs: 2000 })).statusCode).toBe(302);
        expect(receiver.received.length).toBe(before);
      } finally {
        slow.closeAllConnections();
        await new Promise<void>((resolve) => slow.close(() => resolve()));
      }
    });
  });

  describe('delivery', () => {
    let firstEventId: string;
    let firstDelivery: WebhookDelivery;

    it('writes the event, and one delivery per enabled endpoint whose region covers the office', async () => {
      const reportId = await insertReport(w.villages.a, w.towns.one);
      await enqueue(created(reportId, w.towns.one, w.villages.a));
      const event = await lastEvent();
      firstEventId = event.eventId;
      expect(event.eventId).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
      expect(event).toMatchObject({ type: 'report.created', reportId, officeRegionId: w.towns.one.id });
      expect(JSON.parse(event.payload)).toEqual({
        type: 'report.created',
        timestamp: clock.now().toISOString(),
        data: created(reportId, w.towns.one, w.villages.a).data,
      });
      // the county covers 东山镇; the 西河镇 endpoint does not
      const deliveries = await deliveriesOf(event.id);
      expect(deliveries.map((d) => [d.endpointId, d.status, d.attempts, d.nextAttemptAt?.getTime()])).toEqual([
        [endpoints.county.id, 'pending', 0, clock.now().getTime()],
      ]);
      firstDelivery = deliveries[0];
    });

    it('retries with growing backoff while the receiver fails (500 three times), then delivers: 4 attempts, all signed', async () => {
      receiver.plan.set('/county', [500, 500, 500]);
      const delays: number[] = [];
      for (let i = 1; i <= 3; i++) {
        const sentAt = clock.now().getTime();
        expect((await worker.runOnce()).webhooks).toEqual({ delivered: 0, retrying: 1, failed: 0, disabled: 0 });
        const d = await em().findOneByOrFail(WebhookDelivery, { id: firstDelivery.id });
        expect(d).toMatchObject({ status: 'pending', attempts: i, lastStatusCode: 500 });
        const delay = d.nextAttemptAt!.getTime() - sentAt;
        expect(delay).toBeGreaterThanOrEqual(10_000 * 2 ** (i - 1));
        expect(delay).toBeLessThanOrEqual(12_000 * 2 ** (i - 1));
        delays.push(delay);
        // not yet due: nothing is sent
        advance(delay - 1000);
        expect((await worker.runOnce()).webhooks).toEqual({ delivered: 0, retrying: 0, failed: 0, disabled: 0 });
        advance(1000);
      }
      expect((await worker.runOnce()).webhooks).toEqual({ delivered: 1, retrying: 0, failed: 0, disabled: 0 });

      const d = await em().findOneByOrFail(WebhookDelivery, { id: firstDelivery.id });
      expect(d).toMatchObject({ status: 'delivered', attempts: 4, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
      expect(d.deliveredAt?.getTime()).toBe(clock.now().getTime());
      const attempts = await attemptsOf(firstDelivery.id);
      expect(attempts.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
      for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);

      const got = receiver.at('/county');
      expect(got).toHaveLength(4);
      for (const r of got) {
        expect(r.rejected).toBeNull();
        expect(r.headers['webhook-id']).toBe(firstEventId);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
      }
      // each attempt is signed at its own time
      expect(new Set(got.map((r) => r.headers['webhook-timestamp'])).size).toBe(4);
      expect(receiver.deduped('/county').size).toBe(1);
      expect(got[3].body).toBe((await lastEvent()).payload);
    });

    it('delivers several events, each exactly once after dedup by webhook-id, even with two worker instances racing', async () => {
      const reportB = await insertReport(w.villages.b, w.towns.one);
      const reportC = await insertReport(w.villages.c, w.towns.two);
      await enqueue(created(reportB, w.towns.one, w.villages.b));
      await enqueue(created(reportC, w.towns.two, w.villages.c));
      await enqueue({ ...created(reportC, w.county, w.villages.c), type: 'report.transferred', officeRegionId: w.county.id });
      const events = await em().find(OutboxEvent, { order: { id: 'ASC' } });
      expect(events).toHaveLength(4);
      // county endpoint: all three new ones; 西河镇 endpoint: only the one of its office
      expect((await deliveriesOf(events[1].id)).map((d) => d.endpointId)).toEqual([endpoints.county.id]);
      expect((await deliveriesOf(events[2].id)).map((d) => d.endpointId)).toEqual([endpoints.county.id, endpoints.town2.id]);
      expect((await deliveriesOf(events[3].id)).map((d) => d.endpointId)).toEqual([endpoints.county.id]);

      // A second API instance: its own worker over the same database.
      const other = new OutboxWorker(
        t.app.get<AppConfig>(APP_CONFIG),
        t.app.get(Db),
        t.app.get(OutboxRepository),
        t.app.get(WebhookSender),
        t.app.get(WechatClient),
        t.app.get(IdentityCipher),
        t.app.get(Clock),
      );
      const before = receiver.received.length;
      const [a, b] = await Promise.all([worker.runOnce(), other.runOnce()]);
      expect(a.webhooks.delivered + b.webhooks.delivered).toBe(4);
      const sent = receiver.received.slice(before);
      expect(sent).toHaveLength(4);
      expect(new Set(sent.map((r) => `${r.path} ${String(r.headers['webhook-id'])}`)).size).toBe(4);
      expect(sent.every((r) => r.rejected === null && r.answered === 200)).toBe(true);

      const county = receiver.deduped('/county');
      expect([...county.keys()].sort()).toEqual(events.map((e) => e.eventId).sort());
      for (const e of events) expect(county.get(e.eventId)).toEqual(JSON.parse(e.payload));
      expect([...receiver.deduped('/town2').keys()]).toEqual([events[2].eventId]);
      expect(await em().count(WebhookDelivery, { where: { status: 'pending' } })).toBe(0);
      expect(await em().count(WebhookAttempt)).toBe(4 + 4);
    });

    it('verifyWebhook rejects a forged signature, a changed body and a timestamp 6 minutes old', () => {
      const real = receiver.at('/county')[3];
      const secret = endpoints.county.secret;
      expect(verifyWebhook(secret, real.headers, real.body, clock.now())).toEqual(JSON.parse(real.body));
      const reject = (fn: () => unknown) => expect(fn).toThrow(WebhookVerificationError);
      // signed with another secret (a forger does not know the office's)
      const forged = webhookHeaders(endpoints.town2.secret, String(real.headers['webhook-id']), clock.now(), real.body);
      reject(() => verifyWebhook(secret, forged, real.body, clock.now()));
      reject(() =>
        verifyWebhook(secret, { ...real.headers, 'webhook-signature': 'v1,' + randomBytes(32).toString('base64') }, real.body, clock.now()),
      );
      reject(() => verifyWebhook(secret, real.headers, real.body.replace(REPORT_TEXT, '一切正常'), clock.now()));
      // correctly signed, but 6 minutes old: a replayed capture
      const stale = webhookHeaders(secret, String(real.headers['webhook-id']), new Date(clock.now().getTime() - 6 * 60_000), real.body);
      expect(() => verifyWebhook(secret, stale, real.body, clock.now())).toThrow('webhook-timestamp is too old');
      expect(() => verifyWebhook(secret, real.headers, real.body, new Date(clock.now().getTime() + 6 * 60_000))).toThrow(
        'webhook-timestamp is too old',
      );
    });

    it('lists an endpoint’s deliveries newest first, paged, with their attempts and without the events’ content', async () => {
      const page1 = await t.http().get(`/api/admin/webhooks/${endpoints.county.id}/deliveries?limit=3`).set(w.auth('admin')).expect(200);
      expect(page1.body.items).toHaveLength(3);
      expect(page1.body.nextCursor).toBe(page1.body.items[2].id);
      const page2 = await t
        .http()
        .get(`/api/admin/webhooks/${endpoints.county.id}/deliveries?limit=3&cursor=${page1.body.nextCursor}`)
        .set(w.auth('admin'))
        .expect(200);
      expect(page2.body.nextCursor).toBeNull();
      const all = [...page1.body.items, ...page2.body.items];
      expect(all.map((d: { id: number }) => d.id)).toEqual([...all.map((d: { id: number }) => d.id)].sort((x, y) => y - x));
      const first = all.find((d: { id: number }) => d.id === firstDelivery.id);
      expect(first).toMatchObject({ eventId: firstEventId, type: 'report.created', status: 'delivered', attempts: 4, lastStatusCode: 200 });
      expect(first.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 200]);
      const text = JSON.stringify(all);
      expect(text).not.toContain(REPORT_TEXT);
      expect(text).not.toContain('reportId');

      const delivered = await t
        .http()
        .get(`/api/admin/webhooks/${endpoints.county.id}/deliveries?status=delivered`)
        .set(w.auth('admin'))
        .expect(200);
      expect(delivered.body.items).toHaveLength(4);
      for (const q of ['limit=0', 'limit=101', 'status=lost', 'cursor=abc', 'foo=1'])
        expect(
          (await t.http().get(`/api/admin/webhooks/${endpoints.county.id}/deliveries?${q}`).set(w.auth('admin')).expect(400)).body.code,
        ).toBe('VALIDATION_FAILED');
      await t.http().get('/api/admin/webhooks/99999/deliveries').set(w.auth('admin')).expect(404);
    });

    it('replays a delivery with the same webhook-id and body, and records the new attempt', async () => {
      const res = await t.http().post(`/api/admin/webhook-deliveries/${firstDelivery.id}/replay`).set(w.auth('admin')).expect(200);
      expect(res.body).toMatchObject({
        id: firstDelivery.id,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: clock.now().toISOString(),
        deliveredAt: null,
      });
      advance(1000);
      const before = receiver.received.length;
      expect((await worker.runOnce()).webhooks.delivered).toBe(1);
      const again = receiver.received.slice(before);
      expect(again).toHaveLength(1);
      expect(again[0].headers['webhook-id']).toBe(firstEventId);
      expect(again[0].body).toBe(receiver.at('/county')[0].body);
      expect(again[0].rejected).toBeNull();
      expect(receiver.deduped('/county').size).toBe(4);
      expect((await attemptsOf(firstDelivery.id)).map((a) => a.statusCode)).toEqual([500, 500, 500, 200, 200]);
      await t.http().post('/api/admin/webhook-deliveries/99999/replay').set(w.auth('admin')).expect(404);
    });

    it('gives a delivery up as failed after 12 attempts', async () => {
      const reportId = await insertReport(w.villages.c, w.towns.two);
      await enqueue(created(reportId, w.towns.two, w.villages.c));
      const event = await lastEvent();
      const countyDelivery = (await deliveriesOf(event.id)).find((d) => d.endpointId === endpoints.county.id)!;
      receiver.plan.set('/county', Array(12).fill(503));
      receiver.plan.set('/town2', [200]);
      for (let i = 0; i < 12; i++) {
        await worker.runOnce();
        advance(7 * 3_600_000); // past the longest backoff (6 h + jitter)
      }
      const d = await em().findOneByOrFail(WebhookDelivery, { id: countyDelivery.id });
      expect(d).toMatchObject({ status: 'failed', attempts: 12, lastStatusCode: 503, nextAttemptAt: null });
      expect(await attemptsOf(d.id)).toHaveLength(12);
      expect(await worker.runOnce()).toMatchObject({ webhooks: { delivered: 0, retrying: 0, failed: 0, disabled: 0 } });
      expect(receiver.at('/county').filter((r) => r.headers['webhook-id'] === event.eventId)).toHaveLength(12);
    });

    it('records a network error as an attempt without a status code', async () => {
      const dead = createServer();
      await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
      const port = (dead.address() as AddressInfo).port;
      await new Promise<void>((resolve) => dead.close(() => resolve()));
      const ep = await t
        .http()
        .post('/api/admin/webhooks')
        .set(w.auth('admin'))
        .send({ url: `http://127.0.0.1:${port}/gone`, regionId: w.towns.one.id })
        .expect(201);
      const reportId = await insertReport(w.villages.a, w.towns.one);
      await enqueue(created(reportId, w.towns.one, w.villages.a));
      const event = await lastEvent();
      await worker.runOnce();
      const d = (await deliveriesOf(event.id)).find((x) => x.endpointId === ep.body.id)!;
      expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(d.lastError).toMatch(/^request failed/);
      const [attempt] = await attemptsOf(d.id);
      expect(attempt).toMatchObject({ statusCode: null, error: d.lastError });
      await t.http().delete(`/api/admin/webhooks/${ep.body.id}`).set(w.auth('admin')).expect(204);
      expect(await em().count(WebhookDelivery, { where: { endpointId: ep.body.id } })).toBe(0);
      expect(await em().count(WebhookAttempt, { where: { deliveryId: d.id } })).toBe(0);
      await t.http().delete(`/api/admin/webhooks/${ep.body.id}`).set(w.auth('admin')).expect(404);
    });

    it('410 Gone disables the endpoint and its pending deliveries; new events skip it; replay needs it enabled again', async () => {
      receiver.plan.set('/town2', [410]);
      const r1 = await insertReport(w.villages.c, w.towns.two);
      await enqueue(created(r1, w.towns.two, w.villages.c));
      const e1 = await lastEvent();
      await enqueue(statusChanged(r1, w.towns.two, 'submitted', 'accepted'));
      const e2 = await lastEvent();
      // e2's delivery to 西河镇 waits for a retry later: it is not sent in this run
      await em().update(
        WebhookDelivery,
        { outboxEventId: e2.id, endpointId: endpoints.town2.id },
        { nextAttemptAt: new Date(clock.now().getTime() + 60_000) },
      );
      const res = await worker.runOnce();
      expect(res.webhooks).toEqual({ delivered: 2, retrying: 0, failed: 0, disabled: 1 });

      const endpoint = await em().findOneByOrFail(WebhookEndpoint, { id: endpoints.town2.id });
      expect(endpoint.enabled).toBe(false);
      expect(endpoint.disabledReason).toMatch(/410/);
      const d1 = (await deliveriesOf(e1.id)).find((d) => d.endpointId === endpoints.town2.id)!;
      const d2 = (await deliveriesOf(e2.id)).find((d) => d.endpointId === endpoints.town2.id)!;
      expect(d1.status).toBe('disabled');
      expect(d2.status).toBe('disabled');
      expect(receiver.at('/town2').filter((r) => r.answered === 410)).toHaveLength(1);

      await enqueue(statusChanged(r1, w.towns.two, 'accepted', 'investigating'));
      expect((await deliveriesOf((await lastEvent()).id)).map((d) => d.endpointId)).toEqual([endpoints.county.id]);

      const list = await t.http().get('/api/admin/webhooks').set(w.auth('admin')).expect(200);
      expect(list.body.find((e: { id: number }) => e.id === endpoints.town2.id)).toMatchObject({
        enabled: false,
        disabledReason: expect.stringMatching(/410/),
      });

      const refused = await t.http().post(`/api/admin/webhook-deliveries/${d2.id}/replay`).set(w.auth('admin')).expect(409);
      expect(refused.body.code).toBe('ENDPOINT_DISABLED');
      const on = await t.http().patch(`/api/admin/webhooks/${endpoints.town2.id}`).set(w.auth('admin')).send({ enabled: true }).expect(200);
      expect(on.body).toMatchObject({ enabled: true, disabledReason: null });
      await t.http().post(`/api/admin/webhook-deliveries/${d2.id}/replay`).set(w.auth('admin')).expect(200);
      await t.http().post(`/api/admin/webhook-deliveries/${d1.id}/replay`).set(w.auth('admin')).expect(200);
      const before = receiver.at('/town2').length;
      await worker.runOnce();
      const replayed = receiver.at('/town2').slice(before);
      expect(replayed.map((r) => r.headers['webhook-id']).sort()).toEqual([e1.eventId, e2.eventId].sort());
      expect(replayed.every((r) => r.rejected === null && r.answered === 200)).toBe(true);
    });

    it('an admin turning an endpoint off stops its pending deliveries; PATCH validates', async () => {
      const off = await t
        .http()
        .patch(`/api/admin/webhooks/${endpoints.town2.id}`)
        .set(w.auth('admin'))
        .send({ enabled: false })
        .expect(200);
      expect(off.body.disabledReason).toMatch(/turned off by admin/);
      const r = await insertReport(w.villages.c, w.towns.two);
      await enqueue(created(r, w.towns.two, w.villages.c));
      expect((await deliveriesOf((await lastEvent()).id)).map((d) => d.endpointId)).toEqual([endpoints.county.id]);
      await t.http().patch(`/api/admin/webhooks/${endpoints.town2.id}`).set(w.auth('admin')).send({ url: 'gopher://x' }).expect(400);
      await t.http().patch(`/api/admin/webhooks/${endpoints.town2.id}`).set(w.auth('admin')).send({ enabled: 'yes' }).expect(400);
      await t.http().patch('/api/admin/webhooks/abc').set(w.auth('admin')).send({ enabled: true }).expect(400);
      await t.http().patch('/api/admin/webhooks/99999').set(w.auth('admin')).send({ enabled: true }).expect(404);
      const moved = await t
        .http()
        .patch(`/api/admin/webhooks/${endpoints.town2.id}`)
        .set(w.auth('admin'))
        .send({ regionId: null, url: receiver.url('/town2') })
        .expect(200);
      expect(moved.body).toMatchObject({ regionId: null, regionName: null, enabled: false });
      await worker.runOnce();
    });

    it('a rolled-back transaction leaves no outbox event, delivery or notification', async () => {
      const reportId = await insertReport(w.villages.a, w.towns.one, { credits: 3, openid: OPENID });
      const counts = async () => [await em().count(OutboxEvent), await em().count(WebhookDelivery), await em().count(NotificationDelivery)];
      const before = await counts();
      await expect(
        t.app.get(Db).transaction(async (tx) => {
          await t.app.get(OutboxService).enqueue(tx, statusChanged(reportId, w.towns.one, 'submitted', 'accepted'));
          throw new Error('the status change failed after the event was written');
        }),
      ).rejects.toThrow('the status change failed');
      expect(await counts()).toEqual(before);
      expect((await em().findOneByOrFail(Report, { id: reportId })).notifyCredits).toBe(3);
    });
  });

  describe('subscribe messages to the reporter', () => {
    it('a status change of a report with credits queues one message (spending a credit); the worker sends it via WeChat', async () => {
      const reportId = await insertReport(w.villages.a, w.towns.one, { credits: 2, openid: OPENID });
      const changedAt = clock.now();
      await enqueue(statusChanged(reportId, w.towns.one, 'submitted', 'accepted'));
      const event = await lastEvent();
      const [n] = await em().find(NotificationDelivery, { where: { outboxEventId: event.id } });
      expect(n).toMatchObject({ reportId, status: 'pending', attempts: 0 });
      expect((await em().findOneByOrFail(Report, { id: reportId })).notifyCredits).toBe(1);
      // the webhook payload carries no identity
      expect(event.payload).not.toContain(OPENID);

      advance(5000);
      expect((await worker.runOnce()).notifications).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(wx.subscribeCalls).toHaveLength(1);
      expect(wx.subscribeCalls[0].body).toMatchObject({
        touser: OPENID,
        template_id: TEMPLATE_ID,
        page: 'packages/report/pages/mine/index',
        data: {
          phrase1: { value: '已受理' },
          time2: {
            value:
              '2026-' +
              changedAt.toISOString().slice(5, 10) +
              ' ' +
              new Date(changedAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
          },
          thing3: { value: expect.any(String) },
        },
      });
      expect(JSON.stringify(wx.subscribeCalls[0].body)).not.toContain(REPORT_TEXT);
      const sent = await em().findOneByOrFail(NotificationDelivery, { id: n.id });
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
      expect(sent.sentAt?.getTime()).toBe(clock.now().getTime());
    });

    it('retries a transient WeChat error, gives up on a refusal (43101), and sends nothing once credits are spent', async () => {
      const reportId = await insertReport(w.villages.b, w.towns.one, { credits: 2, openid: OPENID });
      wx.subscribeCalls.length = 0;
      wx.subscribeFailNext.push({ errcode: -1, errmsg: 'system error' });
      await enqueue(statusChanged(reportId, w.towns.one, 'submitted', 'accepted'));
      const n1 = (await em().find(NotificationDelivery, { where: { outboxEventId: (await lastEvent()).id } }))[0];
      expect((await worker.runOnce()).notifications).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const retrying = await em().findOneByOrFail(NotificationDelivery, { id: n1.id });
      expect(retrying).toMatchObject({ status: 'pending', attempts: 1 });
      expect(retrying.lastError).toMatch(/errcode -1/);
      expect(retrying.lastError).not.toContain(OPENID);
      advance(3 * 60_000);
      expect((await worker.runOnce()).notifications).toEqual({ sent: 1, retrying: 0, failed: 0 });
      expect(wx.subscribeCalls).toHaveLength(2);

      wx.subscribeFailNext.push({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
      await enqueue(statusChanged(reportId, w.towns.one, 'accepted', 'investigating'));
      expect((await em().findOneByOrFail(Report, { id: reportId })).notifyCredits).toBe(0);
      expect((await worker.runOnce()).notifications).toEqual({ sent: 0, retrying: 0, failed: 1 });

      const notifications = await em().count(NotificationDelivery);
      await enqueue(statusChanged(reportId, w.towns.one, 'investigating', 'concluded'));
      expect(await em().count(NotificationDelivery)).toBe(notifications);
    });

    it('queues nothing for anonymous reports, for other event types, or without credits', async () => {
      const anonymous = await insertReport(w.villages.a, w.towns.one, { credits: 3, openid: null });
      const noCredits = await insertReport(w.villages.a, w.towns.one, { credits: 0, openid: OPENID });
      const named = await insertReport(w.villages.a, w.towns.one, { credits: 3, openid: OPENID });
      const before = await em().count(NotificationDelivery);
      await enqueue(statusChanged(anonymous, w.towns.one, 'submitted', 'accepted'));
      await enqueue(statusChanged(noCredits, w.towns.one, 'submitted', 'accepted'));
      await enqueue(created(named, w.towns.one, w.villages.a));
      await enqueue({ type: 'report.reply', reportId: named, officeRegionId: w.towns.one.id, data: { reportId: named } });
      expect(await em().count(NotificationDelivery)).toBe(before);
      expect((await em().findOneByOrFail(Report, { id: anonymous })).notifyCredits).toBe(3);
      expect((await em().findOneByOrFail(Report, { id: named })).notifyCredits).toBe(3);
    });
  });

  describe('polling', () => {
    it('with OUTBOX_POLL_MS set, delivers without being asked, and stops on shutdown', async () => {
      const config = t.app.get<AppConfig>(APP_CONFIG);
      const reportId = await insertReport(w.villages.a, w.towns.one);
      await enqueue(created(reportId, w.towns.one, w.villages.a));
      const event = await lastEvent();
      const poller = new OutboxWorker(
        { ...config, reports: { ...config.reports, outboxPollMs: 50 } },
        t.app.get(Db),
        t.app.get(OutboxRepository),
        t.app.get(WebhookSender),
        t.app.get(WechatClient),
        t.app.get(IdentityCipher),
        t.app.get(Clock),
      );
      poller.onApplicationBootstrap();
      try {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline && !receiver.at('/county').some((r) => r.headers['webhook-id'] === event.eventId))
          await new Promise((r) => setTimeout(r, 25));
      } finally {
        await poller.onModuleDestroy();
      }
      expect(receiver.at('/county').filter((r) => r.headers['webhook-id'] === event.eventId)).toHaveLength(1);
      // stopped: a new event waits for the next run of some worker
      await enqueue(created(reportId, w.towns.one, w.villages.a));
      const later = await lastEvent();
      await new Promise((r) => setTimeout(r, 200));
      expect(receiver.at('/county').some((r) => r.headers['webhook-id'] === later.eventId)).toBe(false);
      expect((await worker.runOnce()).webhooks.delivered).toBe(1);
    });
  });
});
