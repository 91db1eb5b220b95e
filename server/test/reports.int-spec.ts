import { randomUUID, scryptSync, createHmac } from 'node:crypto';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { DEFAULT_REPORT_CATEGORIES, formatReceiptCode } from '@mingbai/shared';
import { startTestApp, TestApp, FixedClock } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry, validEntry } from './helpers/entries';
import { nestRoutes } from './helpers/routes';
import { FakeWechat } from './helpers/fake-wechat';
import { Clock } from '../src/common/clock/clock';
import { IdentityCipher } from '../src/common/crypto/identity-cipher';
import { Report } from '../src/modules/reports/report.entity';
import { ReportEvent } from '../src/modules/reports/report-event.entity';
import { ReportMessage } from '../src/modules/reports/report-message.entity';
import { ReportFile } from '../src/modules/reports/report-file.entity';
import { ReportThreadService } from '../src/modules/reports/report-thread.service';
import { ReportFilesService } from '../src/modules/reports/report-files.service';

/** Supertest hands binary bodies back only with a parser that collects the bytes. */
function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** Whether a JPEG's EXIF block (as sharp reports it) has a GPS IFD pointer (tag 0x8825) in IFD0. */
function hasGpsIfd(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.indexOf('Exif\0\0') === 0 ? 6 : 0);
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i++) if (u16(ifd0 + 2 + i * 12) === 0x8825) return true;
  return false;
}

/** A phone photo: a JPEG with camera EXIF and a GPS position (Fuzhou). */
async function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 180, g: 90, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1', Copyright: 'reporter-home' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '119/1 18/1 0/1' },
    })
    .toBuffer();
}

