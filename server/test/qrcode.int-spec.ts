import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Response } from 'supertest';
import { startTestApp, TestApp } from './helpers/test-app';
import { FakeWechat } from './helpers/fake-wechat';
import { Region } from '../src/modules/regions/region.entity';
import { RegionImportService } from '../src/modules/regions/region-import.service';
import { Clock } from '../src/common/clock/clock';

// The module object itself (an `import *` would be a copy), so a spy sees the service's calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const qrcodeLib = require('qrcode') as typeof import('qrcode');

/** One county, one town, eight villages: enough villages for every uncached WeChat call below. */
const REGIONS_CSV = [
  'code,name,opening_balance_fen,ledger_start,chart_version',
  '359900000000,示范市,,,',
  '359901000000,示范县,,,',
  '359901001000,东山镇,,,',
  ...Array.from({ length: 8 }, (_, i) => `35990100100${i + 1},第${i + 1}村,0,2024-01-01,2023`),
].join('\n');

interface Places {
  town: Region;
  villages: Region[];
}

async function importPlaces(t: TestApp): Promise<Places> {
  await t.app.get(RegionImportService).importCsv(REGIONS_CSV);
  const rows = await t.dataSource.manager.find(Region, { order: { code: 'ASC' } });
  return { town: rows.find((r) => r.level === 'town')!, villages: rows.filter((r) => r.level === 'village') };
}

/** Supertest hands binary bodies back only with a parser that collects the bytes. */
function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream; // in Node, superagent hands the parser the response stream
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The text of the QR code in a PNG, and the image size. */
function decodeQr(png: Buffer): { text: string | null; width: number; height: number } {
  const img = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return { text: found?.data ?? null, width: img.width, height: img.height };
}

describe('GET /api/villages/:id/qrcode.png: QR code of the H5 address', () => {
  let t: TestApp;
  let places: Places;
  const getPng = (id: number | string) => t.http().get(`/api/villages/${id}/qrcode.png`).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://mingbai.example.cn/h5/' });
    places = await importPlaces(t);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers a PNG whose QR code is PUBLIC_URL/?v=ID, cacheable for a day', async () => {
    const village = places.villages[0];
    const res = await getPng(village.id).expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(res.headers['vary']).toBeUndefined();
    const qr = decodeQr(res.body as Buffer);
    expect(qr.text).toBe(`https://mingbai.example.cn/h5/?v=${village.id}`);
    expect(qr.width).toBe(qr.height);
    expect(qr.width).toBeGreaterThanOrEqual(560);
    expect(qr.width).toBeLessThanOrEqual(640);
  });

  it('makes each image once and serves it from memory afterwards', async () => {
    const village = places.villages[1];
    const make = jest.spyOn(qrcodeLib, 'toBuffer');
    const first = await getPng(village.id).expect(200);
    const second = await getPng(village.id).expect(200);
    expect(make).toHaveBeenCalledTimes(1);
    expect(Buffer.compare(first.body as Buffer, second.body as Buffer)).toBe(0);
    expect(decodeQr(second.body as Buffer).text).toBe(`https://mingbai.example.cn/h5/?v=${village.id}`);
  });

  it('answers 404 NOT_FOUND like the disclosure API for an unknown id and for a town', async () => {
    const asVillage = await t.http().get(`/api/villages/${places.town.id}`).expect(404);
    for (const id of [places.town.id, 999_999]) {
      const res = await t.http().get(`/api/villages/${id}/qrcode.png`).expect(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: asVillage.body.message, details: [] });
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('answers 400 VALIDATION_FAILED naming id for an id that is not a positive number', async () => {
    for (const id of ['abc', '0', '-3', '1.5']) {
      const res = await t.http().get(`/api/villages/${id}/qrcode.png`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id', reason: expect.any(String) }] });
    }
  });
});

describe('GET /api/villages/:id/qrcode.png without PUBLIC_URL: the address comes from the request', () => {
  let t: TestApp;
  let places: Places;

  beforeAll(async () => {
    t = await startTestApp();
    places = await importPlaces(t);
  });
  afterAll(() => t.close());

  it('uses the Host header and the protocol (X-Forwarded-Proto from the trusted proxy), and says it varies by them', async () => {
    const id = places.villages[0].id;
    const plain = await t.http().get(`/api/villages/${id}/qrcode.png`).set('Host', 'Cun.Example.cn:8080').buffer(true).parse(binary).expect(200);
    expect(decodeQr(plain.body as Buffer).text).toBe(`http://cun.example.cn:8080/?v=${id}`);
    expect(plain.headers['vary']).toBe('Host, X-Forwarded-Proto');
    const proxied = await t.http().get(`/api/villages/${id}/qrcode.png`).set('Host', 'cun.example.cn').set('X-Forwarded-Proto', 'https').buffer(true).parse(binary).expect(200);
    expect(decodeQr(proxied.body as Buffer).text).toBe(`https://cun.example.cn/?v=${id}`);
  });

  it('refuses a Host header or forwarded protocol that is not a plain host name or http(s)', async () => {
    const id = places.villages[0].id;
    const badHost = await t.http().get(`/api/villages/${id}/qrcode.png`).set('Host', 'evil.example/phish?x=').expect(400);
    expect(badHost.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'host' }] });
    const badProto = await t.http().get(`/api/villages/${id}/qrcode.png`).set('Host', 'cun.example.cn').set('X-Forwarded-Proto', 'javascript').expect(400);
    expect(badProto.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'x-forwarded-proto' }] });
  });
});

