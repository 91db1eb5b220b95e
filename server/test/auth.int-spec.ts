import { createHmac } from 'node:crypto';
import { Clock } from '../src/common/clock/clock';
import { ConfigError, DEV_JWT_SECRET, loadConfig } from '../src/config/config';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../src/modules/auth/auth.service';
import { RefreshToken } from '../src/modules/auth/refresh-token.entity';
import { User } from '../src/modules/users/user.entity';
import { UsersService } from '../src/modules/users/users.service';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An HS256 JWT made by hand, so the tests do not depend on the library the server uses. */
function jwt(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('auth: login, lockout, refresh rotation, logout, tokens', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  const realNow = Clock.prototype.now;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    clock = t.app.get(Clock);
  });
  afterAll(() => t.close());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** A fresh user per test, so lockouts and revocations do not leak between tests. */
  let counter = 0;
  async function newUser(): Promise<{ username: string; id: number }> {
    const username = `auth_user_${++counter}`;
    const admin = { id: w.userIds['admin'], username: 'admin', displayName: 'admin', role: 'admin' as const, regionId: null, regionPath: null, regionLevel: null };
    const created = await t.app.get(UsersService).create(admin, { username, password: TEST_PASSWORD, displayName: '测试用户', role: 'bookkeeper', regionId: w.villages.a.id });
    return { username, id: created.id };
  }
  const login = (username: string, password = TEST_PASSWORD) => t.http().post('/api/auth/login').send({ username, password });
  const refresh = (refreshToken: string) => t.http().post('/api/auth/refresh').send({ refreshToken });
  const me = (token: string) => t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const advanceClock = (ms: number) => jest.spyOn(clock, 'now').mockImplementation(() => new Date(realNow.call(clock).getTime() + ms));

  it('returns an access and a refresh token, and the access token identifies the user', async () => {
    const u = await newUser();
    const res = await login(u.username).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.any(String),
      expiresIn: 900,
      user: { id: u.id, username: u.username, displayName: '测试用户', role: 'bookkeeper', regionId: w.villages.a.id },
    });
    expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(res.body)).not.toMatch(/argon|passwordHash|password_hash/i);
    const who = await me(res.body.accessToken).expect(200);
    expect(who.body).toMatchObject({ id: u.id, username: u.username, role: 'bookkeeper', regionId: w.villages.a.id });
    // only a hash of the refresh token is stored
    const stored = await t.dataSource.manager.find(RefreshToken, { where: { userId: u.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).not.toBe(res.body.refreshToken);
    expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS', async () => {
    const u = await newUser();
    const wrong = await login(u.username, 'not-the-password').expect(401);
    const unknown = await login('nobody_here', 'not-the-password').expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: expect.any(String), details: [] });
    expect(unknown.body).toEqual(wrong.body);
    await login(u.username, '').expect(400);
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} wrong passwords: 423 even with the right one, until the lock expires`, async () => {
    const u = await newUser();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await login(u.username, `wrong-${i}`).expect(401);
    // the 5th wrong password is still "invalid credentials", and sets the lock
    expect((await login(u.username, 'wrong-5').expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    const locked = await login(u.username).expect(423);
    expect(locked.body).toMatchObject({ statusCode: 423, code: 'ACCOUNT_LOCKED' });
    expect((await login(u.username, 'wrong-6').expect(423)).body.code).toBe('ACCOUNT_LOCKED');

    // one minute before the end of the lock: still locked
    advanceClock((LOCKOUT_MINUTES - 1) * 60_000);
    await login(u.username).expect(423);
    // after it: the right password works and the count starts again
    advanceClock(LOCKOUT_MINUTES * 60_000 + 1000);
    await login(u.username).expect(200);
    const row = await t.dataSource.manager.findOneByOrFail(User, { id: u.id });
    expect({ failedLogins: row.failedLogins, lockedUntil: row.lockedUntil }).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('resets the count of wrong passwords on a successful login', async () => {
    const u = await newUser();
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await login(u.username, `wrong-${i}`).expect(401);
    await login(u.username).expect(200);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) await login(u.username, `wrong-${i}`).expect(401);
    await login(u.username).expect(200);
  });

  it('locks the account when wrong passwords arrive in parallel', async () => {
    const u = await newUser();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(u.username, `parallel-wrong-${i}`)));
    expect(results.every((r) => r.status === 401 || r.status === 423)).toBe(true);
    await login(u.username).expect(423);
  });

  it('rotates refresh tokens; reusing an old one revokes the whole family, the newest included', async () => {
    const u = await newUser();
    const first = (await login(u.username).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).toEqual(expect.any(String));
    await me(second.accessToken).expect(200);
    const third = (await refresh(second.refreshToken).expect(200)).body;

    // a thief replays the first token: refused, and the family is burnt
    const replay = await refresh(first.refreshToken).expect(401);
    expect(replay.body).toMatchObject({ statusCode: 401, code: 'REFRESH_INVALID' });
    expect((await refresh(third.refreshToken).expect(401)).body.code).toBe('REFRESH_INVALID');
    expect((await refresh(second.refreshToken).expect(401)).body.code).toBe('REFRESH_INVALID');
    const rows = await t.dataSource.manager.find(RefreshToken, { where: { userId: u.id } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);

    // another login (another family) is unaffected
    const other = (await login(u.username).expect(200)).body;
    await refresh(other.refreshToken).expect(200);
  });

  it('refuses an unknown, malformed or expired refresh token', async () => {
    await refresh('x'.repeat(43)).expect(401);
    await refresh('short').expect(400);
    await t.http().post('/api/auth/refresh').send({}).expect(400);
    const u = await newUser();
    const pair = (await login(u.username).expect(200)).body;
    advanceClock(t.config.refreshTokenTtlSeconds * 1000 + 1000);
    expect((await refresh(pair.refreshToken).expect(401)).body.code).toBe('REFRESH_INVALID');
  });

  it('revokes the refresh token (and its family) on logout', async () => {
    const u = await newUser();
    const first = (await login(u.username).expect(200)).body;
    const second = (await refresh(first.refreshToken).expect(200)).body;
    await t.http().post('/api/auth/logout').send({ refreshToken: second.refreshToken }).expect(204);
    await refresh(second.refreshToken).expect(401);
    // logging out twice, or with a token nobody knows, is not an error (and tells nothing)
    await t.http().post('/api/auth/logout').send({ refreshToken: second.refreshToken }).expect(204);
    await t.http().post('/api/auth/logout').send({ refreshToken: 'y'.repeat(43) }).expect(204);
  });

  it('answers 401 to a missing, garbage, forged, expired or unsigned access token', async () => {
    const u = await newUser();
    const secret = t.config.jwtSecret;
    const now = Math.floor(Date.now() / 1000);
    const valid = jwt({ sub: u.id, role: 'bookkeeper', iat: now, exp: now + 600 }, secret);
    await me(valid).expect(200); // the hand-made token is right, so the refusals below are for the stated reason

    const cases: [string, string | null][] = [
      ['no header', null],
      ['garbage', 'garbage'],
      ['three garbage parts', 'a.b.c'],
      ['expired', jwt({ sub: u.id, role: 'bookkeeper', iat: now - 3600, exp: now - 60 }, secret)],
      ['signed with another secret', jwt({ sub: u.id, role: 'bookkeeper', iat: now, exp: now + 600 }, 'another-secret-0123456789')],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: u.id, role: 'bookkeeper', iat: now, exp: now + 600 })}.`],
      ['HS512 instead of HS256', (() => {
        const body = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ sub: u.id, role: 'bookkeeper', iat: now, exp: now + 600 })}`;
        return `${body}.${createHmac('sha512', secret).update(body).digest('base64url')}`;
      })()],
      ['a user that does not exist', jwt({ sub: 999_999, role: 'admin', iat: now, exp: now + 600 }, secret)],
    ];
    for (const [label, token] of cases) {
      const req = t.http().get('/api/auth/me');
      const res = await (token === null ? req : req.set('Authorization', `Bearer ${token}`));
      expect({ label, status: res.status, code: res.body.code }).toEqual({ label, status: 401, code: expect.stringMatching(/^(UNAUTHENTICATED|TOKEN_INVALID)$/) });
    }
    await t.http().get('/api/auth/me').set('Authorization', `Basic ${Buffer.from('admin:x').toString('base64')}`).expect(401);
  });

  it('takes the role from the database, not from the token', async () => {
    const u = await newUser();
    const now = Math.floor(Date.now() / 1000);
    const claimsAdmin = jwt({ sub: u.id, role: 'admin', iat: now, exp: now + 600 }, t.config.jwtSecret);
    await t.http().get('/api/admin/users').set('Authorization', `Bearer ${claimsAdmin}`).expect(403);
  });

  it('shuts out a deactivated user at once: access token, login and refresh', async () => {
    const u = await newUser();
    const pair = (await login(u.username).expect(200)).body;
    await me(pair.accessToken).expect(200);
    await t.dataSource.manager.update(User, { id: u.id }, { active: false });
    expect((await me(pair.accessToken).expect(401)).body.code).toBe('TOKEN_INVALID');
    await t.http().get('/api/staff/entries').set('Authorization', `Bearer ${pair.accessToken}`).expect(401);
    expect((await login(u.username).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    expect((await refresh(pair.refreshToken).expect(401)).body.code).toBe('REFRESH_INVALID');
    // and back again
    await t.dataSource.manager.update(User, { id: u.id }, { active: true });
    await me(pair.accessToken).expect(200);
  });
});

describe('config (src/config/config.ts)', () => {
  const thrown = (env: NodeJS.ProcessEnv): ConfigError => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e;
      throw e;
    }
    throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
  };
  const prod = { NODE_ENV: 'production', SEED_DEMO: 'false', H5_DIR: '', REPORT_IDENTITY_KEYS: `k1:${'A'.repeat(43)}=`, REPORT_HASH_SECRET: 'a-report-hash-secret-of-some-length' };
  const goodSecret = 'a-production-secret-of-some-length';

  it('refuses to start in production without JWT_SECRET', () => {
    const e = thrown({ ...prod });
    expect(e.variable).toBe('JWT_SECRET');
    expect(e.message).toContain('JWT_SECRET');
    expect(thrown({ ...prod, JWT_SECRET: '' }).variable).toBe('JWT_SECRET');
  });

  it('refuses the development default secret, and a short one, in production', () => {
    const e = thrown({ ...prod, JWT_SECRET: DEV_JWT_SECRET });
    expect(e.variable).toBe('JWT_SECRET');
    expect(e.message).toMatch(/JWT_SECRET.*development default/);
    expect(thrown({ ...prod, JWT_SECRET: 'short' }).variable).toBe('JWT_SECRET');
  });

  it('starts in production with a real secret, and in development with the default', () => {
    expect(loadConfig({ ...prod, JWT_SECRET: goodSecret })).toMatchObject({ env: 'production', jwtSecret: goodSecret, seedDemo: false });
    expect(loadConfig({ NODE_ENV: 'development', H5_DIR: '' })).toMatchObject({ env: 'development', jwtSecret: DEV_JWT_SECRET });
  });

  it.each(['abc', '0', '65536', '-1', '80.5', ' 80'])('names PORT when it is %j', (port) => {
    const e = thrown({ ...prod, JWT_SECRET: goodSecret, PORT: port });
    expect(e.variable).toBe('PORT');
    expect(e.message).toContain('PORT');
  });

  it('names the other bad variables too', () => {
    const base = { ...prod, JWT_SECRET: goodSecret };
    expect(thrown({ ...base, NODE_ENV: 'staging' }).variable).toBe('NODE_ENV');
    expect(thrown({ ...base, LOG_LEVEL: 'loud' }).variable).toBe('LOG_LEVEL');
    expect(thrown({ ...base, SEED_DEMO: 'yes' }).variable).toBe('SEED_DEMO');
    expect(thrown({ ...base, DATABASE_URL: 'mysql://root@localhost:3306/' }).variable).toBe('DATABASE_URL');
    expect(thrown({ ...base, DATABASE_URL: 'mysql://root@localhost:3306/bad-name' }).variable).toBe('DATABASE_URL');
    expect(thrown({ ...base, ACCESS_TOKEN_TTL: '10' }).variable).toBe('ACCESS_TOKEN_TTL');
    expect(thrown({ ...base, MAX_UPLOAD_BYTES: 'lots' }).variable).toBe('MAX_UPLOAD_BYTES');
  });
});
