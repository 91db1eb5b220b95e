import { GENESIS_HASH, verifyChain } from '@mingbai/shared';
import type { AuthUser } from '../src/common/auth/auth-user';
import { ChainVerifier } from '../src/modules/ledger/chain-verifier';
import { LedgerService } from '../src/modules/ledger/ledger.service';
import { EntryApproval } from '../src/modules/ledger/entry-approval.entity';
import { UsersRepository } from '../src/modules/users/users.repository';
import { startTestApp, TestApp } from './helpers/test-app';
import { TEST_DB } from './helpers/test-database';
import { buildWorld, World } from './helpers/world';
import { validEntry } from './helpers/entries';

/** Runs fn over items with at most `size` calls in flight; results in the order of items. */
async function pool<T, R>(items: T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

/** Entry i of the batch: income and expense, spread over the twelve months of 2025. */
const entryOf = (i: number) => {
  const income = i % 3 !== 0;
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return validEntry({
    direction: income ? 'income' : 'expense',
    subjectCode: income ? (i % 2 ? '501' : '503') : i % 2 ? '511' : '513',
    amountFen: income ? 10_000 + i : 1_000 + i,
    occurredOn: `2025-${month}-${day}`,
    summary: `并发测试第${i}笔`,
    voucherNo: `记-2025-${i}`,
  });
};

/** Village totals the way the public sees them: the chain head, the village page and the year summary. */
interface Expected {
  incomeFen: number;
  expenseFen: number;
  months: { month: string; incomeFen: number; expenseFen: number }[];
}
function expectedTotals(entries: { amountFen: number; direction: string; month: string }[]): Expected {
  const sum = (xs: typeof entries, d: string) => xs.filter((e) => e.direction === d).reduce((a, e) => a + e.amountFen, 0);
  return {
    incomeFen: sum(entries, 'income'),
    expenseFen: sum(entries, 'expense'),
    months: Array.from({ length: 12 }, (_, m) => {
      const month = `2025-${String(m + 1).padStart(2, '0')}`;
      const inMonth = entries.filter((e) => e.month === month);
      return { month, incomeFen: sum(inMonth, 'income'), expenseFen: sum(inMonth, 'expense') };
    }),
  };
}

type Submitted = { id: number; amountFen: number; direction: string; month: string };
type Outcome = { id: number; approver: string; status: number; body: Record<string, any> };

/** One app with the world on a fresh database, and the operations the tests below share. */
function harness() {
  const h = {} as {
    t: TestApp;
    w: World;
    bk: AuthUser;
    ledger: LedgerService;
    /** Drafted and submitted through the service (the HTTP layer is covered elsewhere); 10 at a time. */
    submitted(indexes: number[]): Promise<Submitted[]>;
    /** Approves over HTTP: ap_a the even positions, ap_town1 the odd ones, each with 25 requests in flight. */
    approveConcurrently(entries: Submitted[]): Promise<Outcome[]>;
    village(): Promise<Record<string, any>>;
  };
  beforeAll(async () => {
    h.t = await startTestApp();
    h.w = await buildWorld(h.t);
    // One listening server for all requests: supertest would otherwise listen() once per request.
    await h.t.app.listen(0, '127.0.0.1');
    h.ledger = h.t.app.get(LedgerService);
    h.bk = (await h.t.app.get(UsersRepository).findAuthUser(h.w.userIds['bk_a']))!;
  });
  afterAll(() => h.t.close());
  h.submitted = (indexes) =>
    pool(indexes, 10, async (i) => {
      const fields = entryOf(i);
      const draft = await h.ledger.create(h.bk, fields as never);
      await h.ledger.submit(h.bk, draft.id);
      return { id: draft.id, amountFen: fields.amountFen as number, direction: fields.direction as string, month: (fields.occurredOn as string).slice(0, 7) };
    });
  h.approveConcurrently = async (entries) => {
    const byApprover: Record<string, Submitted[]> = { ap_a: entries.filter((_, i) => i % 2 === 0), ap_town1: entries.filter((_, i) => i % 2 === 1) };
    const results = await Promise.all(
      Object.keys(byApprover).map((approver) =>
        pool(byApprover[approver], 25, async (e) => {
          const res = await h.t.http().post(`/api/staff/entries/${e.id}/approve`).set(h.w.auth(approver));
          return { id: e.id, approver, status: res.status, body: res.body };
        }),
      ),
    );
    return results.flat();
  };
  h.village = async () => (await h.t.http().get(`/api/villages/${h.w.villages.a.id}`).expect(200)).body;
  return h;
}

const failures = (outcomes: Outcome[]): string[] =>
  outcomes.filter((r) => r.status !== 200).map((r) => `${r.id} by ${r.approver}: ${r.status} ${r.body.code}`);

const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, k) => from + k);


