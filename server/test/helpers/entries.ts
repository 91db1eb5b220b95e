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
