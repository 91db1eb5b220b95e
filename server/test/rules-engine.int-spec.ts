import type { RuleRunDto } from '@mingbai/shared';
import { Clock } from '../src/common/clock/clock';
import { DomainEvents } from '../src/common/events/domain-events';
import type { AuthUser } from '../src/common/auth/auth-user';
import { UsersService } from '../src/modules/users/users.service';
import { RulesEngine } from '../src/modules/rules/rules-engine.service';
import { RulesScheduler } from '../src/modules/rules/rules.scheduler';
import { CREATE_CHUNK } from '../src/modules/rules/rules-engine.service';
import { WarningsRepository } from '../src/modules/rules/warnings.repository';
import { RULES } from '../src/modules/rules/definitions';
import { SUPERVISION_RULES } from '../src/modules/rules/rules.tokens';
import type { Finding, RuleContext, SupervisionRule } from '../src/modules/rules/rule';
import { FixedClock, startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry } from './helpers/entries';

const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };
/** An instant written in China time. */
const cn = (local: string): Date => new Date(`${local}+08:00`);

interface WarningRow {
  id: number;
  rule_id: string;
  subject_type: string;
  subject_id: number;
  period: string;
  village_id: number;
  severity: string;
  state: string;
  summary: string;
  evidence: string;
  amount_fen: number | null;
  case_id: number;
  resolved_on: string | null;
}

interface CaseRow {
  id: number;
  kind: string;
  village_id: number;
  office_region_id: number;
  category_code: string;
  subject_type: string;
  subject_id: number;
  text: string;
  status: string;
  receipt_hash: string;
  channel: string;
  villager_id: number | null;
  identity_sealed: string | null;
}

/**
 * Fake rules over real data, steered by the test: published entries of at least `minFen` (one
 * warning per entry), leaving out `hidden` entries (their condition "cleared"), with `note` in the
 * summary (a changed finding); a town-level count of entries; and a rule that always fails.
 */
class Steering {
  hidden = new Set<number>();
  note = '';
  calls: { ruleId: string; params: Record<string, number>; scopeSql: string; scopeParams: unknown[] }[] = [];
}

function fakeRules(s: Steering): SupervisionRule[] {
  const record = (ruleId: string, ctx: RuleContext) =>
    s.calls.push({ ruleId, params: ctx.params, scopeSql: ctx.scope.sql('x'), scopeParams: ctx.scope.params });
  const bigEntries: SupervisionRule = {
    id: 'fake-big-entries',
    title: '大额账目（测试）',
    explanation: '测试用规则：金额不低于阈值的已公开账目。',
    severity: 'medium',
    params: [{ key: 'minFen', label: '金额阈值', kind: 'fen', defaultValue: 100_000, min: 1, max: 1_000_000_000 }],
    incremental: true,
    level: 'village',
    async detect(ctx) {
      record('fake-big-entries', ctx);
      const rows: { id: number; village_id: number; amount_fen: number | string }[] = await ctx.em.query(
        `SELECT id, village_id, amount_fen FROM entries WHERE status = 'published' AND amount_fen >= ? AND ${ctx.scope.sql('village_id')}`,
        [ctx.params.minFen, ...ctx.scope.params],
      );
      return rows
        .filter((r) => !s.hidden.has(Number(r.id)))
        .map((r): Finding => ({
          subjectType: 'entry',
          subjectId: Number(r.id),
          period: '',
          villageId: Number(r.village_id),
          amountFen: Number(r.amount_fen),
          summary: `账目金额${Number(r.amount_fen) / 100}元${s.note}`,
          evidence: [{ type: 'entry', id: Number(r.id), label: `entry ${r.id}` }],
          facts: { amountFen: Number(r.amount_fen), minFen: ctx.params.minFen },
        }));
    },
  };
  const townCount: SupervisionRule = {
    id: 'fake-town-count',
    title: '乡镇账目数（测试）',
    explanation: '测试用规则：乡镇全年账目笔数达到下限。',
    severity: 'low',
    params: [{ key: 'minCount', label: '笔数下限', kind: 'count', defaultValue: 1, min: 1, max: 100_000 }],
    incremental: false,
    level: 'town',
    async detect(ctx) {
      record('fake-town-count', ctx);
      const rows: { town_id: number; year: string; n: number | string }[] = await ctx.em.query(
        `SELECT v.parent_id AS town_id, ${ctx.dialect.year('e.occurred_on')} AS year, COUNT(*) AS n
           FROM entries e JOIN regions v ON v.id = e.village_id
          WHERE e.status = 'published' AND ${ctx.scope.sql('v.parent_id')}
          GROUP BY v.parent_id, ${ctx.dialect.year('e.occurred_on')}
         HAVING COUNT(*) >= ?`,
        [...ctx.scope.params, ctx.params.minCount],
      );
      return rows.map((r) => ({
        subjectType: 'town',
        subjectId: Number(r.town_id),
        period: String(r.year),
        villageId: Number(r.town_id),
        amountFen: null,
        summary: `全镇${r.year}年账目${Number(r.n)}笔`,
        evidence: [{ type: 'figure', id: null, label: `${Number(r.n)} entries` }],
        facts: { count: Number(r.n) },
      }));
    },
  };
  const broken: SupervisionRule = {
    id: 'fake-broken',
    title: '出错的规则（测试）',
    explanation: '测试用规则：总是出错。',
    severity: 'high',
    params: [],
    incremental: true,
    level: 'village',
    detect: () => Promise.reject(new Error('no such table: nowhere')),
  };
  return [bigEntries, townCount, broken];
}

