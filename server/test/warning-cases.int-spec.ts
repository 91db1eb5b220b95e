import { JwtService } from '@nestjs/jwt';
import { ASSET_KIND_LABELS } from '@mingbai/shared';
import { UsersService } from '../src/modules/users/users.service';
import { ReportCategory } from '../src/modules/reports/report-category.entity';
import { RULES } from '../src/modules/rules/definitions';
import { RulesEngine } from '../src/modules/rules/rules-engine.service';
import { Clock } from '../src/common/clock/clock';
import type { AuthUser } from '../src/common/auth/auth-user';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry } from './helpers/entries';
import { insertReport, type ReportFixture } from './helpers/reports';
import { insertApprovedAsset, insertApprovedContract, insertWarning, type WarningFixture } from './helpers/warnings';

const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };
const title = (ruleId: string): string => RULES.find((r) => r.id === ruleId)?.title ?? ruleId;
/** An instant written in China time. */
const cn = (local: string): Date => new Date(`${local}+08:00`);

interface OutboxRow {
  type: string;
  payload: string;
}

describe('warnings in the discipline office: inbox, detail, lifecycle and links', () => {
  let t: TestApp;
  let w: World;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // Warnings here are written by the fixture; the engine must not add its own after publications.
    t = await startTestApp({ RULES_INCREMENTAL: 'false' });
    w = await buildWorld(t);
    Object.assign(tokens, w.tokens);
    const created = await t.app
      .get(UsersService)
      .create(ROOT, {
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
  });
  afterAll(() => t.close());

  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const get = (username: string, path: string) => t.http().get(`/api${path}`).set(as(username));
  const post = (username: string, path: string, body: object) => t.http().post(`/api${path}`).set(as(username)).send(body);
  const del = (username: string, path: string) => t.http().delete(`/api${path}`).set(as(username));
  const move = (username: string, id: number, body: object) => post(username, `/inspector/reports/${id}/transitions`, body);
  const report = (f: Partial<ReportFixture> = {}) => insertReport(t, { villageId: w.villages.a.id, ...f });
  const warning = (f: Partial<WarningFixture> = {}) => insertWarning(t, { ruleId: 'split-payments', villageId: w.villages.a.id, ...f });
  const inboxIds = async (username: string, query = ''): Promise<number[]> =>
    (await get(username, `/inspector/reports?limit=50${query}`).expect(200)).body.items.map((i: { id: number }) => i.id);
  const linkIds = async (username: string, id: number): Promise<number[]> =>
    (await get(username, `/inspector/reports/${id}`).expect(200)).body.links.map((l: { caseId: number }) => l.caseId);
  const outbox = (reportId: number): Promise<OutboxRow[]> =>
    t.dataSource.query('SELECT type, payload FROM outbox_events WHERE report_id = ? ORDER BY id', [reportId]);

  describe('the inbox', () => {
    it('lists warnings beside reports and filters by kind, rule and warning state', async () => {
      const base = cn('2025-06-02T09:00:00');
      const at = (h: number) => new Date(base.getTime() + h * 3600_000);
      const r = await report({ text: 'WRN-1 村里的鱼塘承包费没有入账。', at: at(1) });
      const split = await warning({ summary: 'WRN-1 向张*三连续支付 2 笔共 9,998.00 元', amountFen: 999_800, at: at(2) });
      const cash = await warning({
        ruleId: 'large-cash',
        severity: 'medium',
        state: 'resolved',
        summary: 'WRN-1 现金支付 3,000.00 元',
        at: at(3),
      });

      expect(await inboxIds('insp_town1', '&q=WRN-1')).toEqual([cash.report.id, split.report.id, r.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&kind=warning')).toEqual([cash.report.id, split.report.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&kind=report')).toEqual([r.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&ruleId=split-payments')).toEqual([split.report.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&warningState=resolved')).toEqual([cash.report.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&warningState=open')).toEqual([split.report.id]);
      expect(await inboxIds('insp_town1', '&q=WRN-1&kind=report&ruleId=split-payments')).toEqual([]);

      const page = (await get('insp_town1', '/inspector/reports?q=WRN-1&limit=50').expect(200)).body;
      expect(page.total).toBe(3);
      const item = page.items.find((i: { id: number }) => i.id === split.report.id);
      expect(item).toMatchObject({
        kind: 'warning',
        severity: 'high',
        warningState: 'open',
        categoryCode: 'rule:split-payments',
        categoryLabel: title('split-payments'),
        excerpt: 'WRN-1 向张*三连续支付 2 笔共 9,998.00 元',
        villageName: '上坂村',
        townName: '东山镇',
        officeName: '东山镇',
        status: 'submitted',
        photoCount: 0,
        messageCount: 0,
        duplicateCount: 0,
        named: false,
        overdue: expect.anything(),
      });
      expect(page.items.find((i: { id: number }) => i.id === cash.report.id)).toMatchObject({
        severity: 'medium',
        warningState: 'resolved',
        categoryLabel: title('large-cash'),
      });
      expect(page.items.find((i: { id: number }) => i.id === r.id)).toMatchObject({
        kind: 'report',
        severity: null,
        warningState: null,
        categoryLabel: '虚报冒领',
      });
    });

    it('refuses bad warning filters with 400 naming the field', async () => {
      for (const [query, field] of [
        ['kind=complaint', 'kind'],
        ['ruleId=Split_Payments', 'ruleId'],
        ['ruleId=x'.padEnd(40, 'x'), 'ruleId'],
        ['warningState=maybe', 'warningState'],
        ['ruleId=split-payments&categoryCode=false_claims', 'ruleId'],
      ]) {
        const res = await get('insp_town1', `/inspector/reports?${query}`).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
    });

    it('shows a warning only to inspectors whose scope covers its village', async () => {
      const inC = await warning({ villageId: w.villages.c.id, summary: 'WRN-2 河口村的预警' });
      const townWide = await warning({
        ruleId: 'benford',
        villageId: w.towns.one.id,
        subjectType: 'town',
        period: '2025',
        severity: 'low',
        summary: 'WRN-2 东山镇首位数字分布异常',
      });
      expect(await inboxIds('insp_town1', '&q=WRN-2')).toEqual([townWide.report.id]);
      expect(await inboxIds('insp_town2', '&q=WRN-2')).toEqual([inC.report.id]);
      expect((await inboxIds('insp_county', '&q=WRN-2')).sort()).toEqual([inC.report.id, townWide.report.id].sort());
      await get('insp_town1', `/inspector/reports/${inC.report.id}`).expect(404);
      await move('insp_town1', inC.report.id, { action: 'accept' }).expect(404);
      await post('insp_town1', `/inspector/reports/${inC.report.id}/links`, { caseId: townWide.report.id }).expect(404);
      await get('insp_town2', `/inspector/reports/${townWide.report.id}`).expect(404);
      const item = (await get('insp_town1', '/inspector/reports?q=WRN-2').expect(200)).body.items[0];
      expect(item).toMatchObject({ villageName: '东山镇', townName: '东山镇', officeName: '东山镇', severity: 'low' });
      const detail = (await get('insp_county', `/inspector/reports/${townWide.report.id}`).expect(200)).body;
      expect(detail.subject).toEqual({ type: 'village', id: w.towns.one.id, title: '东山镇', path: null });
      expect(detail.warning).toMatchObject({ subjectType: 'town', subjectId: w.towns.one.id, period: '2025', villageName: '东山镇' });
    });
  });

  describe('the detail', () => {
    it('shows the finding with its evidence (app paths), the rule, and a contract or asset subject', async () => {
      const entry = await publishEntry(t, w, {
        direction: 'expense',
        subjectCode: '513',
        amountFen: 300_000,
        summary: '购买办公桌椅',
        occurredOn: '2025-04-01',
      });
      const asset = await insertApprovedAsset(t, w.villages.a.id, { name: '东湾鱼塘', code: 'ZC-DW' });
      const contract = await insertApprovedContract(t, w.villages.a.id, { code: 'HT-DW-01', assetId: asset.id });
      const found = await warning({
        ruleId: 'rent-arrears',
        subjectType: 'contract',
        subjectId: contract.id,
        period: '2025-03-31',
        summary: '合同 HT-DW-01 第 2 期租金 12,000.00 元逾期 90 天未收',
        amountFen: 1_200_000,
        evidence: [
          { type: 'contract', id: contract.id, label: '租赁合同 HT-DW-01 李*有' },
          { type: 'installment', id: 7, label: '第 2 期 2025-03-31 应收 12,000.00 元' },
          { type: 'asset', id: asset.id, label: '鱼塘 东湾鱼塘' },
          { type: 'entry', id: entry.id, label: '2025-04-01 支出 3,000.00 元' },
          { type: 'figure', id: null, label: '逾期 90 天' },
        ],
        facts: { daysOverdue: 90, outstandingFen: 1_200_000, note: null },
        at: cn('2025-06-29T02:00:00'),
      });
      const res = await get('insp_town1', `/inspector/reports/${found.report.id}`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const d = res.body;
      expect(d).toMatchObject({
        kind: 'warning',
        severity: 'high',
        warningState: 'open',
        categoryLabel: title('rent-arrears'),
        text: found.warning.summary,
        photos: [],
        messages: [],
        notifiable: false,
      });
      expect(d.allowedActions).toEqual(['accept', 'decline']);
      expect(d.subject).toEqual({
        type: 'contract',
        id: contract.id,
        title: '租赁合同 HT-DW-01 李*有',
        path: `/packages/village/pages/contract/index?id=${contract.id}`,
      });
      expect(d.warning).toEqual({
        id: found.warning.id,
        ruleId: 'rent-arrears',
        ruleTitle: title('rent-arrears'),
        severity: 'high',
        subjectType: 'contract',
        subjectId: contract.id,
        period: '2025-03-31',
        villageId: w.villages.a.id,
        villageName: '上坂村',
        state: 'open',
        summary: '合同 HT-DW-01 第 2 期租金 12,000.00 元逾期 90 天未收',
        amountFen: 1_200_000,
        evidence: [
          {
            type: 'contract',
            id: contract.id,
            label: '租赁合同 HT-DW-01 李*有',
            path: `/packages/village/pages/contract/index?id=${contract.id}`,
          },
          { type: 'installment', id: 7, label: '第 2 期 2025-03-31 应收 12,000.00 元', path: null },
          { type: 'asset', id: asset.id, label: '鱼塘 东湾鱼塘', path: `/packages/village/pages/asset/index?id=${asset.id}` },
          { type: 'entry', id: entry.id, label: '2025-04-01 支出 3,000.00 元', path: `/pages/entry/index?id=${entry.id}` },
          { type: 'figure', id: null, label: '逾期 90 天', path: null },
        ],
        facts: { daysOverdue: 90, outstandingFen: 1_200_000, note: null },
        detectedAt: cn('2025-06-29T02:00:00').toISOString(),
        resolvedOn: null,
        caseId: found.report.id,
      });

      // Reports show their contract or asset too; a register still in draft has no public page.
      const aboutAsset = await report({ subjectType: 'asset', subjectId: asset.id });
      expect((await get('insp_town1', `/inspector/reports/${aboutAsset.id}`).expect(200)).body.subject).toEqual({
        type: 'asset',
        id: asset.id,
        title: `${ASSET_KIND_LABELS.pond} 东湾鱼塘（ZC-DW）`,
        path: `/packages/village/pages/asset/index?id=${asset.id}`,
      });
      const draft = await insertApprovedContract(t, w.villages.a.id, {
        code: 'HT-DRAFT',
        kind: 'contracting',
        counterpartyDisplay: '某合作社',
        status: 'draft',
      });
      const aboutDraft = await report({ subjectType: 'contract', subjectId: draft.id });
      expect((await get('insp_town1', `/inspector/reports/${aboutDraft.id}`).expect(200)).body.subject).toEqual({
        type: 'contract',
        id: draft.id,
        title: '发包合同 HT-DRAFT 某合作社',
        path: null,
      });
      const elsewhere = await insertApprovedContract(t, w.villages.b.id);
      const wrongVillage = await report({ subjectType: 'contract', subjectId: elsewhere.id });
      expect((await get('insp_town1', `/inspector/reports/${wrongVillage.id}`).expect(200)).body.subject).toMatchObject({
        type: 'contract',
        path: null,
        title: expect.stringContaining('未找到'),
      });
      // Reports carry no finding.
      expect((await get('insp_town1', `/inspector/reports/${aboutAsset.id}`).expect(200)).body.warning).toBeNull();
    });
  });

  describe('the lifecycle', () => {
    it('takes a warning from submitted to closed, with the amount recovered and the evidence of rectification', async () => {
      const found = await warning({ ruleId: 'rent-arrears', summary: '合同租金 5,120.00 元逾期未收', amountFen: 512_000 });
      const id = found.report.id;
      let res = await move('insp_town1', id, { action: 'accept', note: '已登记核查' }).expect(200);
      expect(res.body).toMatchObject({ status: 'accepted', allowedActions: ['investigate'] });
      await move('insp_town1', id, { action: 'investigate' }).expect(200);
      res = await move('insp_town1', id, {
        action: 'conclude',
        note: '租金确未收取，责令追缴。',
        outcome: 'substantiated',
        amountRecoveredFen: 512_000,
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'concluded',
        outcome: 'substantiated',
        amountRecoveredFen: 512_000,
        allowedActions: ['require_rectification', 'close'],
      });
      await move('insp_town1', id, { action: 'require_rectification' }).expect(400);
      res = await move('insp_town1', id, { action: 'require_rectification', note: '限期一个月内收回欠租并建立催收台账' }).expect(200);
      expect(res.body.status).toBe('rectifying');
      res = await move('insp_town1', id, { action: 'confirm_rectified', note: '已收回欠租，收据见 2025 年第 88 号凭证' }).expect(200);
      expect(res.body).toMatchObject({ status: 'rectified', allowedActions: ['close'] });
      res = await move('insp_town1', id, { action: 'close', note: '整改到位，结案' }).expect(200);
      expect(res.body).toMatchObject({ status: 'closed', allowedActions: [], outcome: 'substantiated', amountRecoveredFen: 512_000 });
      // No reporter: the closing note stays in the trail and is not a message.
      expect(res.body.messages).toEqual([]);
      expect(res.body.events.map((e: { action: string; toStatus: string; note: string | null }) => [e.action, e.toStatus, e.note])).toEqual(
        [
          ['submitted', 'submitted', null],
          ['accept', 'accepted', '已登记核查'],
          ['investigate', 'investigating', null],
          ['conclude', 'concluded', '租金确未收取，责令追缴。'],
          ['require_rectification', 'rectifying', '限期一个月内收回欠租并建立催收台账'],
          ['confirm_rectified', 'rectified', '已收回欠租，收据见 2025 年第 88 号凭证'],
          ['close', 'closed', '整改到位，结案'],
        ],
      );
      const events = await outbox(id);
      expect(events.map((e) => e.type)).toEqual(Array(6).fill('report.status_changed'));
      expect(JSON.parse(events[2].payload).data).toMatchObject({
        reportId: id,
        kind: 'warning',
        categoryCode: 'rule:rent-arrears',
        status: 'concluded',
        amountRecoveredFen: 512_000,
      });
      // The warning's finding itself is unchanged by the handling of its case.
      expect((await get('insp_town1', `/inspector/reports/${id}`).expect(200)).body.warning).toMatchObject({ state: 'open', caseId: id });
    });

    it('needs the reason when a warning is not substantiated, and then only closes', async () => {
      const found = await warning({ ruleId: 'round-amounts', severity: 'low', subjectType: 'village', period: '2025' });
      const id = found.report.id;
      await move('insp_town1', id, { action: 'accept' }).expect(200);
      await move('insp_town1', id, { action: 'investigate' }).expect(200);
      for (const note of [undefined, '', '   ']) {
        const res = await move('insp_town1', id, {
          action: 'conclude',
          outcome: 'not_substantiated',
          ...(note === undefined ? {} : { note }),
        }).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['note']);
      }
      const res = await move('insp_town1', id, {
        action: 'conclude',
        outcome: 'not_substantiated',
        note: '整数金额均为统一标准的补贴，属正常',
      }).expect(200);
      expect(res.body).toMatchObject({ outcome: 'not_substantiated', allowedActions: ['close'] });
      expect(res.body.events.at(-1)).toMatchObject({ action: 'conclude', note: '整数金额均为统一标准的补贴，属正常' });
      await move('insp_town1', id, { action: 'require_rectification', note: '整改' }).expect(400);
    });

    it('has no reporter to answer or reveal (409), while assignment and transfer work as for reports', async () => {
      const found = await warning();
      const id = found.report.id;
      const reply = await post('insp_town1', `/inspector/reports/${id}/messages`, { text: '已收到' }).expect(409);
      expect(reply.body.code).toBe('WARNING_HAS_NO_REPORTER');
      const reveal = await post('insp_town1', `/inspector/reports/${id}/reveal`, { reason: '需要核实举报人身份' }).expect(409);
      expect(reveal.body.code).toBe('WARNING_HAS_NO_REPORTER');
      expect(await t.dataSource.query('SELECT id FROM identity_reveals WHERE report_id = ?', [id])).toHaveLength(0);
      expect(await t.dataSource.query('SELECT id FROM report_messages WHERE report_id = ?', [id])).toHaveLength(0);
      expect((await get('insp_town1', `/inspector/reports/${id}/reveals`).expect(200)).body).toEqual([]);

      const assigned = await post('insp_town1', `/inspector/reports/${id}/assign`, { assigneeId: w.userIds.insp_town1 }).expect(200);
      expect(assigned.body).toMatchObject({ assigneeId: w.userIds.insp_town1, assigneeName: '东山镇纪委' });
      expect(await inboxIds('insp_town1', `&kind=warning&assignee=me`)).toContain(id);
      const moved = await post('insp_town1', `/inspector/reports/${id}/transfer`, {
        officeRegionId: w.county.id,
        reason: '涉及镇干部，移交县纪委',
      }).expect(200);
      expect(moved.body).toMatchObject({ officeRegionId: w.county.id, officeName: '示范县', status: 'submitted' });
      await get('insp_town1', `/inspector/reports/${id}`).expect(404);
      expect(await inboxIds('insp_county', '&kind=warning')).toContain(id);
      expect((await get('insp_county', `/inspector/reports/${id}`).expect(200)).body.events.at(-1)).toMatchObject({
        action: 'transferred',
      });
    });
  });

  describe('links', () => {
    it('links cases about the same entry, contract or asset automatically, both ways and across kinds', async () => {
      const e0 = await publishEntry(t, w, {
        direction: 'expense',
        subjectCode: '513',
        amountFen: 499_900,
        summary: 'LNK 修路材料一',
        occurredOn: '2025-05-01',
      });
      const e1 = await publishEntry(t, w, {
        direction: 'expense',
        subjectCode: '513',
        amountFen: 499_900,
        summary: 'LNK 修路材料二',
        occurredOn: '2025-05-03',
      });
      const aboutE1 = await report({ subjectType: 'entry', subjectId: e1.id, text: 'LNK 第二笔修路材料款有问题' });
      const noVoucher = await warning({
        ruleId: 'missing-voucher',
        subjectType: 'entry',
        subjectId: e1.id,
        severity: 'medium',
        summary: 'LNK 支出无凭证',
      });
      const split = await warning({
        subjectType: 'entry',
        subjectId: e0.id,
        summary: 'LNK 拆分支付',
        evidence: [
          { type: 'entry', id: e0.id, label: '第一笔' },
          { type: 'entry', id: e1.id, label: '第二笔' },
        ],
      });
      const contract = await insertApprovedContract(t, w.villages.a.id);
      const aboutContract = await report({ subjectType: 'contract', subjectId: contract.id });
      const tender = await warning({ ruleId: 'contract-no-tender', subjectType: 'contract', subjectId: contract.id });
      const asset = await insertApprovedAsset(t, w.villages.a.id);
      const aboutAsset1 = await report({ subjectType: 'asset', subjectId: asset.id });
      const aboutAsset2 = await report({ subjectType: 'asset', subjectId: asset.id });
      const plain = await report();
      // A duplicate follows its original and is never listed as a link.
      await report({ subjectType: 'entry', subjectId: e1.id, duplicateOfId: aboutE1.id });

      expect(await linkIds('insp_town1', aboutE1.id)).toEqual([noVoucher.report.id, split.report.id]);
      expect(await linkIds('insp_town1', noVoucher.report.id)).toEqual([aboutE1.id, split.report.id]);
      expect(await linkIds('insp_town1', split.report.id)).toEqual([aboutE1.id, noVoucher.report.id]);
      expect(await linkIds('insp_town1', aboutContract.id)).toEqual([tender.report.id]);
      expect(await linkIds('insp_town1', tender.report.id)).toEqual([aboutContract.id]);
      expect(await linkIds('insp_town1', aboutAsset1.id)).toEqual([aboutAsset2.id]);
      expect(await linkIds('insp_town1', plain.id)).toEqual([]);

      const links = (await get('insp_town1', `/inspector/reports/${aboutE1.id}`).expect(200)).body.links;
      expect(links[0]).toEqual({
        caseId: noVoucher.report.id,
        kind: 'warning',
        title: `${title('missing-voucher')}：LNK 支出无凭证`,
        status: 'submitted',
        statusLabel: '待受理',
        linkedBy: null,
        at: noVoucher.report.createdAt.toISOString(),
      });
      expect((await get('insp_town1', `/inspector/reports/${split.report.id}`).expect(200)).body.links[0]).toMatchObject({
        caseId: aboutE1.id,
        kind: 'report',
        title: '虚报冒领：LNK 第二笔修路材料款有问题',
      });

      // A case the viewer does not see is not listed: the same entry's report escalated to the county.
      await t.dataSource.manager.update(ReportCategory, { code: 'misappropriation' }, { escalate: true });
      const escalated = await report({ subjectType: 'entry', subjectId: e1.id, categoryCode: 'misappropriation' });
      await t.dataSource.manager.update(ReportCategory, { code: 'misappropriation' }, { escalate: false });
      expect(escalated.officeRegionId).toBe(w.county.id);
      expect(await linkIds('insp_town1', aboutE1.id)).toEqual([noVoucher.report.id, split.report.id]);
      expect(await linkIds('insp_county', aboutE1.id)).toEqual([noVoucher.report.id, split.report.id, escalated.id]);
    });

    it('links and unlinks by hand: idempotent, symmetric, within scope only', async () => {
      const a = await report({ text: 'LNK-2 举报甲' });
      const b = await warning({ summary: 'LNK-2 预警乙' });
      const other = await warning({ villageId: w.villages.c.id });
      const linksPath = `/inspector/reports/${a.id}/links`;

      let res = await post('insp_town1', linksPath, { caseId: b.report.id }).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual([expect.objectContaining({ caseId: b.report.id, kind: 'warning', linkedBy: '东山镇纪委' })]);
      res = await post('insp_county', linksPath, { caseId: b.report.id }).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ caseId: b.report.id, linkedBy: '东山镇纪委' })]);
      expect(
        await t.dataSource.query('SELECT case_id, linked_case_id FROM case_links WHERE case_id = ? OR linked_case_id = ?', [a.id, a.id]),
      ).toHaveLength(1);
      expect(await linkIds('insp_town1', b.report.id)).toEqual([a.id]);
      // From the other side, the same pair.
      await post('insp_town1', `/inspector/reports/${b.report.id}/links`, { caseId: a.id }).expect(200);
      expect(await t.dataSource.query('SELECT id FROM case_links WHERE case_id = ? OR linked_case_id = ?', [a.id, a.id])).toHaveLength(1);
      // Concurrent requests for a new pair store it once.
      const c = await warning();
      const answers = await Promise.all([1, 2, 3].map(() => post('insp_town1', linksPath, { caseId: c.report.id })));
      expect(answers.map((x) => x.status)).toEqual([200, 200, 200]);
      expect(
        await t.dataSource.query('SELECT id FROM case_links WHERE case_id = ? AND linked_case_id = ?', [a.id, c.report.id]),
      ).toHaveLength(1);
      await del('insp_town1', `${linksPath}/${c.report.id}`).expect(200);

      expect((await post('insp_town1', linksPath, { caseId: a.id }).expect(400)).body.details[0].field).toBe('caseId');
      for (const body of [{}, { caseId: 'x' }, { caseId: 0 }, { caseId: 1.5 }, { caseId: b.report.id, extra: 1 }])
        await post('insp_town1', linksPath, body).expect(400);
      await post('insp_town1', linksPath, { caseId: other.report.id }).expect(404);
      await post('insp_town1', linksPath, { caseId: 999_999 }).expect(404);
      await post('insp_town2', linksPath, { caseId: other.report.id }).expect(404);
      await del('insp_town2', `${linksPath}/${b.report.id}`).expect(404);
      await del('insp_town1', `${linksPath}/abc`).expect(400);

      res = await del('insp_town1', `${linksPath}/${b.report.id}`).expect(200);
      expect(res.body).toEqual([]);
      await del('insp_town1', `${linksPath}/${b.report.id}`).expect(200);
      expect(await linkIds('insp_town1', b.report.id)).toEqual([]);

      // A hand-made link over an automatic one shows who made it; removing it leaves the automatic link.
      const e = await publishEntry(t, w, {
        direction: 'expense',
        subjectCode: '513',
        amountFen: 10_000,
        summary: 'LNK-2 文具',
        occurredOn: '2025-05-05',
      });
      const r1 = await report({ subjectType: 'entry', subjectId: e.id });
      const w1 = await warning({ ruleId: 'missing-voucher', subjectType: 'entry', subjectId: e.id });
      res = await post('insp_town1', `/inspector/reports/${r1.id}/links`, { caseId: w1.report.id }).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ caseId: w1.report.id, linkedBy: '东山镇纪委' })]);
      res = await del('insp_town1', `/inspector/reports/${r1.id}/links/${w1.report.id}`).expect(200);
      expect(res.body).toEqual([expect.objectContaining({ caseId: w1.report.id, linkedBy: null })]);
    });
  });

  describe('statistics, the digest and the engine', () => {
    afterEach(() => jest.restoreAllMocks());

    it('counts warnings in the report statistics (by kind on request) and lists overdue warnings in the digest', async () => {
      const at = cn('2024-03-04T09:00:00'); // a Monday, before anything else of this file
      const r = await report({ at, villageId: w.villages.c.id });
      const found = await warning({ ruleId: 'duplicate-payments', villageId: w.villages.c.id, at });
      const stats = async (query: string) =>
        (await get('insp_town2', `/inspector/report-stats?from=2024-03-01&to=2024-03-31${query}`).expect(200)).body;
      const both = await stats('');
      expect(both.total).toBe(2);
      expect(both.byCategory).toEqual(
        expect.arrayContaining([
          { code: 'rule:duplicate-payments', label: title('duplicate-payments'), count: 1 },
          { code: 'false_claims', label: '虚报冒领', count: 1 },
        ]),
      );
      expect((await stats('&kind=warning')).byCategory).toEqual([
        { code: 'rule:duplicate-payments', label: title('duplicate-payments'), count: 1 },
      ]);
      expect((await stats('&kind=report')).total).toBe(1);
      await get('insp_town2', '/inspector/report-stats?kind=all').expect(400);

      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(cn('2024-03-20T09:00:00'));
      const digest = (await get('insp_town2', '/inspector/report-digest').expect(200)).body;
      expect(digest).toEqual([
        expect.objectContaining({
          officeRegionId: w.towns.two.id,
          overdue: expect.arrayContaining([
            expect.objectContaining({ id: found.report.id, categoryLabel: title('duplicate-payments'), overdue: 'accept' }),
            expect.objectContaining({ id: r.id, categoryLabel: '虚报冒领' }),
          ]),
        }),
      ]);
    });

    it('shows the engine’s own warning case in the inbox, with its evidence and the report about the same entry', async () => {
      const entry = await publishEntry(t, w, {
        direction: 'expense',
        subjectCode: '513',
        amountFen: 350_000,
        paymentMethod: 'cash',
        summary: 'ENG 现金采购',
        occurredOn: '2025-05-20',
      });
      const aboutIt = await report({ subjectType: 'entry', subjectId: entry.id, text: 'ENG 这笔现金采购不对劲' });
      const [run] = await t.app.get(RulesEngine).runFull('manual', 'large-cash');
      expect(run).toMatchObject({ ruleId: 'large-cash', created: 1, error: null });
      const items = (await get('insp_town1', '/inspector/reports?kind=warning&ruleId=large-cash&warningState=open').expect(200)).body.items;
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        kind: 'warning',
        severity: 'medium',
        warningState: 'open',
        categoryLabel: title('large-cash'),
        villageName: '上坂村',
      });
      const detail = (await get('insp_town1', `/inspector/reports/${items[0].id}`).expect(200)).body;
      expect(detail.subject).toMatchObject({ type: 'entry', id: entry.id, path: `/pages/entry/index?id=${entry.id}` });
      expect(detail.warning).toMatchObject({
        ruleId: 'large-cash',
        subjectType: 'entry',
        subjectId: entry.id,
        amountFen: 350_000,
        caseId: items[0].id,
      });
      expect(detail.warning.evidence).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'entry', id: entry.id, path: `/pages/entry/index?id=${entry.id}` })]),
      );
      expect(detail.links.map((l: { caseId: number }) => l.caseId)).toEqual([aboutIt.id]);
      expect(await linkIds('insp_town1', aboutIt.id)).toEqual([items[0].id]);
      expect(await inboxIds('insp_town2', '&kind=warning&ruleId=large-cash')).toEqual([]);
    });
  });

  it('refuses the new case routes to every other role (403), to villagers and anonymous callers (401)', async () => {
    const a = await report();
    const b = await warning();
    const villager = t.app.get(JwtService).sign({ sub: 1, kind: 'villager' });
    const calls = (headers: Record<string, string>) => [
      t.http().post(`/api/inspector/reports/${a.id}/links`).set(headers).send({ caseId: b.report.id }),
      t.http().delete(`/api/inspector/reports/${a.id}/links/${b.report.id}`).set(headers),
      t.http().get(`/api/inspector/reports?kind=warning`).set(headers),
      t.http().get(`/api/inspector/reports/${b.report.id}`).set(headers),
    ];
    for (const who of ['admin', 'bk_a', 'bk_c', 'ap_a', 'ap_town1'])
      for (const res of await Promise.all(calls(as(who)))) {
        expect(res.status).toBe(403);
        expect(JSON.stringify(res.body)).not.toContain(b.report.text);
      }
    for (const headers of [{ Authorization: `Bearer ${villager}` }, {}] as Record<string, string>[])
      for (const res of await Promise.all(calls(headers))) expect(res.status).toBe(401);
    expect(await t.dataSource.query('SELECT id FROM case_links WHERE case_id = ? OR linked_case_id = ?', [a.id, a.id])).toHaveLength(0);
  });
});
