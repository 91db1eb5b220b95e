// Journey 2: a bookkeeper posts an entry with a photo; the approver (on another phone) sends it
// back with a reason; the bookkeeper fixes it and submits again; the approver approves; villagers
// see it in the ledger and in the year's totals.
import { formatFen } from '@mingbai/shared'
import { assert, assertEqual, containsText, count, hasText, until } from '../lib/expect.mjs'
import { signedAmount } from '../lib/format.mjs'
import { receiptPng } from '../lib/png.mjs'
import { DEMO_PASSWORD } from '../lib/api.mjs'

export const BOOKKEEPER = 'demo_bookkeeper'
export const APPROVER = 'demo_approver'

export const BOOKKEEPER_PAGE = 'packages/staff/pages/bookkeeper/index'
export const APPROVER_PAGE = 'packages/staff/pages/approver/index'
export const LOGIN_PAGE = 'packages/staff/pages/login/index'
export const REVIEW_PAGE = 'packages/staff/pages/review/index'
const FORM_PAGE = 'packages/staff/pages/entry-form/index'

/** Signs in on the login page on screen and waits for the role's landing page. */
export async function signIn(phone, username, landing) {
  await phone.fill('请输入用户名', username)
  await phone.fill('请输入密码', DEMO_PASSWORD)
  await phone.view.getByText('登录', { exact: true }).click()
  await phone.onPage(landing, '.sf-header')
}

/**
 * On a staff phone, opens the account's own page: signs in at 我的 → 工作人员登录 when signed out,
 * or taps 进入工作台 when the phone is still signed in as `roleLabel` from an earlier journey.
 */
export async function openDesk(phone, username, roleLabel, landing, landingSelector = '.sf-header') {
  await phone.go('/#/pages/me/index')
  await phone.onPage('pages/me/index', '.elderly-switch')
  const login = phone.view.getByText('工作人员登录', { exact: true })
  const enter = phone.view.getByText('进入工作台', { exact: true })
  await login.or(enter).first().waitFor()
  if (await login.isVisible()) {
    await login.click()
    await phone.onPage(LOGIN_PAGE, 'input[placeholder="请输入用户名"]')
    await signIn(phone, username, landing)
  } else {
    await containsText(phone.view.locator('.me__who'), roleLabel, `signed in as the ${roleLabel}`)
    await enter.click()
  }
  await phone.onPage(landing, landingSelector)
}

