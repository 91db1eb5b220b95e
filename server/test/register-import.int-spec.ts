import ExcelJS from 'exceljs';
import { Clock } from '../src/common/clock/clock';
import { DomainEvent, DomainEvents } from '../src/common/events/domain-events';
import { Asset } from '../src/modules/assets/asset.entity';
import { Contract } from '../src/modules/contracts/contract.entity';
import { ContractInstallment } from '../src/modules/contracts/contract-installment.entity';
import { FixedClock, startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';

const ASSET_HEADER = '资产编号,名称,类别,坐落位置,面积(平方米),账面价值(元),使用状态,取得日期,备注';
const ASSETS_CSV =
  '\uFEFF' +
  [
    ASSET_HEADER,
    'ZC-101,村部办公楼,房屋建筑,上坂村一组,"1,200.4","1,234,567.89",自用,2010/5/1,',
    'ZC-102,东山鱼塘,鱼塘,东山脚,3000,0,出租,,承包给合作社',
    'ZC-103,旧碾米机,设备设施,二组仓库,,12000,闲置,2001年3月5日,',
  ].join('\r\n');

const CONTRACT_HEADER =
  '合同编号,资产编号,类型,承租方类型,承租方,起始日期,终止日期,付款方式,年租金(元),押金(元),面积(平方米),发包方式,备注';
const CONTRACTS_CSV = [
  CONTRACT_HEADER,
  'HT-101,ZC-102,发包,单位,上坂水产合作社,2025-01-01,2029-12-31,每年,"50,000",5000,,公开招标,',
  'HT-102,,租赁,个人,王小明,2025-07-01,2026-06-30,每季度,12000,,80,协商议价,',
  'HT-103,zc-101,出租,,李四,2025/3/1,2026/2/28,按月,"6,000.00",0,,直接发包,临时',
].join('\n');

describe('register imports: assets and contracts from CSV/XLSX, all rows or none', () => {
  let t: TestApp;
  let w: World;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const clock = new FixedClock(new Date('2026-03-15T04:00:00Z'));
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => clock.now());
    t.app.get(DomainEvents).subscribe(async (e) => void events.push(e));
  });
  afterAll(() => t.close());

  const upload = (register: 'assets' | 'contracts', bytes: Buffer | string, user = 'bk_a', query = '') =>
    t
      .http()
      .post(`/api/staff/${register}/import${query}`)
      .set(w.auth(user))
      .attach('file', Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), register === 'assets' ? '资产.csv' : '合同.csv');
  const count = async () => ({ assets: await t.dataSource.manager.count(Asset), contracts: await t.dataSource.manager.count(Contract) });
  const details = (res: { body: { details: { field: string }[] } }) => res.body.details.map((d) => d.field);

  it('checks a file without writing on a dry run, and refuses a file with any bad row, listing row and field', async () => {
    const dry = await upload('assets', ASSETS_CSV, 'bk_a', '?dryRun=true').expect(200);
    expect(dry.body).toEqual({ batchId: 0, rows: 3, ids: [] });
    expect(await count()).toEqual({ assets: 0, contracts: 0 });

    const bad = [
      ASSET_HEADER,
      'OK-1,好的一行,土地,三组,100,0,自用,,',
      'BAD-1,坏类别,城堡,三组,100,0,自用,,',
      'BAD-2,坏面积,土地,三组,-5,0,自用,,',
      'OK-1,重复编号,土地,三组,100,0,自用,,',
      'BAD-3,未来日期,土地,三组,100,0,闲置,2999-01-01,',
      'BAD-4,,土地,三组,100,abc,卖掉了,,',
    ].join('\n');
    const res = await upload('assets', bad).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(details(res)).toEqual([
      'row 3.kind',
      'row 4.areaM2',
      'row 5.code',
      'row 6.acquiredOn',
      'row 7.bookValueFen',
      'row 7.usage',
      'row 7.name',
    ]);
    expect(await count()).toEqual({ assets: 0, contracts: 0 });

    const header = await upload('assets', '资产编号,名称,类别,价格,使用状态\nX,Y,土地,1,自用').expect(400);
    expect(details(header)).toEqual(['row 1.columns', 'row 1.location']);
    const empty = await upload('assets', ASSET_HEADER).expect(400);
    expect(details(empty)).toEqual(['row 1.file']);
    await upload('assets', ASSETS_CSV, 'ap_a').expect(403);
    await t.http().post('/api/staff/assets/import').set(w.auth('bk_a')).send({}).expect(400);
  });

  it('imports assets submitted in one batch; an approver approves the batch; then contracts naming them by code', async () => {
    const res = await upload('assets', ASSETS_CSV).expect(201);
    expect(res.body).toEqual({ batchId: expect.any(Number), rows: 3, ids: [expect.any(Number), expect.any(Number), expect.any(Number)] });
    const rows = await t.dataSource.manager.find(Asset, { where: { importBatchId: res.body.batchId }, order: { id: 'ASC' } });
    expect(rows.map((a) => [a.code, a.kind, a.areaM2, a.bookValueFen, a.usage, a.acquiredOn, a.note, a.status])).toEqual([
      ['ZC-101', 'building', 1200, 123_456_789, 'self_used', '2010-05-01', null, 'submitted'],
      ['ZC-102', 'pond', 3000, 0, 'leased', null, '承包给合作社', 'submitted'],
      ['ZC-103', 'equipment', null, 1_200_000, 'idle', '2001-03-05', null, 'submitted'],
    ]);
    expect((await t.http().get(`/api/villages/${w.villages.a.id}/assets`).expect(200)).body.items).toEqual([]);
    // a code taken by the batch is taken
    expect(details(await upload('assets', `${ASSET_HEADER}\nzc-103,又一台,设备,仓库,,0,闲置,,`).expect(400))).toEqual(['row 2.code']);
    // contracts need approved assets
    expect(details(await upload('contracts', CONTRACTS_CSV).expect(400))).toEqual(['row 2.assetId', 'row 4.assetId']);

    const listed = await t
      .http()
      .get(`/api/staff/assets?importBatchId=${res.body.batchId}&awaitingReview=true`)
      .set(w.auth('ap_a'))
      .expect(200);
    expect(listed.body.items).toHaveLength(3);
    await t.http().post(`/api/staff/assets/imports/${res.body.batchId}/approve`).set(w.auth('ap_town2')).expect(404);
    await t.http().post(`/api/staff/assets/imports/${res.body.batchId}/approve`).set(w.auth('bk_a')).expect(403);
    expect((await t.http().post(`/api/staff/assets/imports/${res.body.batchId}/approve`).set(w.auth('ap_a')).expect(200)).body).toEqual({
      approved: 3,
    });
    expect((await t.http().post(`/api/staff/assets/imports/${res.body.batchId}/approve`).set(w.auth('ap_a')).expect(409)).body.code).toBe(
      'NOTHING_TO_APPROVE',
    );
    expect(
      (await t.http().get(`/api/villages/${w.villages.a.id}/assets`).expect(200)).body.items.map((a: { code: string }) => a.code),
    ).toEqual(['ZC-101', 'ZC-102', 'ZC-103']);

    const contracts = await upload('contracts', CONTRACTS_CSV).expect(201);
    expect(contracts.body.rows).toBe(3);
    const stored = await t.dataSource.manager.find(Contract, { where: { importBatchId: contracts.body.batchId }, order: { id: 'ASC' } });
    expect(
      stored.map((c) => [
        c.code,
        c.kind,
        c.counterpartyKind,
        c.counterpartyDisplay,
        c.frequency,
        c.annualRentFen,
        c.totalRentFen,
        c.depositFen,
        c.areaM2,
        c.awardMethod,
        c.status,
      ]),
    ).toEqual([
      [
        'HT-101',
        'contracting',
        'organisation',
        '上坂水产合作社',
        'yearly',
        5_000_000,
        25_000_000,
        500_000,
        3000,
        'public_tender',
        'submitted',
      ],
      ['HT-102', 'lease', 'person', '王*明', 'quarterly', 1_200_000, 1_200_000, 0, 80, 'negotiated', 'submitted'],
      ['HT-103', 'lease', 'person', '李*', 'monthly', 600_000, 600_000, 0, 1200, 'direct', 'submitted'],
    ]);
    expect(stored[2].assetId).toBe(rows[0].id);
    expect(stored.map((c) => c.counterpartyNorm)).toEqual(['上坂水产合作社', '王小明', '李四']);
    expect(await t.dataSource.manager.countBy(ContractInstallment, { contractId: stored[2].id })).toBe(12);

    events.splice(0);
    expect(
      (await t.http().post(`/api/staff/contracts/imports/${contracts.body.batchId}/approve`).set(w.auth('ap_a')).expect(200)).body,
    ).toEqual({ approved: 3 });
    await t.app.get(DomainEvents).idle();
    expect(events).toEqual([{ type: 'contracts.changed', villageId: w.villages.a.id, contractIds: stored.map((c) => c.id) }]);
    const pub = await t.http().get(`/api/villages/${w.villages.a.id}/contracts`).expect(200);
    expect(pub.body.items.map((c: { code: string; counterpartyDisplay: string }) => [c.code, c.counterpartyDisplay])).toEqual([
      ['HT-102', '王*明'],
      ['HT-103', '李*'],
      ['HT-101', '上坂水产合作社'],
    ]);
    expect(pub.text).not.toContain('王小明');
  });

  it('refuses a contract file with any bad row, writing nothing', async () => {
    const before = await count();
    const bad = [
      CONTRACT_HEADER,
      'HT-201,,租赁,个人,张三,2025-01-01,2025-12-31,每年,1000,,,公开竞价,',
      'HT-202,NO-SUCH,租赁,个人,张三,2025-01-01,2025-12-31,每年,1000,,,公开竞价,',
      'HT-203,,租赁,个人,张三,2025-01-01,2025-12-31,自定义,1000,,,公开竞价,',
      'HT-204,,租赁,个人,张三,2025-12-31,2025-01-01,每年,1000,,,公开竞价,',
      'HT-101,,租赁,个人,张三,2025-01-01,2025-12-31,每年,1000,,,公开竞价,',
      'HT-205,,租赁,外星人,张三,2025-01-01,2025-12-31,每年,,,,抽签,',
    ].join('\n');
    const res = await upload('contracts', bad).expect(400);
    expect(details(res)).toEqual([
      'row 3.assetId',
      'row 4.frequency',
      'row 5.endOn',
      'row 6.code',
      'row 7.counterpartyKind',
      'row 7.awardMethod',
      'row 7.annualRentFen',
    ]);
    expect(await count()).toEqual(before);
  });

  it('reads XLSX with numbers and date cells the same way', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('资产');
    ws.addRow(ASSET_HEADER.split(','));
    ws.addRow(['X-1', '西山林地', '林地', '西山', 52000.6, 88000.5, '发包', new Date(Date.UTC(2015, 5, 1)), null]);
    ws.addRow([2, '抽水泵', '设备', '泵房', null, 0, '自用', '2020-01-02', '备用']);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload('assets', bytes, 'bk_b').expect(201);
    const rows = await t.dataSource.manager.find(Asset, { where: { importBatchId: res.body.batchId }, order: { id: 'ASC' } });
    expect(rows.map((a) => [a.villageId, a.code, a.kind, a.areaM2, a.bookValueFen, a.usage, a.acquiredOn, a.note])).toEqual([
      [w.villages.b.id, 'X-1', 'forest', 52001, 8_800_050, 'leased', '2015-06-01', null],
      [w.villages.b.id, '2', 'equipment', null, 0, 'self_used', '2020-01-02', '备用'],
    ]);
  });
});
