import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { addDays, maskPersonName, normalizePersonName, personalDataProblem, rentSchedule, todayInChina, type RentFrequency } from '@mingbai/shared';
import { DemoSeeder, type SeedResult } from '../src/modules/seed/demo-seeder';
import { ChainVerifier } from '../src/modules/ledger/chain-verifier';
import { ChainHead } from '../src/modules/ledger/chain-head.entity';
import { Entry } from '../src/modules/ledger/entry.entity';
import { EntryApproval } from '../src/modules/ledger/entry-approval.entity';
import { Region } from '../src/modules/regions/region.entity';
import { Attachment } from '../src/modules/attachments/attachment.entity';
import { Report } from '../src/modules/reports/report.entity';
import { voucherWindowStart } from '../src/modules/seed/demo-vouchers';
import { Asset } from '../src/modules/assets/asset.entity';
import { Contract } from '../src/modules/contracts/contract.entity';
import { ContractInstallment } from '../src/modules/contracts/contract-installment.entity';
import { RentReceipt } from '../src/modules/contracts/rent-receipt.entity';
import { Warning } from '../src/modules/rules/warning.entity';
import { RULES } from '../src/modules/rules/definitions';
import { RulesEngine } from '../src/modules/rules/rules-engine.service';
import { RuleStatsRepository } from '../src/modules/rules/rule-stats.repository';
import { WatchPerson } from '../src/modules/watchlist/watch-person.entity';
import { User } from '../src/modules/users/user.entity';
import { startTestApp, TestApp } from './helpers/test-app';

const SEED = 4242;
const heads = async (t: TestApp) =>
  (await t.dataSource.manager.find(ChainHead, { order: { villageId: 'ASC' } })).map((h) => ({ villageId: h.villageId, serial: h.serial, hash: h.hash }));
/** What the rules found, by key. */
const warningKeys = async (t: TestApp) =>
  (await t.dataSource.manager.find(Warning, { order: { id: 'ASC' } })).map((w) => [w.ruleId, w.subjectType, w.subjectId, w.period, w.state, w.amountFen]);
/** Everything about the seeded vouchers except their random storage keys. */
const voucherFingerprint = async (t: TestApp) =>
  (await t.dataSource.manager.find(Attachment, { order: { id: 'ASC' } })).map((a) => [a.entryId, a.villageId, a.mime, a.sizeBytes, a.sha256, a.uploadedBy]);

