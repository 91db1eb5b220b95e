import ExcelJS from 'exceljs';
import { Entry } from '../src/modules/ledger/entry.entity';
import { EntryApproval } from '../src/modules/ledger/entry-approval.entity';
import { ImportBatch } from '../src/modules/imports/import-batch.entity';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';

const SUMMARY_200 = '村集体鱼塘承包费收入'.repeat(20) + '🐟';

/** The good file of the commit tests: Chinese headers, a UTF-8 BOM, yuan amounts with separators. */
const GOOD_CSV =
  '\uFEFF' +
  [
    '日期,收支,科目编码,金额(元),对方单位,对方类型,摘要,结算方式,凭证号',
    `2025-03-05,收入,501 经营收入,"1,234.50",上坂村鱼塘合作社,,${SUMMARY_200},银行,记-2025-001`,
    '2025/3/6,支出,511,¥88,张小三,个人,购买办公用品,现金,',
    '2025-03-07,支出,513 管理费用,0.5,李四,,"报刊费, 含邮费",转账,记-2025-003',
  ].join('\r\n') +
  '\r\n';

/** What GOOD_CSV (and the XLSX built below) must store, in file order. */
const EXPECTED = [
  {
    occurredOn: '2025-03-05',
    direction: 'income',
    subjectCode: '501',
    amountFen: 123_450,
    counterpartyName: '上坂村鱼塘合作社',
    counterpartyKind: 'organisation',
    counterpartyDisplay: '上坂村鱼塘合作社',
    summary: SUMMARY_200,
    paymentMethod: 'bank',
    voucherNo: '记-2025-001',
  },
  {
    occurredOn: '2025-03-06',
    direction: 'expense',
    subjectCode: '511',
    amountFen: 8_800,
    counterpartyName: '张小三',
    counterpartyKind: 'person',
    counterpartyDisplay: '张*三',
    summary: '购买办公用品',
    paymentMethod: 'cash',
    voucherNo: null,
  },
  {
    occurredOn: '2025-03-07',
    direction: 'expense',
    subjectCode: '513',
    amountFen: 50,
    counterpartyName: '李四',
    counterpartyKind: 'person',
    counterpartyDisplay: '李*',
    summary: '报刊费, 含邮费',
    paymentMethod: 'transfer',
    voucherNo: '记-2025-003',
  },
];

const stored = (e: Entry) => ({
  occurredOn: e.occurredOn,
  direction: e.direction,
  subjectCode: e.subjectCode,
  amountFen: e.amountFen,
  counterpartyName: e.counterpartyName,
  counterpartyKind: e.counterpartyKind,
  counterpartyDisplay: e.counterpartyDisplay,
  summary: e.summary,
  paymentMethod: e.paymentMethod,
  voucherNo: e.voucherNo,
});

async function goodXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收支明细');
  ws.addRow(['date', 'direction', 'subject', 'amount', 'counterparty', 'counterparty_kind', 'summary', 'payment_method', 'voucher_no']);
  ws.addRow([
    new Date(Date.UTC(2025, 2, 5)),
    'income',
    '501 经营收入',
    1234.5,
    '上坂村鱼塘合作社',
    null,
    SUMMARY_200,
    'bank',
    '记-2025-001',
  ]);
  ws.addRow(['2025/3/6', 'expense', 511, 88, '张小三', 'person', '购买办公用品', 'cash', null]);
  ws.addRow([
    new Date(Date.UTC(2025, 2, 7)),
    '支出',
    '513',
    { formula: '0.25*2', result: 0.5 },
    { richText: [{ text: '李' }, { text: '四' }] },
    '',
    '报刊费, 含邮费',
    '转账',
    '记-2025-003',
  ]);
  ws.getColumn(1).numFmt = 'yyyy-mm-dd';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csv = (...lines: string[]) => Buffer.from(lines.join('\n') + '\n');

