import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Response } from 'supertest';
import { ENTRY_LIMITS } from '@mingbai/shared';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import type { AppConfig } from '../src/config/config';
import type { AuthUser } from '../src/common/auth/auth-user';
import { AppException } from '../src/common/errors/app-exception';
import { Db } from '../src/database/db.service';
import { UsersRepository } from '../src/modules/users/users.repository';
import { Entry } from '../src/modules/ledger/entry.entity';
import { Attachment } from '../src/modules/attachments/attachment.entity';
import { AttachmentsService } from '../src/modules/attachments/attachments.service';
import { LocalDiskStorage } from '../src/modules/attachments/local-disk.storage';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A photo as a phone takes it: EXIF camera data, GPS position, and "rotate 90°" orientation. */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'MingbaiTestCam', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '26/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '119/1 18/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const png = (seed = 0): Promise<Buffer> =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: { r: seed % 256, g: 100, b: 50 } } }).png().toBuffer();
const webp = (): Promise<Buffer> => sharp({ create: { width: 10, height: 6, channels: 3, background: '#36c' } }).webp().toBuffer();
const pdf = (padding = 0): Buffer =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%${'x'.repeat(padding)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
/** A PDF of exactly n bytes. */
const pdfOfSize = (n: number): Buffer => pdf(n - pdf(0).length);

/** The GPS IFD pointer tag (0x8825), in either byte order. */
const hasGpsPointer = (exif: Buffer): boolean =>
  exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

function storedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** Supertest hands binary bodies back only with a parser that collects the bytes. */
function binary(res: Response & NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('attachments', () => {
  let t: TestApp;
  let world: World;
  let service: AttachmentsService;
  let users: UsersRepository;

  const upload = (username: string | null, body: Buffer, filename = 'voucher.jpg', contentType = 'image/jpeg') => {
    const req = t.http().post('/api/staff/attachments');
    if (username) req.set(world.auth(username));
    return req.attach('file', body, { filename, contentType });
  };
  const uploadOk = async (username: string, body: Buffer, filename?: string): Promise<number> =>
    (await upload(username, body, filename).expect(201)).body.id;
  const fetchAs = (username: string | null, id: number) => {
    const req = t.http().get(`/api/attachments/${id}`).buffer(true).parse(binary as never);
    if (username) req.set(world.auth(username));
    return req;
  };
  const row = (id: number) => t.dataSource.manager.findOneByOrFail(Attachment, { id });
  const authUser = async (username: string): Promise<AuthUser> => (await users.findAuthUser(world.userIds[username]))!;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    service = t.app.get(AttachmentsService);
    users = t.app.get(UsersRepository);
  });
  afterAll(() => t.close());

  describe('upload', () => {
    it('re-encodes a phone JPEG: EXIF and GPS are gone, orientation is applied', async () => {
      const original = await phoneJpeg();
      const before = await sharp(original).metadata();
      expect(hasGpsPointer(before.exif!)).toBe(true);
      expect(before.orientation).toBe(6);

      const res = await upload('bk_a', original, '张三收据.jpg').expect(201);
      expect(res.body).toEqual({ id: expect.any(Number), mime: 'image/jpeg', size: expect.any(Number), url: `/api/attachments/${res.body.id}` });

      const stored = await row(res.body.id);
      expect(stored).toMatchObject({ villageId: world.villages.a.id, entryId: null, uploadedBy: world.userIds.bk_a, mime: 'image/jpeg' });
      expect(stored.storageKey).toMatch(/^[0-9a-f]{32}\.jpg$/);

      const served = (await fetchAs('bk_a', res.body.id).expect(200)).body as Buffer;
      expect(served.length).toBe(res.body.size);
      expect(sha256(served)).toBe(stored.sha256);
      const after = await sharp(served).metadata();
      expect(after.format).toBe('jpeg');
      expect(after.exif).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect([after.width, after.height]).toEqual([48, 64]);
      expect(served.includes('MingbaiTestCam')).toBe(false);
      expect(storedFiles(t.config.uploadDir).some((f) => f.endsWith(stored.storageKey))).toBe(true);
    });

    it('accepts PNG, WebP and PDF by their content, whatever the name and client type say', async () => {
      const p = await upload('bk_a', await png(), 'scan.pdf', 'application/pdf').expect(201);
      expect(p.body.mime).toBe('image/png');
      expect((await row(p.body.id)).storageKey).toMatch(/^[0-9a-f]{32}\.png$/);

      const w = await upload('bk_a', await webp(), 'photo.jpg').expect(201);
      expect(w.body.mime).toBe('image/webp');
      expect((await sharp((await fetchAs('bk_a', w.body.id).expect(200)).body).metadata()).format).toBe('webp');

      const doc = pdf();
      const d = await upload('bk_a', doc, 'invoice.png', 'image/png').expect(201);
      expect(d.body).toMatchObject({ mime: 'application/pdf', size: doc.length });
      const stored = await row(d.body.id);
      expect(stored.sha256).toBe(sha256(doc));
      expect(stored.storageKey).toMatch(/^[0-9a-f]{32}\.pdf$/);
      expect((await fetchAs('bk_a', d.body.id).expect(200)).body).toEqual(doc);
    });

    it('accepts a file larger than the JSON body limit (1 MB)', async () => {
      const big = pdfOfSize(1_500_000);
      const res = await upload('bk_a', big, 'big.pdf').expect(201);
      expect(res.body.size).toBe(big.length);
    });

    it('refuses other content with 415, and stores nothing', async () => {
      const filesBefore = storedFiles(t.config.uploadDir).length;
      const rowsBefore = await t.dataSource.manager.count(Attachment);
      for (const body of [
        Buffer.from('just some text, not a photo'),
        Buffer.from('<html><script>alert(1)</script></html>'),
        Buffer.from('GIF89a\x01\x00\x01\x00'),
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('broken jpeg body')]),
      ]) {
        const res = await upload('bk_a', body, 'receipt.jpg', 'image/jpeg').expect(415);
        expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file', reason: expect.any(String) }] });
      }
      expect(storedFiles(t.config.uploadDir)).toHaveLength(filesBefore);
      expect(await t.dataSource.manager.count(Attachment)).toBe(rowsBefore);
    });

    it('answers 400 naming the file field when there is no file', async () => {
      const cases = [
        t.http().post('/api/staff/attachments').set(world.auth('bk_a')).field('note', 'no file here'),
        t.http().post('/api/staff/attachments').set(world.auth('bk_a')).send({ file: 'abc' }),
        t.http().post('/api/staff/attachments').set(world.auth('bk_a')),
        t.http().post('/api/staff/attachments').set(world.auth('bk_a')).attach('photo', pdf(), 'x.pdf'),
        upload('bk_a', Buffer.alloc(0), 'empty.jpg'),
      ];
      for (const req of cases) {
        const res = await req.expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, details: [{ field: 'file', reason: expect.any(String) }] });
      }
    });

    it('is for bookkeepers only', async () => {
      const body = await png();
      for (const who of ['ap_a', 'insp_town1', 'admin']) {
        const res = await upload(who, body).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await upload(null, body).expect(401)).body.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('serving a file not on a published entry', () => {
    let id: number;
    beforeAll(async () => {
      id = await uploadOk('bk_a', await png(7));
    });

    it('is hidden (404, like a missing id) from the public, other villages and bad tokens', async () => {
      const missing = (await fetchAs(null, 999_999).expect(404)).body;
      expect(JSON.parse(missing.toString())).toMatchObject({ code: 'NOT_FOUND' });
      for (const who of [null, 'bk_b', 'bk_c', 'ap_town2']) {
        const res = await fetchAs(who, id).expect(404);
        expect(res.body).toEqual(missing);
      }
      await t.http().get(`/api/attachments/${id}`).set({ Authorization: 'Bearer not-a-token' }).expect(404);
    });

    it('is served to staff whose scope covers the village, privately and safely', async () => {
      const stored = await row(id);
      for (const who of ['bk_a', 'bk_a2', 'ap_a', 'ap_town1', 'insp_town1', 'insp_county', 'admin']) {
        const res = await fetchAs(who, id).expect(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.headers['content-disposition']).toBe(`inline; filename="voucher-${id}.png"`);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect(res.headers['etag']).toBe(`"${stored.sha256}"`);
        expect(sha256(res.body)).toBe(stored.sha256);
      }
    });

    it('refuses a malformed id', async () => {
      await t.http().get('/api/attachments/abc').expect(400);
      await t.http().get('/api/attachments/0').expect(400);
    });
  });

  it('serves the file of a published entry to anyone, cacheable forever', async () => {
    const id = await uploadOk('bk_a', await png(9));
    const now = new Date();
    const { identifiers } = await t.dataSource.manager.insert(Entry, {
      villageId: world.villages.a.id,
      status: 'published',
      direction: 'expense',
      subjectCode: '541',
      amountFen: 1000,
      occurredOn: '2024-03-01',
      counterpartyKind: 'organisation',
      counterpartyName: '某文具店',
      counterpartyDisplay: '某文具店',
      summary: '办公用品',
      paymentMethod: 'cash',
      createdBy: world.userIds.bk_a,
      createdAt: now,
      updatedAt: now,
    });
    const entryId = Number(identifiers[0].id);
    await service.bindToEntry(t.dataSource.manager, await authUser('bk_a'), { id: entryId, villageId: world.villages.a.id }, [id]);

    for (const who of [null, 'bk_b']) {
      const res = await fetchAs(who, id).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-type']).toBe('image/png');
    }
  });

  describe('bindToEntry', () => {
    const villageEntry = (id: number) => ({ id, villageId: world.villages.a.id });
    const bind = async (username: string, entry: { id: number; villageId: number }, ids: number[]) =>
      t.app.get(Db).transaction(async (em) => service.bindToEntry(em, await authUser(username), entry, ids));
    const rejection = async (p: Promise<unknown>): Promise<AppException> => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(AppException);
      const ex = e as AppException;
      expect(ex.getStatus()).toBe(400);
      expect(ex.code).toBe('VALIDATION_FAILED');
      expect(ex.details.length).toBeGreaterThan(0);
      for (const d of ex.details) expect(d.field).toBe('attachmentIds');
      return ex;
    };
    const entryIds = async (ids: number[]) => Promise.all(ids.map(async (id) => (await row(id)).entryId));

    it('sets, replaces and clears the attachments of an entry', async () => {
      const [a1, a2, a3] = [await uploadOk('bk_a', await png(1)), await uploadOk('bk_a', await png(2)), await uploadOk('bk_a2', await png(3))];
      await bind('bk_a', villageEntry(9001), [a1, a2]);
      expect(await entryIds([a1, a2, a3])).toEqual([9001, 9001, null]);
      expect(await service.listForEntry(9001)).toEqual([
        { id: a1, mime: 'image/png', size: expect.any(Number), url: `/api/attachments/${a1}` },
        { id: a2, mime: 'image/png', size: expect.any(Number), url: `/api/attachments/${a2}` },
      ]);

      // Another bookkeeper of the same village may attach their upload; the one left out is released.
      await bind('bk_a', villageEntry(9001), [a2, a3, a3]);
      expect(await entryIds([a1, a2, a3])).toEqual([null, 9001, 9001]);
      expect(await service.countForEntries([9001, 9002])).toEqual(new Map([[9001, 2]]));

      await bind('bk_a', villageEntry(9001), []);
      expect(await entryIds([a1, a2, a3])).toEqual([null, null, null]);
      expect(await service.countForEntries([9001])).toEqual(new Map());
      expect(await service.countForEntries([])).toEqual(new Map());
    });

    it('works with the plain manager too', async () => {
      const a = await uploadOk('bk_a', await png(4));
      await service.bindToEntry(t.dataSource.manager, await authUser('bk_a'), villageEntry(9010), [a]);
      expect((await row(a)).entryId).toBe(9010);
    });

    it('refuses an attachment of another village, a missing one, or one already on another entry', async () => {
      const mine = await uploadOk('bk_a', await png(5));
      const foreign = await uploadOk('bk_b', await png(6));
      await bind('bk_a', villageEntry(9020), [mine]);

      const ex = await rejection(bind('bk_a', villageEntry(9021), [foreign, 987_654, mine]));
      expect(ex.details).toHaveLength(3);
      expect(ex.details[0].reason).toBe(ex.details[1].reason.replace('987654', String(foreign)));

      await rejection(bind('bk_a', villageEntry(9021), [0]));
      await rejection(bind('bk_a', villageEntry(9021), [1.5]));
      // Nothing changed.
      expect(await entryIds([mine, foreign])).toEqual([9020, null]);
    });

    it('refuses a caller whose scope does not cover the entry village', async () => {
      const mine = await uploadOk('bk_a', await png(8));
      await rejection(bind('bk_b', villageEntry(9030), [mine]));
      await rejection(bind('bk_b', villageEntry(9030), []));
      expect((await row(mine)).entryId).toBeNull();
    });

    it(`allows at most ${ENTRY_LIMITS.attachmentsMax} attachments`, async () => {
      const ids: number[] = [];
      for (let i = 0; i <= ENTRY_LIMITS.attachmentsMax; i++) ids.push(await uploadOk('bk_a', await png(20 + i)));
      const ex = await rejection(bind('bk_a', villageEntry(9040), ids));
      expect(ex.details).toHaveLength(1);
      expect(await service.countForEntries([9040])).toEqual(new Map());

      await bind('bk_a', villageEntry(9040), ids.slice(0, ENTRY_LIMITS.attachmentsMax));
      expect(await service.countForEntries([9040])).toEqual(new Map([[9040, ENTRY_LIMITS.attachmentsMax]]));
    });
  });

  describe('local disk storage', () => {
    it('refuses keys that could leave the upload folder', async () => {
      const storage = new LocalDiskStorage({ uploadDir: t.config.uploadDir } as AppConfig);
      for (const key of ['../../etc/passwd', '/etc/passwd', 'ab/../../x', 'abcdef0123456789/..', '..', '']) {
        await expect(storage.get(key)).rejects.toThrow(/invalid storage key/);
        await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid storage key/);
      }
    });
  });
});

describe('attachments size limit', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp({ MAX_UPLOAD_BYTES: '2048' });
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('answers 413 FILE_TOO_LARGE above MAX_UPLOAD_BYTES and stores nothing', async () => {
    const res = await t.http().post('/api/staff/attachments').set(world.auth('bk_a')).attach('file', pdfOfSize(5000), 'big.pdf').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'FILE_TOO_LARGE', details: [{ field: 'file', reason: expect.any(String) }] });
    expect(await t.dataSource.manager.count(Attachment)).toBe(0);
    expect(storedFiles(t.config.uploadDir)).toHaveLength(0);
  });

  it('accepts a file of exactly MAX_UPLOAD_BYTES', async () => {
    const res = await t.http().post('/api/staff/attachments').set(world.auth('bk_a')).attach('file', pdfOfSize(2048), 'edge.pdf').expect(201);
    expect(res.body.size).toBe(2048);
  });
});
