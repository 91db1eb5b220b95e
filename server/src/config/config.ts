import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { DEV_IDENTITY_KEY, IdentityKeysError, parseIdentityKeys, type IdentityKey } from '../common/crypto/identity-keys';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string; database: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  uploadDir: string;
  maxUploadBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Append logs to this file instead of writing them to stdout (LOG_FILE). */
  logFile: string | null;
  seedDemo: boolean;
  demoSeed: number;
  h5Dir: string | null;
  /** The public address of the H5 app (no trailing slash); null: derived from each request. */
  publicUrl: string | null;
  /** WeChat mini-program credentials; null when none are configured. */
  wechat: WechatConfig | null;
  /** Keys sealing reporters' identities; the first seals, all open (REPORT_IDENTITY_KEYS). */
  identityKeys: IdentityKey[];
  /** Citizen reports: hashing, limits, content check, notifications, background work. */
  reports: ReportsConfig;
  /** The supervision rules engine: when it runs. */
  rules: RulesConfig;
}

export interface RulesConfig {
  /** Run the incremental rules for a village after its entries are published or its contracts change (RULES_INCREMENTAL). */
  incremental: boolean;
  /** The hour (China time, 0-23) from which the daily full run starts (RULES_DAILY_HOUR). */
  dailyHour: number;
  /** How often this instance checks whether the daily run is due, ms (RULES_POLL_MS); 0 turns the schedule off here. */
  pollMs: number;
}

function parseRules(env: NodeJS.ProcessEnv): RulesConfig {
  const incremental = env.RULES_INCREMENTAL || 'true';
  if (!['true', 'false'].includes(incremental)) throw new ConfigError('RULES_INCREMENTAL', 'must be true or false');
  return {
    incremental: incremental === 'true',
    dailyHour: int(env, 'RULES_DAILY_HOUR', 2, 0, 23),
    pollMs: int(env, 'RULES_POLL_MS', 60_000, 0, 3_600_000),
  };
}

export interface ReportsConfig {
  /** Pepper for receipt-code hashes, openid references, rate-limit buckets and signed file URLs (REPORT_HASH_SECRET). */
  hashSecret: string;
  /** Submissions per identity and per IP address in an hour (REPORT_RATE_LIMIT_PER_HOUR). */
  rateLimitPerHour: number;
  /** Photo uploads per IP address in an hour (REPORT_UPLOAD_LIMIT_PER_HOUR). */
  uploadLimitPerHour: number;
  /** 'off' (default) or 'wechat': send report text to WeChat's msgSecCheck before accepting it (MSG_SEC_CHECK). */
  contentCheck: 'off' | 'wechat';
  /** The subscribe-message template telling a reporter their report changed (WECHAT_SUBSCRIBE_TEMPLATE_ID); null: none sent. */
  subscribeTemplateId: string | null;
  /** Defaults when no region on the village's path sets them (REPORT_SLA_ACCEPT_WORKING_DAYS, REPORT_SLA_CONCLUDE_DAYS). */
  slaAcceptWorkingDays: number;
  slaConcludeDays: number;
  /** How often the outbox worker looks for due deliveries, ms (OUTBOX_POLL_MS); 0 turns the worker off. */
  outboxPollMs: number;
  /** The hour (China time, 0-23) at which the daily overdue digest is written (REPORT_DIGEST_HOUR). */
  digestHour: number;
}

export const DEV_REPORT_HASH_SECRET = 'mingbai-dev-report-secret-change-me';

