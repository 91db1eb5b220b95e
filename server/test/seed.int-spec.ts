import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { personalDataProblem, todayInChina } from '@mingbai/shared';
import { DemoSeeder, type SeedResult } from '../src/modules/seed/demo-seeder';
import { ChainVerifier } from '../src/modules/ledger/chain-verifier';
import { ChainHead } from '../src/modules/ledger/chain-head.entity';
import { Entry } from '../src/modules/ledger/entry.entity';
import { EntryApproval } from '../src/modules/ledger/entry-approval.entity';
import { Region } from '../src/modules/regions/region.entity';
import { Attachment } from '../src/modules/attachments/attachment.entity';
import { Report } from '../src/modules/reports/report.entity';
import { voucherWindowStart } from '../src/modules/seed/demo-vouchers';
import { startTestApp, TestApp } from './helpers/test-app';

const SEED = 4242;
const heads = async (t: TestApp) =>
  (await t.dataSource.manager.find(ChainHead, { order: { villageId: 'ASC' } })).map((h) => ({ villageId: h.villageId, serial: h.serial, hash: h.hash }));
/** Everything about the seeded vouchers except their random storage keys. */
const voucherFingerprint = async (t: TestApp) =>
  (await t.dataSource.manager.find(Attachment, { order: { id: 'ASC' } })).map((a) => [a.entryId, a.villageId, a.mime, a.sizeBytes, a.sha256, a.uploadedBy]);