describe('the rules engine', () => {
  let t: TestApp;
  let w: World;
  let engine: RulesEngine;
  let clock: Clock;
  const steer = new Steering();
  const tokens: Record<string, string> = {};
  const entries: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    engine = t.app.get(RulesEngine);
    clock = t.app.get(Clock);
    Object.assign(tokens, w.tokens);
    const created = await t.app.get(UsersService).create(ROOT, {
      username: 'insp_town2',
      password: TEST_PASSWORD,
      displayName: '西河镇纪委',
      role: 'inspector',
      regionId: w.towns.two.id,
    });
    expect(created.id).toBeGreaterThan(0);
    tokens.insp_town2 = (
      await t.http().post('/api/auth/login').send({ username: 'insp_town2', password: TEST_PASSWORD }).expect(200)
    ).body.accessToken;
    // Two big entries in village a, one in b, one in c, one small one in a (never found).
    entries.a1 = (await publishEntry(t, w, { amountFen: 200_000 })).id;
    entries.a2 = (await publishEntry(t, w, { amountFen: 300_000, occurredOn: '2025-03-06' })).id;
    entries.aSmall = (await publishEntry(t, w, { amountFen: 5_000 })).id;
    entries.b1 = (await publishEntry(t, w, { amountFen: 400_000 }, 'bk_b', 'ap_town1')).id;
    entries.c1 = (await publishEntry(t, w, { amountFen: 500_000 }, 'bk_c', 'ap_town2')).id;
    // Whatever the registry's rules made of these publications is cleared; from here on the
    // engine runs the fakes (its list comes from the SUPERVISION_RULES provider).
    await t.app.get(DomainEvents).idle();
    for (const table of ['report_events', 'reports', 'warnings', 'rule_runs']) await t.dataSource.query(`DELETE FROM ${table}`);
    (engine as { rules: readonly SupervisionRule[] }).rules = fakeRules(steer);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const warnings = (ruleId = 'fake-big-entries'): Promise<WarningRow[]> =>
    t.dataSource.query('SELECT * FROM warnings WHERE rule_id = ? ORDER BY subject_id, period', [ruleId]).then((rows: WarningRow[]) =>
      rows.map((r) => ({
        ...r,
        id: Number(r.id),
        subject_id: Number(r.subject_id),
        village_id: Number(r.village_id),
        case_id: Number(r.case_id),
        amount_fen: r.amount_fen === null ? null : Number(r.amount_fen),
      })),
    );
  const warningOf = async (entryId: number): Promise<WarningRow> => (await warnings()).find((x) => x.subject_id === entryId)!;
  const caseOf = async (caseId: number): Promise<CaseRow> => (await t.dataSource.query('SELECT * FROM reports WHERE id = ?', [caseId]))[0];
  const events = (caseId: number): Promise<{ action: string; from_status: string | null; to_status: string; actor_id: number | null }[]> =>
    t.dataSource.query('SELECT action, from_status, to_status, actor_id FROM report_events WHERE report_id = ? ORDER BY id', [caseId]);
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);
  const run = (rows: RuleRunDto[], ruleId: string): RuleRunDto => rows.find((r) => r.ruleId === ruleId)!;
  const setNow = (at: Date): void => {
    const fixed = new FixedClock(at);
    jest.spyOn(clock, 'now').mockImplementation(() => fixed.now());
  };
  const setting = (regionId: number, ruleId: string, body: { enabled: boolean; params: Record<string, number> }) =>
    t
      .http()
      .put(`/api/inspector/rules/${ruleId}/settings`)
      .set({ Authorization: `Bearer ${tokens.insp_county}` })
      .send({ regionId, ...body });

  it('is given the RULES registry by default', () => {
    expect(t.app.get(SUPERVISION_RULES)).toBe(RULES);
  });

  describe('a full run', () => {
    let first: RuleRunDto[];

    beforeAll(async () => {
      first = await engine.runFull('full');
    });

    it('finds each subject once, opens a case per warning and records each rule’s run', async () => {
      expect(run(first, 'fake-big-entries')).toMatchObject({ mode: 'full', findings: 4, created: 4, resolved: 0, error: null });
      const rows = await warnings();
      expect(rows.map((r) => r.subject_id)).toEqual([entries.a1, entries.a2, entries.b1, entries.c1]);
      const a1 = rows[0];
      expect(a1).toMatchObject({
        subject_type: 'entry',
        period: '',
        village_id: w.villages.a.id,
        severity: 'medium',
        state: 'open',
        amount_fen: 200_000,
        resolved_on: null,
      });
      expect(JSON.parse(a1.evidence)).toEqual({
        items: [{ type: 'entry', id: entries.a1, label: `entry ${entries.a1}` }],
        facts: { amountFen: 200_000, minFen: 100_000 },
      });
      const c = await caseOf(a1.case_id);
      expect(c).toMatchObject({
        kind: 'warning',
        village_id: w.villages.a.id,
        office_region_id: w.towns.one.id,
        category_code: 'rule:fake-big-entries',
        subject_type: 'entry',
        text: a1.summary,
        status: 'submitted',
        receipt_hash: `warning:${a1.id}`,
        channel: 'rule',
        villager_id: null,
        identity_sealed: null,
      });
      expect(Number(c.subject_id)).toBe(entries.a1);
      expect(await events(a1.case_id)).toEqual([{ action: 'submitted', from_status: null, to_status: 'submitted', actor_id: null }]);
      expect(Number((await caseOf(rows[3].case_id)).office_region_id)).toBe(w.towns.two.id);
      const runs: { rule_id: string; mode: string; village_id: number | null; findings: number }[] = await t.dataSource.query(
        'SELECT rule_id, mode, village_id, findings FROM rule_runs ORDER BY id',
      );
      expect(runs.map((r) => [r.rule_id, r.mode, r.village_id, Number(r.findings)])).toEqual([
        ['fake-big-entries', 'full', null, 4],
        ['fake-town-count', 'full', null, 2],
        ['fake-broken', 'full', null, 0],
      ]);
    });

    it('examines every village in one query while no region has settings of its own', () => {
      const calls = steer.calls.filter((c) => c.ruleId === 'fake-big-entries');
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ params: { minFen: 100_000 }, scopeSql: '1 = 1', scopeParams: [] });
    });

    it('records a failing rule’s error and still runs the others', async () => {
      expect(run(first, 'fake-broken')).toMatchObject({ findings: 0, created: 0, error: 'Error: no such table: nowhere' });
      expect(run(first, 'fake-town-count').error).toBeNull();
    });

    it('files a town-wide warning with the town office, as a case about the town', async () => {
      const rows = await warnings('fake-town-count');
      expect(rows.map((r) => [r.subject_type, r.subject_id, r.period, r.village_id])).toEqual([
        ['town', w.towns.one.id, '2025', w.towns.one.id],
        ['town', w.towns.two.id, '2025', w.towns.two.id],
      ]);
      const c = await caseOf(rows[0].case_id);
      expect(c).toMatchObject({ kind: 'warning', subject_type: 'village', category_code: 'rule:fake-town-count' });
      expect([Number(c.village_id), Number(c.office_region_id), Number(c.subject_id)]).toEqual([
        w.towns.one.id,
        w.towns.one.id,
        w.towns.one.id,
      ]);
    });

    it('creates no second warning or case when run again', async () => {
      const before = await count("SELECT COUNT(*) AS n FROM reports WHERE kind = 'warning'");
      const again = await engine.runFull('manual');
      expect(run(again, 'fake-big-entries')).toMatchObject({ mode: 'manual', findings: 4, created: 0, resolved: 0 });
      expect(await warnings()).toHaveLength(4);
      expect(await count("SELECT COUNT(*) AS n FROM reports WHERE kind = 'warning'")).toBe(before);
      expect(
        await count('SELECT COUNT(*) AS n FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.kind = ?', ['warning']),
      ).toBe(before);
    });

    it('shows the case in the inbox of the village’s town inspectors, and not to another town’s', async () => {
      const a1 = await warningOf(entries.a1);
      const inbox = async (username: string): Promise<number[]> =>
        (
          await t
            .http()
            .get('/api/inspector/reports?limit=50')
            .set({ Authorization: `Bearer ${tokens[username]}` })
            .expect(200)
        ).body.items.map((i: { id: number }) => i.id);
      expect(await inbox('insp_town1')).toContain(a1.case_id);
      expect(await inbox('insp_county')).toContain(a1.case_id);
      expect(await inbox('insp_town2')).not.toContain(a1.case_id);
      await t
        .http()
        .get(`/api/inspector/reports/${a1.case_id}`)
        .set({ Authorization: `Bearer ${tokens.insp_town2}` })
        .expect(404);
    });
  });

  describe('keeping warnings in step with their condition', () => {
    it('updates an open warning whose finding changed, without a new case', async () => {
      const before = await warningOf(entries.a2);
      steer.note = '（复核）';
      try {
        const rows = await engine.runFull('manual', 'fake-big-entries');
        expect(rows).toEqual([expect.objectContaining({ ruleId: 'fake-big-entries', created: 0, resolved: 0 })]);
      } finally {
        steer.note = '';
      }
      const after = await warningOf(entries.a2);
      expect(after.summary).toBe(`${before.summary}（复核）`);
      expect([after.id, after.case_id, after.state]).toEqual([before.id, before.case_id, 'open']);
      expect(await events(after.case_id)).toHaveLength(1);
    });

    it('resolves a warning whose condition cleared, with today’s China date and a case event', async () => {
      setNow(cn('2026-03-02T07:30:00'));
      steer.hidden.add(entries.a1);
      const rows = await engine.runFull('full', 'fake-big-entries');
      expect(rows[0]).toMatchObject({ findings: 3, created: 0, resolved: 1 });
      const a1 = await warningOf(entries.a1);
      expect(a1).toMatchObject({ state: 'resolved', resolved_on: '2026-03-02' });
      expect((await events(a1.case_id)).map((e) => [e.action, e.from_status, e.to_status, e.actor_id])).toEqual([
        ['submitted', null, 'submitted', null],
        ['condition_cleared', 'submitted', 'submitted', null],
      ]);
      // The case itself stays where the office left it.
      expect((await caseOf(a1.case_id)).status).toBe('submitted');
      // Resolved once: a second run records nothing more.
      expect((await engine.runFull('full', 'fake-big-entries'))[0]).toMatchObject({ resolved: 0 });
      expect(await events(a1.case_id)).toHaveLength(2);
    });

    it('reopens the same warning and case when the condition comes back', async () => {
      steer.hidden.delete(entries.a1);
      const rows = await engine.runFull('full', 'fake-big-entries');
      expect(rows[0]).toMatchObject({ findings: 4, created: 0, resolved: 0 });
      const a1 = await warningOf(entries.a1);
      expect(a1).toMatchObject({ state: 'open', resolved_on: null });
      expect((await events(a1.case_id)).map((e) => e.action)).toEqual(['submitted', 'condition_cleared', 'reopened']);
      expect(await count("SELECT COUNT(*) AS n FROM reports WHERE category_code = 'rule:fake-big-entries'")).toBe(4);
    });
  });

  describe('an incremental run', () => {
    it('runs after a publication, only the incremental rules and only for that village', async () => {
      const events$ = t.app.get(DomainEvents);
      // b's finding "clears", but an incremental run for a must not look at b.
      steer.hidden.add(entries.b1);
      try {
        const newEntry = (await publishEntry(t, w, { amountFen: 150_000, occurredOn: '2025-04-01' })).id;
        // The ledger tells of the publication itself; the event is sent here too, so the run is certain.
        await events$.idle();
        steer.calls = [];
        events$.emit({ type: 'entries.published', villageId: w.villages.a.id, entryIds: [newEntry] });
        await events$.idle();
        expect(steer.calls.map((c) => [c.ruleId, c.scopeSql, c.scopeParams])).toEqual([['fake-big-entries', 'x = ?', [w.villages.a.id]]]);
        const rows = await warnings();
        expect(rows.find((r) => r.subject_id === newEntry)).toMatchObject({ state: 'open', village_id: w.villages.a.id });
        expect((await warningOf(entries.b1)).state).toBe('open');
        const last: { rule_id: string; mode: string; village_id: number; error: string | null }[] = await t.dataSource.query(
          'SELECT rule_id, mode, village_id, error FROM rule_runs ORDER BY id DESC LIMIT 2',
        );
        // Only incremental village rules: the town-level rule waits for the daily run; the broken one failed again.
        expect(last.map((r) => [r.rule_id, r.mode, Number(r.village_id), r.error !== null])).toEqual([
          ['fake-broken', 'incremental', w.villages.a.id, true],
          ['fake-big-entries', 'incremental', w.villages.a.id, false],
        ]);
        const created = await count("SELECT SUM(created) AS n FROM rule_runs WHERE mode = 'incremental' AND rule_id = 'fake-big-entries'");
        expect(created).toBe(1);
      } finally {
        steer.hidden.delete(entries.b1);
      }
    });

    it('also runs after a contract change, and does nothing for a region that is not a village', async () => {
      steer.calls = [];
      const events$ = t.app.get(DomainEvents);
      events$.emit({ type: 'contracts.changed', villageId: w.villages.c.id, contractIds: [1] });
      events$.emit({ type: 'entries.published', villageId: w.towns.one.id, entryIds: [] });
      await events$.idle();
      expect(steer.calls.map((c) => c.scopeParams)).toEqual([[w.villages.c.id]]);
      expect(await engine.runVillage(999_999)).toEqual([]);
    });
  });

  describe('regions’ settings', () => {
    afterAll(async () => {
      await t.dataSource.query('DELETE FROM rule_settings');
      await engine.runFull('full');
    });

    it('give the villages below a region their own parameters, in a query of their own', async () => {
      await setting(w.towns.two.id, 'fake-big-entries', { enabled: true, params: { minFen: 600_000 } }).expect(200);
      steer.calls = [];
      const rows = await engine.runFull('full', 'fake-big-entries');
      expect(rows[0]).toMatchObject({ resolved: 1, error: null });
      const calls = steer.calls.map((c) => [c.params.minFen, c.scopeSql, c.scopeParams]);
      // Two villages keep the defaults, one (c, under town two) has its own: the smaller set is bound.
      expect(calls).toEqual([
        [100_000, 'x NOT IN (?)', [w.villages.c.id]],
        [600_000, 'x IN (?)', [w.villages.c.id]],
      ]);
      expect((await warningOf(entries.c1)).state).toBe('resolved');
      expect((await warningOf(entries.a1)).state).toBe('open');
      expect((await warningOf(entries.b1)).state).toBe('open');
    });

    it('a nearer region’s value wins over the county’s', async () => {
      await setting(w.county.id, 'fake-big-entries', { enabled: true, params: { minFen: 250_000 } }).expect(200);
      await setting(w.towns.two.id, 'fake-big-entries', { enabled: true, params: {} }).expect(200);
      await setting(w.villages.b.id, 'fake-big-entries', { enabled: true, params: { minFen: 100_000 } }).expect(200);
      steer.calls = [];
      await engine.runFull('full', 'fake-big-entries');
      const byMin = new Map(steer.calls.map((c) => [c.params.minFen, c.scopeParams]));
      expect(byMin.get(250_000)).toEqual([w.villages.b.id]); // NOT IN (b): a and c
      expect(byMin.get(100_000)).toEqual([w.villages.b.id]);
      expect((await warningOf(entries.a1)).state).toBe('resolved'); // 2,000 yuan < 2,500
      expect((await warningOf(entries.a2)).state).toBe('open');
      expect((await warningOf(entries.b1)).state).toBe('open');
      expect((await warningOf(entries.c1)).state).toBe('open'); // reopened: town two no longer sets 6,000
    });

    it('a switched-off rule does not run there, and leaves the warnings it found there as they are', async () => {
      await t.dataSource.query('DELETE FROM rule_settings');
      await setting(w.towns.one.id, 'fake-big-entries', { enabled: false, params: {} }).expect(200);
      steer.hidden.add(entries.a2);
      steer.calls = [];
      try {
        const rows = await engine.runFull('full', 'fake-big-entries');
        expect(rows[0]).toMatchObject({ resolved: 0 });
        expect(steer.calls.map((c) => [c.scopeSql, c.scopeParams])).toEqual([['x IN (?)', [w.villages.c.id]]]);
        expect((await warningOf(entries.a2)).state).toBe('open');
        // Nor does it run after a publication there.
        steer.calls = [];
        expect(await engine.runVillage(w.villages.a.id)).toEqual([expect.objectContaining({ ruleId: 'fake-broken' })]);
        expect(steer.calls).toEqual([]);
      } finally {
        steer.hidden.delete(entries.a2);
      }
    });
  });

  describe('the daily run', () => {
    it('starts at RULES_DAILY_HOUR China time, once a day across instances', async () => {
      const scheduler = t.app.get(RulesScheduler);
      setNow(cn('2026-03-03T01:59:00'));
      expect(await scheduler.tick()).toEqual({ ran: false, reason: 'before-hour' });
      setNow(cn('2026-03-03T02:00:00'));
      const ran = await scheduler.tick();
      expect(ran).toMatchObject({ ran: true, period: '2026-03-03' });
      expect(ran.ran && ran.runs.map((r) => [r.ruleId, r.mode])).toEqual([
        ['fake-big-entries', 'full'],
        ['fake-town-count', 'full'],
        ['fake-broken', 'full'],
      ]);
      expect(await scheduler.tick()).toEqual({ ran: false, reason: 'claimed' });
      setNow(cn('2026-03-04T09:00:00'));
      expect(await scheduler.tick()).toMatchObject({ ran: true, period: '2026-03-04' });
      expect(await count("SELECT COUNT(*) AS n FROM job_runs WHERE name = 'rules-daily'")).toBe(2);
    });

    it('gives the day back when the run fails as a whole', async () => {
      const scheduler = t.app.get(RulesScheduler);
      setNow(cn('2026-03-05T03:00:00'));
      jest.spyOn(engine, 'runFull').mockRejectedValueOnce(new Error('database gone'));
      await expect(scheduler.tick()).rejects.toThrow('database gone');
      expect(await count("SELECT COUNT(*) AS n FROM job_runs WHERE name = 'rules-daily' AND period = '2026-03-05'")).toBe(0);
      expect(await scheduler.tick()).toMatchObject({ ran: true, period: '2026-03-05' });
    });
  });

  it('skips warnings another instance created since it read them (unique key), and writes in chunks', async () => {
    const repo = t.app.get(WarningsRepository);
    // As if another instance inserted the open warnings after this one read the stored ones.
    jest.spyOn(repo, 'stored').mockResolvedValueOnce([]);
    const before = await warnings();
    const rows = await engine.runFull('manual', 'fake-big-entries');
    expect(rows[0]).toMatchObject({ created: 0, error: null });
    expect(await warnings()).toEqual(before);

    const saved = engine.rules;
    const many: SupervisionRule = {
      ...saved[0],
      id: 'fake-many',
      detect: async () =>
        Array.from({ length: CREATE_CHUNK * 2 + 7 }, (_, i) => ({
          subjectType: 'asset' as const,
          subjectId: i + 1,
          period: '2025',
          villageId: i % 2 ? w.villages.a.id : w.villages.c.id,
          amountFen: i,
          summary: `资产${i + 1}`,
          evidence: [],
          facts: {},
        })),
    };
    (engine as { rules: readonly SupervisionRule[] }).rules = [many];
    try {
      expect((await engine.runFull('full'))[0]).toMatchObject({
        findings: CREATE_CHUNK * 2 + 7,
        created: CREATE_CHUNK * 2 + 7,
        error: null,
      });
      const made: { subject_id: number; case_id: number; receipt_hash: string; office: number }[] = await t.dataSource.query(
        "SELECT w.subject_id, w.case_id, r.receipt_hash, r.office_region_id AS office FROM warnings w JOIN reports r ON r.id = w.case_id WHERE w.rule_id = 'fake-many' ORDER BY w.subject_id",
      );
      expect(made).toHaveLength(CREATE_CHUNK * 2 + 7);
      expect(new Set(made.map((m) => Number(m.case_id))).size).toBe(made.length);
      expect(made.map((m) => Number(m.office))).toEqual(made.map((_, i) => (i % 2 ? w.towns.one.id : w.towns.two.id)));
      expect((await engine.runFull('full'))[0]).toMatchObject({ created: 0, resolved: 0 });
    } finally {
      (engine as { rules: readonly SupervisionRule[] }).rules = saved;
    }
  });

  it('serialises runs: a manual run asked for during another waits for it', async () => {
    const order: string[] = [];
    const [a, b] = await Promise.all([
      engine.runFull('manual', 'fake-big-entries').then((r) => (order.push('first'), r)),
      engine.runVillage(w.villages.a.id).then((r) => (order.push('second'), r)),
    ]);
    expect(order).toEqual(['first', 'second']);
    expect(a[0].ruleId).toBe('fake-big-entries');
    expect(b.map((r) => r.mode)).toEqual(['incremental', 'incremental']);
  });

  it('runs the registry’s rules through the engine on this database, none failing', async () => {
    const saved = engine.rules;
    (engine as { rules: readonly SupervisionRule[] }).rules = RULES;
    try {
      const rows = await engine.runFull('manual');
      expect(rows.map((r) => r.ruleId)).toEqual(RULES.map((r) => r.id));
      expect(rows.filter((r) => r.error !== null)).toEqual([]);
      expect(await engine.runFull('manual')).toEqual(
        rows.map((r) => expect.objectContaining({ ruleId: r.ruleId, findings: r.findings, created: 0, resolved: 0 })),
      );
    } finally {
      (engine as { rules: readonly SupervisionRule[] }).rules = saved;
    }
  });

  it('loads the statutory holidays 2024–2026 at start-up', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM holidays')).toBe(28 + 28 + 33);
    const days: { day: string; name: string }[] = await t.dataSource.query(
      "SELECT day, name FROM holidays WHERE day >= '2025-01-28' AND day <= '2025-02-04' ORDER BY day",
    );
    expect(days).toHaveLength(8);
    expect(days.every((d) => d.name === '春节')).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM holidays WHERE day = '2025-10-08'")).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM holidays WHERE day = '2025-09-28'")).toBe(0); // a make-up working day
  });
});
