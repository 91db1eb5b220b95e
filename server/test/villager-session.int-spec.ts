import { createHmac, randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { FakeWechat } from './helpers/fake-wechat';
import { loadConfig } from '../src/config/config';
import { Clock } from '../src/common/clock/clock';
import { Villager } from '../src/modules/villagers/villager.entity';
import { VillagersService } from '../src/modules/villagers/villagers.service';
import { WechatClient } from '../src/modules/wechat/wechat.client';
import { WechatError } from '../src/modules/wechat/wechat-error';

const decodeJwt = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe('villager sign-in and the WeChat calls of reports (fake WeChat)', () => {
  let t: TestApp;
  let w: World;
  let wx: FakeWechat;
  const session = (code: string) => t.http().post('/api/villager/session').send({ code });
  const signIn = async (openid: string): Promise<string> => (await session(wx.login(openid)).expect(200)).body.token as string;

  beforeAll(async () => {
    wx = new FakeWechat();
    await wx.start();
    t = await startTestApp({ ...wx.env, WECHAT_ENV_VERSION: 'trial', MSG_SEC_CHECK: 'wechat' });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  describe('POST /api/villager/session', () => {
    it('exchanges a wx.login code at jscode2session for a villager token valid 7 days', async () => {
      const code = wx.login('oVILLAGER-0001');
      const before = Date.now();
      const res = await session(code).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ token: expect.any(String), expiresAt: expect.any(String) });
      const expiresAt = Date.parse(res.body.expiresAt);
      expect(expiresAt - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
      expect(expiresAt - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
      const payload = decodeJwt(res.body.token);
      expect(payload).toEqual({ sub: expect.any(Number), kind: 'villager', iat: expect.any(Number), exp: expect.any(Number) });
      expect((payload.exp as number) - (payload.iat as number)).toBe(7 * 86_400);
      expect(wx.sessionCalls.at(-1)).toEqual({ appid: FakeWechat.APPID, secret: FakeWechat.SECRET, jsCode: code, grantType: 'authorization_code' });
    });

    it('knows a returning villager by an HMAC of the openid; the openid itself is sealed', async () => {
      const first = decodeJwt(await signIn('oVILLAGER-0002')).sub as number;
      const second = decodeJwt(await signIn('oVILLAGER-0002')).sub as number;
      const other = decodeJwt(await signIn('oVILLAGER-0003')).sub as number;
      expect(second).toBe(first);
      expect(other).not.toBe(first);
      const row = await t.dataSource.manager.findOneByOrFail(Villager, { id: first });
      expect(row.openidRef).toBe(createHmac('sha256', t.config.reports.hashSecret).update('openid:oVILLAGER-0002').digest('hex'));
      expect(row.openidSealed).not.toContain('oVILLAGER');
      expect(row.lastSeenAt.getTime()).toBeGreaterThanOrEqual(row.createdAt.getTime());
      expect(await t.app.get(VillagersService).openidOf(first)).toBe('oVILLAGER-0002');
      expect(await t.app.get(VillagersService).openidOf(999_999)).toBeNull();
    });

    it('signs the same new villager in twice at once as one villager', async () => {
      const [a, b] = await Promise.all([session(wx.login('oVILLAGER-RACE')), session(wx.login('oVILLAGER-RACE'))]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(decodeJwt(a.body.token).sub).toBe(decodeJwt(b.body.token).sub);
    });

    it('answers 400 for a code WeChat refuses (unknown or used), without echoing the code', async () => {
      const unknown = await session('codeNOBODYKNOWS1').expect(400);
      expect(unknown.body).toMatchObject({ code: 'WECHAT_CODE_INVALID', details: [{ field: 'code' }] });
      expect(JSON.stringify(unknown.body)).not.toContain('codeNOBODYKNOWS1');
      const code = wx.login('oVILLAGER-0004');
      await session(code).expect(200);
      const used = await session(code).expect(400);
      expect(used.body.code).toBe('WECHAT_CODE_INVALID');
      for (const bad of [undefined, '', 'short', 'has spaces in the code', 'x'.repeat(129)]) {
        const res = await t.http().post('/api/villager/session').send(bad === undefined ? {} : { code: bad }).expect(400);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'code' }] });
      }
    });

    it('answers 502 WECHAT_UNAVAILABLE when WeChat fails otherwise', async () => {
      wx.sessionFailNext.push({ errcode: -1, errmsg: 'system error' });
      const res = await session(wx.login('oVILLAGER-0005')).expect(502);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('gives tokens that open villager routes only', async () => {
      const token = await signIn('oVILLAGER-0006');
      await t.http().get('/api/villager/reports').set('Authorization', `Bearer ${token}`).expect(200);
      await t.http().get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await t.http().get('/api/staff/entries').set('Authorization', `Bearer ${token}`).expect(401);
      await t.http().get('/api/villager/reports').set(w.auth('bk_a')).expect(401);
    });
  });

  describe('the content check (MSG_SEC_CHECK=wechat)', () => {
    const report = (text: string, anonymous: boolean, token?: string) => {
      const req = t.http().post('/api/reports').set('X-Forwarded-For', `192.0.2.${Math.floor(Math.random() * 200) + 1}`).set('Idempotency-Key', randomUUID());
      return (token ? req.set('Authorization', `Bearer ${token}`) : req).send({ villageId: w.villages.a.id, categoryCode: 'other', text, subjectType: 'village', anonymous });
    };

    it('sends a named reporter’s text with their openid to msgSecCheck v2 and refuses a risky one (422)', async () => {
      wx.riskyWords.add('违禁词');
      const token = await signIn('oCHECKED-0001');
      const calls = wx.secCheckCalls.length;
      const refused = await report('这里有违禁词', false, token).expect(422);
      expect(refused.body).toMatchObject({ code: 'CONTENT_REJECTED', details: [{ field: 'text' }] });
      expect(wx.secCheckCalls.slice(calls)).toEqual([{ token: expect.stringMatching(/^TOKEN\d+$/), body: { content: '这里有违禁词', version: 2, scene: 2, openid: 'oCHECKED-0001' } }]);
      await report('村里账目不清楚', false, token).expect(201);
      expect(wx.secCheckCalls).toHaveLength(calls + 2);

      // follow-ups of the named reporter are checked as well
      const filed = await report('另一份实名举报', false, token).expect(201);
      const follow = await t.http().post(`/api/villager/reports/${filed.body.reportId}/messages`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send({ text: '补充违禁词' }).expect(422);
      expect(follow.body.code).toBe('CONTENT_REJECTED');
    });

    it('never sends an anonymous text to WeChat, with or without a villager token', async () => {
      const token = await signIn('oCHECKED-0002');
      const calls = wx.secCheckCalls.length;
      await report('匿名：这里有违禁词', true, token).expect(201);
      await report('匿名H5：这里有违禁词', true).expect(201);
      expect(wx.secCheckCalls).toHaveLength(calls);
    });

    it('lets a report through when WeChat cannot check it (and fetches a new token when the old one is refused)', async () => {
      const token = await signIn('oCHECKED-0003');
      const client = t.app.get(WechatClient);
      // a refused token: a new one is fetched and the check repeated
      await client.msgSecCheck({ content: '你好', openid: 'oCHECKED-0003', scene: 2 });
      const used = wx.secCheckCalls.at(-1)!.token!;
      wx.revoked.add(used);
      const tokenCalls = wx.tokenCalls.length;
      expect(await client.msgSecCheck({ content: '你好', openid: 'oCHECKED-0003', scene: 2 })).toEqual({ suggest: 'pass', label: 100 });
      expect(wx.tokenCalls).toHaveLength(tokenCalls + 1);
      // WeChat down: the report is accepted all the same
      const base = t.config.wechat!.apiBase;
      t.config.wechat!.apiBase = 'http://127.0.0.1:9';
      try {
        await report('检查服务不可用时的举报', false, token).expect(201);
      } finally {
        t.config.wechat!.apiBase = base;
      }
    });
  });

  describe('WechatClient.sendSubscribeMessage', () => {
    it('posts touser, template_id, page, data and the app version as miniprogram_state', async () => {
      await t.app.get(WechatClient).sendSubscribeMessage({
        touser: 'oSUBSCRIBER-0001',
        templateId: 'TEMPLATE_abcdefghij',
        page: 'packages/report/pages/receipt/index',
        data: { phrase1: { value: '已受理' }, thing2: { value: '上坂村' } },
      });
      expect(wx.subscribeCalls.at(-1)).toEqual({
        token: expect.stringMatching(/^TOKEN\d+$/),
        body: {
          touser: 'oSUBSCRIBER-0001',
          template_id: 'TEMPLATE_abcdefghij',
          page: 'packages/report/pages/receipt/index',
          data: { phrase1: { value: '已受理' }, thing2: { value: '上坂村' } },
          miniprogram_state: 'trial',
        },
      });
    });

    it('throws a WechatError with WeChat’s errcode (43101: consent used up), naming no openid', async () => {
      wx.subscribeFailNext.push({ errcode: 43101, errmsg: 'user refuse to accept the msg rid: oSUBSCRIBER-0002' });
      const error = await t.app
        .get(WechatClient)
        .sendSubscribeMessage({ touser: 'oSUBSCRIBER-0002', templateId: 'TEMPLATE_abcdefghij', page: 'pages/index/index', data: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatError);
      expect((error as WechatError).errcode).toBe(43101);
      expect((error as WechatError).message).not.toContain('oSUBSCRIBER');
    });

    it('maps every WECHAT_ENV_VERSION to subscribeMessage’s miniprogram_state', async () => {
      for (const [version, state] of [['release', 'formal'], ['develop', 'developer']] as const) {
        const config = loadConfig({ NODE_ENV: 'test', ...wx.env, WECHAT_ENV_VERSION: version });
        await new WechatClient(config, new Clock()).sendSubscribeMessage({ touser: 'o1', templateId: 'TEMPLATE_abcdefghij', page: 'pages/index/index', data: {} });
        expect(wx.subscribeCalls.at(-1)!.body.miniprogram_state).toBe(state);
      }
    });
  });
});

describe('villager sign-in without WeChat configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 WECHAT_NOT_CONFIGURED (H5 reporters stay anonymous)', async () => {
    const res = await t.http().post('/api/villager/session').send({ code: 'code1234567890' }).expect(503);
    expect(res.body).toMatchObject({ code: 'WECHAT_NOT_CONFIGURED' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
