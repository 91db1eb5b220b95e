// How answers travel: the H5 app served next to the API, and compressed API answers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from './helpers/test-app';

describe('serving the H5 app next to the API', () => {
  let t: TestApp;
  let dir: string;
  const bundle = 'console.log("明白账");'.repeat(50);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mingbai-h5-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>明白账</title>');
    writeFileSync(join(dir, 'js', 'app.0123abcd.js'), bundle);
    writeFileSync(join(dir, 'js', 'app.0123abcd.js.gz'), gzipSync(bundle));
    writeFileSync(join(dir, 'js', 'app.0123abcd.js.br'), brotliCompressSync(bundle));
    t = await startTestApp({}, { h5Dir: dir });
  });

  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and asks browsers to revalidate it', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.text).toContain('明白账');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('sends the precompressed bundle the browser accepts, cached for a year', async () => {
    // supertest decodes gzip itself, so the body is the original text.
    const gz = await t.http().get('/js/app.0123abcd.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toMatch(/accept-encoding/i);
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(gz.headers['content-length'])).toBe(gzipSync(bundle).length);
    expect(gz.text).toBe(bundle);

    const br = await t.http().get('/js/app.0123abcd.js').set('Accept-Encoding', 'br, gzip');
    expect(br.headers['content-encoding']).toBe('br');

    const plain = await t.http().get('/js/app.0123abcd.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(bundle);
  });

  it('keeps the API and its JSON errors', async () => {
    await t.http().get('/api/healthz').expect(200);
    const res = await t.http().get('/api/no-such-route').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404 });
  });
});

describe('compressing API answers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('compresses a large JSON answer the client accepts, and leaves small ones and other clients alone', async () => {
    const docs = await t.http().get('/api/docs-json').set('Accept-Encoding', 'br, gzip').expect(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers['vary']).toMatch(/accept-encoding/i);
    const gz = await t.http().get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toHaveProperty('openapi');
    const plain = await t.http().get('/api/docs-json').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const small = await t.http().get('/api/healthz').set('Accept-Encoding', 'gzip').expect(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
