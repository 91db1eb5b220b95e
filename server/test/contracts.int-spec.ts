import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Clock } from '../src/common/clock/clock';
import { IdNumberHasher } from '../src/common/crypto/id-number-hasher';
import { DomainEvent, DomainEvents } from '../src/common/events/domain-events';
import { Contract } from '../src/modules/contracts/contract.entity';
import { ContractInstallment } from '../src/modules/contracts/contract-installment.entity';
import { Entry } from '../src/modules/ledger/entry.entity';
import { Report } from '../src/modules/reports/report.entity';
import { FixedClock, startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { approveAsset, approveContract, publishEntry, validContract, validEntry } from './helpers/entries';

const ID_NUMBER = '11010519491231002X';
/** 2026-03-15, noon in China. */
const TODAY = new Date('2026-03-15T04:00:00Z');

describe('contract register: approval, schedules, termination, public pages, scans, reports', () => {
  let t: TestApp;
  let w: World;
  let clock: FixedClock;
  const events: DomainEvent[] = [];
  let idHash: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    clock = new FixedClock(TODAY);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => clock.now());
    t.app.get(DomainEvents).subscribe(async (e) => void events.push(e));
    idHash = t.app.get(IdNumberHasher).hash(ID_NUMBER, 'x')!;
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(TODAY));

  const post = (user: string, path: string, body: object = {}) => t.http().post(`/api${path}`).set(w.auth(user)).send(body);
  const patch = (user: string, path: string, body: object) => t.http().patch(`/api${path}`).set(w.auth(user)).send(body);
  const get = (user: string | null, path: string) => (user ? t.http().get(`/api${path}`).set(w.auth(user)) : t.http().get(`/api${path}`));
  const fields = (res: { body: { details: { field: string }[] } }) => [...new Set(res.body.details.map((d) => d.field))].sort();
  const changed = async () => {
    await t.app.get(DomainEvents).idle();
    return events.splice(0).filter((e) => e.type === 'contracts.changed');
  };
  /** Everything the public API says about a contract, as text. */
  const publicText = async (contractId: number, assetId: number | null, villageId: number) =>
    [
      (await get(null, `/contracts/${contractId}`).expect(200)).text,
      (await get(null, `/villages/${villageId}/contracts?limit=50`).expect(200)).text,
      (await get(null, `/villages/${villageId}/registers`).expect(200)).text,
      assetId ? (await get(null, `/assets/${assetId}`).expect(200)).text : '',
    ].join('\n');

  it('approves a lease of an asset: schedule, masked counterparty, ID only as a hash, the asset leased', async () => {
    const asset = await approveAsset(t, w, { code: 'A-1', kind: 'pond', usage: 'idle', areaM2: 800 });
    const created = await post(
      'bk_a',
      '/staff/contracts',
      validContract({ code: 'C-1', assetId: asset.id, counterpartyIdNumber: ID_NUMBER }),
    ).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      assetId: asset.id,
      assetName: '村部办公楼',
      counterpartyName: '张小三',
      counterpartyDisplay: '张*三',
      hasCounterpartyIdHash: true,
      areaM2: 800,
      totalRentFen: 3_600_000,
      pendingTermination: null,
    });
    expect(created.body.installments.map((i: { seq: number; dueOn: string; amountFen: number }) => [i.seq, i.dueOn, i.amountFen])).toEqual([
      [1, '2025-01-01', 1_200_000],
      [2, '2026-01-01', 1_200_000],
      [3, '2027-01-01', 1_200_000],
    ]);
    expect(created.text).not.toContain(idHash);
    expect(created.text).not.toContain(ID_NUMBER);
    const row = await t.dataSource.manager.findOneByOrFail(Contract, { id });
    expect(row).toMatchObject({ counterpartyIdHash: idHash, counterpartyNorm: '张小三', counterpartyDisplay: '张*三' });
    expect(JSON.stringify(row)).not.toContain(ID_NUMBER);

    await get(null, `/contracts/${id}`).expect(404);
    await get('bk_a2', `/staff/contracts/${id}`).expect(404);
    await post('bk_a', `/staff/contracts/${id}/submit`).expect(200);
    await post('bk_a', `/staff/contracts/${id}/approve`).expect(403);
    await post('ap_town2', `/staff/contracts/${id}/approve`).expect(404);
    expect(await changed()).toEqual([]);
    const approved = await post('ap_a', `/staff/contracts/${id}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', phase: 'active', overdueCount: 2, dueUnpaidFen: 2_400_000, receivedFen: 0 });
    expect(await changed()).toEqual([{ type: 'contracts.changed', villageId: w.villages.a.id, contractIds: [id] }]);

    const pubAsset = (await get(null, `/assets/${asset.id}`).expect(200)).body;
    expect(pubAsset).toMatchObject({ usage: 'leased', currentContractId: id });
    expect(pubAsset.contracts.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await get('bk_a', `/staff/assets/${asset.id}`).expect(200)).body.contractIds).toEqual([id]);

    const detail = (await get(null, `/contracts/${id}`).expect(200)).body;
    expect(detail).toMatchObject({ counterpartyDisplay: '张*三', phase: 'active', terminatedOn: null, note: null, receipts: [] });
    expect(detail.counterpartyName).toBeUndefined();
    expect(detail.installments.map((i: { state: string; stateLabel: string }) => [i.state, i.stateLabel])).toEqual([
      ['overdue', '逾期未收'],
      ['overdue', '逾期未收'],
      ['upcoming', '未到期'],
    ]);
    const text = await publicText(id, asset.id, w.villages.a.id);
    for (const secret of ['张小三', idHash, ID_NUMBER, 'hasCounterpartyIdHash', 'counterpartyIdHash']) expect(text).not.toContain(secret);

    const summary = (await get(null, `/villages/${w.villages.a.id}/registers`).expect(200)).body;
    expect(summary).toMatchObject({ contractCount: 1, activeContractCount: 1, dueFen: 2_400_000, receivedFen: 0, overdueContractCount: 1 });
  });

  it('filters the public list by phase and overdue rent, newest start first, in keyset pages', async () => {
    const v = w.villages.b;
    const made: Record<string, number> = {};
    for (const [code, startOn, endOn] of [
      ['PH-done', '2020-01-01', '2024-12-31'],
      ['PH-now', '2026-01-01', '2026-12-31'],
      ['PH-later', '2026-06-01', '2028-05-31'],
    ])
      made[code] = (
        await approveContract(
          t,
          w,
          { code, startOn, endOn, counterpartyKind: 'organisation', counterpartyName: '下洋农业合作社' },
          'bk_b',
          'ap_town1',
        )
      ).id;
    const codes = async (query: string) =>
      (await get(null, `/villages/${v.id}/contracts?${query}`).expect(200)).body.items.map((c: { code: string }) => c.code);
    expect(await codes('')).toEqual(['PH-later', 'PH-now', 'PH-done']);
    expect(await codes('phase=expired')).toEqual(['PH-done']);
    expect(await codes('phase=pending')).toEqual(['PH-later']);
    expect(await codes('phase=active&overdue=true')).toEqual(['PH-now']);
    expect(await codes('overdue=false')).toEqual(['PH-later']);
    const first = (await get(null, `/villages/${v.id}/contracts?limit=2`).expect(200)).body;
    expect(first.items.map((c: { code: string }) => c.code)).toEqual(['PH-later', 'PH-now']);
    expect(await codes(`limit=2&cursor=${first.nextCursor}`)).toEqual(['PH-done']);
    // an organisation's name is public as written
    expect((await get(null, `/contracts/${made['PH-now']}`).expect(200)).body.counterpartyDisplay).toBe('下洋农业合作社');
    await get(null, `/villages/${v.id}/contracts?phase=old`).expect(400);
    await get(null, `/villages/${v.id}/contracts?overdue=yes`).expect(400);
    await get(null, `/villages/${v.id}/contracts?cursor=zzz`).expect(400);
  });

  it('answers 400 naming each bad field', async () => {
    const draftAsset = await post('bk_a', '/staff/assets', {
      code: 'A-DRAFT',
      name: '仓库',
      kind: 'building',
      location: '二组',
      bookValueFen: 0,
      usage: 'idle',
    }).expect(201);
    const otherAsset = await approveAsset(t, w, { code: 'A-B' }, 'bk_b', 'ap_town1');
    const cases: [Record<string, unknown>, string[]][] = [
      [{ annualRentFen: null }, ['annualRentFen']],
      [{ annualRentFen: 0 }, ['annualRentFen']],
      [{ endOn: '2024-12-31' }, ['endOn']],
      [{ startOn: '2025-02-30' }, ['startOn']],
      [{ frequency: 'monthly', endOn: '2075-12-31' }, ['frequency']],
      [{ frequency: 'weekly' }, ['frequency']],
      [{ counterpartyKind: 'organisation', counterpartyName: '某公司', counterpartyIdNumber: ID_NUMBER }, ['counterpartyIdNumber']],
      [{ counterpartyIdNumber: '110105194912310021' }, ['counterpartyIdNumber']],
      [{ assetId: draftAsset.body.id }, ['assetId']],
      [{ assetId: otherAsset.id }, ['assetId']],
      [{ assetId: 999_999 }, ['assetId']],
      [{ awardMethod: 'lottery' }, ['awardMethod']],
      [{ depositFen: -5 }, ['depositFen']],
      [{ counterpartyName: '身份证110105194912310021' }, ['counterpartyName']],
      [{ installments: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01', amountFen: 1 }] }, ['installments']],
      [
        {
          frequency: 'custom',
          annualRentFen: null,
          installments: [
            { periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01', amountFen: 100 },
            { periodStart: '2025-06-01', periodEnd: '2026-12-31', dueOn: '2024-12-01', amountFen: 100 },
            { periodStart: '2027-01-01', periodEnd: '2028-12-31', dueOn: '2027-01-01', amountFen: 100 },
          ],
        },
        ['installments[1].dueOn', 'installments[1].periodStart', 'installments[2].periodStart'],
      ],
      [{ frequency: 'custom', annualRentFen: null }, ['installments']],
      [
        { frequency: 'custom', installments: [{ periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-01-01', amountFen: -1 }] },
        ['installments.0.amountFen'],
      ],
      [{ surprise: true }, ['surprise']],
    ];
    for (const [over, expected] of cases) {
      const res = await post('bk_a', '/staff/contracts', validContract({ code: 'BAD', ...over })).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fields(res)).toEqual(expected);
    }
    await post('bk_a', '/staff/contracts', validContract({ code: 'SAME' })).expect(201);
    expect(fields(await post('bk_a', '/staff/contracts', validContract({ code: 'same' })).expect(400))).toEqual(['code']);
  });

  it('stores a custom schedule as given, regenerates a schedule when the frequency changes, and drops an ID number with the person', async () => {
    const custom = await post(
      'bk_a',
      '/staff/contracts',
      validContract({
        code: 'CUSTOM-1',
        frequency: 'custom',
        annualRentFen: null,
        counterpartyIdNumber: ID_NUMBER,
        installments: [
          { periodStart: '2025-01-01', periodEnd: '2025-12-31', dueOn: '2025-03-01', amountFen: 500_000 },
          { periodStart: '2026-01-01', periodEnd: '2027-12-31', dueOn: '2026-03-01', amountFen: 900_000 },
        ],
      }),
    ).expect(201);
    expect(custom.body).toMatchObject({ totalRentFen: 1_400_000, frequency: 'custom', annualRentFen: null });
    const id = custom.body.id;
    // editing something else keeps the given schedule and the ID hash
    const renamed = await patch('bk_a', `/staff/contracts/${id}`, { note: '经村民代表会议通过' }).expect(200);
    expect(renamed.body).toMatchObject({ totalRentFen: 1_400_000, hasCounterpartyIdHash: true, note: '经村民代表会议通过' });
    const yearly = await patch('bk_a', `/staff/contracts/${id}`, { frequency: 'half_yearly', annualRentFen: 1_000_000 }).expect(200);
    expect(yearly.body.installments).toHaveLength(6);
    expect(yearly.body.totalRentFen).toBe(3_000_000);
    // another person: the ID number given for the first one goes
    const other = await patch('bk_a', `/staff/contracts/${id}`, { counterpartyName: '李四' }).expect(200);
    expect(other.body).toMatchObject({ hasCounterpartyIdHash: false, counterpartyDisplay: '李*' });
    expect(await t.dataSource.manager.findOneByOrFail(Contract, { id })).toMatchObject({
      counterpartyIdHash: null,
      counterpartyNorm: '李四',
    });
    expect(await t.dataSource.manager.countBy(ContractInstallment, { contractId: id })).toBe(6);
    await t.http().delete(`/api/staff/contracts/${id}`).set(w.auth('bk_a')).expect(204);
    expect(await t.dataSource.manager.countBy(ContractInstallment, { contractId: id })).toBe(0);
  });

  it('terminates an approved contract only once an approver approves; later installments stop counting', async () => {
    const c = await approveContract(t, w, { code: 'TERM-1' });
    await changed();
    await post('bk_a2', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2027-12-31', reason: '提前退租' }).expect(400);
    await post('bk_a2', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2026-06-30' }).expect(400);
    await post('bk_b', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2026-06-30', reason: '提前退租' }).expect(404);
    const asked = await post('bk_a2', `/staff/contracts/${c.id}/terminate`, {
      terminatedOn: '2026-06-30',
      reason: '承租方申请提前退租',
    }).expect(200);
    expect(asked.body).toMatchObject({
      status: 'approved',
      terminatedOn: null,
      pendingTermination: { terminatedOn: '2026-06-30', reason: '承租方申请提前退租', requestedBy: w.userIds.bk_a2 },
    });
    expect(
      (await post('bk_a', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2026-05-31', reason: '再次' }).expect(409)).body.code,
    ).toBe('CHANGE_PENDING');
    expect((await get(null, `/contracts/${c.id}`).expect(200)).body).toMatchObject({ terminatedOn: null, totalRentFen: 3_600_000 });
    await patch('bk_a', `/staff/contracts/${c.id}`, { note: '改条款' }).expect(409);

    const done = await post('ap_a', `/staff/contracts/${c.id}/approve`).expect(200);
    expect(done.body).toMatchObject({
      terminatedOn: '2026-06-30',
      terminationReason: '承租方申请提前退租',
      pendingTermination: null,
      totalRentFen: 2_400_000,
      phase: 'active',
    });
    expect(done.body.installments.map((i: { seq: number }) => i.seq)).toEqual([1, 2]);
    expect(await changed()).toEqual([{ type: 'contracts.changed', villageId: w.villages.a.id, contractIds: [c.id] }]);
    clock.set(new Date('2026-07-01T04:00:00Z'));
    expect((await get(null, `/contracts/${c.id}`).expect(200)).body.phase).toBe('terminated');
    expect(
      (await get(null, `/villages/${w.villages.a.id}/contracts?phase=terminated`).expect(200)).body.items.map((x: { id: number }) => x.id),
    ).toEqual([c.id]);
    expect(
      (await post('bk_a', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2026-05-31', reason: '再次' }).expect(409)).body.code,
    ).toBe('ALREADY_TERMINATED');

    // a termination can be refused: nothing changes
    const d = await approveContract(t, w, { code: 'TERM-2' });
    await post('bk_a', `/staff/contracts/${d.id}/terminate`, { terminatedOn: '2026-06-30', reason: '提前退租' }).expect(200);
    const refused = await post('ap_a', `/staff/contracts/${d.id}/reject`, { reason: '未经村民代表会议' }).expect(200);
    expect(refused.body).toMatchObject({
      terminatedOn: null,
      pendingTermination: null,
      rejectReason: '未经村民代表会议',
      totalRentFen: 3_600_000,
    });
  });

  it('a backdated termination cannot wipe out rent that has already fallen due', async () => {
    // Today is 2026-03-15: the yearly installment due 2026-01-01 is owed whatever date the lease ended.
    const c = await approveContract(t, w, { code: 'TERM-BACK' });
    await post('bk_a', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2025-06-30', reason: '承租方早已退租' }).expect(200);
    const done = await post('ap_a', `/staff/contracts/${c.id}/approve`).expect(200);
    expect(done.body.installments.map((i: { seq: number; dueOn: string }) => [i.seq, i.dueOn])).toEqual([
      [1, '2025-01-01'],
      [2, '2026-01-01'],
    ]);
    expect(done.body).toMatchObject({ terminatedOn: '2025-06-30', totalRentFen: 2_400_000 });
    expect(done.body.installments[1].state).toBe('overdue');
  });

  it('keeps contract scans for staff and inspectors in scope, never public, never on an entry', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#6a6' } })
      .png()
      .toBuffer();
    const up = await t
      .http()
      .post('/api/staff/attachments')
      .set(w.auth('bk_a'))
      .attach('file', png, { filename: 'scan.png', contentType: 'image/png' })
      .expect(201);
    const c = await approveContract(t, w, { code: 'SCAN-1' });
    const withScan = await t
      .http()
      .put(`/api/staff/contracts/${c.id}/attachments`)
      .set(w.auth('bk_a'))
      .send({ attachmentIds: [up.body.id] })
      .expect(200);
    expect(withScan.body.attachments).toEqual([
      { id: up.body.id, mime: 'image/png', size: expect.any(Number), url: `/api/attachments/${up.body.id}` },
    ]);
    expect((await get(null, `/contracts/${c.id}`).expect(200)).body.attachments).toBeUndefined();

    await t.http().get(`/api/attachments/${up.body.id}`).expect(404);
    for (const user of ['bk_b', 'ap_town2']) await get(user, `/attachments/${up.body.id}`).expect(404);
    for (const user of ['bk_a', 'ap_a', 'insp_town1', 'insp_county']) {
      const res = await get(user, `/attachments/${up.body.id}`).expect(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect((await get('insp_town1', `/staff/contracts/${c.id}`).expect(200)).body.attachments).toHaveLength(1);
    const entry = await post('bk_a', '/staff/entries', validEntry({ attachmentIds: [up.body.id] })).expect(400);
    expect(entry.body.details[0].field).toBe('attachmentIds');
    await t.http().put(`/api/staff/contracts/${c.id}/attachments`).set(w.auth('bk_b')).send({ attachmentIds: [] }).expect(404);
  });

  it('takes reports about an approved contract or asset, routed by the total rent, and tells the rules engine', async () => {
    const c = await approveContract(t, w, { code: 'REP-1', annualRentFen: 5_000_000 });
    const a = await approveAsset(t, w, { code: 'REP-A', bookValueFen: 100 });
    const draft = await post('bk_a', '/staff/contracts', validContract({ code: 'REP-2' })).expect(201);
    await t
      .http()
      .patch(`/api/admin/regions/${w.towns.one.id}`)
      .set(w.auth('admin'))
      .send({ reportEscalateAmountFen: 15_000_000 })
      .expect(200);
    let ip = 0;
    const file = (over: Record<string, unknown>) =>
      t
        .http()
        .post('/api/reports')
        .set('X-Forwarded-For', `203.0.113.${++ip}`)
        .set('Idempotency-Key', randomUUID())
        .send({
          villageId: w.villages.a.id,
          categoryCode: 'misappropriation',
          text: `合同租金去向不明的反映${ip}`,
          anonymous: true,
          ...over,
        });
    events.splice(0);
    await file({ subjectType: 'contract', subjectId: c.id }).expect(201);
    await file({ subjectType: 'asset', subjectId: a.id }).expect(201);
    const reports = await t.dataSource.manager.find(Report, { where: { villageId: w.villages.a.id }, order: { id: 'ASC' } });
    const [onContract, onAsset] = reports.slice(-2);
    expect(onContract).toMatchObject({ subjectType: 'contract', subjectId: c.id, officeRegionId: w.county.id });
    expect(onAsset).toMatchObject({ subjectType: 'asset', subjectId: a.id, officeRegionId: w.towns.one.id });
    await t.app.get(DomainEvents).idle();
    expect(events.filter((e) => e.type === 'report.filed')).toEqual([
      { type: 'report.filed', reportId: onContract.id },
      { type: 'report.filed', reportId: onAsset.id },
    ]);
    for (const over of [
      { subjectType: 'contract', subjectId: draft.body.id },
      { subjectType: 'contract' },
      { subjectType: 'contract', subjectId: c.id, villageId: w.villages.b.id },
    ]) {
      const res = await file(over).expect(400);
      expect(res.body.details).toEqual([{ field: 'subjectId', reason: expect.any(String) }]);
    }
    await t.http().patch(`/api/admin/regions/${w.towns.one.id}`).set(w.auth('admin')).send({ reportEscalateAmountFen: null }).expect(200);
  });

  it("keeps a person payee's ID number on a ledger entry only as a hash, in step with the name", async () => {
    const org = await post(
      'bk_a',
      '/staff/entries',
      validEntry({ counterpartyKind: 'organisation', counterpartyName: '某某公司', counterpartyIdNumber: ID_NUMBER }),
    ).expect(400);
    expect(org.body.details).toEqual([{ field: 'counterpartyIdNumber', reason: expect.any(String) }]);
    expect((await post('bk_a', '/staff/entries', validEntry({ counterpartyIdNumber: '123' })).expect(400)).body.details[0].field).toBe(
      'counterpartyIdNumber',
    );

    const created = await post(
      'bk_a',
      '/staff/entries',
      validEntry({ counterpartyName: '王 小明', counterpartyIdNumber: ID_NUMBER }),
    ).expect(201);
    expect(created.text).not.toContain(idHash);
    const row = () => t.dataSource.manager.findOneByOrFail(Entry, { id: created.body.id });
    expect(await row()).toMatchObject({ counterpartyIdHash: idHash, counterpartyNorm: '王小明' });
    await patch('bk_a', `/staff/entries/${created.body.id}`, { summary: '改摘要' }).expect(200);
    expect(await row()).toMatchObject({ counterpartyIdHash: idHash, counterpartyNorm: '王小明' });
    await patch('bk_a', `/staff/entries/${created.body.id}`, { counterpartyName: '王·大明' }).expect(200);
    expect(await row()).toMatchObject({ counterpartyIdHash: null, counterpartyNorm: '王大明' });
    await patch('bk_a', `/staff/entries/${created.body.id}`, { counterpartyIdNumber: ID_NUMBER }).expect(200);
    expect((await row()).counterpartyIdHash).toBe(idHash);
    await patch('bk_a', `/staff/entries/${created.body.id}`, { counterpartyIdNumber: null }).expect(200);
    expect((await row()).counterpartyIdHash).toBeNull();

    const published = await publishEntry(t, w, { counterpartyIdNumber: ID_NUMBER, summary: '带身份证号的收款' });
    const answers = [
      JSON.stringify(published),
      (await get(null, `/entries/${published.id}`).expect(200)).text,
      (await get(null, `/villages/${w.villages.a.id}/entries?limit=50`).expect(200)).text,
      (await get('ap_a', `/staff/entries/${published.id}`).expect(200)).text,
    ].join('\n');
    expect(answers).not.toContain(idHash);
    expect(answers).not.toContain(ID_NUMBER);
  });
});
