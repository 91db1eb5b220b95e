import { ConfigError, DEFAULT_WECHAT_API_BASE, loadConfig } from './config';

const APPID = 'wx0123456789abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';

/** Loads a development configuration with these variables on top. */
const load = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', ...env });

/** The ConfigError loadConfig throws, or a failure when it throws none. */
function configError(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('PUBLIC_URL', () => {
  it('is null when unset or empty', () => {
    expect(load({}).publicUrl).toBeNull();
    expect(load({ PUBLIC_URL: '' }).publicUrl).toBeNull();
  });

  it('keeps an http(s) URL with or without a path, without trailing slashes', () => {
    expect(load({ PUBLIC_URL: 'https://mingbai.example.cn' }).publicUrl).toBe('https://mingbai.example.cn');
    expect(load({ PUBLIC_URL: 'https://mingbai.example.cn/' }).publicUrl).toBe('https://mingbai.example.cn');
    expect(load({ PUBLIC_URL: 'http://10.0.0.5:3000/h5//' }).publicUrl).toBe('http://10.0.0.5:3000/h5');
    expect(load({ PUBLIC_URL: 'HTTPS://Mingbai.Example.CN/cun' }).publicUrl).toBe('https://mingbai.example.cn/cun');
  });

  it.each([
    ['not a URL', 'mingbai.example.cn'],
    ['another scheme', 'ftp://mingbai.example.cn'],
    ['a query', 'https://mingbai.example.cn/?v=1'],
    ['an empty query', 'https://mingbai.example.cn/?'],
    ['a fragment', 'https://mingbai.example.cn/#/pages/index/index'],
    ['credentials', 'https://user:pw@mingbai.example.cn'],
  ])('refuses %s, naming the variable', (_, value) => {
    const e = configError({ PUBLIC_URL: value });
    expect(e.variable).toBe('PUBLIC_URL');
    expect(e.message).toContain('PUBLIC_URL');
  });
});

describe('WeChat credentials', () => {
  it('are off when neither WECHAT_APPID nor WECHAT_SECRET is set', () => {
    expect(load({}).wechat).toBeNull();
    expect(load({ WECHAT_APPID: '', WECHAT_SECRET: '' }).wechat).toBeNull();
  });

  it('default to the WeChat API at api.weixin.qq.com and the release version', () => {
    expect(load({ WECHAT_APPID: APPID, WECHAT_SECRET: SECRET }).wechat).toEqual({
      appId: APPID,
      secret: SECRET,
      apiBase: DEFAULT_WECHAT_API_BASE,
      envVersion: 'release',
      timeoutMs: 10_000,
    });
    expect(DEFAULT_WECHAT_API_BASE).toBe('https://api.weixin.qq.com');
  });

  it('take WECHAT_API_BASE (trailing slash removed) and WECHAT_ENV_VERSION', () => {
    const wechat = load({ WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: 'http://127.0.0.1:9999/', WECHAT_ENV_VERSION: 'trial' }).wechat;
    expect(wechat).toMatchObject({ apiBase: 'http://127.0.0.1:9999', envVersion: 'trial' });
    expect(load({ WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_ENV_VERSION: 'develop' }).wechat?.envVersion).toBe('develop');
  });

  it.each([
    ['WECHAT_SECRET', { WECHAT_APPID: APPID }],
    ['WECHAT_APPID', { WECHAT_SECRET: SECRET }],
    ['WECHAT_APPID', { WECHAT_APPID: 'myapp', WECHAT_SECRET: SECRET }],
    ['WECHAT_SECRET', { WECHAT_APPID: APPID, WECHAT_SECRET: 'short' }],
    ['WECHAT_API_BASE', { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: 'api.weixin.qq.com' }],
    ['WECHAT_API_BASE', { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: 'https://api.weixin.qq.com/?x=1' }],
    ['WECHAT_ENV_VERSION', { WECHAT_APPID: APPID, WECHAT_SECRET: SECRET, WECHAT_ENV_VERSION: 'beta' }],
  ])('refuse a bad combination or value, naming %s', (variable, env) => {
    const e = configError(env);
    expect(e.variable).toBe(variable);
    expect(e.message).toContain(variable);
    // the secret is never repeated in the message
    expect(e.message).not.toContain(SECRET);
  });
});

describe('REPORT_IDENTITY_KEYS', () => {
  const key = (byte: string) => Buffer.alloc(32, byte).toString('base64');
  const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-some-length', SEED_DEMO: 'false', H5_DIR: '', REPORT_HASH_SECRET: 'a-report-hash-secret-of-some-length' };

  it('defaults to the development key outside production, and reads a rotation list', () => {
    expect(load({}).identityKeys.map((k) => k.id)).toEqual(['dev']);
    expect(load({ REPORT_IDENTITY_KEYS: `k2:${key('b')},k1:${key('a')}` }).identityKeys.map((k) => k.id)).toEqual(['k2', 'k1']);
  });

  it('is required in production, and may not be the development key there', () => {
    expect(configError({ ...prod }).variable).toBe('REPORT_IDENTITY_KEYS');
    const devKey = load({}).identityKeys[0].key.toString('base64');
    expect(configError({ ...prod, REPORT_IDENTITY_KEYS: `k1:${devKey}` }).message).toMatch(/development key/);
    expect(load({ ...prod, REPORT_IDENTITY_KEYS: `k1:${key('c')}` }).identityKeys).toHaveLength(1);
  });

  it('names a malformed value', () => {
    expect(configError({ REPORT_IDENTITY_KEYS: 'k1:short' }).message).toMatch(/REPORT_IDENTITY_KEYS.*32 bytes/);
    expect(configError({ REPORT_IDENTITY_KEYS: 'garbage' }).variable).toBe('REPORT_IDENTITY_KEYS');
  });
});

describe('reports configuration', () => {
  const prod = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-of-some-length',
    SEED_DEMO: 'false',
    H5_DIR: '',
    REPORT_IDENTITY_KEYS: `k1:${Buffer.alloc(32, 'k').toString('base64')}`,
  };

  it('needs its own REPORT_HASH_SECRET in production, never the development one', () => {
    expect(configError({ ...prod }).variable).toBe('REPORT_HASH_SECRET');
    expect(configError({ ...prod, REPORT_HASH_SECRET: load({}).reports.hashSecret }).message).toMatch(/development default/);
    expect(configError({ REPORT_HASH_SECRET: 'short' }).variable).toBe('REPORT_HASH_SECRET');
    expect(load({ ...prod, REPORT_HASH_SECRET: 'a-report-hash-secret-of-some-length' }).reports.hashSecret).toBe('a-report-hash-secret-of-some-length');
  });

  it('has safe defaults: 5 reports an hour, content check off, SLA 5 working days / 60 days', () => {
    expect(load({}).reports).toMatchObject({ rateLimitPerHour: 5, contentCheck: 'off', slaAcceptWorkingDays: 5, slaConcludeDays: 60, subscribeTemplateId: null });
  });

  it('refuses a content check it cannot run and names bad numbers', () => {
    expect(configError({ MSG_SEC_CHECK: 'tencent' }).variable).toBe('MSG_SEC_CHECK');
    expect(configError({ MSG_SEC_CHECK: 'wechat' }).message).toMatch(/WECHAT_APPID/);
    expect(configError({ REPORT_RATE_LIMIT_PER_HOUR: '0' }).variable).toBe('REPORT_RATE_LIMIT_PER_HOUR');
    expect(configError({ REPORT_DIGEST_HOUR: '24' }).variable).toBe('REPORT_DIGEST_HOUR');
    expect(configError({ WECHAT_SUBSCRIBE_TEMPLATE_ID: 'x y' }).variable).toBe('WECHAT_SUBSCRIBE_TEMPLATE_ID');
  });

  it('writes logs to LOG_FILE when it is set', () => {
    expect(load({}).logFile).toBeNull();
    expect(load({ LOG_FILE: '/var/log/mingbai.log' }).logFile).toBe('/var/log/mingbai.log');
  });
});

describe('rules engine configuration', () => {
  it('runs incrementally and daily from 2 o’clock China time, looking every minute, by default', () => {
    expect(load({}).rules).toEqual({ incremental: true, dailyHour: 2, pollMs: 60_000 });
  });

  it('reads RULES_INCREMENTAL, RULES_DAILY_HOUR and RULES_POLL_MS (0: no schedule on this instance)', () => {
    expect(load({ RULES_INCREMENTAL: 'false', RULES_DAILY_HOUR: '23', RULES_POLL_MS: '0' }).rules).toEqual({ incremental: false, dailyHour: 23, pollMs: 0 });
  });

  it('names bad values', () => {
    expect(configError({ RULES_INCREMENTAL: 'yes' }).variable).toBe('RULES_INCREMENTAL');
    expect(configError({ RULES_DAILY_HOUR: '24' }).variable).toBe('RULES_DAILY_HOUR');
    expect(configError({ RULES_POLL_MS: '-1' }).variable).toBe('RULES_POLL_MS');
  });
});
