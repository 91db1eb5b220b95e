// Journey 3: the bookkeeper reverses journey 2's published entry (红字冲销), the approver approves
// the reversal, villagers see both entries linked and the year's totals back where they were.
import { formatFen } from '@mingbai/shared'
import { assert, assertEqual, containsText, hasText, until } from '../lib/expect.mjs'
import { signedAmount } from '../lib/format.mjs'
import { APPROVER_PAGE, BOOKKEEPER, BOOKKEEPER_PAGE, openForReview } from './bookkeeping.mjs'

export async function reversalJourney({ r, api, villager: v, bookkeeper: bk, approver: ap, villageId, year, state }) {
  const reason = '维修未实际发生，款项已退回'
  let reversalId
  let reversalSummary

  await r.step('the bookkeeper opens the published entry and asks for a red-ink reversal (红字冲销)', async () => {
    assert(state.entry, 'needs the entry published in the bookkeeping journey')
    await bk.go(`/#/${BOOKKEEPER_PAGE}`)
    await bk.onPage(BOOKKEEPER_PAGE, '.sf-tabs')
    await bk.view.locator('.sf-tabs__item', { hasText: '已公开' }).click()
    const row = bk.view.locator('.sf-row', { hasText: state.entry.summary })
    await row.first().click()
    const panel = bk.view.locator('.sf-panel')
    await containsText(panel, state.entry.summary, 'detail panel')
    await r.shot(bk, 'bookkeeper-published-entry')
    await panel.getByText('红字冲销', { exact: true }).click()
    await bk.fill('请填写冲销原因', reason)
    await r.shot(bk, 'bookkeeper-reversal-reason')
    await panel.getByText('确认冲销', { exact: true }).click()
    await bk.view.locator('.sf-panel').waitFor({ state: 'detached' })
    const reversal = await until(
      'reversal waiting for approval',
      async () => (await api.staffEntries('submitted', BOOKKEEPER)).find((e) => e.reversesId === state.entry.id),
      Boolean,
    )
    reversalId = reversal.id
    reversalSummary = `冲销第${state.entry.serial}号：${reason}`
    assertEqual([reversal.summary, reversal.amountFen], [reversalSummary, state.entry.amountFen], 'the reversal')
    await r.shot(bk, 'bookkeeper-after-reversal')
  })

  await r.step('the approver approves the reversal and it is published', async () => {
    await ap.go(`/#/${APPROVER_PAGE}`)
    await ap.onPage(APPROVER_PAGE, '.sf-header')
    await r.shot(ap, 'approver-queue')
    await openForReview(ap, reversalSummary, reversalId)
    await r.shot(ap, 'approver-review-reversal')
    await ap.view.getByText('通过', { exact: true }).click()
    await ap.confirmModal('通过')
    await ap.onPage(APPROVER_PAGE, '.sf-header')
    await until('reversal published', () => api.staffEntry(reversalId, BOOKKEEPER), (e) => e.status === 'published')
    await r.shot(ap, 'approver-after-approve')
  })

  await r.step('the villager sees the reversal and the original, each linking to the other', async () => {
    const reversal = await api.entry(reversalId)
    const original = await api.entry(state.entry.id)
    assertEqual([reversal.reversesId, original.reversedById], [original.id, reversal.id], 'links in the API')

    await v.go('/#/pages/ledger/index')
    await v.onPage('pages/ledger/index', '.entry-row')
    const rows = v.view.locator('.entry-row')
    await hasText(rows.nth(0).locator('.entry-row__summary'), reversalSummary, 'first row: the reversal')
    await hasText(rows.nth(0).locator('.entry-row__amount'), signedAmount(reversal), 'reversal amount')
    await hasText(rows.nth(1).locator('.entry-row__summary'), original.summary, 'second row: the original')
    await containsText(rows.nth(1), '已被冲销', 'the original is marked')
    await r.shot(v, 'villager-ledger')

    await rows.nth(0).click()
    await v.onPage(`pages/entry/index?id=${reversal.id}`, '.entry-link')
    await containsText(v.view.locator('.entry-link'), `冲销了第${original.serial}号`, 'link to the original')
    await containsText(v.view.locator('.verify-badge--ok'), '本条已校验', 'reversal verified')
    await r.shot(v, 'villager-reversal')
    await v.view.locator('.entry-link').click()
    await v.onPage(`pages/entry/index?id=${original.id}`, '.entry-link')
    await containsText(v.view.locator('.entry-link'), `已被第${reversal.serial}号冲销`, 'link to the reversal')
    await containsText(v.view.locator('.verify-badge--ok'), '本条已校验', 'original verified')
    await r.shot(v, 'villager-original')
  })

  await r.step("the year's totals are back to what they were before the original entry", async () => {
    const { before } = state
    const after = await api.summary(villageId, year)
    assertEqual([after.incomeFen, after.expenseFen, after.closingBalanceFen], [before.incomeFen, before.expenseFen, before.closingBalanceFen], 'API totals')
    await v.go('/#/pages/index/index')
    await v.onPage('pages/index/index', '.totals__expense')
    await hasText(v.view.locator('.totals__income'), formatFen(before.incomeFen), 'income')
    await hasText(v.view.locator('.totals__expense'), formatFen(before.expenseFen), 'expense')
    await hasText(v.view.locator('.totals__balance'), formatFen(before.closingBalanceFen), 'balance')
    await r.shot(v, 'villager-home')
  })
}