describe('demo seed', () => {
  let t: TestApp;
  let result: SeedResult | null;
  let firstHeads: Awaited<ReturnType<typeof heads>>;
  let firstVouchers: Awaited<ReturnType<typeof voucherFingerprint>>;
  beforeAll(async () => {
    t = await startTestApp();
    result = await t.app.get(DemoSeeder).seedIfEmpty(SEED);
    firstHeads = await heads(t);
    firstVouchers = await voucherFingerprint(t);
  }, 600_000);
  afterAll(() => t?.close());

  it('files citizen reports in every stage, and its printed receipt code opens the demo village\'s newest one', async () => {
    const reports = await t.dataSource.manager.find(Report, { order: { id: 'ASC' } });
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['submitted', 'investigating', 'closed']));
    expect(reports.some((r) => r.identitySealed !== null)).toBe(true);
    expect(reports.some((r) => r.subjectType === 'entry')).toBe(true);
    // something overdue for the inbox and the digest
    expect(reports.some((r) => r.status === 'submitted' && r.acceptDueAt.getTime() < Date.now())).toBe(true);
    const res = await t.http().post('/api/reports/lookup').send({ receiptCode: result!.demoReceiptCode }).expect(200);
    expect(res.body.villageName).toBe('石桥村');
    // the county inspector sees them all; the closed case shows its reply
    const login = await t.http().post('/api/auth/login').send({ username: 'demo_inspector', password: 'mingbai-demo-2026' }).expect(200);
    const inbox = await t.http().get('/api/inspector/reports?limit=50').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(inbox.body.total).toBe(reports.length);
  });

  it('creates a fictional county of about 25 villages on the 2023 chart', async () => {
    const villages = await t.dataSource.manager.find(Region, { where: { level: 'village' } });
    expect(villages.length).toBeGreaterThanOrEqual(20);
    expect(villages.length).toBeLessThanOrEqual(30);
    const year = Number(todayInChina().slice(0, 4));
    for (const v of villages) {
      expect(v.code.startsWith('3599')).toBe(true);
      expect(v).toMatchObject({ chartVersion: '2023', ledgerStart: `${year - 1}-01-01` });
    }
    expect(firstHeads).toHaveLength(villages.length);
  });

  it('gives every village a chain that verifies, with months of entries in it', async () => {
    const verifier = t.app.get(ChainVerifier);
    for (const h of firstHeads) {
      const report = await verifier.verifyVillage(h.villageId);
      expect(report).toEqual({ villageId: h.villageId, entries: h.serial, ok: true });
      expect(h.serial).toBeGreaterThan(100);
    }
  }, 120_000);

  it('has drafts, entries waiting for approval, rejected entries with reasons and a published reversal', async () => {
    const em = t.dataSource.manager;
    expect(await em.count(Entry, { where: { status: 'draft' } })).toBeGreaterThan(0);
    expect(await em.count(Entry, { where: { status: 'submitted' } })).toBeGreaterThan(0);
    const rejected = await em.find(Entry, { where: { status: 'rejected' } });
    expect(rejected.length).toBeGreaterThan(0);
    for (const e of rejected) expect(e.rejectReason).toBeTruthy();
    const reversals = (await em.find(Entry, { where: { status: 'published' } })).filter((e) => e.reversesId !== null);
    expect(reversals.length).toBeGreaterThan(0);
    expect(reversals.some((e) => e.reversalReason === '重复入账')).toBe(true);
    const rejections = await em.count(EntryApproval, { where: { decision: 'rejected' } });
    expect(rejections).toBeGreaterThanOrEqual(rejected.length);
  });

  it("attaches voucher photos to most of the recent months' spending in every village, as a bookkeeper would", async () => {
    const em = t.dataSource.manager;
    const since = voucherWindowStart(todayInChina());
    const files = await em.find(Attachment);
    const entries = new Map((await em.find(Entry)).map((e) => [e.id, e]));
    const perEntry = new Map<number, number>();
    for (const a of files) {
      const e = entries.get(a.entryId!)!;
      expect(e).toBeDefined();
      expect(a.villageId).toBe(e.villageId);
      expect(a.uploadedBy).toBe(e.createdBy);
      expect(a.createdAt.getTime()).toBeLessThan(e.createdAt.getTime());
      expect(e.occurredOn >= since).toBe(true);
      expect(e.reversesId).toBeNull();
      expect(a.mime).toBe('image/jpeg');
      expect(a.sizeBytes).toBeGreaterThan(2_000);
      expect(a.sizeBytes).toBeLessThan(40_000);
      perEntry.set(e.id, (perEntry.get(e.id) ?? 0) + 1);
    }
    expect(new Set(files.map((a) => a.storageKey)).size).toBe(files.length);
    for (const n of perEntry.values()) expect([1, 2]).toContain(n);
    expect([...perEntry.values()].filter((n) => n === 2).length).toBeGreaterThan(0);

    const recent = [...entries.values()].filter((e) => e.occurredOn >= since && e.reversesId === null);
    const share = (list: Entry[]) => list.filter((e) => perEntry.has(e.id)).length / list.length;
    expect(share(recent.filter((e) => e.direction === 'expense'))).toBeGreaterThan(0.7);
    const income = share(recent.filter((e) => e.direction === 'income'));
    expect(income).toBeGreaterThan(0.1);
    expect(income).toBeLessThan(0.7);
    for (const h of firstHeads) expect(files.some((a) => a.villageId === h.villageId && entries.get(a.entryId!)!.status === 'published')).toBe(true);
  });

  it('serves the vouchers of published entries through the public API, and keeps the others private', async () => {
    const em = t.dataSource.manager;
    const files = await em.find(Attachment, { order: { id: 'DESC' } });
    const statusOf = new Map((await em.find(Entry, { select: { id: true, status: true } })).map((e) => [e.id, e.status]));
    const published = files.find((a) => statusOf.get(a.entryId!) === 'published')!;
    const entry = (await t.http().get(`/api/entries/${published.entryId}`).expect(200)).body;
    const count = files.filter((a) => a.entryId === published.entryId).length;
    expect(entry.attachmentCount).toBe(count);
    expect(entry.attachments).toHaveLength(count);
    const list = await t.http().get(`/api/villages/${entry.villageId}/entries?from=${entry.occurredOn}&to=${entry.occurredOn}&limit=50`).expect(200);
    expect(list.body.items.find((e: { id: number }) => e.id === entry.id).attachmentCount).toBe(count);

    const file = await t.http().get(entry.attachments[0].url).buffer(true).expect(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(createHash('sha256').update(file.body).digest('hex')).toBe(file.headers.etag.replace(/"/g, ''));
    const meta = await sharp(file.body).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 300, height: 400 });

    const pending = files.find((a) => statusOf.get(a.entryId!) === 'submitted')!;
    expect(pending).toBeDefined();
    await t.http().get(`/api/attachments/${pending.id}`).expect(404);
  });

  it('writes no phone or ID numbers into any public text', async () => {
    const entries = await t.dataSource.manager.find(Entry, { select: { summary: true, counterpartyDisplay: true, voucherNo: true } });
    for (const e of entries) for (const text of [e.summary, e.counterpartyDisplay, e.voucherNo ?? '']) expect(personalDataProblem(text)).toBeNull();
  });

  it('prints one working account per role, and the approvers have a queue', async () => {
    expect(result!.accounts.map((a) => a.role).sort()).toEqual(['admin', 'approver', 'approver', 'bookkeeper', 'inspector', 'inspector']);
    const tokens: Record<string, string> = {};
    for (const a of result!.accounts) {
      expect(a.password.length).toBeGreaterThanOrEqual(10);
      const res = await t.http().post('/api/auth/login').send({ username: a.username, password: a.password }).expect(200);
      tokens[a.username] = res.body.accessToken;
    }
    const queue = async (user: string) =>
      (await t.http().get('/api/staff/entries?status=submitted&limit=50').set('Authorization', `Bearer ${tokens[user]}`).expect(200)).body.items as { id: number; approvals: unknown[] }[];
    expect((await queue('demo_approver')).length).toBeGreaterThan(0);
    const waitingForTown = (await queue('demo_town_agent')).filter((e) => e.approvals.length === 1);
    expect(waitingForTown.length).toBeGreaterThan(0);

    // The town agent's second approval goes through the ordinary API and extends the chain.
    const approved = await t.http().post(`/api/staff/entries/${waitingForTown[0].id}/approve`).set('Authorization', `Bearer ${tokens.demo_town_agent}`).expect(200);
    expect(approved.body.status).toBe('published');
    expect((await t.app.get(ChainVerifier).verifyVillage(approved.body.villageId)).ok).toBe(true);
  });

  it('publishes a non-empty summary for the current year', async () => {
    const year = Number(todayInChina().slice(0, 4));
    const res = await t.http().get(`/api/villages/${firstHeads[0].villageId}/summary?year=${year}`).expect(200);
    expect(res.body.incomeFen).toBeGreaterThan(0);
    expect(res.body.expenseFen).toBeGreaterThan(0);
    expect(res.body.subjects.length).toBeGreaterThan(3);
    const list = await t.http().get(`/api/villages/${firstHeads[0].villageId}/entries`).expect(200);
    expect(list.body.items).toHaveLength(20);
  });

  it('does nothing on a database that already has regions', async () => {
    expect(await t.app.get(DemoSeeder).seedIfEmpty(SEED)).toBeNull();
  });

  it('gives identical chain heads for the same seed on a fresh database', async () => {
    const again = await startTestApp();
    try {
      await again.app.get(DemoSeeder).seedIfEmpty(SEED);
      expect(await heads(again)).toEqual(firstHeads);
      expect(await voucherFingerprint(again)).toEqual(firstVouchers);
    } finally {
      await again.close();
    }
  }, 600_000);
});