export async function bookkeepingJourney({ r, api, villager: v, bookkeeper: bk, approver: ap, villageId, year, state }) {
  // ¥1,234.56: one approval publishes it (the demo town asks for a second one from ¥50,000.00).
  const amountFen = 123_456
  const tag = `E2E-${String(Date.now() % 10_000).padStart(4, '0')}`
  const summary = `村部会议室投影仪维修 ${tag}`
  const fixedSummary = `村部会议室投影仪维修（更换灯泡）${tag}`
  const rejectReason = '请在摘要中写明维修内容'
  let before
  let entryId

  await r.step('the bookkeeper opens 我的 → 工作人员登录, signs in and lands on the bookkeeper page', async () => {
    before = await api.summary(villageId, year)
    await bk.go('/#/pages/me/index')
    await bk.onPage('pages/me/index', '.elderly-switch')
    await r.shot(bk, 'bookkeeper-me')
    await bk.view.getByText('工作人员登录', { exact: true }).click()
    await bk.onPage(LOGIN_PAGE, 'input[placeholder="请输入用户名"]')
    await r.shot(bk, 'bookkeeper-login')
    await signIn(bk, BOOKKEEPER, BOOKKEEPER_PAGE)
    await bk.view.getByText('记一笔', { exact: true }).waitFor()
    await r.shot(bk, 'bookkeeper-desk')
  })

  await r.step(`posts an expense of ${formatFen(amountFen)} with a photo and submits it`, async () => {
    await bk.view.getByText('记一笔', { exact: true }).click()
    await bk.onPage(FORM_PAGE, 'input[placeholder="请输入金额"]')
    await bk.view.locator('.sf-seg__item', { hasText: '支出' }).click()
    await pickSubject(bk, '513 管理费用')
    await bk.fill('请输入金额', '1234.56')
    await bk.view.locator('.sf-seg__item', { hasText: '单位' }).click()
    await bk.fill('请输入对方名称', '清溪县惠民电器维修部')
    await bk.fill('请输入摘要', summary)
    await bk.view.locator('.sf-seg__item', { hasText: '转账' }).click()

    // Taro's H5 chooseMedia/chooseImage opens a file input. (Tap the button itself: its label does not take taps.)
    const addPhoto = bk.view.locator('.sf-thumb__add', { hasText: '添加照片' })
    const [chooser] = await Promise.all([bk.page.waitForEvent('filechooser'), addPhoto.click()])
    await chooser.setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: receiptPng() })
    await count(bk.view.locator('.sf-thumb--done'), (n) => n === 1, 'uploaded photos')
    await until('photo thumbnail shown', () => bk.view.locator('.sf-thumb--done img').first().evaluate((img) => img.complete && img.naturalWidth > 0), Boolean)
    await r.shot(bk, 'bookkeeper-entry-form')

    await bk.view.getByText('提交审核', { exact: true }).click()
    await bk.onPage(BOOKKEEPER_PAGE, '.sf-header')
    const mine = await until('the submitted entry in the API', async () => (await api.staffEntries('submitted', BOOKKEEPER)).find((e) => e.summary === summary), Boolean)
    entryId = mine.id
    const full = await api.staffEntry(entryId, BOOKKEEPER)
    assertEqual(
      [full.direction, full.subjectCode, full.amountFen, full.counterpartyKind, full.paymentMethod, full.attachments.length, full.approvalsRequired],
      ['expense', '513', amountFen, 'organisation', 'transfer', 1, 1],
      'the entry as stored (one approval publishes it)',
    )
    await r.shot(bk, 'bookkeeper-submitted')
  })

  await r.step('the approver signs in on another phone and sends it back with a reason', async () => {
    await ap.go(`/#/${LOGIN_PAGE}`)
    await ap.onPage(LOGIN_PAGE, 'input[placeholder="请输入用户名"]')
    await r.shot(ap, 'approver-login')
    await signIn(ap, APPROVER, APPROVER_PAGE)
    await r.shot(ap, 'approver-queue')
    await openForReview(ap, summary, entryId)
    await r.shot(ap, 'approver-review')
    await ap.view.getByText('退回', { exact: true }).click()
    await ap.fill('请填写退回原因', rejectReason)
    await ap.view.getByText('确认退回', { exact: true }).click()
    await ap.onPage(APPROVER_PAGE, '.sf-header')
    const e = await until('entry rejected', () => api.staffEntry(entryId, BOOKKEEPER), (x) => x.status === 'rejected')
    assert(e.approvals.some((a) => a.decision === 'rejected' && a.reason === rejectReason), 'the rejection and its reason are recorded')
    await r.shot(ap, 'approver-after-reject')
  })

  await r.step('the bookkeeper sees why, fixes the summary and submits it again', async () => {
    await bk.go(`/#/${BOOKKEEPER_PAGE}`)
    await bk.onPage(BOOKKEEPER_PAGE, '.sf-tabs')
    await bk.view.locator('.sf-tabs__item', { hasText: '被退回' }).click()
    const row = bk.view.locator('.sf-row', { hasText: summary })
    await containsText(row, rejectReason, 'rejected row shows the reason')
    await r.shot(bk, 'bookkeeper-rejected')
    await row.click()
    await bk.onPage(`${FORM_PAGE}?id=${entryId}`, 'input[placeholder="请输入摘要"]')
    await containsText(bk.view.locator('.sf-banner'), rejectReason, 'reason on the form')
    await until('form filled with the entry', () => bk.view.locator('input[placeholder="请输入金额"]').inputValue(), (x) => x === '1234.56')
    await bk.fill('请输入摘要', fixedSummary)
    await r.shot(bk, 'bookkeeper-fix')
    await bk.view.getByText('提交审核', { exact: true }).click()
    await bk.onPage(BOOKKEEPER_PAGE, '.sf-header')
    const e = await until('entry submitted again', () => api.staffEntry(entryId, BOOKKEEPER), (x) => x.status === 'submitted')
    assertEqual([e.summary, e.attachments.length], [fixedSummary, 1], 'the corrected entry')
    await r.shot(bk, 'bookkeeper-resubmitted')
  })

  await r.step('the approver approves it and it is published', async () => {
    await ap.go(`/#/${APPROVER_PAGE}`)
    await ap.onPage(APPROVER_PAGE, '.sf-header')
    await r.shot(ap, 'approver-queue-again')
    await openForReview(ap, fixedSummary, entryId)
    await r.shot(ap, 'approver-review-again')
    await ap.view.getByText('通过', { exact: true }).click()
    await ap.confirmModal('通过')
    await ap.onPage(APPROVER_PAGE, '.sf-header')
    const e = await until('entry published', () => api.staffEntry(entryId, BOOKKEEPER), (x) => x.status === 'published')
    state.entry = { id: entryId, serial: e.serial, amountFen, summary: fixedSummary }
    state.before = before
    await r.shot(ap, 'approver-after-approve')
  })

  await r.step("the villager's ledger shows it first, and the year's expense grew by its amount", async () => {
    const published = await api.entry(entryId)
    await v.go('/#/pages/ledger/index')
    await v.onPage('pages/ledger/index', '.entry-row')
    const first = v.view.locator('.entry-row').first()
    await hasText(first.locator('.entry-row__summary'), fixedSummary, 'first row')
    await hasText(first.locator('.entry-row__amount'), signedAmount(published), 'its amount')
    await hasText(first.locator('.entry-row__serial'), `第${published.serial}号`, 'its serial')
    await containsText(first, '凭证1张', 'its photo')
    await r.shot(v, 'villager-ledger')

    const after = await api.summary(villageId, year)
    assertEqual([after.incomeFen, after.expenseFen], [before.incomeFen, before.expenseFen + amountFen], 'API totals after publication')
    await v.go('/#/pages/index/index')
    await v.onPage('pages/index/index', '.totals__expense')
    await hasText(v.view.locator('.totals__expense'), formatFen(before.expenseFen + amountFen), 'expense on the home page')
    await hasText(v.view.locator('.totals__income'), formatFen(before.incomeFen), 'income on the home page')
    await hasText(v.view.locator('.totals__balance'), formatFen(before.closingBalanceFen - amountFen), 'balance on the home page')
    await r.shot(v, 'villager-home')
  })
}

/** On the approver's queue: opens the entry with this summary for review. */
export async function openForReview(ap, summary, id) {
  const row = ap.view.locator('.sf-row', { hasText: summary })
  await row.first().waitFor()
  await row.first().click()
  await ap.onPage(`${REVIEW_PAGE}?id=${id}`, '.sf-review__actions')
  await containsText(ap.view, summary, 'entry under review')
}

/** Chooses a subject in the form's picker. */
async function pickSubject(phone, label) {
  await phone.view.getByText('请选择科目').click()
  await phone.pickInWheel(label)
  await containsText(phone.view.locator('.sf-picker').first(), label, 'chosen subject')
}