function parseReports(env: NodeJS.ProcessEnv, isProd: boolean): ReportsConfig {
  const hashSecret = env.REPORT_HASH_SECRET ?? (isProd ? '' : DEV_REPORT_HASH_SECRET);
  if (!hashSecret) throw new ConfigError('REPORT_HASH_SECRET', 'is required when NODE_ENV=production (e.g. $(openssl rand -base64 32))');
  if (isProd && hashSecret === DEV_REPORT_HASH_SECRET) throw new ConfigError('REPORT_HASH_SECRET', 'must not be the development default in production');
  if (hashSecret.length < 16) throw new ConfigError('REPORT_HASH_SECRET', 'must be at least 16 characters');
  const contentCheck = (env.MSG_SEC_CHECK || 'off') as ReportsConfig['contentCheck'];
  if (!['off', 'wechat'].includes(contentCheck)) throw new ConfigError('MSG_SEC_CHECK', 'must be off or wechat');
  if (contentCheck === 'wechat' && !(env.WECHAT_APPID && env.WECHAT_SECRET))
    throw new ConfigError('MSG_SEC_CHECK', 'wechat needs WECHAT_APPID and WECHAT_SECRET');
  const template = env.WECHAT_SUBSCRIBE_TEMPLATE_ID || null;
  if (template !== null && !/^[A-Za-z0-9_-]{10,64}$/.test(template)) throw new ConfigError('WECHAT_SUBSCRIBE_TEMPLATE_ID', 'must be a template id from the WeChat admin console');
  return {
    hashSecret,
    rateLimitPerHour: int(env, 'REPORT_RATE_LIMIT_PER_HOUR', 5, 1, 10_000),
    uploadLimitPerHour: int(env, 'REPORT_UPLOAD_LIMIT_PER_HOUR', 60, 1, 100_000),
    contentCheck,
    subscribeTemplateId: template,
    slaAcceptWorkingDays: int(env, 'REPORT_SLA_ACCEPT_WORKING_DAYS', 5, 1, 60),
    slaConcludeDays: int(env, 'REPORT_SLA_CONCLUDE_DAYS', 60, 1, 365),
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 2000, 0, 3_600_000),
    digestHour: int(env, 'REPORT_DIGEST_HOUR', 8, 0, 23),
  };
}

/** REPORT_IDENTITY_KEYS: required in production (and never the development key), a fixed dev key otherwise. */
function parseIdentityKeysEnv(env: NodeJS.ProcessEnv, isProd: boolean): IdentityKey[] {
  const raw = env.REPORT_IDENTITY_KEYS ?? '';
  if (!raw) {
    if (isProd) throw new ConfigError('REPORT_IDENTITY_KEYS', 'is required when NODE_ENV=production (e.g. k1:$(openssl rand -base64 32))');
    return [DEV_IDENTITY_KEY];
  }
  let keys: IdentityKey[];
  try {
    keys = parseIdentityKeys(raw);
  } catch (e) {
    if (e instanceof IdentityKeysError) throw new ConfigError('REPORT_IDENTITY_KEYS', e.message);
    throw e;
  }
  if (isProd && keys.some((k) => k.key.equals(DEV_IDENTITY_KEY.key)))
    throw new ConfigError('REPORT_IDENTITY_KEYS', 'must not contain the development key in production');
  return keys;
}

export type WechatEnvVersion = 'release' | 'trial' | 'develop';

export interface WechatConfig {
  appId: string;
  /** Used only for server-to-WeChat calls; never sent to a client or logged. */
  secret: string;
  /** https://api.weixin.qq.com unless WECHAT_API_BASE says otherwise (no trailing slash). */
  apiBase: string;
  /** Which version of the mini-program a mini-program code opens. */
  envVersion: WechatEnvVersion;
  /** Time limit for one call to WeChat, milliseconds. */
  timeoutMs: number;
}

export const DEV_JWT_SECRET = 'mingbai-dev-secret-change-me';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const WECHAT_ENV_VERSIONS: readonly WechatEnvVersion[] = ['release', 'trial', 'develop'];
export const DEFAULT_WECHAT_API_BASE = 'https://api.weixin.qq.com';
const WECHAT_TIMEOUT_MS = 10_000;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
  }
}

/** The repository root: the nearest folder above this file whose package.json declares workspaces. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).workspaces) return dir;
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}`);
  return value;
}

export function parseDatabaseUrl(raw: string, root: string): DatabaseConfig {
  if (/^mysql:\/\//i.test(raw) || /^mariadb:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw.replace(/^mariadb:/i, 'mysql:'));
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid mysql:// URL');
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!database) throw new ConfigError('DATABASE_URL', 'must name a database, e.g. mysql://user:pass@host:3306/mingbai');
    if (!/^[A-Za-z0-9_]+$/.test(database)) throw new ConfigError('DATABASE_URL', 'database name may only use letters, digits and _');
    return { type: 'mysql', url: url.toString(), database };
  }
  const path = raw.replace(/^sqlite:(\/\/)?/i, '');
  if (!path) throw new ConfigError('DATABASE_URL', 'is empty');
  return { type: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : resolve(root, path) };
}

/**
 * An http(s) base URL without query or fragment, trailing slashes removed
 * ("https://x.cn/h5/" -> "https://x.cn/h5"); ConfigError naming the variable otherwise.
 */
