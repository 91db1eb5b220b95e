import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, WechatConfig, WechatEnvVersion } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import { WechatError } from './wechat-error';

/** errcodes meaning the access token is no longer valid (40001 invalid, 42001 expired). */
const TOKEN_REJECTED = new Set([40001, 42001]);
/** A token is renewed this long before WeChat says it expires. */
const RENEW_MARGIN_MS = 5 * 60_000;
/** subscribeMessage.send names the app versions differently from wxacode. */
const MINIPROGRAM_STATE: Record<WechatEnvVersion, 'formal' | 'trial' | 'developer'> = {
  release: 'formal',
  trial: 'trial',
  develop: 'developer',
};

export interface UnlimitedCodeRequest {
  /** Up to 32 visible characters, passed to the page as `scene`. */
  scene: string;
  /** A page of the published mini-program, without a leading slash. */
  page: string;
  checkPath: boolean;
  envVersion: WechatEnvVersion;
  width: number;
}

export interface WechatImage {
  contentType: string;
  body: Buffer;
}

/**
 * The server's HTTP client for the WeChat server API (global fetch). It keeps the mini-program's
 * access token in memory until five minutes before it expires, fetches a new one once when WeChat
 * rejects it, and turns every failure into a WechatError. The AppSecret and tokens are sent only
 * to the configured WeChat base URL and never appear in errors or logs.
 */
@Injectable()
export class WechatClient {
  private readonly wechat: WechatConfig | null;
  private token: { value: string; renewAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.wechat = config.wechat;
  }

  /** True when WECHAT_APPID and WECHAT_SECRET are set. */
  get configured(): boolean {
    return this.wechat !== null;
  }

  /** The mini-program version codes open (WECHAT_ENV_VERSION). */
  get envVersion(): WechatEnvVersion {
    return this.settings().envVersion;
  }