describe('GET /api/villages/:id/qrcode.png with WeChat credentials: a mini-program code', () => {
  let t: TestApp;
  let places: Places;
  let wx: FakeWechat;
  let clock: Clock;
  const realNow = Clock.prototype.now;
  const getCode = (id: number) => t.http().get(`/api/villages/${id}/qrcode.png`).buffer(true).parse(binary);
  const codeBody = (id: number) => ({ scene: `v=${id}`, page: 'pages/index/index', check_path: false, env_version: 'trial', width: 430 });

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    t = await startTestApp({
      WECHAT_APPID: FakeWechat.APPID,
      WECHAT_SECRET: FakeWechat.SECRET,
      WECHAT_API_BASE: wx.base,
      WECHAT_ENV_VERSION: 'trial',
      PUBLIC_URL: 'https://mingbai.example.cn',
    });
    places = await importPlaces(t);
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });
  afterEach(() => jest.restoreAllMocks());

  it('fetches the access token once, reuses it for two villages, posts scene v=ID, and passes the image on unchanged', async () => {
    const [a, b] = places.villages;
    const first = await getCode(a.id).expect(200);
    const second = await getCode(b.id).expect(200);
    for (const res of [first, second]) {
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toBe('public, max-age=86400');
      expect(Buffer.compare(res.body as Buffer, wx.image)).toBe(0);
    }
    expect(wx.tokenCalls).toEqual([{ appid: FakeWechat.APPID, secret: FakeWechat.SECRET, grantType: 'client_credential' }]);
    expect(wx.codeCalls).toEqual([
      { token: 'TOKEN1', body: codeBody(a.id) },
      { token: 'TOKEN1', body: codeBody(b.id) },
    ]);
    // asked again: served from memory, WeChat is not called
    await getCode(a.id).expect(200);
    expect(wx.codeCalls).toHaveLength(2);
  });

  it('fetches a new token once when WeChat answers 40001, and retries the call with it', async () => {
    const c = places.villages[2];
    wx.revoked.add('TOKEN1');
    const res = await getCode(c.id).expect(200);
    expect(Buffer.compare(res.body as Buffer, wx.image)).toBe(0);
    expect(wx.tokenCalls).toHaveLength(2);
    expect(wx.codeCalls.slice(-2)).toEqual([
      { token: 'TOKEN1', body: codeBody(c.id) },
      { token: 'TOKEN2', body: codeBody(c.id) },
    ]);
  });

  it('answers 502 WECHAT_UNAVAILABLE on a WeChat error (45009), keeps nothing, and succeeds once WeChat does', async () => {
    const d = places.villages[3];
    wx.failNext.push({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const failed = await t.http().get(`/api/villages/${d.id}/qrcode.png`).expect(502);
    expect(failed.body).toEqual({ statusCode: 502, code: 'WECHAT_UNAVAILABLE', message: expect.any(String), details: [] });
    expect(failed.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(failed.body)).not.toContain(FakeWechat.SECRET);
    expect(wx.tokenCalls).toHaveLength(2); // the token was fine: no refresh for 45009
    const retried = await getCode(d.id).expect(200);
    expect(Buffer.compare(retried.body as Buffer, wx.image)).toBe(0);
  });

  it('keeps the token until five minutes before it expires, then fetches a new one', async () => {
    const [, , , , e, f, g] = places.villages;
    const start = realNow.call(clock).getTime();
    const at = (seconds: number) => jest.spyOn(clock, 'now').mockImplementation(() => new Date(start + seconds * 1000));
    // a token fetched at `start` (the current one is refused, so the next call fetches one)
    at(0);
    wx.revoked.add('TOKEN2');
    await getCode(e.id).expect(200);
    expect(wx.tokenCalls).toHaveLength(3);
    at(7200 - 301);
    await getCode(f.id).expect(200);
    expect(wx.tokenCalls).toHaveLength(3);
    expect(wx.codeCalls.at(-1)).toEqual({ token: 'TOKEN3', body: codeBody(f.id) });
    at(7200 - 299);
    await getCode(g.id).expect(200);
    expect(wx.tokenCalls).toHaveLength(4);
    expect(wx.codeCalls.at(-1)).toEqual({ token: 'TOKEN4', body: codeBody(g.id) });
  });

  it('answers 502 when WeChat does not answer in time', async () => {
    const h = places.villages[7];
    const timeout = t.config.wechat!.timeoutMs;
    t.config.wechat!.timeoutMs = 300;
    wx.hang = true;
    try {
      const res = await t.http().get(`/api/villages/${h.id}/qrcode.png`).expect(502);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      wx.hang = false;
      t.config.wechat!.timeoutMs = timeout;
    }
  });

  it('answers 404 for a town without calling WeChat', async () => {
    const calls = wx.codeCalls.length;
    await t.http().get(`/api/villages/${places.town.id}/qrcode.png`).expect(404);
    expect(wx.codeCalls).toHaveLength(calls);
  });
});
