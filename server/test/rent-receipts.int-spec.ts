import { Clock } from '../src/common/clock/clock';
import { DomainEvent, DomainEvents } from '../src/common/events/domain-events';
import { FixedClock, startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { approveContract, publishEntry } from './helpers/entries';

/** 2026-03-15, noon in China. */
const TODAY = new Date('2026-03-15T04:00:00Z');

interface Installment {
  id: number;
  seq: number;
  amountFen: number;
  receivedFen: number;
  state: string;
}

describe('rent receipts: published income entries counted against installments', () => {
  let t: TestApp;
  let w: World;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const clock = new FixedClock(TODAY);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => clock.now());
    t.app.get(DomainEvents).subscribe(async (e) => void events.push(e));
  });
  afterAll(() => t.close());

  const post = (user: string, path: string, body: object = {}) => t.http().post(`/api${path}`).set(w.auth(user)).send(body);
  const get = (user: string | null, path: string) => (user ? t.http().get(`/api${path}`).set(w.auth(user)) : t.http().get(`/api${path}`));
  const receipt = (contractId: number, body: object, user = 'bk_a') => post(user, `/staff/contracts/${contractId}/receipts`, body);
  const income = (amountFen: number, over: Record<string, unknown> = {}) =>
    publishEntry(t, w, { amountFen, occurredOn: '2025-01-10', summary: '鱼塘租金', counterpartyName: '张小三', ...over });
  const schedule = async (contractId: number): Promise<Installment[]> =>
    (await get(null, `/contracts/${contractId}`).expect(200)).body.installments;
  const received = async (contractId: number) => (await schedule(contractId)).map((i) => i.receivedFen);
  const candidateIds = async (contractId: number): Promise<number[]> =>
    (await get('bk_a', `/staff/contracts/${contractId}/receipt-candidates?limit=50`).expect(200)).body.items.map(
      (c: { entryId: number }) => c.entryId,
    );
  const emitted = async (type: DomainEvent['type']) => {
    await t.app.get(DomainEvents).idle();
    return events.splice(0).filter((e) => e.type === type);
  };

  it('counts an entry against the oldest unpaid installments first, or as split by the bookkeeper, never over-paying', async () => {
    const c = await approveContract(t, w, { code: 'R-1' });
    const [i1, i2, i3] = await schedule(c.id);
    const e1 = await income(1_500_000);
    expect(await emitted('entries.published')).toEqual([{ type: 'entries.published', villageId: w.villages.a.id, entryIds: [e1.id] }]);

    const candidates = (await get('bk_a', `/staff/contracts/${c.id}/receipt-candidates`).expect(200)).body.items;
    expect(candidates).toContainEqual({
      entryId: e1.id,
      serial: e1.serial,
      occurredOn: '2025-01-10',
      amountFen: 1_500_000,
      allocatedFen: 0,
      unallocatedFen: 1_500_000,
      counterpartyDisplay: '张*三',
      summary: '鱼塘租金',
    });
    const first = await receipt(c.id, { entryId: e1.id }).expect(201);
    expect(first.body.installments.map((i: Installment) => [i.receivedFen, i.state])).toEqual([
      [1_200_000, 'paid'],
      [300_000, 'overdue'],
      [0, 'upcoming'],
    ]);
    expect(await emitted('contracts.changed')).toEqual([{ type: 'contracts.changed', villageId: w.villages.a.id, contractIds: [c.id] }]);
    expect(await candidateIds(c.id)).not.toContain(e1.id);
    expect((await receipt(c.id, { entryId: e1.id }).expect(400)).body.details).toEqual([{ field: 'entryId', reason: expect.any(String) }]);

    const e2 = await income(2_000_000);
    const other = await approveContract(t, w, { code: 'R-other' });
    const otherInst = (await schedule(other.id))[0];
    const bad: [object, string[]][] = [
      [[{ installmentId: i2.id, amountFen: 1_000_000 }], ['allocations[0].amountFen']], // i2 lacks 900,000
      [
        [
          { installmentId: i2.id, amountFen: 900_000 },
          { installmentId: i3.id, amountFen: 1_200_000 },
        ],
        ['allocations'],
      ], // 2,100,000 > 2,000,000
      [[{ installmentId: otherInst.id, amountFen: 100 }], ['allocations[0].installmentId']],
      [
        [
          { installmentId: i3.id, amountFen: 100 },
          { installmentId: i3.id, amountFen: 100 },
        ],
        ['allocations[1].installmentId'],
      ],
      [[], ['allocations']],
      [[{ installmentId: i1.id, amountFen: 1 }], ['allocations[0].amountFen']], // i1 is paid
      [[{ installmentId: i3.id, amountFen: 0 }], ['allocations.0.amountFen']],
    ];
    for (const [allocations, fields] of bad) {
      const res = await receipt(c.id, { entryId: e2.id, allocations }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(fields);
    }
    await receipt(c.id, { entryId: e2.id, allocations: [{ installmentId: i3.id, amountFen: 500_000 }] }).expect(201);
    await receipt(c.id, { entryId: e2.id, allocations: [{ installmentId: i2.id, amountFen: 900_000 }] }).expect(201);
    // the same entry on the same installment again: one receipt, added up
    await receipt(c.id, { entryId: e2.id, allocations: [{ installmentId: i3.id, amountFen: 100_000 }] }).expect(201);
    const detail = (await get(null, `/contracts/${c.id}`).expect(200)).body;
    expect(detail.installments.map((i: Installment) => [i.receivedFen, i.state])).toEqual([
      [1_200_000, 'paid'],
      [1_200_000, 'paid'],
      [600_000, 'partly_paid'],
    ]);
    expect(detail).toMatchObject({ receivedFen: 3_000_000, dueUnpaidFen: 0, overdueCount: 0 });
    expect(
      detail.receipts.map((r: { entryId: number; entrySerial: number; installmentSeq: number; amountFen: number; reversed: boolean }) => [
        r.entryId,
        r.entrySerial,
        r.installmentSeq,
        r.amountFen,
        r.reversed,
      ]),
    ).toEqual([
      [e1.id, e1.serial, 1, 1_200_000, false],
      [e1.id, e1.serial, 2, 300_000, false],
      [e2.id, e2.serial, 3, 600_000, false],
      [e2.id, e2.serial, 2, 900_000, false],
    ]);
    const left = (await get('bk_a', `/staff/contracts/${c.id}/receipt-candidates?limit=50`).expect(200)).body.items.find(
      (x: { entryId: number }) => x.entryId === e2.id,
    );
    expect(left).toMatchObject({ allocatedFen: 1_500_000, unallocatedFen: 500_000 });
    // nothing left to pay on this contract: the rest of e2 cannot go here
    expect(
      (await receipt(c.id, { entryId: e2.id, allocations: [{ installmentId: i3.id, amountFen: 600_001 }] }).expect(400)).body.details[0]
        .field,
    ).toBe('allocations[0].amountFen');
    await receipt(c.id, { entryId: e2.id }).expect(201); // the 500,000 left of e2 go to i3
    expect(await received(c.id)).toEqual([1_200_000, 1_200_000, 1_100_000]);

    // rent received for a period after a termination date stops the termination
    const term = await post('bk_a', `/staff/contracts/${c.id}/terminate`, { terminatedOn: '2026-06-30', reason: '提前退租' }).expect(409);
    expect(term.body.code).toBe('RECEIPTS_AFTER_TERMINATION');

    const summary = (await get(null, `/villages/${w.villages.a.id}/registers`).expect(200)).body;
    expect(summary).toMatchObject({ receivedFen: 3_500_000, dueFen: 2 * 1_200_000 + 2 * 1_200_000, overdueContractCount: 1 });
  });

  it('refuses entries that are not published income of the village, reversals, reversed entries, and contracts not approved', async () => {
    const c = await approveContract(t, w, { code: 'R-2' });
    const expense = await publishEntry(t, w, { direction: 'expense', subjectCode: '511', amountFen: 10_000, summary: '办公用品' });
    const draft = await post('bk_a', '/staff/entries', {
      direction: 'income',
      subjectCode: '501',
      amountFen: 5_000,
      occurredOn: '2025-01-10',
      counterpartyName: '张小三',
      counterpartyKind: 'person',
      summary: '草稿',
      paymentMethod: 'bank',
    }).expect(201);
    const otherVillage = await publishEntry(t, w, { amountFen: 10_000, summary: '别村收入' }, 'bk_b', 'ap_town1');
    const original = await income(10_000, { summary: '将被冲销' });
    const reversal = await post('bk_a', `/staff/entries/${original.id}/reversal`, { reason: '重复入账' }).expect(201);
    await post('ap_a', `/staff/entries/${reversal.body.id}/approve`).expect(200);
    expect(await emitted('entries.published')).toContainEqual({
      type: 'entries.published',
      villageId: w.villages.a.id,
      entryIds: [reversal.body.id],
    });

    for (const entryId of [expense.id, draft.body.id, otherVillage.id, original.id, reversal.body.id, 999_999]) {
      const res = await receipt(c.id, { entryId }).expect(400);
      expect(res.body.details).toEqual([{ field: 'entryId', reason: expect.any(String) }]);
    }
    const candidates = await candidateIds(c.id);
    for (const id of [expense.id, draft.body.id, otherVillage.id, original.id, reversal.body.id]) expect(candidates).not.toContain(id);

    const good = await income(10_000);
    await receipt(c.id, { entryId: good.id }, 'bk_b').expect(404);
    await receipt(c.id, { entryId: good.id }, 'ap_a').expect(403);
    await get('bk_b', `/staff/contracts/${c.id}/receipt-candidates`).expect(404);
    const submitted = await post('bk_a', '/staff/contracts', {
      code: 'R-3',
      kind: 'lease',
      counterpartyKind: 'person',
      counterpartyName: '李四',
      startOn: '2025-01-01',
      endOn: '2025-12-31',
      frequency: 'yearly',
      annualRentFen: 100_000,
      awardMethod: 'negotiated',
    }).expect(201);
    await post('bk_a', `/staff/contracts/${submitted.body.id}/submit`).expect(200);
    expect((await receipt(submitted.body.id, { entryId: good.id }).expect(409)).body.code).toBe('INVALID_STATE');
    await receipt(999_999, { entryId: good.id }).expect(404);
    await receipt(c.id, { entryId: 'x' }).expect(400);
  });

  it('stops counting a receipt once its entry is reversed', async () => {
    const c = await approveContract(t, w, { code: 'R-4' });
    const e = await income(1_200_000);
    await receipt(c.id, { entryId: e.id }).expect(201);
    expect((await schedule(c.id))[0]).toMatchObject({ receivedFen: 1_200_000, state: 'paid' });

    const reversal = await post('bk_a', `/staff/entries/${e.id}/reversal`, { reason: '收款退回' }).expect(201);
    // a reversal waiting for approval changes nothing yet
    expect((await schedule(c.id))[0].receivedFen).toBe(1_200_000);
    await post('ap_a', `/staff/entries/${reversal.body.id}/approve`).expect(200);

    const detail = (await get(null, `/contracts/${c.id}`).expect(200)).body;
    expect(detail.installments[0]).toMatchObject({ receivedFen: 0, state: 'overdue' });
    expect(detail.receivedFen).toBe(0);
    expect(detail.receipts).toEqual([expect.objectContaining({ entryId: e.id, amountFen: 1_200_000, reversed: true })]);
    expect(await candidateIds(c.id)).not.toContain(e.id);
    // the installment can be paid again from another entry
    const again = await income(1_200_000);
    await receipt(c.id, { entryId: again.id }).expect(201);
    expect((await schedule(c.id))[0]).toMatchObject({ receivedFen: 1_200_000, state: 'paid' });
  });

  it('never lets concurrent receipts take more from one entry than it holds, nor pay one installment twice', async () => {
    const contracts: Record<string, any>[] = [];
    for (const code of ['K-1', 'K-2', 'K-3']) contracts.push(await approveContract(t, w, { code }));
    const entry = await income(1_000_000);
    const split = await Promise.all(
      contracts.map((c) =>
        receipt(c.id, { entryId: entry.id, allocations: [{ installmentId: c.installments[0].id, amountFen: 400_000 }] }),
      ),
    );
    expect(split.map((r) => r.status).sort()).toEqual([201, 201, 400]);

    const fresh: Record<string, any>[] = [];
    for (const code of ['K-4', 'K-5', 'K-6']) fresh.push(await approveContract(t, w, { code }));
    const whole = await income(1_000_000);
    const auto = await Promise.all(fresh.map((c) => receipt(c.id, { entryId: whole.id })));
    expect(auto.filter((r) => r.status === 201)).toHaveLength(1);
    expect(auto.filter((r) => r.status !== 201).map((r) => r.status)).toEqual([400, 400]);

    const [{ total }] = await t.dataSource.query('SELECT COALESCE(SUM(amount_fen), 0) AS total FROM rent_receipts WHERE entry_id = ?', [
      entry.id,
    ]);
    expect(Number(total)).toBe(800_000);
    const [{ total: wholeTotal }] = await t.dataSource.query(
      'SELECT COALESCE(SUM(amount_fen), 0) AS total FROM rent_receipts WHERE entry_id = ?',
      [whole.id],
    );
    expect(Number(wholeTotal)).toBe(1_000_000);

    // two entries racing for the same installment (K-3's second one lacks 1,200,000)
    const target = (await schedule(contracts[2].id))[1];
    const [a, b] = [await income(800_000), await income(800_000)];
    const race = await Promise.all(
      [a, b].map((e) => receipt(contracts[2].id, { entryId: e.id, allocations: [{ installmentId: target.id, amountFen: 800_000 }] })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([201, 400]);
    expect((await schedule(contracts[2].id))[1].receivedFen).toBe(800_000);
  });

  it('tells the rules engine about entries published by an import batch approval', async () => {
    const csv = [
      '日期,收支,科目编码,金额(元),对方单位,对方类型,摘要,结算方式,凭证号',
      '2025-03-05,收入,501,100,上坂村合作社,单位,租金,银行,',
      '2025-03-06,收入,501,200,上坂村合作社,单位,租金,银行,',
    ].join('\n');
    const batch = await t
      .http()
      .post('/api/staff/imports?dryRun=false')
      .set(w.auth('bk_a'))
      .attach('file', Buffer.from(csv), 'entries.csv')
      .expect(201);
    await emitted('entries.published');
    await post('ap_a', `/staff/imports/${batch.body.batchId}/approve`).expect(200);
    const published = await emitted('entries.published');
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ type: 'entries.published', villageId: w.villages.a.id });
    expect((published[0] as { entryIds: number[] }).entryIds).toHaveLength(2);
  });
});
