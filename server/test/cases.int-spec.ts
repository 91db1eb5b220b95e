import { Clock } from '../src/common/clock/clock';
import { UsersService } from '../src/modules/users/users.service';
import { ReportDigestJob } from '../src/modules/cases/digest.job';
import { JobClaims } from '../src/modules/cases/job-claims';
import { CasesRepository } from '../src/modules/cases/cases.repository';
import { Db } from '../src/database/db.service';
import { Report } from '../src/modules/reports/report.entity';
import { ReportCategory } from '../src/modules/reports/report-category.entity';
import { ReportFile } from '../src/modules/reports/report-file.entity';
import type { AuthUser } from '../src/common/auth/auth-user';
import { FixedClock, startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry } from './helpers/entries';
import { fillPath, nestRoutes } from './helpers/routes';
import { insertReport, insertReporterMessage, type ReportFixture } from './helpers/reports';

/** An instant written in China time. */
const cn = (local: string): Date => new Date(`${local}+08:00`);
const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };

interface OutboxRow {
  type: string;
  report_id: number | null;
  office_region_id: number | null;
  payload: string;
}

describe('the discipline office (inspector routes)', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    clock = t.app.get(Clock);
    Object.assign(tokens, w.tokens);
    Object.assign(ids, w.userIds);
    const extra = [
      { username: 'insp_town1b', displayName: '东山镇纪委二', regionId: w.towns.one.id },
      { username: 'insp_town2', displayName: '西河镇纪委', regionId: w.towns.two.id },
    ];
    for (const u of extra) {
      const created = await t.app.get(UsersService).create(ROOT, { username: u.username, password: TEST_PASSWORD, displayName: u.displayName, role: 'inspector', regionId: u.regionId });
      ids[u.username] = created.id;
      tokens[u.username] = (await t.http().post('/api/auth/login').send({ username: u.username, password: TEST_PASSWORD }).expect(200)).body.accessToken;
    }
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const get = (username: string, path: string) => t.http().get(`/api${path}`).set(as(username));
  const post = (username: string, path: string, body: object) => t.http().post(`/api${path}`).set(as(username)).send(body);
  const move = (username: string, id: number, body: object) => post(username, `/inspector/reports/${id}/transitions`, body);
  /** Sets the app's clock (FixedClock) until the end of the test. */
  const setNow = (at: Date): FixedClock => {
    const fixed = new FixedClock(at);
    jest.spyOn(clock, 'now').mockImplementation(() => fixed.now());
    return fixed;
  };
  const report = (f: Partial<ReportFixture> = {}) => insertReport(t, { villageId: w.villages.a.id, ...f });
  const inboxIds = async (username: string, query = ''): Promise<number[]> =>
    (await get(username, `/inspector/reports?limit=50${query}`).expect(200)).body.items.map((i: { id: number }) => i.id);
  const outbox = (reportId: number): Promise<OutboxRow[]> =>
    t.dataSource.query('SELECT type, report_id, office_region_id, payload FROM outbox_events WHERE report_id = ? ORDER BY id', [reportId]);
  const setEscalate = (code: string, escalate: boolean) => t.dataSource.manager.update(ReportCategory, { code }, { escalate });

  describe('routing and the regions supervision settings', () => {
    afterEach(async () => {
      for (const r of [w.county, w.towns.one])
        await t.http().patch(`/api/admin/regions/${r.id}`).set(as('admin')).send({ slaAcceptWorkingDays: null, slaConcludeDays: null, reportEscalateAmountFen: null }).expect(200);
      await setEscalate('misappropriation', false);
    });

    it('sends a report to the village town, an escalating category to the county', async () => {
      expect((await report()).officeRegionId).toBe(w.towns.one.id);
      expect((await report({ villageId: w.villages.c.id })).officeRegionId).toBe(w.towns.two.id);
      await setEscalate('misappropriation', true);
      expect((await report({ categoryCode: 'misappropriation' })).officeRegionId).toBe(w.county.id);
    });

    it('escalates a report about an entry at or above the nearest escalation amount', async () => {
      const entry = await publishEntry(t, w, { amountFen: 1_250_000 });
      const about = { subjectType: 'entry' as const, subjectId: entry.id as number };
      expect((await report(about)).officeRegionId).toBe(w.towns.one.id);
      const patched = await t.http().patch(`/api/admin/regions/${w.county.id}`).set(as('admin')).send({ reportEscalateAmountFen: 1_250_000 }).expect(200);
      expect(patched.body).toMatchObject({ reportEscalateAmountFen: 1_250_000, slaAcceptWorkingDays: null, slaConcludeDays: null });
      expect((await report(about)).officeRegionId).toBe(w.county.id);
      // The town's own, higher threshold is nearer to the village and wins.
      await t.http().patch(`/api/admin/regions/${w.towns.one.id}`).set(as('admin')).send({ reportEscalateAmountFen: 1_250_001 }).expect(200);
      expect((await report(about)).officeRegionId).toBe(w.towns.one.id);
    });

    it('takes the SLA from the nearest region on the office path, else the defaults', async () => {
      const at = cn('2026-03-02T10:00:00'); // a Monday
      const plain = await report({ at });
      expect(plain.acceptDueAt.toISOString()).toBe(cn('2026-03-09T23:59:59.999').toISOString());
      expect(plain.concludeDueAt.toISOString()).toBe(cn('2026-05-01T10:00:00').toISOString());
      await t.http().patch(`/api/admin/regions/${w.county.id}`).set(as('admin')).send({ slaAcceptWorkingDays: 3, slaConcludeDays: 30 }).expect(200);
      await t.http().patch(`/api/admin/regions/${w.towns.one.id}`).set(as('admin')).send({ slaConcludeDays: 20 }).expect(200);
      const set = await report({ at });
      expect(set.acceptDueAt.toISOString()).toBe(cn('2026-03-05T23:59:59.999').toISOString());
      expect(set.concludeDueAt.toISOString()).toBe(cn('2026-03-22T10:00:00').toISOString());
    });

    it('validates the settings: ranges, null to inherit, offices only for the SLA, admins only', async () => {
      const patch = (id: number, body: object, who = 'admin') => t.http().patch(`/api/admin/regions/${id}`).set(as(who)).send(body);
      for (const [body, field] of [
        [{ slaAcceptWorkingDays: 0 }, 'slaAcceptWorkingDays'],
        [{ slaAcceptWorkingDays: 61 }, 'slaAcceptWorkingDays'],
        [{ slaAcceptWorkingDays: '5' }, 'slaAcceptWorkingDays'],
        [{ slaConcludeDays: 366 }, 'slaConcludeDays'],
        [{ slaConcludeDays: 1.5 }, 'slaConcludeDays'],
        [{ reportEscalateAmountFen: 0 }, 'reportEscalateAmountFen'],
        [{ reportEscalateAmountFen: -5 }, 'reportEscalateAmountFen'],
      ] as const) {
        const res = await patch(w.county.id, body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      const village = await patch(w.villages.a.id, { slaConcludeDays: 10 }).expect(400);
      expect(village.body.details[0].field).toBe('slaConcludeDays');
      // A village may set its own escalation amount (it is read from the village's path).
      await patch(w.villages.a.id, { reportEscalateAmountFen: 100 }).expect(200);
      expect((await patch(w.villages.a.id, { reportEscalateAmountFen: null }).expect(200)).body.reportEscalateAmountFen).toBeNull();
      await patch(w.county.id, { slaAcceptWorkingDays: 60, slaConcludeDays: 365 }).expect(200);
      await patch(w.county.id, { slaAcceptWorkingDays: 3 }, 'insp_county').expect(403);
    });
  });

  describe('scope', () => {
    it('shows a town inspector the own town reports only; the county inspector sees both towns and the county', async () => {
      const inTownOne = await report();
      const inTownTwo = await report({ villageId: w.villages.c.id });
      await setEscalate('misappropriation', true);
      const county = await report({ categoryCode: 'misappropriation' });
      await setEscalate('misappropriation', false);
      expect(county.officeRegionId).toBe(w.county.id);

      const town1 = await inboxIds('insp_town1');
      expect(town1).toContain(inTownOne.id);
      expect(town1).not.toContain(inTownTwo.id);
      expect(town1).not.toContain(county.id);
      const town2 = await inboxIds('insp_town2');
      expect(town2).toContain(inTownTwo.id);
      expect(town2).not.toContain(inTownOne.id);
      const all = await inboxIds('insp_county');
      expect(all).toEqual(expect.arrayContaining([inTownOne.id, inTownTwo.id, county.id]));

      for (const id of [inTownTwo.id, county.id]) {
        await get('insp_town1', `/inspector/reports/${id}`).expect(404);
        await move('insp_town1', id, { action: 'accept' }).expect(404);
        await post('insp_town1', `/inspector/reports/${id}/messages`, { text: '你好' }).expect(404);
        await post('insp_town1', `/inspector/reports/${id}/reveal`, { reason: '核实举报细节需要' }).expect(404);
        await get('insp_town1', `/inspector/reports/${id}/reveals`).expect(404);
      }
      await get('insp_county', `/inspector/reports/${county.id}`).expect(200);
      await get('insp_town1', '/inspector/reports/999999').expect(404);
    });

    it('refuses every inspector route to every other role (403) and to anonymous callers (401), with no-store answers for inspectors', async () => {
      const r = await report();
      // The case routes; the dashboard, rules and watch lists have their own test files.
      const routes = nestRoutes(t.app).filter((x) => x.controller === 'CasesController');
      expect(routes.map((x) => x.key).sort()).toEqual(
        [
          'GET /api/inspector/colleagues',
          'GET /api/inspector/offices',
          'GET /api/inspector/report-digest',
          'GET /api/inspector/report-stats',
          'GET /api/inspector/reports',
          'GET /api/inspector/reports/:id',
          'GET /api/inspector/reports/:id/reveals',
          'DELETE /api/inspector/reports/:id/links/:caseId',
          'POST /api/inspector/reports/:id/assign',
          'POST /api/inspector/reports/:id/links',
          'POST /api/inspector/reports/:id/messages',
          'POST /api/inspector/reports/:id/reveal',
          'POST /api/inspector/reports/:id/transfer',
          'POST /api/inspector/reports/:id/transitions',
        ].sort(),
      );
      for (const route of routes) {
        const path = fillPath(route.path, { id: r.id, caseId: r.id });
        const call = (headers: Record<string, string>) => {
          const req = route.method === 'GET' ? t.http().get(path) : route.method === 'DELETE' ? t.http().delete(path) : t.http().post(path).send({});
          return req.set(headers);
        };
        for (const who of ['admin', 'bk_a', 'bk_b', 'bk_c', 'ap_a', 'ap_town1', 'ap_town2']) {
          const res = await call(as(who));
          expect({ route: route.key, who, status: res.status }).toEqual({ route: route.key, who, status: 403 });
          expect(JSON.stringify(res.body)).not.toContain(r.text);
        }
        expect((await call({})).status).toBe(401);
        if (route.method === 'GET') {
          const ok = await call(as('insp_town1'));
          expect(ok.status).toBe(200);
          expect(ok.headers['cache-control']).toBe('no-store');
        }
      }
      // Errors of inspector routes are not stored either.
      expect((await get('insp_town1', '/inspector/reports/999999').expect(404)).headers['cache-control']).toBe('no-store');
    });
  });

  describe('the lifecycle', () => {
    it('accepts, investigates, concludes with an outcome and amount, and closes with a reply to the reporter', async () => {
      const r = await report({ text: '村委会虚报冒领低保补助，涉及三户。' });
      let res = await move('insp_town1', r.id, { action: 'accept', note: '已登记' }).expect(200);
      expect(res.body).toMatchObject({ status: 'accepted', statusLabel: '已受理', allowedActions: ['investigate'] });
      res = await move('insp_town1', r.id, { action: 'investigate' }).expect(200);
      expect(res.body.allowedActions).toEqual(['conclude']);
      res = await move('insp_town1', r.id, { action: 'conclude', note: '经核查，情况属实，已追回。', outcome: 'substantiated', amountRecoveredFen: 360_000 }).expect(200);
      expect(res.body).toMatchObject({ status: 'concluded', outcome: 'substantiated', amountRecoveredFen: 360_000, allowedActions: ['require_rectification', 'close'] });
      res = await move('insp_town1', r.id, { action: 'close', note: '您反映的问题属实，已追回资金3600元，感谢监督。' }).expect(200);
      expect(res.body).toMatchObject({ status: 'closed', allowedActions: [] });
      expect(res.body.messages).toEqual([expect.objectContaining({ from: 'office', text: '您反映的问题属实，已追回资金3600元，感谢监督。', photos: [] })]);
      expect(res.body.events.map((e: { action: string; fromStatus: string | null; toStatus: string; actorName: string | null }) => [e.action, e.fromStatus, e.toStatus, e.actorName])).toEqual([
        ['submitted', null, 'submitted', null],
        ['accept', 'submitted', 'accepted', '东山镇纪委'],
        ['investigate', 'accepted', 'investigating', '东山镇纪委'],
        ['conclude', 'investigating', 'concluded', '东山镇纪委'],
        ['close', 'concluded', 'closed', '东山镇纪委'],
      ]);
      expect(res.body.events[1].note).toBe('已登记');
      expect(res.body.events[2].note).toBeNull();

      const row = (await t.dataSource.manager.findOne(Report, { where: { id: r.id } }))!;
      expect(row.acceptedAt).not.toBeNull();
      expect(row.concludedAt).not.toBeNull();
      expect(row.closedAt).not.toBeNull();

      const events = await outbox(r.id);
      expect(events.map((e) => e.type)).toEqual(['report.status_changed', 'report.status_changed', 'report.status_changed', 'report.status_changed', 'report.reply']);
      const conclusion = JSON.parse(events[2].payload);
      expect(conclusion).toMatchObject({
        type: 'report.status_changed',
        data: { reportId: r.id, villageId: w.villages.a.id, villageName: '上坂村', officeRegionId: w.towns.one.id, status: 'concluded', fromStatus: 'investigating', outcome: 'substantiated', amountRecoveredFen: 360_000 },
      });
      expect(events.every((e) => e.office_region_id === w.towns.one.id)).toBe(true);
      expect(JSON.parse(events[4].payload).data).toMatchObject({ text: '您反映的问题属实，已追回资金3600元，感谢监督。', status: 'closed' });

      // Closed: no more replies or moves.
      expect((await post('insp_town1', `/inspector/reports/${r.id}/messages`, { text: '补充' }).expect(409)).body.code).toBe('CASE_CLOSED');
      await move('insp_town1', r.id, { action: 'close', note: 'again' }).expect(400);
    });

    it('refuses invalid transitions with 400 naming the field', async () => {
      const r = await report();
      const field = async (body: object) => [...new Set((await move('insp_town1', r.id, body).expect(400)).body.details.map((d: { field: string }) => d.field))];
      expect(await field({ action: 'conclude', note: 'x', outcome: 'substantiated' })).toEqual(['action']);
      expect(await field({ action: 'close', note: 'x' })).toEqual(['action']);
      expect(await field({ action: 'decline' })).toEqual(['note']);
      expect(await field({ action: 'decline', note: '   ' })).toEqual(['note']);
      expect(await field({ action: 'accept', outcome: 'substantiated' })).toEqual(['outcome']);
      expect(await field({ action: 'accept', amountRecoveredFen: 100 })).toEqual(['amountRecoveredFen']);
      expect(await field({ action: 'fly' })).toEqual(['action']);
      expect(await field({ action: 'accept', note: 5 })).toEqual(['note']);
      expect(await field({ action: 'accept', extra: 1 })).toEqual(['extra']);
      await move('insp_town1', r.id, { action: 'accept' }).expect(200);
      await move('insp_town1', r.id, { action: 'investigate' }).expect(200);
      expect(await field({ action: 'conclude', note: '不属实' })).toEqual(['outcome']);
      expect(await field({ action: 'conclude', note: '不属实', outcome: 'maybe' })).toEqual(['outcome']);
      expect(await field({ action: 'conclude', note: '不属实', outcome: 'not_substantiated', amountRecoveredFen: -1 })).toEqual(['amountRecoveredFen']);
      const done = await move('insp_town1', r.id, { action: 'conclude', note: '不属实', outcome: 'not_substantiated' }).expect(200);
      expect(done.body.allowedActions).toEqual(['close']);
      expect(await field({ action: 'require_rectification', note: '整改' })).toEqual(['action']);
      // Nothing of the refused attempts reached the trail.
      expect((await get('insp_town1', `/inspector/reports/${r.id}`).expect(200)).body.events).toHaveLength(4);
    });

    it('declines with a reason and then closes', async () => {
      const r = await report();
      await move('insp_town1', r.id, { action: 'decline', note: '不属于纪检监察受理范围' }).expect(200);
      const closed = await move('insp_town1', r.id, { action: 'close', note: '已告知向信访部门反映' }).expect(200);
      expect(closed.body.status).toBe('closed');
    });

    it('lets exactly one of two concurrent transitions win; the other gets 409 CASE_CHANGED', async () => {
      for (let round = 0; round < 3; round++) {
        const r = await report();
        const answers = await Promise.all([
          move('insp_town1', r.id, { action: 'accept', expectedStatus: 'submitted' }),
          move('insp_town1b', r.id, { action: 'decline', note: '重复', expectedStatus: 'submitted' }),
        ]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        expect(answers.find((a) => a.status === 409)!.body.code).toBe('CASE_CHANGED');
        const detail = await get('insp_town1', `/inspector/reports/${r.id}`).expect(200);
        expect(detail.body.events.filter((e: { action: string }) => e.action !== 'submitted')).toHaveLength(1);
        expect(await outbox(r.id)).toHaveLength(1);
      }
      // Without the status it saw, a late client still cannot win twice: refused as changed, or
      // (when it read the new status) as not allowed from it.
      const r = await report();
      const answers = await Promise.all([1, 2, 3].map(() => move('insp_town1', r.id, { action: 'accept' })));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 200)) expect([409, 400]).toContain(a.status);
      expect((await get('insp_town1', `/inspector/reports/${r.id}`).expect(200)).body.events.filter((e: { action: string }) => e.action === 'accept')).toHaveLength(1);
      // The UPDATE itself is conditional: a change committed after the service read the case wins.
      const stale = await report();
      await move('insp_town1', stale.id, { action: 'accept' }).expect(200);
      jest.spyOn(t.app.get(CasesRepository), 'findReport').mockResolvedValueOnce(stale);
      expect((await move('insp_town1b', stale.id, { action: 'decline', note: '不予受理' }).expect(409)).body.code).toBe('CASE_CHANGED');
      expect((await get('insp_town1', `/inspector/reports/${stale.id}`).expect(200)).body.status).toBe('accepted');
      // A stale expected status alone is refused.
      expect((await move('insp_town1', r.id, { action: 'investigate', expectedStatus: 'submitted' }).expect(409)).body.code).toBe('CASE_CHANGED');
      await move('insp_town1', r.id, { action: 'investigate', expectedStatus: 'bogus' }).expect(400);
    });
  });

  describe('identity reveal', () => {
    const identity = { openid: 'o-test-openid-reveal-0001', name: '王秀英', phone: '13800138000' };

    it('needs a reason of 5 or more characters, opens the sealed identity and writes the audit row', async () => {
      const r = await report({ identity });
      for (const body of [{}, { reason: '' }, { reason: '看一下' }, { reason: '   看一下   ' }, { reason: 12345 }]) {
        const res = await post('insp_town1', `/inspector/reports/${r.id}/reveal`, body).expect(400);
        expect(res.body.details[0].field).toBe('reason');
      }
      expect(await t.dataSource.query('SELECT id FROM identity_reveals WHERE report_id = ?', [r.id])).toHaveLength(0);

      const res = await post('insp_town1', `/inspector/reports/${r.id}/reveal`, { reason: '需向举报人核实时间地点' }).expect(200);
      expect(res.body).toEqual({ ...identity, revealedAt: expect.any(String) });
      expect(res.headers['cache-control']).toBe('no-store');
      const rows = await t.dataSource.query('SELECT id, user_id, reason FROM identity_reveals WHERE report_id = ?', [r.id]);
      expect(rows).toEqual([{ id: expect.anything(), user_id: ids.insp_town1, reason: '需向举报人核实时间地点' }]);
      const log = await get('insp_county', `/inspector/reports/${r.id}/reveals`).expect(200);
      expect(log.body).toEqual([{ id: Number(rows[0].id), at: expect.any(String), inspectorName: '东山镇纪委', reason: '需向举报人核实时间地点' }]);
      const detail = await get('insp_town1', `/inspector/reports/${r.id}`).expect(200);
      expect(detail.body.events.at(-1)).toMatchObject({ action: 'revealed', actorName: '东山镇纪委', note: '需向举报人核实时间地点' });
      expect(detail.body.named).toBe(true);
      expect(JSON.stringify(detail.body)).not.toContain(identity.phone);
      expect(JSON.stringify(detail.body)).not.toContain(identity.openid);
      // A reveal is not a change of the report: nothing goes to the office's case system.
      expect(await outbox(r.id)).toHaveLength(0);

      // Inspectors outside the report's scope neither see it nor leave a row.
      await post('insp_town2', `/inspector/reports/${r.id}/reveal`, { reason: '需向举报人核实时间地点' }).expect(404);
      expect(await t.dataSource.query('SELECT id FROM identity_reveals WHERE report_id = ?', [r.id])).toHaveLength(1);
    });

    it('answers 409 ANONYMOUS_REPORT for an anonymous report', async () => {
      const r = await report();
      const res = await post('insp_town1', `/inspector/reports/${r.id}/reveal`, { reason: '需向举报人核实时间地点' }).expect(409);
      expect(res.body.code).toBe('ANONYMOUS_REPORT');
      expect(await t.dataSource.query('SELECT id FROM identity_reveals WHERE report_id = ?', [r.id])).toHaveLength(0);
    });

    it('keeps the audit log append-only for whoever connects to the database', async () => {
      const r = await report({ identity });
      await post('insp_county', `/inspector/reports/${r.id}/reveal`, { reason: '案件核查需要联系举报人' }).expect(200);
      const [row] = await t.dataSource.query('SELECT id FROM identity_reveals WHERE report_id = ?', [r.id]);
      await expect(t.dataSource.query('UPDATE identity_reveals SET reason = ? WHERE id = ?', ['改掉', row.id])).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query('DELETE FROM identity_reveals WHERE id = ?', [row.id])).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query('DELETE FROM identity_reveals')).rejects.toThrow(/append-only/);
      expect(await t.dataSource.query('SELECT reason FROM identity_reveals WHERE id = ?', [row.id])).toEqual([{ reason: '案件核查需要联系举报人' }]);
    });
  });

  describe('assignment, transfer and replies', () => {
    it('assigns to an inspector covering the report only, and filters by assignee', async () => {
      const r = await report({ text: '指派测试 ASG-1' });
      const assign = (who: string, assigneeId: unknown) => post(who, `/inspector/reports/${r.id}/assign`, { assigneeId });
      let res = await assign('insp_town1', ids.insp_town1b).expect(200);
      expect(res.body).toMatchObject({ assigneeId: ids.insp_town1b, assigneeName: '东山镇纪委二' });
      for (const bad of [ids.insp_town2, ids.bk_a, ids.admin, 999_999, 0, '5']) {
        const refused = await assign('insp_town1', bad).expect(400);
        expect(refused.body.details[0].field).toBe('assigneeId');
      }
      await post('insp_town1', `/inspector/reports/${r.id}/assign`, {}).expect(400);
      expect(await inboxIds('insp_town1b', '&assignee=me&q=ASG-1')).toEqual([r.id]);
      expect(await inboxIds('insp_town1', '&assignee=none&q=ASG-1')).toEqual([]);
      expect(await inboxIds('insp_county', `&assignee=${ids.insp_town1b}&q=ASG-1`)).toEqual([r.id]);
      res = await assign('insp_county', ids.insp_county).expect(200);
      expect(res.body.assigneeName).toBe('示范县纪委');
      res = await assign('insp_town1', null).expect(200);
      expect(res.body.assigneeId).toBeNull();
      expect(await inboxIds('insp_town1', '&assignee=none&q=ASG-1')).toEqual([r.id]);
      expect(res.body.events.filter((e: { action: string }) => e.action === 'assigned').map((e: { note: string; actorName: string }) => [e.note, e.actorName])).toEqual([
        ['指派给东山镇纪委二', '东山镇纪委'],
        ['指派给示范县纪委', '示范县纪委'],
        ['取消指派', '东山镇纪委'],
      ]);
    });

    it('lists colleagues in reach and transfer offices', async () => {
      const names = async (who: string) => (await get(who, '/inspector/colleagues').expect(200)).body.map((c: { displayName: string }) => c.displayName);
      expect(await names('insp_town1')).toEqual(['示范县纪委', '东山镇纪委', '东山镇纪委二']);
      expect(await names('insp_town2')).toEqual(['示范县纪委', '西河镇纪委']);
      expect(await names('insp_county')).toEqual(['示范县纪委', '东山镇纪委', '东山镇纪委二', '西河镇纪委']);
      const offices = async (who: string) => (await get(who, '/inspector/offices').expect(200)).body;
      expect(await offices('insp_town1')).toEqual([
        { id: w.county.id, name: '示范县', level: 'county' },
        { id: w.towns.one.id, name: '东山镇', level: 'town' },
      ]);
      expect((await offices('insp_county')).map((o: { id: number }) => o.id)).toEqual([w.county.id, w.towns.one.id, w.towns.two.id]);
    });

    it('transfers to the county with a reason, keeping the status and dues; the town no longer sees it', async () => {
      const r = await report({ text: '移交测试 TRF-1' });
      const dup = await report({ text: '移交测试 TRF-1', duplicateOfId: r.id });
      await move('insp_town1', r.id, { action: 'accept' }).expect(200);
      await post('insp_town1', `/inspector/reports/${r.id}/assign`, { assigneeId: ids.insp_town1b }).expect(200);
      const transfer = (who: string, body: object) => post(who, `/inspector/reports/${r.id}/transfer`, body);
      for (const [body, field] of [
        [{ officeRegionId: w.county.id }, 'reason'],
        [{ officeRegionId: w.county.id, reason: '  ' }, 'reason'],
        [{ officeRegionId: w.villages.a.id, reason: '涉及镇领导' }, 'officeRegionId'],
        [{ officeRegionId: w.towns.two.id, reason: '涉及镇领导' }, 'officeRegionId'],
        [{ officeRegionId: w.towns.one.id, reason: '涉及镇领导' }, 'officeRegionId'],
        [{ officeRegionId: 999_999, reason: '涉及镇领导' }, 'officeRegionId'],
      ] as const)
        expect((await transfer('insp_town1', body).expect(400)).body.details[0].field).toBe(field);

      const res = await transfer('insp_town1', { officeRegionId: w.county.id, reason: '涉及镇领导，移交县纪委' }).expect(200);
      expect(res.body).toMatchObject({ officeRegionId: w.county.id, officeName: '示范县', status: 'accepted', assigneeId: null });
      expect(res.body.events.at(-1)).toMatchObject({ action: 'transferred', note: '由东山镇移交示范县：涉及镇领导，移交县纪委', actorName: '东山镇纪委' });
      const row = (await t.dataSource.manager.findOne(Report, { where: { id: r.id } }))!;
      expect(row.acceptDueAt.toISOString()).toBe(r.acceptDueAt.toISOString());
      expect(row.concludeDueAt.toISOString()).toBe(r.concludeDueAt.toISOString());
      await get('insp_town1', `/inspector/reports/${r.id}`).expect(404);
      await get('insp_town1', `/inspector/reports/${dup.id}`).expect(404);
      expect((await get('insp_county', `/inspector/reports/${dup.id}`).expect(200)).body.officeRegionId).toBe(w.county.id);
      expect(await inboxIds('insp_town1', '&q=TRF-1')).toEqual([]);
      expect(await inboxIds('insp_county', '&q=TRF-1')).toEqual([r.id]);
      const transferred = (await outbox(r.id)).filter((e) => e.type === 'report.transferred');
      // Town → county: addressed to the town, whose endpoints and the county's both cover it.
      expect(transferred.map((e) => e.office_region_id)).toEqual([w.towns.one.id]);
      expect(JSON.parse(transferred[0].payload).data).toMatchObject({ officeRegionId: w.county.id, fromOfficeRegionId: w.towns.one.id, note: '涉及镇领导，移交县纪委' });

      // The county hands it to the other town: sideways from the first town's point of view.
      const back = await post('insp_county', `/inspector/reports/${r.id}/transfer`, { officeRegionId: w.towns.two.id, reason: '回避，交西河镇办理' }).expect(200);
      expect(back.body.officeName).toBe('西河镇');
      expect(await inboxIds('insp_town2', '&q=TRF-1')).toEqual([r.id]);
    });

    it('stores office replies, refuses empty ones, and writes report.reply', async () => {
      const r = await report();
      for (const body of [{}, { text: '' }, { text: '   ' }, { text: 'x'.repeat(2001) }])
        expect((await post('insp_town1', `/inspector/reports/${r.id}/messages`, body).expect(400)).body.details[0].field).toBe('text');
      const res = await post('insp_town1', `/inspector/reports/${r.id}/messages`, { text: ' 已收到，请补充具体时间。 ' }).expect(201);
      expect(res.body).toEqual({ id: expect.any(Number), from: 'office', text: '已收到，请补充具体时间。', at: expect.any(String), photos: [] });
      const detail = await get('insp_town1', `/inspector/reports/${r.id}`).expect(200);
      expect(detail.body.messages).toHaveLength(1);
      expect(detail.body.messageCount).toBe(1);
      expect((await outbox(r.id)).map((e) => e.type)).toEqual(['report.reply']);
    });
  });

  describe('the inbox', () => {
    it('filters by text (report and messages, LIKE escaped), village, category and status; pages by cursor; excludes duplicates', async () => {
      const base = cn('2026-04-01T09:00:00');
      setNow(cn('2026-04-01T17:00:00'));
      const at = (h: number) => new Date(base.getTime() + h * 3600_000);
      const r1 = await report({ text: 'INB-7 鱼塘承包费未入账', at: at(1) });
      const r2 = await report({ text: 'INB-7 优亲厚友分配宅基地', villageId: w.villages.b.id, categoryCode: 'favouritism', at: at(2) });
      const r3 = await report({ text: '道路硬化工程款去向不明', at: at(3) });
      await insertReporterMessage(t, r3.id, '补充：INB-7 工程队是村主任亲戚');
      const dup = await report({ text: 'INB-7 鱼塘承包费未入账', at: at(4), duplicateOfId: r1.id });
      // The duplicate's reporter follows up on their own report: the office reads it in the original's thread.
      await insertReporterMessage(t, dup.id, '重复举报人补充：INB-10 有收据照片');
      const pct = await report({ text: '低保完成率100%INB-8', at: at(5) });
      await report({ text: '低保完成率1000INB-8', at: at(6) });
      await report({ text: '账目AxB不清INB-9', at: at(7) });

      const found = await get('insp_town1', '/inspector/reports?q=INB-7').expect(200);
      expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([r3.id, r2.id, r1.id]);
      expect(found.body.total).toBe(3);
      const first = found.body.items.find((i: { id: number }) => i.id === r1.id);
      expect(first).toMatchObject({ villageName: '上坂村', townName: '东山镇', officeName: '东山镇', categoryLabel: '虚报冒领', duplicateCount: 1, named: false, overdue: null });
      expect(found.body.items.find((i: { id: number }) => i.id === r3.id).messageCount).toBe(1);
      expect(await inboxIds('insp_town1', '&q=INB-7')).not.toContain(dup.id);
      expect(first.messageCount).toBe(1);
      expect(await inboxIds('insp_town1', '&q=INB-10')).toEqual([r1.id]);

      expect(await inboxIds('insp_town1', `&q=${encodeURIComponent('率100%')}`)).toEqual([pct.id]);
      expect(await inboxIds('insp_town1', '&q=A_B')).toEqual([]);
      expect(await inboxIds('insp_town1', '&q=INB-7&categoryCode=favouritism')).toEqual([r2.id]);
      expect(await inboxIds('insp_town1', `&q=INB-7&villageId=${w.villages.a.id}`)).toEqual([r3.id, r1.id]);
      await move('insp_town1', r2.id, { action: 'accept' }).expect(200);
      expect(await inboxIds('insp_town1', '&q=INB-7&status=accepted')).toEqual([r2.id]);
      expect(await inboxIds('insp_town1', '&q=INB-7&status=submitted')).toEqual([r3.id, r1.id]);

      const page1 = await get('insp_town1', '/inspector/reports?q=INB-7&limit=2').expect(200);
      expect(page1.body.items.map((i: { id: number }) => i.id)).toEqual([r3.id, r2.id]);
      expect(page1.body.total).toBe(3);
      const page2 = await get('insp_town1', `/inspector/reports?q=INB-7&limit=2&cursor=${page1.body.nextCursor}`).expect(200);
      expect(page2.body).toMatchObject({ items: [expect.objectContaining({ id: r1.id })], nextCursor: null, total: 3 });

      // The original lists its duplicate; the duplicate follows the original's case.
      const original = await get('insp_town1', `/inspector/reports/${r1.id}`).expect(200);
      expect(original.body.messages).toEqual([expect.objectContaining({ from: 'reporter', text: '重复举报人补充：INB-10 有收据照片', photos: [] })]);
      expect(original.body.duplicates).toEqual([{ id: dup.id, createdAt: dup.createdAt.toISOString(), excerpt: 'INB-7 鱼塘承包费未入账' }]);
      const copy = await get('insp_town1', `/inspector/reports/${dup.id}`).expect(200);
      expect(copy.body).toMatchObject({ duplicateOfId: r1.id, allowedActions: [] });
      expect((await move('insp_town1', dup.id, { action: 'accept' }).expect(409)).body.code).toBe('DUPLICATE_REPORT');
    });

    it('refuses bad filters with 400 naming the field', async () => {
      for (const [query, field] of [
        ['status=bogus', 'status'],
        ['villageId=abc', 'villageId'],
        ['categoryCode=a%20b', 'categoryCode'],
        ['overdue=yes', 'overdue'],
        ['assignee=bob', 'assignee'],
        ['cursor=not-a-cursor', 'cursor'],
        ['limit=0', 'limit'],
        ['limit=51', 'limit'],
        ['sort=id', 'sort'],
      ]) {
        const res = await get('insp_town1', `/inspector/reports?${query}`).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('links the entry a report was filed from', async () => {
      const entry = await publishEntry(t, w, { amountFen: 120_000, direction: 'expense', subjectCode: '513', summary: '办公用品', occurredOn: '2025-03-05' });
      const r = await report({ subjectType: 'entry', subjectId: entry.id });
      const detail = await get('insp_town1', `/inspector/reports/${r.id}`).expect(200);
      expect(detail.body.subject).toEqual({ type: 'entry', id: entry.id, title: '2025-03-05 支出 1,200.00 元 办公用品', path: `/pages/entry/index?id=${entry.id}` });
      const about = await get('insp_town1', `/inspector/reports/${(await report()).id}`).expect(200);
      expect(about.body.subject).toEqual({ type: 'village', id: w.villages.a.id, title: '上坂村', path: null });
    });

    it('shows the report photos through short-lived signed URLs', async () => {
      const r = await report({ text: '带照片的举报 PHO-1' });
      const photo = (reportId: number | null, n: number) =>
        t.dataSource.manager.save(
          t.dataSource.manager.create(ReportFile, {
            token: `tok-${r.id}-${n}`,
            reportId,
            messageId: null,
            storageKey: `k-${r.id}-${n}.jpg`,
            mime: 'image/jpeg',
            sizeBytes: 10,
            sha256: '0'.repeat(64),
            expiresAt: reportId === null ? new Date(Date.now() + 3600_000) : null,
            createdAt: new Date(),
          }),
        );
      const bound = await photo(r.id, 1);
      await photo(null, 2); // an upload nobody bound
      const detail = await get('insp_town1', `/inspector/reports/${r.id}`).expect(200);
      expect(detail.body.photoCount).toBe(1);
      expect(detail.body.photos).toEqual([{ id: bound.id, mime: 'image/jpeg', url: expect.stringMatching(new RegExp(`^/api/report-files/${bound.id}\\?exp=\\d+&sig=[\\w-]+$`)) }]);
      expect((await get('insp_town1', '/inspector/reports?q=PHO-1').expect(200)).body.items[0].photoCount).toBe(1);
    });
  });

  describe('SLA, statistics and the digest', () => {
    it('flags a report submitted 6 working days ago as overdue to accept, and an accepted one late to conclude', async () => {
      const r = await report({ text: 'SLA-1 逾期测试', at: cn('2026-03-02T10:00:00') }); // Monday
      setNow(cn('2026-03-09T23:00:00')); // 5 working days later, still in time
      let items = (await get('insp_town1', '/inspector/reports?q=SLA-1').expect(200)).body.items;
      expect(items[0]).toMatchObject({ id: r.id, overdue: null, acceptDueAt: cn('2026-03-09T23:59:59.999').toISOString() });
      expect(await inboxIds('insp_town1', '&q=SLA-1&overdue=true')).toEqual([]);
      expect(await inboxIds('insp_town1', '&q=SLA-1&overdue=false')).toEqual([r.id]);

      setNow(cn('2026-03-10T10:00:00')); // 6 working days later
      items = (await get('insp_town1', '/inspector/reports?q=SLA-1').expect(200)).body.items;
      expect(items[0].overdue).toBe('accept');
      expect(await inboxIds('insp_town1', '&q=SLA-1&overdue=true')).toEqual([r.id]);
      expect(await inboxIds('insp_town1', '&q=SLA-1&overdue=false')).toEqual([]);
      const digest = (await get('insp_town1', '/inspector/report-digest').expect(200)).body;
      expect(digest).toEqual([
        {
          officeRegionId: w.towns.one.id,
          officeName: '东山镇',
          overdue: expect.arrayContaining([{ id: r.id, villageName: '上坂村', categoryLabel: '虚报冒领', status: 'submitted', overdue: 'accept', dueAt: cn('2026-03-09T23:59:59.999').toISOString() }]),
        },
      ]);
      expect((await get('insp_town2', '/inspector/report-digest').expect(200)).body).toEqual([]);

      await move('insp_town1', r.id, { action: 'accept' }).expect(200);
      expect((await get('insp_town1', '/inspector/reports?q=SLA-1').expect(200)).body.items[0].overdue).toBeNull();
      setNow(cn('2026-05-01T10:00:01')); // 60 days and a second after submission
      expect((await get('insp_town1', '/inspector/reports?q=SLA-1').expect(200)).body.items[0].overdue).toBe('conclude');
    });

    it('counts by status, category and village, and takes median days to accept and to conclude', async () => {
      const day = 86_400_000;
      const v = w.villages.c.id;
      const s1 = await report({ villageId: v, at: cn('2025-01-06T09:00:00') });
      const s2 = await report({ villageId: v, at: cn('2025-01-07T09:00:00'), categoryCode: 'favouritism' });
      const s3 = await report({ villageId: v, at: cn('2025-01-08T09:00:00') });
      await report({ villageId: v, at: cn('2025-01-09T09:00:00') });
      await report({ villageId: v, at: cn('2025-01-09T10:00:00'), duplicateOfId: s1.id });
      await report({ villageId: v, at: cn('2025-02-01T09:00:00') }); // after the period
      const step = async (r: Report, afterDays: number, body: object) => {
        setNow(new Date(r.createdAt.getTime() + afterDays * day));
        await move('insp_town2', r.id, body).expect(200);
      };
      await step(s1, 1, { action: 'accept' });
      await step(s1, 2, { action: 'investigate' });
      await step(s1, 10, { action: 'conclude', note: '属实', outcome: 'substantiated' });
      await step(s2, 3, { action: 'accept' });
      await step(s2, 4, { action: 'investigate' });
      await step(s2, 20, { action: 'conclude', note: '部分属实', outcome: 'partly_substantiated' });
      await step(s3, 2, { action: 'accept' });
      setNow(cn('2025-02-28T12:00:00'));

      const stats = (await get('insp_town2', '/inspector/report-stats?from=2025-01-01&to=2025-01-31').expect(200)).body;
      expect(stats).toMatchObject({ from: '2025-01-01', to: '2025-01-31', total: 4, overdue: 1, medianDaysToAccept: 2, medianDaysToConclude: 15 });
      const count = (status: string) => stats.byStatus.find((s: { status: string }) => s.status === status).count;
      expect([count('submitted'), count('accepted'), count('concluded'), count('closed')]).toEqual([1, 1, 2, 0]);
      expect(stats.byStatus).toHaveLength(8);
      expect(stats.byCategory).toEqual([
        { code: 'false_claims', label: '虚报冒领', count: 3 },
        { code: 'favouritism', label: '优亲厚友', count: 1 },
      ]);
      expect(stats.byVillage).toEqual([{ villageId: v, villageName: '河口村', count: 4 }]);
      expect((await get('insp_county', `/inspector/report-stats?from=2025-01-01&to=2025-01-31&villageId=${v}`).expect(200)).body.total).toBe(4);
      expect((await get('insp_town1', '/inspector/report-stats?from=2025-01-01&to=2025-01-31').expect(200)).body).toMatchObject({ total: 0, medianDaysToAccept: null, byVillage: [] });
      expect((await get('insp_town2', '/inspector/report-stats?from=2025-01-07&to=2025-01-07').expect(200)).body.total).toBe(1);

      expect((await get('insp_town2', '/inspector/report-stats?from=2025-02-01&to=2025-01-01').expect(400)).body.details[0].field).toBe('from');
      expect((await get('insp_town2', '/inspector/report-stats?from=2025-02-30').expect(400)).body.details[0].field).toBe('from');
      await get('insp_town2', `/inspector/report-stats?villageId=${w.towns.one.id}`).expect(404);
    });

    it('writes the daily digest once per office per day, from the digest hour on, whoever ticks', async () => {
      // Earlier than any other report of this file: only these three are overdue then.
      const at = cn('2024-06-03T09:00:00'); // Monday
      const a = await report({ at });
      const c = await report({ villageId: w.villages.c.id, at });
      await setEscalate('misappropriation', true);
      const county = await report({ categoryCode: 'misappropriation', at });
      await setEscalate('misappropriation', false);
      const job = t.app.get(ReportDigestJob);
      const digests = async (): Promise<{ office: number; data: { date: string; office: { id: number; name: string }; reports: { reportId: number }[] } }[]> =>
        (await t.dataSource.query("SELECT office_region_id, payload FROM outbox_events WHERE type = 'digest.daily' ORDER BY id")).map(
          (e: { office_region_id: number; payload: string }) => ({ office: Number(e.office_region_id), data: JSON.parse(e.payload).data }),
        );

      expect(t.config.reports.digestHour).toBe(8);
      expect(await job.tick(new FixedClock(cn('2024-06-20T07:59:59')))).toEqual({ ran: false, reason: 'before-hour' });
      expect(await digests()).toHaveLength(0);

      const run = await job.tick(new FixedClock(cn('2024-06-20T08:00:00')));
      expect(run).toEqual({ ran: true, period: '2024-06-20', offices: 3, reports: 3 });
      const written = await digests();
      expect(written.map((d) => d.office).sort((x, y) => x - y)).toEqual([w.county.id, w.towns.one.id, w.towns.two.id].sort((x, y) => x - y));
      const townOne = written.find((d) => d.office === w.towns.one.id)!.data;
      expect(townOne).toEqual({
        date: '2024-06-20',
        office: { id: w.towns.one.id, name: '东山镇' },
        reports: [{ reportId: a.id, village: '上坂村', category: '虚报冒领', status: 'submitted', overdue: 'accept', dueAt: cn('2024-06-10T23:59:59.999').toISOString() }],
      });
      expect(written.find((d) => d.office === w.towns.two.id)!.data.reports.map((r) => r.reportId)).toEqual([c.id]);
      expect(written.find((d) => d.office === w.county.id)!.data.reports.map((r) => r.reportId)).toEqual([county.id]);

      // Ticked again the same day (by this or another instance): nothing more.
      expect(await job.tick(new FixedClock(cn('2024-06-20T15:00:00')))).toEqual({ ran: false, reason: 'claimed' });
      expect(await digests()).toHaveLength(3);
      expect(await t.dataSource.query("SELECT period FROM job_runs WHERE name = 'report-digest'")).toEqual([{ period: '2024-06-20' }]);

      // The next day: two ticks at once, one run.
      const both = await Promise.all([job.tick(new FixedClock(cn('2024-06-21T08:30:00'))), job.tick(new FixedClock(cn('2024-06-21T08:30:00')))]);
      expect(both.filter((b) => b.ran)).toHaveLength(1);
      expect(await digests()).toHaveLength(6);
    });

    it('lets exactly one of several concurrent claims of a job run win (as two API instances would)', async () => {
      const claims = t.app.get(JobClaims);
      const won = await Promise.all([1, 2, 3].map(() => claims.claim('test-job', '2024-06-21')));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await claims.claim('test-job', '2024-06-21')).toBe(false);
      expect(await claims.claim('test-job', '2024-06-22')).toBe(true);
      // Inside a transaction that then fails, the claim goes with it.
      await expect(
        t.app.get(Db).transaction(async (em) => {
          expect(await claims.claim('test-job', '2024-06-23', em)).toBe(true);
          throw new Error('the job failed');
        }),
      ).rejects.toThrow('the job failed');
      expect(await claims.claim('test-job', '2024-06-23')).toBe(true);
    });
  });
});
