import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, WechatConfig, WechatEnvVersion } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import { WechatError } from './wechat-error';

/** errcodes meaning the access token is no longer valid (40001 invalid, 42001 expired). */
const TOKEN_REJECTED = new Set([40001, 42001]);
/** A token is renewed this long before WeChat says it expires. */
const RENEW_MARGIN_MS = 5 * 60_000;

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

  /** auth.code2Session: the openid behind a wx.login code. Never log the result. */
  // TODO(helper: reports) implement against GET /sns/jscode2session
  async code2Session(_code: string): Promise<{ openid: string; unionid: string | null }> {
    throw new WechatError('code2Session is not implemented yet');
  }

  /** security.msgSecCheck (v2): WeChat's verdict on a text. Sends the text to Tencent. */
  // TODO(helper: reports) implement against POST /wxa/msg_sec_check
  async msgSecCheck(_req: { content: string; openid: string; scene: 1 | 2 | 3 | 4 }): Promise<{ suggest: 'pass' | 'review' | 'risky'; label: number }> {
    throw new WechatError('msgSecCheck is not implemented yet');
  }

  /** subscribeMessage.send: one subscribe message to a user who consented. */
  // TODO(helper: reports) implement against POST /cgi-bin/message/subscribe/send
  async sendSubscribeMessage(_req: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void> {
    throw new WechatError('sendSubscribeMessage is not implemented yet');
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

/** WeChat's {errcode, errmsg}, or what was wrong with an answer that is not one. */
function errorFrom(what: string, status: number, body: Buffer): WechatError {
  const json = parseJson(body);
  if (json && typeof json.errcode === 'number' && json.errcode !== 0)
    return new WechatError(`${what}: errcode ${json.errcode} ${String(json.errmsg ?? '').slice(0, 200)}`.trim(), json.errcode);
  return new WechatError(`${what}: unexpected answer (HTTP ${status}, ${body.length} bytes)`);
}

function describeFailure(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `request failed${cause || (e instanceof Error ? `: ${e.message}` : '')}`;
}
