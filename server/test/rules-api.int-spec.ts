import { DomainEvents } from '../src/common/events/domain-events';
import { RulesEngine } from '../src/modules/rules/rules-engine.service';
import type { SupervisionRule } from '../src/modules/rules/rule';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry } from './helpers/entries';

/** Two fake rules over published entries (the registry's own rules are tested with their fixtures). */
const FAKE_RULES: SupervisionRule[] = [
  {
    id: 'fake-threshold',
    title: '大额账目（测试）',
    explanation: '测试用规则：金额不低于阈值的已公开账目。',
    severity: 'high',
    params: [
      { key: 'minFen', label: '金额阈值', kind: 'fen', defaultValue: 100_000, min: 1, max: 1_000_000_000 },
      { key: 'share', label: '比例', kind: 'ratio', defaultValue: 0.5, min: 0.1, max: 1 },
    ],
    incremental: true,
    level: 'village',
    async detect(ctx) {
      const rows: { id: number; village_id: number }[] = await ctx.em.query(
        `SELECT id, village_id FROM entries WHERE status = 'published' AND amount_fen >= ? AND ${ctx.scope.sql('village_id')}`,
        [ctx.params.minFen, ...ctx.scope.params],
      );
      return rows.map((r) => ({
        subjectType: 'entry' as const,
        subjectId: Number(r.id),
        period: '',
        villageId: Number(r.village_id),
        amountFen: null,
        summary: '大额账目',
        evidence: [],
        facts: {},
      }));
    },
  },
  {
    id: 'fake-yearly',
    title: '年度检查（测试）',
    explanation: '测试用规则：不查任何东西。',
    severity: 'low',
    params: [],
    incremental: false,
    level: 'town',
    detect: async () => [],
  },
];

