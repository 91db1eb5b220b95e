import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config';
import { createApp } from '../src/app.factory';
import { RegionImportService } from '../src/modules/regions/region-import.service';
import { Region } from '../src/modules/regions/region.entity';
import { createTestDatabase, TestDatabase } from './helpers/test-database';
import { WORLD_CSV } from './helpers/world';

/**
 * The real server as a child process (node dist/main.js), killed with SIGKILL right after it
 * answered 201 to a report, then started again: the report must still be there, its receipt code
 * must still open it, and a retry with the same Idempotency-Key must get the same answer.
 * The child logs at trace level (one line per request); afterwards its whole output is searched
 * for the reporter's openid, phone number, name, the report texts and the receipt codes.
 */
const SERVER_DIR = join(__dirname, '..');
const MAIN = join(SERVER_DIR, 'dist', 'main.js');
const OPENID = 'oDURABLE_openid_7f3a9c';
const PHONE = '13912345678';
const NAME = '韩守信';
const TEXTS = ['村委会把修路款挪去买了车，耐久测试文本甲', '鱼塘承包费没有入账，耐久测试文本乙'];

/** Builds the server when dist/ is missing or older than any source file (CI has just built it). */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest(join(SERVER_DIR, 'src')) && statSync(MAIN).mtimeMs >= newest(join(SERVER_DIR, '..', 'shared', 'dist')))
    return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: SERVER_DIR, stdio: 'inherit' });
}

/** WeChat's sign-in endpoints, answering every wx.login code with OPENID. */
function fakeWechat(): Promise<Server> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/cgi-bin/token')) return res.end(JSON.stringify({ access_token: 'TOKEN', expires_in: 7200 }));
    if (req.url?.startsWith('/sns/jscode2session')) return res.end(JSON.stringify({ openid: OPENID, session_key: 'c2Vzc2lvbg==' }));
    res.statusCode = 404;
    res.end(JSON.stringify({ errcode: 40001, errmsg: 'unknown' }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

class ServerProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    private readonly env: Record<string, string>,
    readonly base: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(process.execPath, [MAIN], { cwd: SERVER_DIR, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${this.output.slice(-2000)}`);
      try {
        if ((await fetch(`${this.base}/api/healthz`)).ok) return;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not start:\n${this.output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe('a report that got 201 survives SIGKILL', () => {
  let db: TestDatabase;
  let uploads: string;
  let wechat: Server;
  let server: ServerProcess;
  let villageId: number;

  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    uploads = mkdtempSync(join(tmpdir(), 'mingbai-durable-'));
    wechat = await fakeWechat();
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      JWT_SECRET: 'durability-secret-0123456789',
      UPLOAD_DIR: uploads,
      SEED_DEMO: 'false',
      H5_DIR: '',
      LOG_LEVEL: 'trace',
      OUTBOX_POLL_MS: '0',
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: 'S3cretS3cretS3cretS3cret',
      WECHAT_API_BASE: `http://127.0.0.1:${(wechat.address() as AddressInfo).port}`,
    };
    // The regions come in through the app itself, which also runs the migrations.
    const { app, dataSource } = await createApp({ ...loadConfig({ ...env, LOG_LEVEL: 'silent' }), h5Dir: null });
    await app.get(RegionImportService).importCsv(WORLD_CSV);
    villageId = (await dataSource.manager.findOneByOrFail(Region, { code: '359901001001' })).id;
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    const port = await freePort();
    server = new ServerProcess({ ...env, PORT: String(port), HOST: '127.0.0.1' }, `http://127.0.0.1:${port}`);
  }, 180_000);

  afterAll(async () => {
    await server?.kill9().catch(() => undefined);
    wechat?.closeAllConnections();
    await new Promise((r) => wechat?.close(r));
    await db?.drop();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('keeps the report, its receipt code and its idempotent answer across a crash, and logs none of the secrets', async () => {
    await server.start();
    const session = (await (await fetch(`${server.base}/api/villager/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'wx-login-code-1' }) })).json()) as { token: string };
    expect(typeof session.token).toBe('string');

    const post = (key: string, body: object, token?: string) =>
      fetch(`${server.base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const named = { villageId, categoryCode: 'misappropriation', text: TEXTS[0], subjectType: 'village', anonymous: false, reporterName: NAME, reporterPhone: PHONE };
    const anonymous = { villageId, categoryCode: 'rent_uncollected', text: TEXTS[1], subjectType: 'village', anonymous: true };
    const keys = [randomBytes(16).toString('hex'), randomBytes(16).toString('hex')];

    const first = await post(keys[0], named, session.token);
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { receiptCode: string };
    const second = await post(keys[1], anonymous);
    expect(second.status).toBe(201);
    const secondBody = (await second.json()) as { receiptCode: string };
    await server.kill9(); // no graceful shutdown: whatever was acknowledged must already be on disk

    await server.start();
    for (const [receipt, text] of [
      [firstBody.receiptCode, TEXTS[0]],
      [secondBody.receiptCode, TEXTS[1]],
    ]) {
      const res = await fetch(`${server.base}/api/reports/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ receiptCode: receipt }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { text: string }).text).toBe(text);
    }
    const retried = await post(keys[0], named, session.token);
    expect(retried.status).toBe(201);
    expect(await retried.json()).toEqual(firstBody);
    await server.kill9();

    // The log is really there (one line per request at trace level) …
    expect(server.output).toContain('/api/reports/lookup');
    // … and holds none of what identifies a reporter or what they wrote.
    for (const secret of [OPENID, PHONE, NAME, ...TEXTS, firstBody.receiptCode, secondBody.receiptCode]) expect(server.output).not.toContain(secret);
  }, 240_000);
});
