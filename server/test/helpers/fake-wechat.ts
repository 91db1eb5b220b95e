import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatError {
  errcode: number;
  errmsg: string;
}

/**
 * A stand-in for api.weixin.qq.com on 127.0.0.1, started by a test: access tokens, mini-program
 * codes, jscode2session (login codes mapped to openids by the test), msgSecCheck v2 and
 * subscribe messages. Every call is recorded so tests can check what the server sent.
 */
export class FakeWechat {
  static readonly APPID = 'wx0123456789abcdef';
  static readonly SECRET = '0123456789abcdef0123456789abcdef';
  /** The environment variables that point the server at this fake. */
  get env(): Record<string, string> {
    return { WECHAT_APPID: FakeWechat.APPID, WECHAT_SECRET: FakeWechat.SECRET, WECHAT_API_BASE: this.base };
  }

  /** Distinctive bytes: the QR endpoint must pass them on unchanged. */
  readonly image = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('fake-wxacode-image-bytes')]);
  tokenCalls: { appid: string | null; secret: string | null; grantType: string | null }[] = [];
  codeCalls: { token: string | null; body: Record<string, unknown> }[] = [];
  /** Tokens the token-based endpoints answer 40001 to. */
  revoked = new Set<string>();
  /** The next mini-program code calls answer this error instead of an image. */
  failNext: FakeWechatError[] = [];
  /** Mini-program code calls never answer (to test the timeout). */
  hang = false;

  /** wx.login codes the fake knows, and the openid each stands for; a code works once, like WeChat's. */
  readonly logins = new Map<string, string>();
  sessionCalls: { appid: string | null; secret: string | null; jsCode: string | null; grantType: string | null }[] = [];
  /** The next jscode2session calls answer this error (e.g. -1 system busy, 40226 high-risk user). */
  sessionFailNext: FakeWechatError[] = [];
  private readonly usedCodes = new Set<string>();

  /** msgSecCheck: texts containing any of these words are 'risky'; everything else 'pass'. */
  readonly riskyWords = new Set<string>();
  secCheckCalls: { token: string | null; body: Record<string, unknown> }[] = [];

  subscribeCalls: { token: string | null; body: Record<string, unknown> }[] = [];
  /** The next subscribe sends answer this error (e.g. 43101: the user refused). */
  subscribeFailNext: FakeWechatError[] = [];

  private server!: Server;

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** A fresh login code for `openid`, as wx.login would give the app. */
  login(openid: string): string {
    const code = `code${this.logins.size + 1}${Math.random().toString(36).slice(2, 10)}`;
    this.logins.set(code, openid);
    return code;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
    };
    const token = url.searchParams.get('access_token');
    const tokenRefused = () => json(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });

    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const call = { appid: url.searchParams.get('appid'), secret: url.searchParams.get('secret'), grantType: url.searchParams.get('grant_type') };
      this.tokenCalls.push(call);
      if (call.appid !== FakeWechat.APPID || call.secret !== FakeWechat.SECRET) return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      return json(200, { access_token: `TOKEN${this.tokenCalls.length}`, expires_in: 7200 });
    }
    if (req.method === 'GET' && url.pathname === '/sns/jscode2session') {
      const call = {
        appid: url.searchParams.get('appid'),
        secret: url.searchParams.get('secret'),
        jsCode: url.searchParams.get('js_code'),
        grantType: url.searchParams.get('grant_type'),
      };
      this.sessionCalls.push(call);
      if (call.appid !== FakeWechat.APPID || call.secret !== FakeWechat.SECRET) return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (call.grantType !== 'authorization_code') return json(200, { errcode: 40002, errmsg: 'invalid grant_type' });
      const fail = this.sessionFailNext.shift();
      if (fail) return json(200, fail);
      const openid = call.jsCode ? this.logins.get(call.jsCode) : undefined;
      // WeChat quotes the code back in errmsg: the server must not pass that on.
      if (!openid || !call.jsCode) return json(200, { errcode: 40029, errmsg: `invalid code ${call.jsCode}, rid: 1` });
      if (this.usedCodes.has(call.jsCode)) return json(200, { errcode: 40163, errmsg: `code been used, code ${call.jsCode}` });
      this.usedCodes.add(call.jsCode);
      return json(200, { openid, session_key: 'c2Vzc2lvbi1rZXktZmFrZQ==' });
    }
    if (req.method === 'POST' && url.pathname === '/wxa/getwxacodeunlimit') {
      this.codeCalls.push({ token, body: JSON.parse(raw) });
      if (this.hang) return; // never answers
      if (token && this.revoked.has(token)) return tokenRefused();
      const fail = this.failNext.shift();
      if (fail) return json(200, fail);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': this.image.length }).end(this.image);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/wxa/msg_sec_check') {
      const body = JSON.parse(raw) as Record<string, unknown>;
      this.secCheckCalls.push({ token, body });
      if (token && this.revoked.has(token)) return tokenRefused();
      if (body.version !== 2 || typeof body.openid !== 'string' || typeof body.content !== 'string')
        return json(200, { errcode: 47001, errmsg: 'data format error' });
      const content = body.content;
      const risky = [...this.riskyWords].some((w) => content.includes(w));
      return json(200, {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 },
        detail: [],
        trace_id: 'trace-fake',
      });
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      this.subscribeCalls.push({ token, body: JSON.parse(raw) as Record<string, unknown> });
      if (token && this.revoked.has(token)) return tokenRefused();
      const fail = this.subscribeFailNext.shift();
      if (fail) return json(200, fail);
      return json(200, { errcode: 0, errmsg: 'ok', msgid: 1 });
    }
    json(404, { errcode: -1, errmsg: 'no such api' });
  }
}
