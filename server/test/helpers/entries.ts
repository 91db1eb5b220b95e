import type { World } from './world';
import type { TestApp } from './test-app';

export const validEntry = (over: Record<string, unknown> = {}) => ({
  direction: 'income',
  subjectCode: '501',
  amountFen: 1_250_000,
  occurredOn: '2025-03-05',
  counterpartyName: '张小三',
  counterpartyKind: 'person',
  summary: '2025年鱼塘承包费',
  paymentMethod: 'bank',
  voucherNo: '记-2025-031',
  ...over,
});

/** bookkeeper drafts and submits, approver approves; returns the published entry view. */
export async function publishEntry(
  t: TestApp,
  w: World,
  over: Record<string, unknown> = {},
  bookkeeper = 'bk_a',
  approver = 'ap_a',
): Promise<Record<string, any>> {
  const created = await t.http().post('/api/staff/entries').set(w.auth(bookkeeper)).send(validEntry(over)).expect(201);
  await t.http().post(`/api/staff/entries/${created.body.id}/submit`).set(w.auth(bookkeeper)).expect(200);
  const approved = await t.http().post(`/api/staff/entries/${created.body.id}/approve`).set(w.auth(approver)).expect(200);
  return approved.body;
}

// ---------------------------------------------------------------- registers (assets, contracts)

export const validAsset = (over: Record<string, unknown> = {}) => ({
  code: 'ZC-001',
  name: '村部办公楼',
  kind: 'building',
  location: '一组',
  areaM2: 600,
  bookValueFen: 120_000_000,
  usage: 'self_used',
  acquiredOn: '2010-05-01',
  note: null,
  ...over,
});

export const validContract = (over: Record<string, unknown> = {}) => ({
  code: 'HT-2025-01',
  kind: 'lease',
  counterpartyKind: 'person',
  counterpartyName: '张小三',
  startOn: '2025-01-01',
  endOn: '2027-12-31',
  frequency: 'yearly',
  annualRentFen: 1_200_000,
  depositFen: 0,
  awardMethod: 'public_tender',
  ...over,
});

/** bookkeeper drafts and submits an asset, approver approves; returns the approved asset (staff view). */
export async function approveAsset(
  t: TestApp,
  w: World,
  over: Record<string, unknown> = {},
  bookkeeper = 'bk_a',
  approver = 'ap_a',
): Promise<Record<string, any>> {
  const created = await t.http().post('/api/staff/assets').set(w.auth(bookkeeper)).send(validAsset(over)).expect(201);
  await t.http().post(`/api/staff/assets/${created.body.id}/submit`).set(w.auth(bookkeeper)).expect(200);
  return (await t.http().post(`/api/staff/assets/${created.body.id}/approve`).set(w.auth(approver)).expect(200)).body;
}

/** bookkeeper drafts and submits a contract, approver approves; returns the approved contract (staff view). */
export async function approveContract(
  t: TestApp,
  w: World,
  over: Record<string, unknown> = {},
  bookkeeper = 'bk_a',
  approver = 'ap_a',
): Promise<Record<string, any>> {
  const created = await t.http().post('/api/staff/contracts').set(w.auth(bookkeeper)).send(validContract(over)).expect(201);
  await t.http().post(`/api/staff/contracts/${created.body.id}/submit`).set(w.auth(bookkeeper)).expect(200);
  return (await t.http().post(`/api/staff/contracts/${created.body.id}/approve`).set(w.auth(approver)).expect(200)).body;
}