describe(`concurrent publication into one village (${TEST_DB})`, () => {
  const h = harness();

  it('2 × 200 concurrent approvals give serials 1..400 without a gap, one valid chain and the right totals', async () => {
    const { t, w } = h;
    const village = w.villages.a;
    const entries = await h.submitted(range(0, 400));

    const all = await h.approveConcurrently(entries);
    expect(failures(all)).toEqual([]);
    expect(all.every((r) => r.body.status === 'published')).toBe(true);
    expect(all.filter((r) => r.approver === 'ap_a')).toHaveLength(200);

    const serials = all.map((r) => r.body.serial as number).sort((a, b) => a - b);
    expect(serials).toEqual(range(1, 400));

    const report = await t.app.get(ChainVerifier).verifyVillage(village.id);
    expect(report).toEqual({ villageId: village.id, entries: 400, ok: true });

    const want = expectedTotals(entries);
    const pub = await h.village();
    const last = all.find((r) => r.body.serial === 400)!;
    expect(pub.chainHead).toEqual({ serial: 400, hash: last.body.hash });
    expect(pub.totals).toEqual({ incomeFen: want.incomeFen, expenseFen: want.expenseFen, balanceFen: village.openingBalanceFen + want.incomeFen - want.expenseFen });

    // the month totals kept at publication time add up too
    const summary = (await t.http().get(`/api/villages/${village.id}/summary?year=2025`).expect(200)).body;
    expect({ incomeFen: summary.incomeFen, expenseFen: summary.expenseFen, months: summary.months }).toEqual(want);
    expect(summary.subjects.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(400);

    // a villager paging through the public list gets all 400 once, and the chain checks on the client too
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await t.http()
        .get(`/api/villages/${village.id}/entries`)
        .query(cursor ? { limit: 50, cursor } : { limit: 50 })
        .expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen.map((e) => e.id)).size).toBe(400);
    const chain = [...seen].sort((a, b) => (a.serial as number) - (b.serial as number));
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(verifyChain(chain as never)).toBeNull();
  });

  it('publishes an entry approved by two approvers at the same moment exactly once; the other gets 409', async () => {
    const { t, w } = h;
    const village = w.villages.a;
    const before = await h.village();
    const entries = await h.submitted(range(1000, 10));
    let income = 0;
    let expense = 0;
    for (const e of entries) {
      const [a, b] = await Promise.all([
        t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_a')),
        t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_town1')),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body).toMatchObject({ statusCode: 409, code: 'INVALID_STATE' });
      expect(await t.dataSource.manager.count(EntryApproval, { where: { entryId: e.id } })).toBe(1);
      if (e.direction === 'income') income += e.amountFen;
      else expense += e.amountFen;
    }
    const after = await h.village();
    expect(after.chainHead.serial).toBe(before.chainHead.serial + 10);
    expect(after.totals.incomeFen - before.totals.incomeFen).toBe(income);
    expect(after.totals.expenseFen - before.totals.expenseFen).toBe(expense);
    expect(await t.app.get(ChainVerifier).verifyVillage(village.id)).toMatchObject({ ok: true, entries: after.chainHead.serial });
  });

  it('counts a double-click on approve once: the same approver three times at once gives one 200 and two 409s', async () => {
    const { t, w } = h;
    const [e] = await h.submitted([2000]);
    const before = (await h.village()).chainHead.serial;
    const results = await Promise.all([1, 2, 3].map(() => t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_a'))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.dataSource.manager.count(EntryApproval, { where: { entryId: e.id } })).toBe(1);
    expect((await h.village()).chainHead.serial).toBe(before + 1);
  });

  it('never lets an approval and a rejection of the same entry both win', async () => {
    const { t, w } = h;
    const entries = await h.submitted(range(3000, 5));
    for (const e of entries) {
      const [approve, reject] = await Promise.all([
        t.http().post(`/api/staff/entries/${e.id}/approve`).set(w.auth('ap_a')),
        t.http().post(`/api/staff/entries/${e.id}/reject`).set(w.auth('ap_town1')).send({ reason: '凭证不全' }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([200, 409]);
      const row = await t.http().get(`/api/staff/entries/${e.id}`).set(w.auth('ap_a')).expect(200);
      expect(row.body.status).toBe(approve.status === 200 ? 'published' : 'rejected');
      expect(row.body.approvals).toHaveLength(1);
    }
    expect((await t.app.get(ChainVerifier).verifyVillage(w.villages.a.id)).ok).toBe(true);
  });
});

/**
 * The same race once every month_totals row already exists (no INSERT races): isolates what the
 * chain-head lock guarantees (serials, chain, head totals: pass on both databases) from the
 * month totals.
 */
describe(`concurrent publication when the month totals already exist (${TEST_DB})`, () => {
  const h = harness();
  let seeded: Submitted[];
  let entries: Submitted[];
  let all: Outcome[];

  beforeAll(async () => {
    // entryOf(i) uses one (month, direction, subject) per i mod 12: publish one of each first
    seeded = await h.submitted(range(0, 12));
    for (const e of seeded) await h.t.http().post(`/api/staff/entries/${e.id}/approve`).set(h.w.auth('ap_a')).expect(200);
    entries = await h.submitted(range(12, 200));
    all = await h.approveConcurrently(entries);
  });

  it('publishes all 2 × 100 with serials 13..212, a valid chain and correct chain-head totals', async () => {
    expect(failures(all)).toEqual([]);
    expect(all.map((r) => r.body.serial as number).sort((a, b) => a - b)).toEqual(range(13, 200));
    expect(await h.t.app.get(ChainVerifier).verifyVillage(h.w.villages.a.id)).toMatchObject({ ok: true, entries: 212 });
    const want = expectedTotals([...seeded, ...entries]);
    const pub = await h.village();
    expect(pub.chainHead.serial).toBe(212);
    expect(pub.totals).toMatchObject({ incomeFen: want.incomeFen, expenseFen: want.expenseFen });
  });

  it('keeps the month totals (the public year summary) equal to the sum of the published entries', async () => {
    const want = expectedTotals([...seeded, ...entries]);
    const summary = (await h.t.http().get(`/api/villages/${h.w.villages.a.id}/summary?year=2025`).expect(200)).body;
    expect({ incomeFen: summary.incomeFen, expenseFen: summary.expenseFen, months: summary.months }).toEqual(want);
    expect(summary.subjects.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(212);
  });
});