describe('citizen reports: the villager side', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechat;
  let clock: Clock;
  let entryId: number;
  let draftEntryId: number;
  let ipCounter = 0;
  /** A fresh client address, so the per-IP limit does not interfere where it is not the subject. */
  const nextIp = () => `198.51.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;
  let textCounter = 0;
  const uniqueText = (what = '村会计虚报冒领补助') => `${what}，第${++textCounter}次反映。`;

  const seen: { route: string; cacheControl: string | undefined }[] = [];
  /** Records the Cache-Control of every answer of a report route, to check them all at the end. */
  const track = (route: string) => (res: Response) => {
    seen.push({ route, cacheControl: res.headers['cache-control'] });
  };

  const body = (over: Record<string, unknown> = {}) => ({
    villageId: w.villages.a.id,
    categoryCode: 'false_claims',
    text: uniqueText(),
    subjectType: 'village',
    anonymous: true,
    ...over,
  });

  interface FileOptions {
    token?: string;
    ip?: string;
    key?: string | null;
  }
  const file = (payload: object, o: FileOptions = {}) => {
    let req = t.http().post('/api/reports').set('X-Forwarded-For', o.ip ?? nextIp());
    if (o.key !== null) req = req.set('Idempotency-Key', o.key ?? randomUUID());
    if (o.token) req = req.set('Authorization', `Bearer ${o.token}`);
    return req.send(payload).expect(track('POST /api/reports'));
  };
  const lookup = (code: string, ip = nextIp()) =>
    t.http().post('/api/reports/lookup').set('X-Forwarded-For', ip).send({ receiptCode: code }).expect(track('POST /api/reports/lookup'));
  const followUp = (payload: object, ip = nextIp(), key: string = randomUUID()) =>
    t.http().post('/api/reports/follow-ups').set('X-Forwarded-For', ip).set('Idempotency-Key', key).send(payload).expect(track('POST /api/reports/follow-ups'));
  const upload = (bytes: Buffer, name = 'photo.jpg', ip = nextIp()) =>
    t.http().post('/api/report-uploads').set('X-Forwarded-For', ip).attach('file', bytes, name).expect(track('POST /api/report-uploads'));
  const villagerToken = async (openid: string): Promise<string> => {
    const res = await t.http().post('/api/villager/session').send({ code: wx.login(openid) }).expect(track('POST /api/villager/session')).expect(200);
    return res.body.token as string;
  };
  const asVillager = (token: string) => ({ Authorization: `Bearer ${token}` });
  const reportRow = (id: number) => t.dataSource.manager.findOneByOrFail(Report, { id });
  const reportByCode = async (code: string): Promise<Report> => {
    const salt = createHmac('sha256', t.config.reports.hashSecret).update('receipt').digest();
    const hash = scryptSync(code, salt, 32, { N: 16384, r: 8, p: 1 }).toString('hex');
    return t.dataSource.manager.findOneByOrFail(Report, { receiptHash: hash });
  };
  const outboxOf = (reportId: number): Promise<{ type: string; payload: string }[]> =>
    t.dataSource.query('SELECT type, payload FROM outbox_events WHERE report_id = ? ORDER BY id', [reportId]);
  const setNow = (at: Date): FixedClock => {
    const fixed = new FixedClock(at);
    jest.spyOn(clock, 'now').mockImplementation(() => fixed.now());
    return fixed;
  };

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    t = await startTestApp({ ...wx.env, REPORT_RATE_LIMIT_PER_HOUR: '5' });
    w = await buildWorld(t);
    clock = t.app.get(Clock);
    entryId = (await publishEntry(t, w)).id;
    draftEntryId = (await t.http().post('/api/staff/entries').set(w.auth('bk_a')).send(validEntry({ summary: '草稿' })).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });
  afterEach(() => jest.restoreAllMocks());

  describe('report categories', () => {
    const list = () => t.http().get('/api/report-categories').expect(track('GET /api/report-categories')).expect(200);

    it('lists the active categories in order, publicly', async () => {
      const res = await list();
      expect(res.body).toEqual(DEFAULT_REPORT_CATEGORIES.map((c) => ({ code: c.code, label: c.label })));
    });

    it('lets an admin add one and change it; others get 403; bad input 400, a taken code 409', async () => {
      const created = await t.http().post('/api/admin/report-categories').set(w.auth('admin')).send({ code: 'land_grab', label: '侵占集体土地', escalate: true }).expect(track('POST /api/admin/report-categories')).expect(201);
      expect(created.body).toEqual({ code: 'land_grab', label: '侵占集体土地', escalate: true, active: true, sortOrder: 70 });
      expect((await list()).body.at(-1)).toEqual({ code: 'land_grab', label: '侵占集体土地' });

      const patched = await t.http().patch('/api/admin/report-categories/land_grab').set(w.auth('admin')).send({ label: '侵占土地', sortOrder: 5, active: false }).expect(track('PATCH /api/admin/report-categories/:code')).expect(200);
      expect(patched.body).toMatchObject({ code: 'land_grab', label: '侵占土地', sortOrder: 5, active: false });
      expect((await list()).body.map((c: { code: string }) => c.code)).not.toContain('land_grab');
      await t.http().patch('/api/admin/report-categories/land_grab').set(w.auth('admin')).send({ active: true }).expect(200);
      expect((await list()).body[0]).toEqual({ code: 'land_grab', label: '侵占土地' });

      for (const who of ['bk_a', 'ap_a', 'insp_town1']) {
        await t.http().post('/api/admin/report-categories').set(w.auth(who)).send({ code: 'other_two', label: '其他二' }).expect(403);
        await t.http().patch('/api/admin/report-categories/other').set(w.auth(who)).send({ label: 'x' }).expect(403);
      }
      await t.http().post('/api/admin/report-categories').send({ code: 'other_two', label: '其他二' }).expect(401);
      const taken = await t.http().post('/api/admin/report-categories').set(w.auth('admin')).send({ code: 'other', label: '重复' }).expect(409);
      expect(taken.body).toMatchObject({ code: 'CATEGORY_EXISTS', details: [{ field: 'code' }] });
      const bad = await t.http().post('/api/admin/report-categories').set(w.auth('admin')).send({ code: 'Bad Code', label: '' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'label']);
      await t.http().patch('/api/admin/report-categories/no_such').set(w.auth('admin')).send({ label: '无' }).expect(404);
      // put it back out of the way of later tests
      await t.http().patch('/api/admin/report-categories/land_grab').set(w.auth('admin')).send({ active: false }).expect(200);
    });
  });

  describe('filing', () => {
    it('files an anonymous H5 report: a receipt code once, only its slow hash stored, routed, an event and an outbox event without identity', async () => {
      const payload = body({ text: '  村里的补助款被挪作他用，账上看不到。  ' });
      const res = await file(payload).expect(201);
      expect(res.body).toEqual({ receiptCode: expect.stringMatching(/^\d{16}$/), status: 'submitted', createdAt: expect.any(String), duplicate: false, canSubscribe: false, reportId: null });
      const row = await reportByCode(res.body.receiptCode);
      expect(row).toMatchObject({
        villageId: w.villages.a.id,
        officeRegionId: w.towns.one.id,
        categoryCode: 'false_claims',
        subjectType: 'village',
        subjectId: w.villages.a.id,
        text: '村里的补助款被挪作他用，账上看不到。',
        status: 'submitted',
        villagerId: null,
        identitySealed: null,
        duplicateOfId: null,
        channel: 'h5',
      });
      expect(row.receiptHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.acceptDueAt.getTime()).toBeGreaterThan(row.createdAt.getTime());
      const events = await t.dataSource.manager.find(ReportEvent, { where: { reportId: row.id } });
      expect(events).toMatchObject([{ action: 'submitted', fromStatus: null, toStatus: 'submitted', actorId: null, note: null }]);
      const outbox = await outboxOf(row.id);
      expect(outbox.map((o) => o.type)).toEqual(['report.created']);
      const payloadSent = JSON.parse(outbox[0].payload);
      expect(payloadSent.data).toMatchObject({ reportId: row.id, villageId: w.villages.a.id, villageName: '上坂村', officeRegionId: w.towns.one.id, categoryCode: 'false_claims', status: 'submitted', text: row.text });
      expect(outbox[0].payload).not.toContain(res.body.receiptCode);
    });

    it('files a named report for a signed-in villager: identity sealed to the report, 我的举报 id, subscribe allowed', async () => {
      const token = await villagerToken('oNAMED-openid-0001');
      const res = await file(body({ anonymous: false, reporterName: '李四', reporterPhone: '13800138000' }), { token }).expect(201);
      expect(res.body).toMatchObject({ duplicate: false, canSubscribe: true, reportId: expect.any(Number) });
      const row = await reportRow(res.body.reportId);
      expect(row.villagerId).toEqual(expect.any(Number));
      expect(row.channel).toBe('weapp');
      expect(row.identitySealed).not.toContain('13800138000');
      expect(row.identitySealed).not.toContain('oNAMED');
      const cipher = t.app.get(IdentityCipher);
      expect(JSON.parse(cipher.open(row.identitySealed!, `report:${row.id}`))).toEqual({ openid: 'oNAMED-openid-0001', name: '李四', phone: '13800138000' });
      expect(() => cipher.open(row.identitySealed!, `report:${row.id + 1}`)).toThrow();
      const outbox = await outboxOf(row.id);
      for (const secret of ['oNAMED', '13800138000', '李四']) expect(outbox[0].payload).not.toContain(secret);
    });

    it('keeps a signed-in villager anonymous when they choose to: no link to the villager, no identity', async () => {
      const token = await villagerToken('oANON-openid-0002');
      const res = await file(body(), { token }).expect(201);
      expect(res.body).toMatchObject({ reportId: null, canSubscribe: false });
      const row = await reportByCode(res.body.receiptCode);
      expect(row).toMatchObject({ villagerId: null, identitySealed: null, channel: 'weapp' });
    });

    it('refuses a named report without a villager token (H5, or a staff token)', async () => {
      for (const token of [undefined, w.tokens['bk_a']]) {
        const res = await file(body({ anonymous: false, reporterName: '王五' }), { token }).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'anonymous', reason: 'named reports need WeChat sign-in' }] });
      }
    });

    it('answers 400 naming each bad field', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ villageId: undefined }, ['villageId']],
        [{ villageId: '6' }, ['villageId']],
        [{ text: '   ' }, ['text']],
        [{ text: '字'.repeat(2001) }, ['text']],
        [{ subjectType: 'person' }, ['subjectType']],
        [{ anonymous: 'yes' }, ['anonymous']],
        [{ categoryCode: 'Not A Code' }, ['categoryCode']],
        [{ photoIds: Array.from({ length: 7 }, () => 'A'.repeat(43)) }, ['photoIds']],
        [{ photoIds: ['../../etc/passwd'] }, ['photoIds']],
        [{ reporterPhone: 'call me' }, ['reporterPhone']],
        [{ extra: 1 }, ['extra']],
        [{ reporterName: '张三' }, ['reporterName']],
        [{ reporterPhone: '13800138000' }, ['reporterPhone']],
        [{ categoryCode: 'no_such_category' }, ['categoryCode']],
        [{ categoryCode: 'land_grab' }, ['categoryCode']], // inactive
        [{ villageId: w.towns.one.id }, ['villageId']],
        [{ villageId: 999_999 }, ['villageId']],
      ];
      for (const [over, fields] of cases) {
        const res = await file(body(over)).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(fields);
        for (const d of res.body.details) expect(d.reason).toEqual(expect.any(String));
      }
      expect((await file(body({ text: '字'.repeat(2000) })).expect(201)).body.status).toBe('submitted');
    });

    it('checks the subject: a published entry of that village, or an approved asset or contract (test/contracts.int-spec.ts)', async () => {
      const ok = await file(body({ subjectType: 'entry', subjectId: entryId, categoryCode: 'misappropriation' })).expect(201);
      expect(await reportByCode(ok.body.receiptCode)).toMatchObject({ subjectType: 'entry', subjectId: entryId });
      const bad: [Record<string, unknown>, string][] = [
        [{ subjectType: 'entry', subjectId: draftEntryId }, 'subjectId'],
        [{ subjectType: 'entry', subjectId: entryId, villageId: w.villages.b.id }, 'subjectId'],
        [{ subjectType: 'entry', subjectId: 999_999 }, 'subjectId'],
        [{ subjectType: 'entry' }, 'subjectId'],
        [{ subjectType: 'village', subjectId: w.villages.b.id }, 'subjectId'],
        [{ subjectType: 'asset', subjectId: 1 }, 'subjectId'],
        [{ subjectType: 'contract', subjectId: 1 }, 'subjectId'],
      ];
      for (const [over, field] of bad) {
        const res = await file(body(over)).expect(400);
        expect(res.body.details).toEqual([{ field, reason: expect.any(String) }]);
      }
      await file(body({ subjectType: 'village', subjectId: w.villages.a.id })).expect(201);
    });
  });

  describe('photos', () => {
    it('strips EXIF and GPS from an uploaded photo, binds it to the report, and serves it only by a signed URL', async () => {
      const original = await photoWithGps();
      const before = await sharp(original).metadata();
      expect(hasGpsIfd(before.exif)).toBe(true);

      const up = await upload(original).expect(201);
      expect(up.body).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), mime: 'image/jpeg', size: expect.any(Number), expiresAt: expect.any(String) });
      const filed = await file(body({ photoIds: [up.body.id] })).expect(201);
      const row = await reportByCode(filed.body.receiptCode);
      const stored = await t.dataSource.manager.findOneByOrFail(ReportFile, { token: up.body.id });
      expect(stored).toMatchObject({ reportId: row.id, messageId: null, expiresAt: null });

      const view = await lookup(filed.body.receiptCode).expect(200);
      expect(view.body.photos).toEqual([{ id: stored.id, mime: 'image/jpeg', url: expect.stringMatching(new RegExp(`^/api/report-files/${stored.id}\\?exp=\\d+&sig=[\\w-]{43}$`)) }]);
      const url: string = view.body.photos[0].url;
      const got = await t.http().get(url).buffer(true).parse(binary).expect(track('GET /api/report-files/:id')).expect(200);
      expect(got.headers['content-type']).toBe('image/jpeg');
      expect(got.headers['cache-control']).toBe('no-store');
      const served = got.body as Buffer;
      const after = await sharp(served).metadata();
      expect(after.exif).toBeUndefined();
      expect(hasGpsIfd(after.exif)).toBe(false);
      expect(served.includes(Buffer.from('TestPhone'))).toBe(false);
      expect(served.includes(Buffer.from('reporter-home'))).toBe(false);
      expect([after.width, after.height]).toEqual([120, 80]);

      // the same upload cannot be used twice
      const again = await file(body({ photoIds: [up.body.id] })).expect(400);
      expect(again.body.details).toEqual([{ field: 'photoIds', reason: expect.any(String) }]);

      // a tampered, a foreign or an expired link does not open the file
      const [path, query] = url.split('?');
      const params = new URLSearchParams(query);
      const sig = params.get('sig')!;
      const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
      await t.http().get(`${path}?exp=${params.get('exp')}&sig=${flipped}`).expect(track('GET /api/report-files/:id')).expect(403);
      await t.http().get(`/api/report-files/${stored.id + 1000}?exp=${params.get('exp')}&sig=${sig}`).expect(403);
      await t.http().get(`${path}?exp=${Number(params.get('exp')) + 1}&sig=${sig}`).expect(403);
      const missing = await t.http().get(path).expect(track('GET /api/report-files/:id')).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['exp', 'sig']);
      setNow(new Date(Number(params.get('exp')) * 1000 + 1000));
      const expired = await t.http().get(url).expect(403);
      expect(expired.body.code).toBe('FILE_LINK_EXPIRED');
    });

    it('refuses what is not an image (415) and unknown or expired photo ids (400)', async () => {
      const pdf = await upload(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'doc.pdf').expect(415);
      expect(pdf.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file' }] });
      await upload(Buffer.from('just some text, not a picture'), 'x.jpg').expect(415);
      await upload(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]), 'broken.jpg').expect(415);
      const none = await t.http().post('/api/report-uploads').set('X-Forwarded-For', nextIp()).send({}).expect(track('POST /api/report-uploads')).expect(400);
      expect(none.body.details).toEqual([{ field: 'file', reason: expect.any(String) }]);

      const unknown = await file(body({ photoIds: ['A'.repeat(43)] })).expect(400);
      expect(unknown.body.details).toEqual([{ field: 'photoIds', reason: expect.any(String) }]);

      const up = await upload(await photoWithGps()).expect(201);
      const dup = await file(body({ photoIds: [up.body.id, up.body.id] })).expect(400);
      expect(dup.body.details[0].field).toBe('photoIds');
      setNow(new Date(Date.parse(up.body.expiresAt) + 1000));
      const expired = await file(body({ photoIds: [up.body.id] })).expect(400);
      expect(expired.body.details[0].field).toBe('photoIds');
    });
  });

  describe('receipt codes: lookup and follow-up', () => {
    it('opens the report by its code (typed with spaces), and 404s a wrong code', async () => {
      const filed = await file(body({ text: uniqueText('村主任优亲厚友') })).expect(201);
      const code: string = filed.body.receiptCode;
      const res = await lookup(formatReceiptCode(code)).expect(200);
      expect(res.body).toEqual({
        villageId: w.villages.a.id,
        villageName: '上坂村',
        categoryCode: 'false_claims',
        categoryLabel: '虚报冒领',
        subjectType: 'village',
        subjectId: w.villages.a.id,
        text: expect.stringContaining('村主任优亲厚友'),
        createdAt: filed.body.createdAt,
        status: 'submitted',
        statusLabel: '待受理',
        outcome: null,
        anonymous: true,
        photos: [],
        timeline: [{ at: filed.body.createdAt, action: 'submitted', status: 'submitted', note: null }],
        messages: [],
        open: true,
      });
      const wrong = `${code.slice(0, 15)}${(Number(code[15]) + 1) % 10}`;
      const miss = await lookup(wrong).expect(404);
      expect(miss.body).toMatchObject({ code: 'RECEIPT_NOT_FOUND', details: [{ field: 'receiptCode' }] });
      expect(JSON.stringify(miss.body)).not.toContain(wrong);
      const bad = await lookup('1234').expect(400);
      expect(bad.body.details).toEqual([{ field: 'receiptCode', reason: expect.any(String) }]);
    });

    it('takes a follow-up with a photo by receipt code, shows the office the thread, and refuses one once the case is closed', async () => {
      const filed = await file(body()).expect(201);
      const code: string = filed.body.receiptCode;
      const row = await reportByCode(code);
      const photo = await upload(await photoWithGps()).expect(201);
      const sent = await followUp({ receiptCode: code, text: '补充：去年也有同样情况。', photoIds: [photo.body.id] }).expect(201);
      expect(sent.body).toEqual({ id: expect.any(Number), from: 'reporter', text: '补充：去年也有同样情况。', at: expect.any(String), photos: [{ id: expect.any(Number), mime: 'image/jpeg', url: expect.any(String) }] });
      const view = await lookup(code).expect(200);
      expect(view.body.messages).toEqual([sent.body].map((m) => ({ ...m, photos: [expect.objectContaining({ id: m.photos[0].id })] })));
      expect(view.body.photos).toEqual([]); // a message's photo is not one of the report's own
      const outbox = await outboxOf(row.id);
      expect(outbox.map((o) => o.type)).toEqual(['report.created', 'report.follow_up']);
      expect(JSON.parse(outbox[1].payload).data).toMatchObject({ reportId: row.id, messageId: sent.body.id, text: '补充：去年也有同样情况。' });

      const thread = await t.app.get(ReportThreadService).messagesOf(row.id);
      expect(thread.map((m) => m.id)).toEqual([sent.body.id]);

      const wrong = await followUp({ receiptCode: '0000000000000000', text: '你好' }).expect(404);
      expect(wrong.body.code).toBe('RECEIPT_NOT_FOUND');
      const noKey = await t.http().post('/api/reports/follow-ups').set('X-Forwarded-For', nextIp()).send({ receiptCode: code, text: '你好' }).expect(track('POST /api/reports/follow-ups')).expect(400);
      expect(noKey.body.details).toEqual([{ field: 'Idempotency-Key', reason: expect.any(String) }]);

      await t.dataSource.manager.update(Report, { id: row.id }, { status: 'closed', closedAt: new Date() });
      const closed = await followUp({ receiptCode: code, text: '还有一件事' }).expect(409);
      expect(closed.body.code).toBe('CASE_CLOSED');
      expect((await lookup(code).expect(200)).body).toMatchObject({ status: 'closed', statusLabel: '已结案', open: false });
    });

    it('shows the reporter only the notes meant for them, and not the assignment', async () => {
      const filed = await file(body()).expect(201);
      const row = await reportByCode(filed.body.receiptCode);
      const at = (s: number) => new Date(row.createdAt.getTime() + s * 1000);
      await t.dataSource.manager.insert(ReportEvent, [
        { reportId: row.id, action: 'assigned', fromStatus: 'submitted', toStatus: 'submitted', actorId: w.userIds['insp_town1'], note: '交给张三', createdAt: at(1) },
        { reportId: row.id, action: 'accept', fromStatus: 'submitted', toStatus: 'accepted', actorId: w.userIds['insp_town1'], note: '内部：先查凭证', createdAt: at(2) },
        { reportId: row.id, action: 'investigate', fromStatus: 'accepted', toStatus: 'investigating', actorId: w.userIds['insp_town1'], note: null, createdAt: at(3) },
        { reportId: row.id, action: 'conclude', fromStatus: 'investigating', toStatus: 'concluded', actorId: w.userIds['insp_town1'], note: '经核查部分属实', createdAt: at(4) },
      ]);
      await t.dataSource.manager.update(Report, { id: row.id }, { status: 'concluded', outcome: 'partly_substantiated' });
      await t.dataSource.manager.insert(ReportMessage, { reportId: row.id, author: 'office', actorId: w.userIds['insp_town1'], text: '感谢反映，已责令退回。', createdAt: at(5) });
      const view = (await lookup(filed.body.receiptCode).expect(200)).body;
      expect(view).toMatchObject({ status: 'concluded', outcome: 'partly_substantiated', open: true });
      expect(view.timeline.map((e: { action: string; note: string | null }) => [e.action, e.note])).toEqual([
        ['submitted', null],
        ['accept', null],
        ['investigate', null],
        ['conclude', '经核查部分属实'],
      ]);
      expect(view.messages).toMatchObject([{ from: 'office', text: '感谢反映，已责令退回。' }]);
    });
  });

  describe('duplicates', () => {
    it('links the same text about the same village within a day to the first report, which it then follows', async () => {
      const text = uniqueText('出纳挪用公款 买车');
      const first = await file(body({ text })).expect(201);
      const original = await reportByCode(first.body.receiptCode);
      const second = await file(body({ text: `\n  ${text.replace(' ', ' \n\t  ')}  ` })).expect(201);
      expect(second.body.duplicate).toBe(true);
      const spaced = await file(body({ text: `${text}   ` })).expect(201);
      expect(spaced.body.duplicate).toBe(true);
      const dup = await reportByCode(second.body.receiptCode);
      expect(dup).toMatchObject({ duplicateOfId: original.id, status: 'submitted', officeRegionId: original.officeRegionId });
      expect(await t.dataSource.manager.count(ReportEvent, { where: { reportId: dup.id } })).toBe(0);
      expect(await outboxOf(dup.id)).toEqual([]);

      // another village, or another text: not a duplicate
      expect((await file(body({ text, villageId: w.villages.b.id })).expect(201)).body.duplicate).toBe(false);
      expect((await file(body({ text: `${text}还有别的` })).expect(201)).body.duplicate).toBe(false);

      // the duplicate's reporter sees the original's case and office replies, not the other reporter's words
      await t.dataSource.manager.update(Report, { id: original.id }, { status: 'accepted' });
      await t.dataSource.manager.insert(ReportEvent, { reportId: original.id, action: 'accept', fromStatus: 'submitted', toStatus: 'accepted', actorId: w.userIds['insp_town1'], note: null, createdAt: new Date() });
      await followUp({ receiptCode: first.body.receiptCode, text: '第一位举报人的补充' }).expect(201);
      await t.dataSource.manager.insert(ReportMessage, { reportId: original.id, author: 'office', actorId: w.userIds['insp_town1'], text: '已受理，正在核查。', createdAt: new Date() });
      const dupFollow = await followUp({ receiptCode: second.body.receiptCode, text: '第二位举报人的补充' }).expect(201);

      const dupView = (await lookup(second.body.receiptCode).expect(200)).body;
      expect(dupView).toMatchObject({ status: 'accepted', statusLabel: '已受理', text: dup.text });
      expect(dupView.timeline.map((e: { action: string }) => e.action)).toEqual(['submitted', 'accept']);
      expect(dupView.messages.map((m: { text: string }) => m.text)).toEqual(['已受理，正在核查。', '第二位举报人的补充']);
      const origView = (await lookup(first.body.receiptCode).expect(200)).body;
      expect(origView.messages.map((m: { text: string }) => m.text)).toEqual(['第一位举报人的补充', '已受理，正在核查。']);

      // the office's thread of the original has everything; the follow-up event names the original
      const thread = await t.app.get(ReportThreadService).messagesOf(original.id);
      expect(thread.map((m) => m.text)).toEqual(['第一位举报人的补充', '已受理，正在核查。', '第二位举报人的补充']);
      const events = await outboxOf(original.id);
      const last = JSON.parse(events.at(-1)!.payload);
      expect(last).toMatchObject({ type: 'report.follow_up', data: { reportId: original.id, duplicateId: dup.id, messageId: dupFollow.body.id } });
    });

    it('files the same text again as a new case after a day', async () => {
      const text = uniqueText('租金未收');
      const first = await file(body({ text, categoryCode: 'rent_uncollected' })).expect(201);
      setNow(new Date(Date.parse(first.body.createdAt) + 24 * 3_600_000 + 1000));
      const later = await file(body({ text, categoryCode: 'rent_uncollected' })).expect(201);
      expect(later.body.duplicate).toBe(false);
      expect((await reportByCode(later.body.receiptCode)).duplicateOfId).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('allows 5 reports an hour per IP address, then 429 with Retry-After; a replay is not counted', async () => {
      const ip = '203.0.113.50';
      const start = new Date(Date.now() + 3 * 86_400_000);
      const fixed = setNow(start);
      const keys: string[] = [];
      for (let i = 0; i < 5; i++) {
        keys.push(randomUUID());
        fixed.set(new Date(start.getTime() + i * 60_000));
        await file(body({ text: `限流测试第${i}条` }), { ip, key: keys[i] }).expect(201);
      }
      fixed.set(new Date(start.getTime() + 10 * 60_000));
      const refused = await file(body({ text: '限流测试第6条' }), { ip }).expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe(String(50 * 60));
      expect(refused.headers['cache-control']).toBe('no-store');
      // another address is not affected
      await file(body({ text: '限流测试其他地址' }), { ip: '203.0.113.51' }).expect(201);
      fixed.set(new Date(start.getTime() + 60 * 60_000 + 1000));
      await file(body({ text: '限流测试一小时后' }), { ip }).expect(201);
      fixed.set(new Date(start.getTime() + 61 * 60_000 + 1000));
      // a retried request replays its answer without counting, even at the limit
      const replay = await file(body({ text: '限流测试第4条' }), { ip, key: keys[4] }).expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });

    it('limits named reports per villager across addresses', async () => {
      const token = await villagerToken('oRATE-openid-0003');
      for (let i = 0; i < 5; i++) await file(body({ anonymous: false, text: `实名限流${i}` }), { token }).expect(201);
      const refused = await file(body({ anonymous: false, text: '实名限流6' }), { token }).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
      // an anonymous report of the same person is not counted against (or tied to) them
      await file(body({ text: '匿名不计入' }), { token }).expect(201);
    });

    it('refuses receipt-code guessing from one address after 30 misses', async () => {
      const ip = '203.0.113.77';
      const filed = await file(body()).expect(201);
      for (let i = 0; i < 30; i++) await lookup(String(1000000000000000 + i), ip).expect(404);
      const refused = await lookup(filed.body.receiptCode, ip).expect(429);
      expect(refused.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
      await followUp({ receiptCode: filed.body.receiptCode, text: '你好' }, ip).expect(429);
      await lookup(filed.body.receiptCode, '203.0.113.78').expect(200);
    });
  });

  describe('我的举报 (signed-in villagers)', () => {
    it('lists only the villager’s own named reports and opens only those', async () => {
      const alice = await villagerToken('oALICE-openid');
      const bob = await villagerToken('oBOB-openid');
      const a1 = await file(body({ anonymous: false, text: uniqueText('账目不实') }), { token: alice }).expect(201);
      const a2 = await file(body({ anonymous: false, text: uniqueText('其他问题'), categoryCode: 'other' }), { token: alice }).expect(201);
      await file(body({ anonymous: true }), { token: alice }).expect(201); // anonymous: never in 我的举报
      const b1 = await file(body({ anonymous: false }), { token: bob }).expect(201);

      const list = await t.http().get('/api/villager/reports').set(asVillager(alice)).expect(track('GET /api/villager/reports')).expect(200);
      expect(list.body.map((r: { id: number }) => r.id)).toEqual([a2.body.reportId, a1.body.reportId]);
      expect(list.body[0]).toEqual({
        id: a2.body.reportId,
        villageName: '上坂村',
        categoryLabel: '其他',
        excerpt: expect.stringContaining('其他问题'),
        status: 'submitted',
        statusLabel: '待受理',
        createdAt: a2.body.createdAt,
        updatedAt: a2.body.createdAt,
      });
      const one = await t.http().get(`/api/villager/reports/${a1.body.reportId}`).set(asVillager(alice)).expect(track('GET /api/villager/reports/:id')).expect(200);
      expect(one.body).toMatchObject({ anonymous: false, status: 'submitted', text: expect.stringContaining('账目不实') });
      await t.http().get(`/api/villager/reports/${b1.body.reportId}`).set(asVillager(alice)).expect(track('GET /api/villager/reports/:id')).expect(404);

      // neither staff tokens nor no token open villager routes
      await t.http().get('/api/villager/reports').expect(track('GET /api/villager/reports')).expect(401);
      await t.http().get('/api/villager/reports').set(w.auth('insp_town1')).expect(401);
      await t.http().get(`/api/villager/reports/${a1.body.reportId}`).set(w.auth('admin')).expect(401);
    });

    it('takes follow-ups and subscribe consent on the villager’s own reports only', async () => {
      const carol = await villagerToken('oCAROL-openid');
      const dave = await villagerToken('oDAVE-openid');
      const filed = await file(body({ anonymous: false }), { token: carol }).expect(201);
      const id = filed.body.reportId as number;
      const msg = (token: string, reportId: number, payload: object, key = randomUUID()) =>
        t.http().post(`/api/villager/reports/${reportId}/messages`).set(asVillager(token)).set('Idempotency-Key', key).send(payload).expect(track('POST /api/villager/reports/:id/messages'));
      const sent = await msg(carol, id, { text: '补充说明一下' }).expect(201);
      expect(sent.body).toMatchObject({ from: 'reporter', text: '补充说明一下', photos: [] });
      const key = randomUUID();
      const first = await msg(carol, id, { text: '同一条' }, key).expect(201);
      const again = await msg(carol, id, { text: '同一条' }, key).expect(201);
      expect(again.body).toEqual(first.body);
      await msg(carol, id, { text: '不同内容' }, key).expect(422);
      await msg(dave, id, { text: '冒充' }).expect(404);
      const view = await t.http().get(`/api/villager/reports/${id}`).set(asVillager(carol)).expect(200);
      expect(view.body.messages.map((m: { text: string }) => m.text)).toEqual(['补充说明一下', '同一条']);

      const subscribe = (token: string, accepted: unknown) =>
        t.http().post(`/api/villager/reports/${id}/subscription`).set(asVillager(token)).send({ accepted }).expect(track('POST /api/villager/reports/:id/subscription'));
      await subscribe(carol, 3).expect(204);
      expect((await reportRow(id)).notifyCredits).toBe(3);
      await subscribe(carol, 9).expect(204);
      expect((await reportRow(id)).notifyCredits).toBe(10);
      await subscribe(dave, 1).expect(404);
      const bad = await subscribe(carol, 11).expect(400);
      expect(bad.body.details).toEqual([{ field: 'accepted', reason: expect.any(String) }]);
      await subscribe(carol, 1.5).expect(400);
    });
  });

  describe('Cache-Control: no-store', () => {
    it('is on every answer of every villager-side report route, success or error', async () => {
      // the routes of the villager side, read from the running app
      const mine = ['ReportsController', 'VillagerReportsController', 'ReportFilesController', 'ReportCategoriesController', 'VillagersController'];
      const routes = nestRoutes(t.app)
        .filter((r) => mine.includes(r.controller))
        .map((r) => r.key);
      expect(routes).toHaveLength(13);
      // a villager session error, so that route is seen failing too
      await t.http().post('/api/villager/session').send({ code: 'x' }).expect(track('POST /api/villager/session')).expect(400);
      const covered = new Set(seen.map((s) => s.route));
      for (const route of routes) expect(covered).toContain(route);
      for (const s of seen) expect(`${s.route} ${s.cacheControl}`).toBe(`${s.route} no-store`);
      expect(seen.length).toBeGreaterThan(100);
    });
  });

  describe('the inspector side’s helpers', () => {
    it('ReportFilesService.signedUrl makes URLs that GET /api/report-files/:id accepts', async () => {
      const up = await upload(await photoWithGps()).expect(201);
      const filed = await file(body({ photoIds: [up.body.id] })).expect(201);
      const row = await reportByCode(filed.body.receiptCode);
      const photos = await t.app.get(ReportThreadService).photosOf(row.id);
      expect(photos).toHaveLength(1);
      const url = t.app.get(ReportFilesService).signedUrl({ id: photos[0].id });
      await t.http().get(url).expect(200);
    });
  });
});
