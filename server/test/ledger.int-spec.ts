import { ChainVerifier } from '../src/modules/ledger/chain-verifier';
import { LedgerService } from '../src/modules/ledger/ledger.service';
import { UsersRepository } from '../src/modules/users/users.repository';
import { Entry } from '../src/modules/ledger/entry.entity';
import { dropImmutabilityTriggers, createImmutabilityTriggers } from '../src/database/migrations/1764000000000-Initial';
import { computeEntryHash, GENESIS_HASH, verifyChain } from '@mingbai/shared';
import { verifyChainCommand } from '../src/cli/verify-chain';
import { RegionImportService } from '../src/modules/regions/region-import.service';
import { startTestApp, TestApp } from './helpers/test-app';
import { buildWorld, World } from './helpers/world';
import { publishEntry, validEntry } from './helpers/entries';

describe('ledger: draft → submit → approve → publish', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('publishes an approved entry and shows it in the public list, summary and detail', async () => {
    const created = await t.http().post('/api/staff/entries').set(w.auth('bk_a')).send(validEntry()).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', counterpartyName: '张小三', counterpartyDisplay: '张*三', serial: null });

    // a draft is not public
    const before = await t.http().get(`/api/villages/${w.villages.a.id}/entries`).expect(200);
    expect(before.body.items).toHaveLength(0);

    await t.http().post(`/api/staff/entries/${created.body.id}/submit`).set(w.auth('bk_a')).expect(200);
    const queue = await t.http().get('/api/staff/entries?status=submitted').set(w.auth('ap_a')).expect(200);
    expect(queue.body.items.map((e: { id: number }) => e.id)).toContain(created.body.id);

    const approved = await t.http().post(`/api/staff/entries/${created.body.id}/approve`).set(w.auth('ap_a')).expect(200);
    expect(approved.body).toMatchObject({ status: 'published', serial: 1, prevHash: GENESIS_HASH });

    const list = await t.http().get(`/api/villages/${w.villages.a.id}/entries`).expect(200);
    expect(list.body.items).toHaveLength(1);
    const pub = list.body.items[0];
    expect(pub).toMatchObject({ serial: 1, amountFen: 1_250_000, counterpartyName: '张*三', subjectName: '经营收入' });
    expect(JSON.stringify(list.body)).not.toContain('张小三');
    expect(pub.hash).toBe(computeEntryHash({ ...pub, reversesSerial: null }, GENESIS_HASH));

    const summary = await t.http().get(`/api/villages/${w.villages.a.id}/summary?year=2025`).expect(200);
    expect(summary.body).toMatchObject({ openingBalanceFen: 1_000_000, incomeFen: 1_250_000, expenseFen: 0, closingBalanceFen: 2_250_000 });
    expect(summary.body.months[2]).toEqual({ month: '2025-03', incomeFen: 1_250_000, expenseFen: 0 });
    expect(summary.body.subjects).toEqual([{ direction: 'income', subjectCode: '501', subjectName: '经营收入', amountFen: 1_250_000, count: 1 }]);

    const detail = await t.http().get(`/api/entries/${created.body.id}`).expect(200);
    expect(detail.body.approvals).toEqual([expect.objectContaining({ step: 1, role: 'approver', decision: 'approved', by: null })]);

    const village = await t.http().get(`/api/villages/${w.villages.a.id}`).expect(200);
    expect(village.body.chainHead).toEqual({ serial: 1, hash: pub.hash });
    expect(village.body.totals).toEqual({ incomeFen: 1_250_000, expenseFen: 0, balanceFen: 2_250_000 });
    expect(village.body.path.map((r: { name: string }) => r.name)).toEqual(['示范市', '示范县', '东山镇']);
  });

  it('answers 304 to a client holding the current ETag, and a new publication shows on the next request', async () => {
    const url = `/api/villages/${w.villages.a.id}/entries`;
    const first = await t.http().get(url).expect(200);
    expect(first.headers['cache-control']).toContain('must-revalidate');
    await t.http().get(url).set('If-None-Match', first.headers.etag).expect(304);
    await publishEntry(t, w, { amountFen: 100, summary: '新的一笔' });
    const next = await t.http().get(url).set('If-None-Match', first.headers.etag).expect(200);
    expect(next.body.items[0].summary).toBe('新的一笔');
  });

  it('shows admin changes to a village at once, and a region re-import keeps what it does not mention', async () => {
    const url = `/api/villages/${w.villages.c.id}`;
    const before = (await t.http().get(url).expect(200)).body;
    await t.http().patch(`/api/admin/regions/${w.villages.c.id}`).set(w.auth('admin')).send({ openingBalanceFen: 777 }).expect(200);
    const after = (await t.http().get(url).expect(200)).body;
    expect(after.openingBalanceFen).toBe(777);
    expect(after.totals.balanceFen).toBe(before.totals.balanceFen - before.openingBalanceFen + 777);
    await t.app.get(RegionImportService).importCsv('code,name\n359901002001,河口村');
    expect((await t.http().get(url).expect(200)).body).toMatchObject({ openingBalanceFen: 777, chartVersion: '2004', ledgerStart: '2024-01-01' });
    await expect(t.app.get(RegionImportService).importCsv('code,name,ledger_start\n359901002001,河口村,2024-02-30')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await t.http().get(`/api/villages/${w.villages.a.id}/entries?from=2025-02-30`).expect(400);
  });

  it('lets only the author edit, only drafts and rejected entries, and rejects with a reason', async () => {
    const e = (await t.http().post('/api/staff/entries').set(w.auth('bk_a')).send(validEntry({ amountFen: 5000 })).expect(201)).body;
    await t.http().patch(`/api/staff/entries/${e.id}`).set(w.auth('bk_a2')).send({ amountFen: 6000 }).expect(404);
    await t.http().patch(`/api/staff/entries/${e.id}`).set(w.auth('bk_a')).send({ amountFen: 6000 }).expect(200);
    await t.http().post(`/api/staff/entries/${e.id}/submit`).set(w.auth('bk_a')).expect(200);
    const locked = await t.http().patch(`/api/staff/entries/${e.id}`).set(w.auth('bk_a')).send({ amountFen: 7000 }).expect(409);
    expect(locked.body.code).toBe('INVALID_STATE');
    await t.http().post(`/api/staff/entries/${e.id}/reject`).set(w.auth('ap_a')).send({}).expect(400);
    const rejected = await t.http().post(`/api/staff/entries/${e.id}/reject`).set(w.auth('ap_a')).send({ reason: '缺少凭证' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '缺少凭证' });
    await t.http().patch(`/api/staff/entries/${e.id}`).set(w.auth('bk_a')).send({ summary: '补充凭证后重报' }).expect(200);
    await t.http().post(`/api/staff/entries/${e.id}/submit`).set(w.auth('bk_a')).expect(200);
    const published = await t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_town1')).expect(200);
    expect(published.body.status).toBe('published');
    const edit = await t.http().patch(`/api/staff/entries/${e.id}`).set(w.auth('bk_a')).send({ amountFen: 1 }).expect(409);
    expect(edit.body.code).toBe('INVALID_STATE');
    await t.http().delete(`/api/staff/entries/${e.id}`).set(w.auth('bk_a')).expect(409);
  });

  it('refuses an approver reviewing an entry they wrote', async () => {
    const apId = w.userIds['ap_a'];
    const draft = (await t.http().post('/api/staff/entries').set(w.auth('bk_a')).send(validEntry()).expect(201)).body;
    await t.http().post(`/api/staff/entries/${draft.id}/submit`).set(w.auth('bk_a')).expect(200);
    // Make the approver the author (as when a village head keeps the books himself).
    await t.dataSource.manager.update(Entry, { id: draft.id }, { createdBy: apId });
    const res = await t.http().post(`/api/staff/entries/${draft.id}/approve`).set(w.auth('ap_a')).expect(403);
    expect(res.body.code).toBe('SELF_APPROVAL');
    const user = (await t.app.get(UsersRepository).findAuthUser(apId))!;
    await expect(t.app.get(LedgerService).approve(user, draft.id)).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
  });

  it('needs a second approval by the town agent above the town threshold', async () => {
    await t.http().patch(`/api/admin/regions/${w.towns.one.id}`).set(w.auth('admin')).send({ secondApprovalThresholdFen: 1_000_000 }).expect(200);
    const e = (await t.http().post('/api/staff/entries').set(w.auth('bk_a')).send(validEntry({ amountFen: 2_000_000, direction: 'expense', subjectCode: '511', summary: '道路修缮' })).expect(201)).body;
    const submitted = await t.http().post(`/api/staff/entries/${e.id}/submit`).set(w.auth('bk_a')).expect(200);
    expect(submitted.body.approvalsRequired).toBe(2);
    const first = await t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_a')).expect(200);
    expect(first.body.status).toBe('submitted');
    await t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_a')).expect(409);
    const second = await t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_town1')).expect(200);
    expect(second.body.status).toBe('published');
    await t.http().patch(`/api/admin/regions/${w.towns.one.id}`).set(w.auth('admin')).send({ secondApprovalThresholdFen: null }).expect(200);
  });

  it('reverses a published entry: both stay visible, linked, and net to zero', async () => {
    const village = w.villages.b;
    const before = (await t.http().get(`/api/villages/${village.id}`).expect(200)).body.totals;
    const original = await publishEntry(t, w, { direction: 'expense', subjectCode: '513', amountFen: 88_800, summary: '办公用品' }, 'bk_b', 'ap_town1');
    const reversal = await t.http().post(`/api/staff/entries/${original.id}/reversal`).set(w.auth('bk_b')).send({ reason: '重复入账' }).expect(201);
    expect(reversal.body).toMatchObject({ status: 'submitted', reversesId: original.id, amountFen: 88_800 });
    await t.http().post(`/api/staff/entries/${original.id}/reversal`).set(w.auth('bk_b')).send({ reason: '再次冲销' }).expect(409);
    await t.http().post(`/api/staff/entries/${reversal.body.id}/approve`).set(w.auth('ap_town1')).expect(200);

    const list = (await t.http().get(`/api/villages/${village.id}/entries`).expect(200)).body.items;
    const shownOriginal = list.find((e: { id: number }) => e.id === original.id);
    const shownReversal = list.find((e: { id: number }) => e.id === reversal.body.id);
    expect(shownOriginal.reversedById).toBe(reversal.body.id);
    expect(shownReversal).toMatchObject({ reversesId: original.id, reversesSerial: original.serial, reversalReason: '重复入账' });
    const after = (await t.http().get(`/api/villages/${village.id}`).expect(200)).body.totals;
    expect(after).toEqual(before);
    expect((await t.app.get(ChainVerifier).verifyVillage(village.id)).ok).toBe(true);
  });

  it('keeps published rows immutable in the database, and verify-chain names a tampered serial', async () => {
    const id = w.villages.a.id;
    const report = await t.app.get(ChainVerifier).verifyVillage(id);
    expect(report).toMatchObject({ ok: true });
    expect(report.entries).toBeGreaterThanOrEqual(3);
    await expect(t.dataSource.query(`UPDATE entries SET amount_fen = 1 WHERE village_id = ${id} AND serial = 2`)).rejects.toThrow(/immutable/);
    await expect(t.dataSource.query(`DELETE FROM entries WHERE village_id = ${id} AND serial = 2`)).rejects.toThrow(/cannot be deleted/);

    const runner = t.dataSource.createQueryRunner();
    await dropImmutabilityTriggers(runner);
    await t.dataSource.query(`UPDATE entries SET amount_fen = 1 WHERE village_id = ${id} AND serial = 2`);
    await createImmutabilityTriggers(runner);
    await runner.release();
    expect(await t.app.get(ChainVerifier).verifyVillage(id)).toMatchObject({ ok: false, firstBad: { serial: 2, problem: 'hash-mismatch' } });

    // the command-line tool exits non-zero and names the serial
    const errors: string[] = [];
    const code = await verifyChainCommand([], t.config.database, () => undefined, (l) => errors.push(l));
    expect(code).toBe(1);
    expect(errors).toEqual([expect.stringContaining(`village ${id}: FAILED at serial 2`)]);
    expect(await verifyChainCommand(['--village', String(w.villages.b.id)], t.config.database, () => undefined, () => undefined)).toBe(0);

    // the same check on the client side, from the public API
    const items = (await t.http().get(`/api/villages/${id}/entries?limit=50`).expect(200)).body.items;
    const asc = [...items].sort((a: { serial: number }, b: { serial: number }) => a.serial - b.serial);
    expect(verifyChain(asc)).toEqual({ serial: 2, problem: 'hash-mismatch' });
  });
});