describe('demo seed', () => {
  let t: TestApp;
  let result: SeedResult | null;
  let firstHeads: Awaited<ReturnType<typeof heads>>;
  let firstVouchers: Awaited<ReturnType<typeof voucherFingerprint>>;
  let firstWarnings: Awaited<ReturnType<typeof warningKeys>>;
  beforeAll(async () => {
    t = await startTestApp();
    result = await t.app.get(DemoSeeder).seedIfEmpty(SEED);
    firstHeads = await heads(t);
    firstVouchers = await voucherFingerprint(t);
    firstWarnings = await warningKeys(t);
  }, 600_000);
  afterAll(() => t?.close());

  it('files citizen reports in every stage, and its printed receipt code opens the demo village\'s newest one', async () => {
    const reports = await t.dataSource.manager.find(Report, { where: { kind: 'report' }, order: { id: 'ASC' } });
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(new Set(reports.map((r) => r.status))).toEqual(new Set(['submitted', 'investigating', 'closed']));
    expect(reports.some((r) => r.identitySealed !== null)).toBe(true);
    expect(reports.some((r) => r.subjectType === 'entry')).toBe(true);
    // something overdue for the inbox and the digest
    expect(reports.some((r) => r.status === 'submitted' && r.acceptDueAt.getTime() < Date.now())).toBe(true);
    const res = await t.http().post('/api/reports/lookup').send({ receiptCode: result!.demoReceiptCode }).expect(200);
    expect(res.body.villageName).toBe('石桥村');
    // the county inspector sees them all
    const login = await t.http().post('/api/auth/login').send({ username: 'demo_inspector', password: 'mingbai-demo-2026' }).expect(200);
    const inbox = await t.http().get('/api/inspector/reports?kind=report&limit=50').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
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

  it('attaches vouchers to every payment but the planted few, as a bookkeeper would: recent ones photographed, older ones scanned', async () => {
    const em = t.dataSource.manager;
    const since = voucherWindowStart(todayInChina());
    const files = await em.find(Attachment);
    const entries = new Map((await em.find(Entry)).map((e) => [e.id, e]));
    const perEntry = new Map<number, number>();
    const archived = new Set<string>();
    for (const a of files) {
      const e = entries.get(a.entryId!)!;
      expect(e).toBeDefined();
      expect(a.villageId).toBe(e.villageId);
      expect(a.uploadedBy).toBe(e.createdBy);
      expect(a.createdAt.getTime()).toBeLessThan(e.createdAt.getTime());
      expect(e.reversesId).toBeNull();
      expect(a.mime).toBe('image/jpeg');
      expect(a.sizeBytes).toBeGreaterThan(2_000);
      expect(a.sizeBytes).toBeLessThan(40_000);
      if (e.occurredOn < since) {
        // before the recent months: the scanned pasting sheet of a payment, from a small pool of pictures
        expect(e.direction).toBe('expense');
        archived.add(a.sha256);
      }
      perEntry.set(e.id, (perEntry.get(e.id) ?? 0) + 1);
    }
    expect(archived.size).toBeGreaterThan(1);
    expect(archived.size).toBeLessThanOrEqual(12);
    expect(new Set(files.map((a) => a.storageKey)).size).toBe(files.length);
    for (const n of perEntry.values()) expect([1, 2]).toContain(n);
    expect([...perEntry.values()].filter((n) => n === 2).length).toBeGreaterThan(0);

    const reversed = new Set([...entries.values()].filter((e) => e.status === 'published' && e.reversesId !== null).map((e) => e.reversesId));
    const payments = [...entries.values()].filter((e) => e.status === 'published' && e.direction === 'expense' && e.reversesId === null && !reversed.has(e.id));
    const without = payments.filter((e) => !perEntry.has(e.id));
    expect(without.length).toBeGreaterThan(0);
    expect(without.length).toBeLessThanOrEqual(5);
    const recentIncome = [...entries.values()].filter((e) => e.occurredOn >= since && e.reversesId === null && e.direction === 'income');
    const income = recentIncome.filter((e) => perEntry.has(e.id)).length / recentIncome.length;
    expect(income).toBeGreaterThan(0.1);
    expect(income).toBeLessThan(0.7);
    for (const h of firstHeads) expect(files.some((a) => a.villageId === h.villageId && entries.get(a.entryId!)!.status === 'published')).toBe(true);
  });

  it("registers every village's assets and contracts, entered by its bookkeeper and approved by its head, with work left in the demo village", async () => {
    const em = t.dataSource.manager;
    const villages = await em.find(Region, { where: { level: 'village' } });
    const staff = new Map((await em.find(User)).map((u) => [u.id, u]));
    const assets = await em.find(Asset);
    const contracts = await em.find(Contract);
    for (const v of villages) {
      const own = assets.filter((a) => a.villageId === v.id);
      expect(own.filter((a) => a.status === 'approved').length).toBeGreaterThanOrEqual(4);
      expect(contracts.filter((c) => c.villageId === v.id && c.status === 'approved').length).toBeGreaterThanOrEqual(2);
      expect(own.some((a) => a.name === '村部办公楼' && a.usage === 'self_used')).toBe(true);
    }
    for (const r of [...assets, ...contracts]) {
      const author = staff.get(r.createdBy)!;
      expect(author).toMatchObject({ role: 'bookkeeper', regionId: r.villageId });
      if (r.status === 'approved') expect(staff.get(r.approvedBy!)).toMatchObject({ role: 'approver', regionId: r.villageId });
      else expect(r.approvedBy).toBeNull();
    }
    const kinds = new Set(assets.map((a) => a.kind));
    for (const k of ['building', 'land', 'pond', 'forest', 'equipment']) expect(kinds).toContain(k);
    for (const c of contracts) {
      const asset = assets.find((a) => a.id === c.assetId)!;
      expect(asset.villageId).toBe(c.villageId);
      if (c.status === 'approved') expect(asset.status).toBe('approved');
      expect(c.counterpartyDisplay).toBe(c.counterpartyKind === 'person' ? maskPersonName(c.counterpartyName) : c.counterpartyName);
    }
    // The demo village's bookkeeper and approver have registers to work on.
    const demo = villages.find((v) => v.name === '石桥村')!;
    const pending = [...assets, ...contracts].filter((r) => r.villageId === demo.id).map((r) => r.status);
    for (const status of ['draft', 'submitted', 'rejected']) expect(pending).toContain(status);
    expect(contracts.some((c) => c.villageId === demo.id && c.status === 'submitted')).toBe(true);
    expect(contracts.some((c) => c.terminatedOn !== null && c.status === 'approved')).toBe(true);
  });

  it('splits each contract into the installments of its rent schedule, adding up to its total', async () => {
    const em = t.dataSource.manager;
    const installments = await em.find(ContractInstallment, { order: { contractId: 'ASC', seq: 'ASC' } });
    for (const c of await em.find(Contract)) {
      const own = installments.filter((i) => i.contractId === c.id);
      expect(own.length).toBeGreaterThan(0);
      expect(own.reduce((s, i) => s + i.amountFen, 0)).toBe(c.totalRentFen);
      const schedule = rentSchedule({ startOn: c.startOn, endOn: c.endOn, annualRentFen: c.annualRentFen!, frequency: c.frequency as RentFrequency });
      const expected = c.terminatedOn ? schedule.filter((i) => i.dueOn <= c.terminatedOn!) : schedule;
      expect(own.map((i) => [i.seq, i.periodStart, i.periodEnd, i.dueOn, i.amountFen])).toEqual(expected.map((i) => [i.seq, i.periodStart, i.periodEnd, i.dueOn, i.amountFen]));
    }
  });

  it('links rent receipts to the published income entries that recorded them, never for more than the entry or the installment', async () => {
    const em = t.dataSource.manager;
    const receipts = await em.find(RentReceipt);
    const entries = new Map((await em.find(Entry, { where: { direction: 'income' } })).map((e) => [e.id, e]));
    const installments = new Map((await em.find(ContractInstallment)).map((i) => [i.id, i]));
    const contracts = new Map((await em.find(Contract)).map((c) => [c.id, c]));
    expect(receipts.length).toBeGreaterThan(100);
    const byEntry = new Map<number, number>();
    const byInstallment = new Map<number, number>();
    for (const r of receipts) {
      const e = entries.get(r.entryId)!;
      const i = installments.get(r.installmentId)!;
      const c = contracts.get(r.contractId)!;
      expect(e).toMatchObject({ status: 'published', subjectCode: '501', villageId: c.villageId, counterpartyName: c.counterpartyName });
      expect(e.summary).toMatch(/^收到.*(租金|承包费)/);
      expect(i.contractId).toBe(c.id);
      expect(c.status).toBe('approved');
      expect(e.occurredOn >= i.dueOn).toBe(true);
      byEntry.set(e.id, (byEntry.get(e.id) ?? 0) + r.amountFen);
      byInstallment.set(i.id, (byInstallment.get(i.id) ?? 0) + r.amountFen);
    }
    for (const [id, fen] of byEntry) expect(fen).toBeLessThanOrEqual(entries.get(id)!.amountFen);
    for (const [id, fen] of byInstallment) expect(fen).toBeLessThanOrEqual(installments.get(id)!.amountFen);
    // Rent long due is paid, but for the planted arrears (a handful of installments).
    const today = todayInChina();
    const unpaid = [...installments.values()].filter((i) => contracts.get(i.contractId)!.status === 'approved' && i.dueOn < addDays(today, -60) && (byInstallment.get(i.id) ?? 0) < i.amountFen);
    expect(unpaid.length).toBeGreaterThan(0);
    expect(unpaid.length).toBeLessThanOrEqual(8);
  });

  it('plants a few findings of every rule, which the full rules run finds, and nothing en masse', async () => {
    const warnings = await t.dataSource.manager.find(Warning);
    const byRule = new Map<string, number>();
    for (const w of warnings) byRule.set(w.ruleId, (byRule.get(w.ruleId) ?? 0) + 1);
    const counts = RULES.map((r) => [r.id, byRule.get(r.id) ?? 0] as const);
    expect(counts.filter(([, n]) => n < 1 || n > 6)).toEqual([]);
    expect(byRule.size).toBe(RULES.length);
    expect(warnings.every((w) => w.state === 'open' && w.caseId !== null)).toBe(true);
    // Running the rules again finds the same: nothing new, nothing resolved.
    const again = await t.app.get(RulesEngine).runFull('manual');
    expect(again.reduce((n, r) => n + r.created + r.resolved, 0)).toBe(0);
    expect(again.every((r) => r.error === null)).toBe(true);
  });

  it("leaves the demo village's pond arrears new for the e2e journey: overdue, unpaid, no receipt", async () => {
    const em = t.dataSource.manager;
    const demo = (await em.findOneBy(Region, { name: '石桥村', level: 'village' }))!;
    const [w] = await em.find(Warning, { where: { ruleId: 'rent-arrears', villageId: demo.id } });
    const contract = (await em.findOneBy(Contract, { id: w.subjectId }))!;
    expect((await em.findOneBy(Asset, { id: contract.assetId! }))!.name).toBe('村东头鱼塘');
    expect(contract).toMatchObject({ status: 'approved', terminatedOn: null });
    expect(w.period < addDays(todayInChina(), -60)).toBe(true);
    const installment = (await em.findOneBy(ContractInstallment, { contractId: contract.id, dueOn: w.period }))!;
    expect(w.amountFen).toBe(installment.amountFen);
    expect(await em.countBy(RentReceipt, { installmentId: installment.id })).toBe(0);
    expect((await em.findOneBy(Report, { id: w.caseId! }))!.status).toBe('submitted');
    // the town's inspector finds it in the inbox
    const login = await t.http().post('/api/auth/login').send({ username: 'demo_town_inspector', password: 'mingbai-demo-2026' }).expect(200);
    const inbox = await t.http().get('/api/inspector/reports?kind=warning&ruleId=rent-arrears&limit=50').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(w.caseId);
  });

  it('moves some warnings along the lifecycle, so that rules have a precision and money was recovered', async () => {
    const em = t.dataSource.manager;
    const cases = await em.find(Report, { where: { kind: 'warning' } });
    const statuses = new Set(cases.map((c) => c.status));
    for (const s of ['submitted', 'accepted', 'investigating', 'rectifying', 'closed']) expect(statuses).toContain(s);
    const recovered = cases.reduce((n, c) => n + (c.amountRecoveredFen ?? 0), 0);
    expect(recovered).toBeGreaterThan(0);
    for (const c of cases.filter((x) => x.status !== 'submitted')) {
      expect(c.acceptedAt!.getTime()).toBeGreaterThan(c.createdAt.getTime());
      expect(c.updatedAt.getTime()).toBeLessThanOrEqual(Date.now());
    }
    const stats = await t.app.get(RuleStatsRepository).caseCountsByRule(null);
    expect(stats.get('duplicate-payments')).toMatchObject({ concluded: 1, substantiated: 1 });
    expect(stats.get('holiday-entries')).toMatchObject({ concluded: 1, substantiated: 0 });
  });

  it("keeps the inspectors' watch lists with normalised names, and only some of the people on them were paid", async () => {
    const people = await t.dataSource.manager.find(WatchPerson);
    expect(new Set(people.map((p) => p.listKind))).toEqual(new Set(['cadre_relative', 'public_servant', 'deceased', 'moved_away']));
    for (const p of people) expect(p.nameNorm).toBe(normalizePersonName(p.name));
    const hits = await t.dataSource.manager.find(Warning, { where: [{ ruleId: 'conflict-of-interest' }, { ruleId: 'cross-department' }] });
    expect(hits.length).toBeLessThan(people.length);
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
      expect(await warningKeys(again)).toEqual(firstWarnings);
    } finally {
      await again.close();
    }
  }, 600_000);
});