export function parseBaseUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) throw new ConfigError(name, 'must not have a query (?) or fragment (#)');
  if (url.username || url.password) throw new ConfigError(name, 'must not contain a user name or password');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** WECHAT_APPID and WECHAT_SECRET come together or not at all. */
export function parseWechat(env: NodeJS.ProcessEnv): WechatConfig | null {
  const appId = env.WECHAT_APPID ?? '';
  const secret = env.WECHAT_SECRET ?? '';
  const apiBase = parseBaseUrl('WECHAT_API_BASE', env.WECHAT_API_BASE || DEFAULT_WECHAT_API_BASE);
  const envVersion = (env.WECHAT_ENV_VERSION || 'release') as WechatEnvVersion;
  if (!WECHAT_ENV_VERSIONS.includes(envVersion))
    throw new ConfigError('WECHAT_ENV_VERSION', `must be one of ${WECHAT_ENV_VERSIONS.join(', ')}`);
  if (!appId && !secret) return null;
  if (!appId) throw new ConfigError('WECHAT_APPID', 'is required when WECHAT_SECRET is set');
  if (!secret) throw new ConfigError('WECHAT_SECRET', 'is required when WECHAT_APPID is set');
  if (!/^wx[0-9a-f]{16}$/i.test(appId)) throw new ConfigError('WECHAT_APPID', 'must look like wx followed by 16 hexadecimal digits');
  if (!/^[0-9A-Za-z]{16,64}$/.test(secret)) throw new ConfigError('WECHAT_SECRET', 'must be the AppSecret from the WeChat admin console (letters and digits)');
  return { appId, secret, apiBase, envVersion, timeoutMs: WECHAT_TIMEOUT_MS };
}

/** Reads and validates the environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const root = repoRoot();
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv))
    throw new ConfigError('NODE_ENV', 'must be development, production or test');
  const isProd = nodeEnv === 'production';

  const jwtSecret = env.JWT_SECRET ?? (isProd ? '' : DEV_JWT_SECRET);
  if (!jwtSecret) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (isProd && jwtSecret === DEV_JWT_SECRET)
    throw new ConfigError('JWT_SECRET', 'must not be the development default in production');
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');

  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  const seedRaw = env.SEED_DEMO ?? (isProd ? 'false' : 'true');
  if (!['true', 'false'].includes(seedRaw)) throw new ConfigError('SEED_DEMO', 'must be true or false');

  const uploadDir = env.UPLOAD_DIR ?? join(root, 'data', 'uploads');
  const h5Default = join(root, 'miniapp', 'dist', 'h5');
  return {
    env: nodeEnv as AppConfig['env'],
    port: int(env, 'PORT', 3000, 1, 65535),
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data/mingbai.sqlite', root),
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL', 900, 60, 86_400),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL', 30 * 86_400, 3600, 365 * 86_400),
    uploadDir: isAbsolute(uploadDir) ? uploadDir : resolve(root, uploadDir),
    maxUploadBytes: int(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel,
    logFile: env.LOG_FILE ? resolve(root, env.LOG_FILE) : null,
    seedDemo: seedRaw === 'true',
    demoSeed: int(env, 'DEMO_SEED', 20260301, 0, 2 ** 31 - 1),
    h5Dir: env.H5_DIR ?? (existsSync(h5Default) ? h5Default : null),
    publicUrl: env.PUBLIC_URL ? parseBaseUrl('PUBLIC_URL', env.PUBLIC_URL) : null,
    wechat: parseWechat(env),
    identityKeys: parseIdentityKeysEnv(env, isProd),
    reports: parseReports(env, isProd),
    rules: parseRules(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
