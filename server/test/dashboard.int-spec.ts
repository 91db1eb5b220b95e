import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { JwtService } from '@nestjs/jwt';
import { RULES } from '../src/modules/rules/definitions';
import { Clock } from '../src/common/clock/clock';
import { UsersService } from '../src/modules/users/users.service';
import { CaseExportService } from '../src/modules/cases/export/case-export.service';
import type { AuthUser } from '../src/common/auth/auth-user';
import type { Report } from '../src/modules/reports/report.entity';
import { startTestApp, TestApp, TEST_PASSWORD } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { insertReport, type ReportFixture } from './helpers/reports';
import { insertWarning, type WarningFixture } from './helpers/warnings';

const ROOT: AuthUser = { id: 0, username: 'root', displayName: 'root', role: 'admin', regionId: null, regionPath: null, regionLevel: null };
/** An instant written in China time. */
const cn = (local: string): Date => new Date(`${local}+08:00`);
const NOW = cn('2026-03-10T10:00:00');
const PERIOD = 'from=2026-01-01&to=2026-03-10';
const title = (ruleId: string): string => RULES.find((r) => r.id === ruleId)?.title ?? ruleId;

/** supertest: keep a binary answer as a Buffer. */
const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the inspectors dashboard and the exports of the lists', () => {
  let t: TestApp;
  let w: World;
  let clock: Clock;
  let current = NOW;
  const tokens: Record<string, string> = {};
  const c: Record<string, Report> = {};

  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const get = (username: string, path: string) => t.http().get(`/api${path}`).set(as(username));
  const at = (local: string) => {
    current = cn(local);
  };
  const move = async (id: number, when: string, body: object, who = 'insp_town1') => {
    at(when);
    await t.http().post(`/api/inspector/reports/${id}/transitions`).set(as(who)).send(body).expect(200);
  };
  const handle = async (r: Report, accepted: string, concluded: string, conclusion: object) => {
    await move(r.id, accepted, { action: 'accept' });
    await move(r.id, accepted, { action: 'investigate' });
    await move(r.id, concluded, { action: 'conclude', ...conclusion });
  };
  const warning = async (f: Partial<WarningFixture> & { at: Date }) =>
    (await insertWarning(t, { ruleId: 'split-payments', villageId: w.villages.a.id, ...f })).report;
  const report = (f: Partial<ReportFixture> & { at: Date }) => insertReport(t, { villageId: w.villages.a.id, ...f });

  beforeAll(async () => {
    t = await startTestApp({ RULES_INCREMENTAL: 'false' });
    w = await buildWorld(t);
    Object.assign(tokens, w.tokens);
    await t.app
      .get(UsersService)
      .create(ROOT, {
        username: 'insp_town2',
        password: TEST_PASSWORD,
        displayName: '西河镇纪委',
        role: 'inspector',
        regionId: w.towns.two.id,
      });
    tokens.insp_town2 = (
      await t.http().post('/api/auth/login').send({ username: 'insp_town2', password: TEST_PASSWORD }).expect(200)
    ).body.accessToken;
    clock = t.app.get(Clock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(current));

    const { b, c: vc } = w.villages;
    // Town one (东山镇): villages a and b, and a town-wide warning.
    c.w1 = await warning({ summary: '向张*三连续支付 2 笔共 9,998.00 元', amountFen: 999_800, at: cn('2026-01-05T09:00:00') });
    c.w2 = await warning({
      ruleId: 'large-cash',
      severity: 'medium',
      summary: '现金支付 3,000.00 元',
      amountFen: 300_000,
      at: cn('2026-03-02T09:00:00'),
    });
    c.w3 = await warning({
      ruleId: 'rent-arrears',
      summary: '租金 5,120.00 元逾期未收',
      amountFen: 512_000,
      at: cn('2026-01-10T09:00:00'),
    });
    c.w4 = await warning({
      ruleId: 'missing-voucher',
      severity: 'medium',
      villageId: b.id,
      summary: '支出无凭证',
      at: cn('2026-01-12T09:00:00'),
    });
    c.w5 = await warning({ villageId: vc.id, summary: '河口村拆分支付', amountFen: 200_000, at: cn('2026-02-01T09:00:00') });
    c.w6 = await warning({
      ruleId: 'benford',
      severity: 'low',
      villageId: w.towns.one.id,
      subjectType: 'town',
      period: '2025',
      summary: '-0.02 偏离：首位数字分布异常',
      at: cn('2026-02-15T09:00:00'),
    });
    c.w7 = await warning({ summary: '向李*四连续支付 2 笔', amountFen: 80_000, at: cn('2025-10-01T09:00:00') });
    c.r1 = await report({ text: 'DASH 举报一：鱼塘承包费去向不明', at: cn('2026-03-09T09:00:00') });
    c.r2 = await report({ villageId: b.id, categoryCode: 'favouritism', at: cn('2026-01-20T09:00:00') });
    c.r3 = await report({ villageId: b.id, at: cn('2026-02-01T09:00:00') });
    c.r4 = await report({ villageId: vc.id, at: cn('2026-03-01T09:00:00') });
    c.r5 = await report({
      identity: { openid: 'oDASH-openid-0001', name: '匿名不了', phone: '13700000000' },
      at: cn('2025-12-01T09:00:00'),
    });

    await move(c.w2.id, '2026-03-03T09:00:00', { action: 'accept' });
    await handle(c.w3, '2026-01-11T09:00:00', '2026-02-01T09:00:00', {
      outcome: 'substantiated',
      amountRecoveredFen: 512_000,
      note: '属实，已追缴',
    });
    await move(c.w3.id, '2026-02-02T09:00:00', { action: 'require_rectification', note: '限期收回' });
    await move(c.w3.id, '2026-02-19T09:00:00', { action: 'confirm_rectified', note: '已收回' });
    await move(c.w3.id, '2026-02-20T09:00:00', { action: 'close', note: '结案' });
    await handle(c.w4, '2026-01-13T09:00:00', '2026-02-05T09:00:00', { outcome: 'not_substantiated', note: '凭证已补齐，系漏传' });
    await handle(c.w7, '2025-10-02T09:00:00', '2025-11-01T09:00:00', {
      outcome: 'substantiated',
      amountRecoveredFen: 50_000,
      note: '属实',
    });
    await handle(c.r2, '2026-01-21T09:00:00', '2026-02-10T09:00:00', {
      outcome: 'partly_substantiated',
      amountRecoveredFen: 100_000,
      note: '部分属实',
    });
    await move(c.r3.id, '2026-02-02T09:00:00', { action: 'decline', note: '不属于受理范围' });
    await move(c.r3.id, '2026-02-02T10:00:00', { action: 'close', note: '已告知' });
    await move(c.r5.id, '2025-12-02T09:00:00', { action: 'accept' });
    at('2026-03-10T10:00:00');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  describe('GET /api/inspector/dashboard', () => {
    it('adds up the region of a town inspector: open, overdue, substantiated, recovered, severities, villages, rules, outcomes', async () => {
      const res = await get('insp_town1', `/inspector/dashboard?${PERIOD}`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const d = res.body;
      expect(d).toMatchObject({
        regionId: w.towns.one.id,
        regionName: '东山镇',
        from: '2026-01-01',
        to: '2026-03-10',
        openWarnings: 5,
        openReports: 3,
        overdue: { warnings: 2, reports: 1 },
        substantiated: { warnings: 1, reports: 1 },
        amountRecoveredFen: 612_000,
      });
      expect(d.bySeverity).toEqual([
        { severity: 'high', label: '重点', open: 2 },
        { severity: 'medium', label: '关注', open: 2 },
        { severity: 'low', label: '提示', open: 1 },
      ]);
      // The town-wide warning counts above, but a town is not a village.
      expect(d.topVillages).toEqual([
        {
          villageId: w.villages.a.id,
          villageName: '上坂村',
          townName: '东山镇',
          openWarnings: 3,
          openReports: 2,
          amountFen: 999_800 + 300_000 + 80_000,
        },
        { villageId: w.villages.b.id, villageName: '下洋村', townName: '东山镇', openWarnings: 1, openReports: 1, amountFen: 0 },
      ]);
      expect(d.outcomes).toEqual([
        { outcome: 'substantiated', label: '属实', count: 1 },
        { outcome: 'partly_substantiated', label: '部分属实', count: 1 },
        { outcome: 'not_substantiated', label: '不属实', count: 1 },
      ]);
      expect(d.rules).toHaveLength(RULES.length);
      expect(d.rules.slice(0, 5)).toEqual([
        {
          ruleId: 'split-payments',
          title: title('split-payments'),
          severity: 'high',
          open: 2,
          concluded: 1,
          substantiated: 1,
          precision: 1,
        },
        { ruleId: 'rent-arrears', title: title('rent-arrears'), severity: 'high', open: 0, concluded: 1, substantiated: 1, precision: 1 },
        {
          ruleId: 'missing-voucher',
          title: title('missing-voucher'),
          severity: 'medium',
          open: 1,
          concluded: 1,
          substantiated: 0,
          precision: 0,
        },
        { ruleId: 'large-cash', title: title('large-cash'), severity: 'medium', open: 1, concluded: 0, substantiated: 0, precision: null },
        { ruleId: 'benford', title: title('benford'), severity: 'low', open: 1, concluded: 0, substantiated: 0, precision: null },
      ]);
      expect(d.rules.slice(5).every((r: { open: number; precision: number | null }) => r.open === 0 && r.precision === null)).toBe(true);
    });

    it('follows the period for conclusions and amounts, and the region asked about within the scope', async () => {
      const all = (await get('insp_town1', '/inspector/dashboard?from=2025-01-01&to=2026-03-10').expect(200)).body;
      expect(all).toMatchObject({ substantiated: { warnings: 2, reports: 1 }, amountRecoveredFen: 662_000, openWarnings: 5 });
      const none = (await get('insp_town1', '/inspector/dashboard?from=2026-03-01&to=2026-03-10').expect(200)).body;
      expect(none).toMatchObject({ substantiated: { warnings: 0, reports: 0 }, amountRecoveredFen: 0, openWarnings: 5, openReports: 3 });
      // Default period: this year up to today.
      expect((await get('insp_town1', '/inspector/dashboard').expect(200)).body).toMatchObject({
        from: '2026-01-01',
        to: '2026-03-10',
        amountRecoveredFen: 612_000,
      });

      const village = (await get('insp_town1', `/inspector/dashboard?regionId=${w.villages.b.id}&${PERIOD}`).expect(200)).body;
      expect(village).toMatchObject({
        regionName: '下洋村',
        openWarnings: 1,
        openReports: 1,
        overdue: { warnings: 0, reports: 0 },
        amountRecoveredFen: 100_000,
      });
      expect(village.topVillages.map((v: { villageId: number }) => v.villageId)).toEqual([w.villages.b.id]);

      const county = (await get('insp_county', `/inspector/dashboard?${PERIOD}`).expect(200)).body;
      expect(county).toMatchObject({ regionName: '示范县', openWarnings: 6, openReports: 4 });
      expect(county.rules.find((r: { ruleId: string }) => r.ruleId === 'split-payments')).toMatchObject({ open: 3, concluded: 1 });
      const townTwo = (await get('insp_county', `/inspector/dashboard?regionId=${w.towns.two.id}&${PERIOD}`).expect(200)).body;
      expect(townTwo).toMatchObject({ regionName: '西河镇', openWarnings: 1, openReports: 1, amountRecoveredFen: 0 });
      expect(townTwo.topVillages).toEqual([
        { villageId: w.villages.c.id, villageName: '河口村', townName: '西河镇', openWarnings: 1, openReports: 1, amountFen: 200_000 },
      ]);
      expect((await get('insp_town2', `/inspector/dashboard?${PERIOD}`).expect(200)).body).toMatchObject({
        openWarnings: 1,
        openReports: 1,
      });
    });

    it('sees nothing outside the inspector scope (404) and refuses bad parameters (400)', async () => {
      for (const id of [w.towns.two.id, w.villages.c.id, w.county.id, 999_999])
        await get('insp_town1', `/inspector/dashboard?regionId=${id}`).expect(404);
      await get('insp_town2', `/inspector/dashboard?regionId=${w.villages.a.id}`).expect(404);
      for (const [query, field] of [
        ['from=2026-03-10&to=2026-01-01', 'from'],
        ['from=2026-02-30', 'from'],
        ['to=yesterday', 'to'],
        ['regionId=x', 'regionId'],
        ['list=warnings', 'list'],
      ]) {
        const res = await get('insp_town1', `/inspector/dashboard?${query}`).expect(400);
        expect(res.body.details.map((x: { field: string }) => x.field)).toContain(field);
      }
    });
  });

  describe('GET /api/inspector/dashboard/export', () => {
    const csvOf = async (who: string, query: string) => {
      const res = await get(who, `/inspector/dashboard/export?${query}`)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const text = (res.body as Buffer).toString('utf8');
      return { res, text, rows: parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][] };
    };
    const xlsxOf = async (who: string, query: string) => {
      const res = await get(who, `/inspector/dashboard/export?${query}`)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      return { res, sheet: wb.worksheets[0] };
    };

    it('writes the warnings as CSV: BOM, Chinese headers, yuan amounts, formulas defused, newest first', async () => {
      const { res, text, rows } = await csvOf('insp_town1', 'list=warnings&format=csv');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="mingbai-warnings-20260310.csv"; filename*=UTF-8''${encodeURIComponent('预警清单-20260310.csv')}`,
      );
      expect(res.headers).toMatchObject({
        'x-export-total': '6',
        'x-export-rows': '6',
        'x-export-truncated': 'false',
        'x-export-row-limit': '50000',
      });
      const [header, ...data] = rows;
      expect(header).toEqual([
        '编号',
        '预警规则',
        '风险等级',
        '乡镇',
        '村',
        '发现问题',
        '涉及金额（元）',
        '预警状态',
        '消除日期',
        '发现时间',
        '办理状态',
        '承办单位',
        '承办人',
        '逾期',
        '受理时间',
        '办结时间',
        '办理结果',
        '追回金额（元）',
        '结案时间',
      ]);
      expect(data.map((r) => Number(r[0]))).toEqual([c.w2.id, c.w6.id, c.w4.id, c.w3.id, c.w1.id, c.w7.id]);
      const byId = new Map(data.map((r) => [Number(r[0]), Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
      expect(byId.get(c.w3.id)).toEqual({
        编号: String(c.w3.id),
        预警规则: title('rent-arrears'),
        风险等级: '重点',
        乡镇: '东山镇',
        村: '上坂村',
        发现问题: '租金 5,120.00 元逾期未收',
        '涉及金额（元）': '5120.00',
        预警状态: '存在',
        消除日期: '',
        发现时间: '2026-01-10 09:00',
        办理状态: '已结案',
        承办单位: '东山镇',
        承办人: '',
        逾期: '',
        受理时间: '2026-01-11 09:00',
        办结时间: '2026-02-01 09:00',
        办理结果: '属实',
        '追回金额（元）': '5120.00',
        结案时间: '2026-02-20 09:00',
      });
      expect(byId.get(c.w1.id)).toMatchObject({ '涉及金额（元）': '9998.00', 逾期: '逾期未受理', '追回金额（元）': '' });
      // A cell starting with "-" would be a formula to a spreadsheet.
      expect(byId.get(c.w6.id)).toMatchObject({
        发现问题: "'-0.02 偏离：首位数字分布异常",
        村: '东山镇',
        乡镇: '东山镇',
        风险等级: '提示',
      });
      // Nothing of another town.
      expect(byId.has(c.w5.id)).toBe(false);
    });

    it('writes the reports without their text or anything of the reporter', async () => {
      const { text, rows } = await csvOf('insp_town1', 'list=reports&format=csv');
      const [header, ...data] = rows;
      expect(header).toEqual([
        '编号',
        '举报类别',
        '乡镇',
        '村',
        '举报对象',
        '收到时间',
        '办理状态',
        '承办单位',
        '承办人',
        '逾期',
        '受理时间',
        '办结时间',
        '办理结果',
        '追回金额（元）',
        '结案时间',
      ]);
      expect(data.map((r) => Number(r[0]))).toEqual([c.r1.id, c.r3.id, c.r2.id, c.r5.id]);
      expect(data.find((r) => Number(r[0]) === c.r2.id)).toEqual([
        String(c.r2.id),
        '优亲厚友',
        '东山镇',
        '下洋村',
        '村',
        '2026-01-20 09:00',
        '已办结',
        '东山镇',
        '',
        '',
        '2026-01-21 09:00',
        '2026-02-10 09:00',
        '部分属实',
        '1000.00',
        '',
      ]);
      expect(data.find((r) => Number(r[0]) === c.r5.id)![9]).toBe('逾期未办结');
      for (const secret of [c.r1.text, c.r2.text, 'DASH', '匿名不了', '13700000000', 'oDASH-openid-0001'])
        expect(text).not.toContain(secret);
    });

    it('writes XLSX that parses back: the same rows, numbers as yuan with 2 decimals', async () => {
      const { res, sheet } = await xlsxOf('insp_town1', 'list=warnings&format=xlsx&ruleId=split-payments');
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('预警清单-20260310.xlsx')}`);
      expect(sheet.name).toBe('预警清单');
      expect(sheet.getRow(1).getCell(1).value).toBe('编号');
      expect(sheet.getRow(1).getCell(7).value).toBe('涉及金额（元）');
      expect(sheet.actualRowCount).toBe(3);
      expect([sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value]).toEqual([c.w1.id, c.w7.id]);
      const amount = sheet.getRow(2).getCell(7);
      expect(amount.value).toBe(9998);
      expect(amount.numFmt).toBe('#,##0.00');
      expect(sheet.getRow(3).getCell(18).value).toBe(500);
      expect(sheet.getRow(2).getCell(2).value).toBe(title('split-payments'));

      const reports = await xlsxOf('insp_county', `list=reports&format=xlsx&regionId=${w.towns.two.id}`);
      expect(reports.sheet.name).toBe('举报清单');
      expect(reports.sheet.actualRowCount).toBe(2);
      expect(reports.sheet.getRow(2).getCell(1).value).toBe(c.r4.id);
      const town = await xlsxOf('insp_town1', 'list=warnings&format=xlsx');
      expect(town.sheet.getRow(3).getCell(6).value).toBe("'-0.02 偏离：首位数字分布异常");
    });

    it('applies the inbox filters and the inspector scope', async () => {
      const ids = async (who: string, query: string) => (await csvOf(who, `format=csv&${query}`)).rows.slice(1).map((r) => Number(r[0]));
      expect(await ids('insp_town1', 'list=warnings&status=submitted')).toEqual([c.w6.id, c.w1.id]);
      expect(await ids('insp_town1', 'list=warnings&overdue=true')).toEqual([c.w6.id, c.w1.id]);
      expect(await ids('insp_town1', `list=warnings&regionId=${w.villages.b.id}`)).toEqual([c.w4.id]);
      expect(await ids('insp_town1', `list=warnings&villageId=${w.villages.a.id}&q=${encodeURIComponent('连续支付')}`)).toEqual([
        c.w1.id,
        c.w7.id,
      ]);
      expect(await ids('insp_town1', 'list=reports&categoryCode=favouritism')).toEqual([c.r2.id]);
      expect(await ids('insp_town2', 'list=warnings')).toEqual([c.w5.id]);
      expect(await ids('insp_county', 'list=warnings&ruleId=split-payments')).toEqual([c.w5.id, c.w1.id, c.w7.id]);
      await get('insp_town1', `/inspector/dashboard/export?list=warnings&format=csv&regionId=${w.towns.two.id}`).expect(404);
      for (const [query, field] of [
        ['format=csv', 'list'],
        ['list=warnings', 'format'],
        ['list=all&format=csv', 'list'],
        ['list=warnings&format=pdf', 'format'],
        ['list=warnings&format=csv&kind=report', 'kind'],
        ['list=warnings&format=csv&cursor=x', 'cursor'],
        ['list=warnings&format=csv&warningState=gone', 'warningState'],
      ]) {
        const res = await get('insp_town1', `/inspector/dashboard/export?${query}`).expect(400);
        expect(res.body.details.map((x: { field: string }) => x.field)).toContain(field);
      }
    });

    it('stops at the row limit and says so in the headers and a last row', async () => {
      const service = t.app.get(CaseExportService);
      service.maxRows = 4;
      try {
        const { res, rows } = await csvOf('insp_town1', 'list=warnings&format=csv');
        expect(res.headers).toMatchObject({
          'x-export-total': '6',
          'x-export-rows': '4',
          'x-export-truncated': 'true',
          'x-export-row-limit': '4',
        });
        expect(rows).toHaveLength(1 + 4 + 1);
        expect(rows.slice(1, 5).map((r) => Number(r[0]))).toEqual([c.w2.id, c.w6.id, c.w4.id, c.w3.id]);
        expect(rows[5][0]).toBe('（仅导出前 4 条，共 6 条，请缩小筛选范围后再导出）');
        const { sheet } = await xlsxOf('insp_town1', 'list=warnings&format=xlsx');
        expect(sheet.actualRowCount).toBe(6);
        expect(sheet.getRow(6).getCell(1).value).toBe('（仅导出前 4 条，共 6 条，请缩小筛选范围后再导出）');
      } finally {
        service.maxRows = 50_000;
      }
    });
  });

  it('refuses the dashboard and the exports to every other role (403), to villagers and anonymous callers (401)', async () => {
    const villager = t.app.get(JwtService).sign({ sub: 1, kind: 'villager' });
    const paths = [
      '/api/inspector/dashboard',
      '/api/inspector/dashboard/export?list=warnings&format=csv',
      '/api/inspector/dashboard/export?list=reports&format=xlsx',
    ];
    for (const who of ['admin', 'bk_a', 'bk_c', 'ap_a', 'ap_town1', 'ap_town2'])
      for (const path of paths) {
        const res = await t.http().get(path).set(as(who));
        expect({ who, path, status: res.status }).toEqual({ who, path, status: 403 });
      }
    for (const headers of [{ Authorization: `Bearer ${villager}` }, {}] as Record<string, string>[])
      for (const path of paths) expect((await t.http().get(path).set(headers)).status).toBe(401);
  });
});