describe('the rules API', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    (t.app.get(RulesEngine) as { rules: readonly SupervisionRule[] }).rules = FAKE_RULES;
  });
  afterAll(() => t.close());

  const as = (username: string) => w.auth(username);
  const put = (username: string, ruleId: string, body: object) =>
    t.http().put(`/api/inspector/rules/${ruleId}/settings`).set(as(username)).send(body);
  const rulesOf = async (username: string, query = ''): Promise<Record<string, any>[]> =>
    (await t.http().get(`/api/inspector/rules${query}`).set(as(username)).expect(200)).body;

  describe('GET /api/rules', () => {
    it('is public: every rule with what it looks for, its parameters, and when it runs', async () => {
      const res = await t.http().get('/api/rules').expect(200);
      expect(res.body).toEqual([
        {
          id: 'fake-threshold',
          title: '大额账目（测试）',
          explanation: '测试用规则：金额不低于阈值的已公开账目。',
          severity: 'high',
          params: FAKE_RULES[0].params,
          incremental: true,
          level: 'village',
        },
        {
          id: 'fake-yearly',
          title: '年度检查（测试）',
          explanation: '测试用规则：不查任何东西。',
          severity: 'low',
          params: [],
          incremental: false,
          level: 'town',
        },
      ]);
      expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
      await t.http().get('/api/rules').set('If-None-Match', res.headers.etag).expect(304);
      // A signed-in caller of any role gets the same.
      expect((await t.http().get('/api/rules').set(as('bk_a')).expect(200)).body).toEqual(res.body);
    });
  });

  describe('GET /api/inspector/rules', () => {
    it('is for inspectors only', async () => {
      await t.http().get('/api/inspector/rules').expect(401);
      await t.http().get('/api/inspector/rules').set(as('bk_a')).expect(403);
      await t.http().get('/api/inspector/rules').set(as('admin')).expect(403);
    });

    it('shows each rule in the inspector’s region: defaults, switched on, no cases, no run yet', async () => {
      const rules = await rulesOf('insp_town1');
      expect(rules.map((r) => r.id)).toEqual(['fake-threshold', 'fake-yearly']);
      expect(rules[0]).toMatchObject({
        incremental: true,
        level: 'village',
        effectiveParams: { minFen: 100_000, share: 0.5 },
        enabled: true,
        precision: null,
        concluded: 0,
        substantiated: 0,
        openWarnings: 0,
        lastRun: null,
      });
    });

    it('answers 404 for a region outside the inspector’s own, 400 for a malformed one', async () => {
      await t.http().get(`/api/inspector/rules?regionId=${w.towns.two.id}`).set(as('insp_town1')).expect(404);
      await t.http().get(`/api/inspector/rules?regionId=${w.county.id}`).set(as('insp_town1')).expect(404);
      await t.http().get('/api/inspector/rules?regionId=999999').set(as('insp_town1')).expect(404);
      const bad = await t.http().get('/api/inspector/rules?regionId=abc').set(as('insp_town1')).expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'regionId' })]);
      await t.http().get(`/api/inspector/rules?regionId=${w.villages.a.id}`).set(as('insp_town1')).expect(200);
    });
  });

  describe('PUT /api/inspector/rules/:ruleId/settings', () => {
    it('refuses unknown parameters and values out of range, naming params.<key>', async () => {
      const res = await put('insp_county', 'fake-threshold', {
        regionId: w.towns.one.id,
        enabled: true,
        params: { minFen: 0, share: 2, graceDays: 3 },
      }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        { field: 'params.minFen', reason: '必须在 1 到 1000000000 之间' },
        { field: 'params.share', reason: '必须在 0.1 到 1 之间' },
        { field: 'params.graceDays', reason: '不是该规则的参数' },
      ]);
      const notWhole = await put('insp_county', 'fake-threshold', {
        regionId: w.towns.one.id,
        enabled: true,
        params: { minFen: 1.5 },
      }).expect(400);
      expect(notWhole.body.details).toEqual([{ field: 'params.minFen', reason: '必须是整数' }]);
      const text = await put('insp_county', 'fake-threshold', { regionId: w.towns.one.id, enabled: true, params: { minFen: '5' } }).expect(
        400,
      );
      expect(text.body.details).toEqual([{ field: 'params.minFen', reason: '必须是数字' }]);
    });

    it('refuses a malformed body, naming the field', async () => {
      const res = await put('insp_county', 'fake-threshold', { regionId: 'x', enabled: 'yes', params: [1], extra: 1 }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['enabled', 'extra', 'params', 'regionId']);
      await put('insp_county', 'fake-threshold', { regionId: w.towns.one.id, enabled: true }).expect(400);
    });

    it('answers 404 for an unknown rule and for a region outside the inspector’s own', async () => {
      await put('insp_county', 'no-such-rule', { regionId: w.towns.one.id, enabled: true, params: {} }).expect(404);
      await put('insp_county', 'NOT_A_RULE_ID', { regionId: w.towns.one.id, enabled: true, params: {} }).expect(404);
      await put('insp_town1', 'fake-threshold', { regionId: w.towns.two.id, enabled: true, params: {} }).expect(404);
      await put('insp_town1', 'fake-threshold', { regionId: w.county.id, enabled: true, params: {} }).expect(404);
      await put('bk_a', 'fake-threshold', { regionId: w.villages.a.id, enabled: true, params: {} }).expect(403);
    });

    it('sets a region’s own values, which the regions below inherit and the nearest region overrides', async () => {
      const saved = await put('insp_county', 'fake-threshold', {
        regionId: w.county.id,
        enabled: true,
        params: { minFen: 200_000 },
      }).expect(200);
      expect(saved.body).toMatchObject({ id: 'fake-threshold', enabled: true, effectiveParams: { minFen: 200_000, share: 0.5 } });
      await put('insp_town1', 'fake-threshold', { regionId: w.towns.one.id, enabled: true, params: { share: 0.25 } }).expect(200);
      await put('insp_town1', 'fake-threshold', { regionId: w.villages.b.id, enabled: false, params: { minFen: 300_000 } }).expect(200);
      const of = async (username: string, regionId?: number) => (await rulesOf(username, regionId ? `?regionId=${regionId}` : ''))[0];
      expect(await of('insp_town1')).toMatchObject({ enabled: true, effectiveParams: { minFen: 200_000, share: 0.25 } });
      expect(await of('insp_town1', w.villages.a.id)).toMatchObject({ enabled: true, effectiveParams: { minFen: 200_000, share: 0.25 } });
      expect(await of('insp_town1', w.villages.b.id)).toMatchObject({ enabled: false, effectiveParams: { minFen: 300_000, share: 0.25 } });
      expect(await of('insp_county', w.villages.c.id)).toMatchObject({ enabled: true, effectiveParams: { minFen: 200_000, share: 0.5 } });
      // Saving again replaces the region's row: absent keys inherit once more.
      await put('insp_town1', 'fake-threshold', { regionId: w.towns.one.id, enabled: true, params: {} }).expect(200);
      expect(await of('insp_town1')).toMatchObject({ effectiveParams: { minFen: 200_000, share: 0.5 } });
      const rows: { region_id: number }[] = await t.dataSource.query(
        "SELECT region_id FROM rule_settings WHERE rule_id = 'fake-threshold' ORDER BY region_id",
      );
      expect(rows.map((r) => Number(r.region_id)).sort((a, b) => a - b)).toEqual(
        [w.county.id, w.towns.one.id, w.villages.b.id].sort((a, b) => a - b),
      );
      await t.dataSource.query('DELETE FROM rule_settings');
    });
  });

  describe('POST /api/inspector/rules/run', () => {
    it('runs every rule (or one) in full and answers each rule’s run', async () => {
      await publishEntry(t, w, { amountFen: 150_000 });
      await t.app.get(DomainEvents).idle();
      const all = await t.http().post('/api/inspector/rules/run').set(as('insp_town1')).send({}).expect(200);
      expect(all.body).toEqual([
        expect.objectContaining({ ruleId: 'fake-threshold', mode: 'manual', error: null }),
        expect.objectContaining({ ruleId: 'fake-yearly', mode: 'manual', findings: 0, created: 0, resolved: 0, error: null }),
      ]);
      expect(all.body[0].findings).toBe(1);
      expect(typeof all.body[0].durationMs).toBe('number');
      const one = await t.http().post('/api/inspector/rules/run').set(as('insp_county')).send({ ruleId: 'fake-yearly' }).expect(200);
      expect(one.body.map((r: { ruleId: string }) => r.ruleId)).toEqual(['fake-yearly']);
      await t.http().post('/api/inspector/rules/run').set(as('insp_county')).send({ ruleId: 'no-such-rule' }).expect(404);
      const bad = await t.http().post('/api/inspector/rules/run').set(as('insp_county')).send({ ruleId: 'Bad Id' }).expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'ruleId' })]);
      await t.http().post('/api/inspector/rules/run').set(as('ap_a')).send({}).expect(403);
    });

    it('shows the last run, open warnings and precision per region on the rules page', async () => {
      const a = (await rulesOf('insp_town1'))[0];
      expect(a).toMatchObject({
        openWarnings: 1,
        concluded: 0,
        precision: null,
        lastRun: expect.objectContaining({ ruleId: 'fake-threshold', mode: 'manual' }),
      });
      expect((await rulesOf('insp_county', `?regionId=${w.towns.two.id}`))[0]).toMatchObject({ openWarnings: 0 });
      // Conclusions of the warning cases give the rule's precision in each region.
      await publishEntry(t, w, { amountFen: 160_000 }, 'bk_c', 'ap_town2');
      await publishEntry(t, w, { amountFen: 170_000 }, 'bk_c', 'ap_town2');
      const county = await t.http().post('/api/inspector/rules/run').set(as('insp_county')).send({ ruleId: 'fake-threshold' }).expect(200);
      expect(county.body[0].findings).toBe(3);
      // A town office's run looks at its own villages only, and leaves the others' warnings alone.
      const town = await t.http().post('/api/inspector/rules/run').set(as('insp_town1')).send({ ruleId: 'fake-threshold' }).expect(200);
      expect(town.body[0]).toMatchObject({ findings: 1, created: 0, resolved: 0 });
      const cases: { id: number; village_id: number }[] = await t.dataSource.query(
        "SELECT id, village_id FROM reports WHERE category_code = 'rule:fake-threshold' ORDER BY id",
      );
      const inC = cases.filter((c) => Number(c.village_id) === w.villages.c.id).map((c) => Number(c.id));
      expect(inC).toHaveLength(2);
      await t.dataSource.query("UPDATE reports SET status = 'concluded', outcome = 'substantiated' WHERE id = ?", [inC[0]]);
      await t.dataSource.query("UPDATE reports SET status = 'closed', outcome = 'not_substantiated' WHERE id = ?", [inC[1]]);
      expect((await rulesOf('insp_county', `?regionId=${w.towns.two.id}`))[0]).toMatchObject({
        openWarnings: 1,
        concluded: 2,
        substantiated: 1,
        precision: 0.5,
      });
      expect((await rulesOf('insp_county'))[0]).toMatchObject({ openWarnings: 2, concluded: 2, substantiated: 1, precision: 0.5 });
      expect((await rulesOf('insp_town1'))[0]).toMatchObject({ openWarnings: 1, concluded: 0, precision: null });
    });
  });
});