describe('imports: bulk entries from CSV and XLSX', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const upload = (user: string, body: Buffer, dryRun: boolean, name = 'entries.csv') =>
    t
      .http()
      .post(`/api/staff/imports?dryRun=${dryRun}`)
      .set(w.auth(user))
      .attach('file', body, { filename: name, contentType: 'application/octet-stream' });
  const counts = async () => ({
    entries: await t.dataSource.getRepository(Entry).count(),
    batches: await t.dataSource.getRepository(ImportBatch).count(),
  });
  const batchEntries = (batchId: number) =>
    t.dataSource.getRepository(Entry).find({ where: { importBatchId: batchId }, order: { id: 'ASC' } });

  it('dry run reports each bad row by spreadsheet row number and field, and writes nothing', async () => {
    const before = await counts();
    const file = csv(
      '日期,收支,科目编码,金额,对方单位,摘要,结算方式', // row 1
      '2025-03-05,收入,501,100.00,东山合作社,鱼塘承包费,银行', // 2 ok
      '2025-03-05,收入,501,12.345,东山合作社,鱼塘承包费,银行', // 3 amount
      '', // 4 blank: skipped, but counted in the numbering
      '2025-02-30,收入,999,100,东山合作社,鱼塘承包费,银行', // 5 date + subject
      '2025-03-05,收入,501,100,王五,联系电话13812345678,现金', // 6 personal data
      '2025-03-05,支出,501 经营收入,100,王五,误选科目,现金', // 7 direction vs chart
      '2023-12-31,支出,511,100,王五,建账前,微信', // 8 before the ledger start + payment method
      '2025-03-08,,经营收入,"2,000",王五,只写科目名称,现金', // 9 ok: subject by name, direction from the chart
    );
    const res = await upload('bk_a', file, true).expect(200);
    expect(res.body).toMatchObject({ dryRun: true, format: 'csv', rows: 7, valid: 2, errorCount: 7 });
    expect(res.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'amountFen'],
      [5, 'occurredOn'],
      [5, 'subjectCode'],
      [6, 'summary'],
      [7, 'subjectCode'],
      [8, 'occurredOn'],
      [8, 'paymentMethod'],
    ]);
    expect(res.body.errors[3].reason).toBe('不得包含手机号码');
    expect(res.body.errors[4].reason).toBe('501 经营收入 is an income account');
    expect(res.body.errors[5].reason).toBe('日期不能早于建账日期2024-01-01');
    expect(await counts()).toEqual(before);
  });

  it('names unknown and missing columns on the header row', async () => {
    const res = await upload(
      'bk_a',
      csv('日期,科目编码,金额,金额(分),对方单位,摘要,结算方式,余额,制单人', '2025-03-05,501,1,100,x,y,现金,0,z'),
      true,
    ).expect(200);
    expect(res.body).toMatchObject({ rows: 1, valid: 0 });
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; reason: string; row: number }) => [e.field, e]));
    expect(byField.columns).toMatchObject({ row: 1 });
    expect(byField.columns.reason).toContain('余额、制单人');
    expect(byField.amountFen.reason).toContain('只能有一列');
  });

  it('refuses to commit a file with any bad row: 400 naming rows and fields, nothing written', async () => {
    const before = await counts();
    const file = csv(
      'date,direction,subject,amount_fen,counterparty,summary,payment_method',
      '2025-03-05,income,501,10000,东山合作社,鱼塘承包费,bank',
      '2025-03-05,income,501,12.5,东山合作社,鱼塘承包费,bank',
      '2025-03-05,income,501,10000,东山合作社,身份证350102199001011234,bank',
    );
    const res = await upload('bk_a', file, false).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('2 处错误');
    expect(res.body.details).toEqual([
      { field: 'row 3.amountFen', reason: expect.any(String) },
      { field: 'row 4.summary', reason: '不得包含身份证号码' },
    ]);
    expect(await counts()).toEqual(before);
  });

  let csvBatch: number;
  let xlsxBatch: number;

  it('commits a good CSV: every entry submitted, with the batch id and the exact values', async () => {
    const before = await counts();
    const res = await upload('bk_a', Buffer.from(GOOD_CSV), false, '2025年3月.csv').expect(201);
    expect(res.body).toEqual({ batchId: expect.any(Number), rows: 3 });
    csvBatch = res.body.batchId;
    expect(await counts()).toEqual({ entries: before.entries + 3, batches: before.batches + 1 });

    const entries = await batchEntries(csvBatch);
    expect(entries.map(stored)).toEqual(EXPECTED);
    for (const e of entries) {
      expect(e).toMatchObject({
        status: 'submitted',
        villageId: w.villages.a.id,
        createdBy: w.userIds.bk_a,
        approvalsRequired: 1,
        serial: null,
        hash: null,
      });
      expect(e.submittedAt).toBeInstanceOf(Date);
    }
    const batch = await t.dataSource.getRepository(ImportBatch).findOneByOrFail({ id: csvBatch });
    expect(batch).toMatchObject({ villageId: w.villages.a.id, createdBy: w.userIds.bk_a, fileName: '2025年3月.csv', rowCount: 3 });
    // the bulk insert stores timestamps as TypeORM does (milliseconds included on MariaDB)
    for (const e of entries) expect(e.submittedAt!.getTime()).toBe(batch.createdAt.getTime());

    const view = await t.http().get(`/api/staff/imports/${csvBatch}`).set(w.auth('bk_a2')).expect(200);
    expect(view.body).toMatchObject({
      id: csvBatch,
      fileName: '2025年3月.csv',
      rowCount: 3,
      counts: { submitted: 3, published: 0, draft: 0, rejected: 0 },
    });
    await t.http().get(`/api/staff/imports/${csvBatch}`).set(w.auth('ap_a')).expect(200);
    // the staff list filters by batch too
    const list = await t.http().get(`/api/staff/entries?importBatchId=${csvBatch}`).set(w.auth('ap_a')).expect(200);
    expect(list.body.items).toHaveLength(3);
  });

  it('imports an XLSX (Excel date cells, numbers, a formula, rich text) to the same values', async () => {
    const dry = await upload('bk_a', await goodXlsx(), true, 'march.xlsx').expect(200);
    expect(dry.body).toEqual({ dryRun: true, format: 'xlsx', rows: 3, valid: 3, errorCount: 0, errors: [] });
    const res = await upload('bk_a', await goodXlsx(), false, 'march.xlsx').expect(201);
    xlsxBatch = res.body.batchId;
    expect((await batchEntries(xlsxBatch)).map(stored)).toEqual(EXPECTED);
  });

  it('keeps each batch to its village: other villages get 404, approvers cannot upload', async () => {
    await t.http().get(`/api/staff/imports/${csvBatch}`).set(w.auth('bk_b')).expect(404);
    await t.http().get(`/api/staff/imports/${csvBatch}`).set(w.auth('ap_town2')).expect(404);
    await t.http().get('/api/staff/imports/999999').set(w.auth('bk_a')).expect(404);
    const res = await upload('ap_a', Buffer.from(GOOD_CSV), true).expect(403);
    expect(res.body.code).toBeDefined();
    await t.http().post(`/api/staff/imports/${csvBatch}/approve`).set(w.auth('bk_a')).expect(403);

    // village c keeps the 2004 chart: 511 is 发包及上交收入 there, an income account
    const c = await upload(
      'bk_c',
      csv('日期,收支,科目编码,金额,对方单位,摘要,结算方式', '2025-04-01,收入,511 发包及上交收入,500,河口村民小组,山林发包款,银行'),
      false,
    ).expect(201);
    await t.http().post(`/api/staff/imports/${c.body.batchId}/approve`).set(w.auth('ap_a')).expect(404);
    await t.http().get(`/api/staff/imports/${c.body.batchId}`).set(w.auth('ap_a')).expect(404);
    const town2 = await t.http().post(`/api/staff/imports/${c.body.batchId}/approve`).set(w.auth('ap_town2')).expect(200);
    expect(town2.body).toEqual({ approved: 1, published: 1, pendingSecondApproval: 0 });
  });

  it('approves a whole batch in one go: all published, shown in the public list and summary', async () => {
    const res = await t.http().post(`/api/staff/imports/${csvBatch}/approve`).set(w.auth('ap_a')).expect(200);
    expect(res.body).toEqual({ approved: 3, published: 3, pendingSecondApproval: 0 });
    await t.http().post(`/api/staff/imports/${xlsxBatch}/approve`).set(w.auth('ap_a')).expect(200);
    const again = await t.http().post(`/api/staff/imports/${csvBatch}/approve`).set(w.auth('ap_a')).expect(409);
    expect(again.body.code).toBe('NOTHING_TO_APPROVE');

    const view = await t.http().get(`/api/staff/imports/${csvBatch}`).set(w.auth('bk_a')).expect(200);
    expect(view.body.counts).toMatchObject({ submitted: 0, published: 3 });
    const serials = (await batchEntries(csvBatch)).map((e) => e.serial);
    expect(serials).toEqual([1, 2, 3]); // file order

    const list = await t.http().get(`/api/villages/${w.villages.a.id}/entries?limit=50`).expect(200);
    expect(list.body.items).toHaveLength(6);
    expect(JSON.stringify(list.body)).not.toContain('张小三');
    expect(list.body.items.map((e: { summary: string }) => e.summary)).toContain(SUMMARY_200);
    const summary = await t.http().get(`/api/villages/${w.villages.a.id}/summary?year=2025`).expect(200);
    expect(summary.body).toMatchObject({ incomeFen: 2 * 123_450, expenseFen: 2 * 8_850 });
  });

  it('gives the first approval to amounts above the town threshold; the town agent gives the second', async () => {
    await t
      .http()
      .patch(`/api/admin/regions/${w.towns.one.id}`)
      .set(w.auth('admin'))
      .send({ secondApprovalThresholdFen: 1_000_000 })
      .expect(200);
    try {
      const file = csv(
        '日期,收支,科目编码,金额,对方单位,摘要,结算方式',
        '2025-04-01,收入,501,10000.00,东山合作社,大额承包费,银行',
        '2025-04-02,收入,501,9999.99,东山合作社,小额承包费,银行',
      );
      const { batchId } = (await upload('bk_a', file, false).expect(201)).body;
      expect((await batchEntries(batchId)).map((e) => e.approvalsRequired)).toEqual([2, 1]);
      const first = await t.http().post(`/api/staff/imports/${batchId}/approve`).set(w.auth('ap_a')).expect(200);
      expect(first.body).toEqual({ approved: 2, published: 1, pendingSecondApproval: 1 });
      const repeat = await t.http().post(`/api/staff/imports/${batchId}/approve`).set(w.auth('ap_a')).expect(409);
      expect(repeat.body.code).toBe('ALREADY_APPROVED');
      const second = await t.http().post(`/api/staff/imports/${batchId}/approve`).set(w.auth('ap_town1')).expect(200);
      expect(second.body).toEqual({ approved: 1, published: 1, pendingSecondApproval: 0 });
    } finally {
      await t
        .http()
        .patch(`/api/admin/regions/${w.towns.one.id}`)
        .set(w.auth('admin'))
        .send({ secondApprovalThresholdFen: null })
        .expect(200);
    }
  });

  it('rolls the whole batch approval back when one entry cannot be approved, naming it', async () => {
    const file = csv(
      '日期,收支,科目编码,金额,对方单位,摘要,结算方式',
      '2025-05-01,收入,501,1,甲合作社,一,现金',
      '2025-05-02,收入,501,2,乙合作社,二,现金',
      '2025-05-03,收入,501,3,丙合作社,三,现金',
    );
    const { batchId } = (await upload('bk_a', file, false).expect(201)).body;
    const entries = await batchEntries(batchId);
    // an approver may not approve what they wrote: make the second entry theirs
    await t.dataSource.getRepository(Entry).update({ id: entries[1].id }, { createdBy: w.userIds.ap_a });
    const head = (await t.http().get(`/api/villages/${w.villages.a.id}`).expect(200)).body.chainHead;

    const res = await t.http().post(`/api/staff/imports/${batchId}/approve`).set(w.auth('ap_a')).expect(403);
    expect(res.body.code).toBe('SELF_APPROVAL');
    expect(res.body.message).toContain(`entry ${entries[1].id}`);
    expect(res.body.details).toEqual([{ field: `entry ${entries[1].id}`, reason: expect.any(String) }]);

    expect((await batchEntries(batchId)).map((e) => e.status)).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await t.dataSource.getRepository(EntryApproval).countBy({ entryId: entries[0].id })).toBe(0);
    expect((await t.http().get(`/api/villages/${w.villages.a.id}`).expect(200)).body.chainHead).toEqual(head);
  });

  it('numbers rows right across a large file with multi-line quoted cells, and writes nothing when a late row fails', async () => {
    const lines = ['日期,收支,科目编码,金额,对方单位,摘要,结算方式'];
    // each record spans two lines and carries escaped quotes; the file is read in slices of 256 KB
    for (let i = 0; i < 4000; i++) lines.push(`2025-06-01,收入,501,1.00,东山合作社,"第${i}笔：""承包费""\n${'备注'.repeat(30)}",银行`);
    lines.push('2025-06-01,收入,501,abc,东山合作社,最后一行金额错误,银行');
    const file = csv(...lines);
    expect(file.length).toBeGreaterThan(2 * 256 * 1024);

    const dry = await upload('bk_a', file, true).expect(200);
    expect(dry.body).toMatchObject({ rows: 4001, valid: 4000, errorCount: 1, errors: [{ row: 4002, field: 'amountFen' }] });
    const before = await counts();
    const res = await upload('bk_a', file, false).expect(400);
    expect(res.body.details).toEqual([{ field: 'row 4002.amountFen', reason: expect.stringContaining('abc') }]);
    expect(await counts()).toEqual(before);

    const { batchId } = (await upload('bk_a', csv(...lines.slice(0, -1)), false).expect(201)).body;
    const stored = await batchEntries(batchId);
    expect(stored).toHaveLength(4000);
    expect(stored[3999].summary).toBe(`第3999笔："承包费"\n${'备注'.repeat(30)}`);
    const view = await t.http().get(`/api/staff/imports/${batchId}`).set(w.auth('bk_a')).expect(200);
    expect(view.body.rowCount).toBe(4000);
  });

  it('reads GBK (GB18030) CSV as exported by Chinese Excel', async () => {
    const gbk = Buffer.from(
      'c8d5c6da2ccad5d6a72cbfc6c4bfb1e0c2eb2cbdf0b6ee2cb6d4b7bdb5a5cebb2cd5aad2aa2cbde1cbe3b7bdcabd0a323032352d30342d30312ccad5c8eb2c3530312c38382e30302cb6abc9bdbacfd7f7c9e72cd3e3ccc1b3d0b0fcb7d12cd2f8d0d00a',
      'hex',
    ); // 日期,收支,科目编码,金额,对方单位,摘要,结算方式 / 2025-04-01,收入,501,88.00,东山合作社,鱼塘承包费,银行
    const res = await upload('bk_a', gbk, true).expect(200);
    expect(res.body).toMatchObject({ rows: 1, valid: 1, errors: [] });
  });

  it('refuses files that are not CSV or XLSX text, and more than 100,000 rows', async () => {
    const notText = await upload('bk_a', Buffer.from([0x61, 0x2c, 0xff, 0x0a, 0x80, 0xff]), true).expect(400);
    expect(notText.body.details[0].field).toBe('file');
    const xls = await upload('bk_a', Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), true).expect(400);
    expect(xls.body.message).toContain('.xls');
    await upload('bk_a', Buffer.from('   \n\n'), true).expect(400);
    await t.http().post('/api/staff/imports?dryRun=maybe').set(w.auth('bk_a')).attach('file', Buffer.from(GOOD_CSV), 'a.csv').expect(400);

    const line = '2025-01-02,收入,501,1,东山合作社,承包费,现金\n';
    const big = Buffer.from('日期,收支,科目编码,金额,对方单位,摘要,结算方式\n' + line.repeat(100_001));
    const before = await counts();
    const res = await upload('bk_a', big, false).expect(400);
    expect(res.body.code).toBe('TOO_MANY_ROWS');
    expect(await counts()).toEqual(before);
  });
});