  /** A mini-program code (wxacode.getUnlimited): the image bytes exactly as WeChat sent them. */
  async unlimitedCode(req: UnlimitedCodeRequest): Promise<WechatImage> {
    return this.withToken(async (token) => {
      const res = await this.send('getwxacodeunlimit', `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene: req.scene, page: req.page, check_path: req.checkPath, env_version: req.envVersion, width: req.width }),
      });
      const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      const body = await this.read('getwxacodeunlimit', res);
      // Success is the image itself; any failure is JSON {errcode, errmsg}, whatever the status.
      if (res.ok && contentType.startsWith('image/') && body.length > 0) return { contentType, body };
      throw errorFrom('getwxacodeunlimit', res.status, body);
    });
  }

  /**
   * auth.code2Session: the openid behind a wx.login code (valid five minutes, usable once).
   * Neither the code nor the openid ever appears in an error message; never log the result.
   */
  async code2Session(code: string): Promise<{ openid: string; unionid: string | null }> {
    const { appId, secret } = this.settings();
    const qs = new URLSearchParams({ appid: appId, secret, js_code: code, grant_type: 'authorization_code' });
    const res = await this.send('jscode2session', `/sns/jscode2session?${qs.toString()}`, { method: 'GET' });
    const body = await this.read('jscode2session', res);
    const json = parseJson(body);
    const openid = json?.openid;
    if (res.ok && (json?.errcode === undefined || json.errcode === 0) && typeof openid === 'string' && openid) {
      const unionid = typeof json?.unionid === 'string' && json.unionid ? json.unionid : null;
      return { openid, unionid };
    }
    // WeChat's errmsg may quote what it was sent: keep only the errcode.
    throw errorFrom('jscode2session', res.status, body, { withMessage: false });
  }

  /**
   * security.msgSecCheck (v2): WeChat's verdict on a text. This sends the text, with the user's
   * openid, to Tencent. `scene`: 1 profile, 2 comment, 3 forum, 4 social log.
   */
  async msgSecCheck(req: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }> {
    return this.withToken(async (token) => {
      const res = await this.send('msg_sec_check', `/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: req.content, version: 2, scene: req.scene, openid: req.openid }),
      });
      const body = await this.read('msg_sec_check', res);
      const json = parseJson(body);
      const result = json?.result as { suggest?: unknown; label?: unknown } | undefined;
      const suggest = result?.suggest;
      if (res.ok && json?.errcode === 0 && (suggest === 'pass' || suggest === 'review' || suggest === 'risky'))
        return { suggest, label: typeof result?.label === 'number' ? result.label : 0 };
      throw errorFrom('msg_sec_check', res.status, body, { withMessage: false });
    });
  }

  /**
   * subscribeMessage.send: one subscribe message to a user who consented (errcode 43101: the
   * user's consent is used up or was refused). The page opens in the configured version of the app.
   */
  async sendSubscribeMessage(req: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void> {
    const state = MINIPROGRAM_STATE[this.settings().envVersion];
    await this.withToken(async (token) => {
      const res = await this.send('subscribe_send', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: req.touser, template_id: req.templateId, page: req.page, data: req.data, miniprogram_state: state }),
      });
      const body = await this.read('subscribe_send', res);
      const json = parseJson(body);
      if (res.ok && json?.errcode === 0) return;
      throw errorFrom('subscribe_send', res.status, body, { withMessage: false });
    });
  }

  /** Runs `call` with a valid token; when WeChat rejects the token, once more with a fresh one. */
  private async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof WechatError) || e.errcode === null || !TOKEN_REJECTED.has(e.errcode)) throw e;
      if (this.token?.value === token) this.token = null;
      return call(await this.accessToken());
    }
  }

  /** The cached access token, or a new one (one request at a time, however many callers wait). */
  private accessToken(): Promise<string> {
    if (this.token && this.clock.now().getTime() < this.token.renewAt) return Promise.resolve(this.token.value);
    this.fetching ??= this.fetchToken().finally(() => {
      this.fetching = null;
    });
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const { appId, secret } = this.settings();
    const qs = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret });
    const res = await this.send('token', `/cgi-bin/token?${qs.toString()}`, { method: 'GET' });
    const body = await this.read('token', res);
    const json = parseJson(body);
    const value = json?.access_token;
    const expiresIn = json?.expires_in;
    if (!res.ok || typeof value !== 'string' || !value || typeof expiresIn !== 'number') throw errorFrom('token', res.status, body);
    const fetchedAt = this.clock.now().getTime();
    this.token = { value, renewAt: fetchedAt + Math.max(0, expiresIn * 1000 - RENEW_MARGIN_MS) };
    return value;
  }

  private async send(what: string, path: string, init: RequestInit): Promise<Response> {
    const { apiBase, timeoutMs } = this.settings();
    try {
      return await fetch(`${apiBase}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new WechatError(`${what}: ${describeFailure(e, timeoutMs)}`);
    }
  }

  private async read(what: string, res: Response): Promise<Buffer> {
    try {
      return Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new WechatError(`${what}: ${describeFailure(e, this.settings().timeoutMs)}`);
    }
  }

  private settings(): WechatConfig {
    if (!this.wechat) throw new WechatError('WeChat is not configured (WECHAT_APPID, WECHAT_SECRET)');
    return this.wechat;
  }
}

function parseJson(body: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * WeChat's {errcode, errmsg}, or what was wrong with an answer that is not one. `withMessage:
 * false` leaves WeChat's errmsg out, for calls whose input (a login code, an openid, a text)
 * WeChat might quote back.
 */
function errorFrom(what: string, status: number, body: Buffer, opts: { withMessage: boolean } = { withMessage: true }): WechatError {
  const json = parseJson(body);
  if (json && typeof json.errcode === 'number' && json.errcode !== 0) {
    const message = opts.withMessage ? ` ${String(json.errmsg ?? '').slice(0, 200)}` : '';
    return new WechatError(`${what}: errcode ${json.errcode}${message}`.trim(), json.errcode);
  }
  return new WechatError(`${what}: unexpected answer (HTTP ${status}, ${body.length} bytes)`);
}

function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `request failed${cause || (e instanceof Error ? `: ${e.message}` : '')}`;
}
