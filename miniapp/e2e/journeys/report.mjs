// Journey 5: 一键举报. A villager reports a published entry with a photo; the network drops as they
// tap 提交举报, so the report waits on the phone (已保存，待发送) and goes out by itself, once, when the
// network is back, and the receipt code is shown. The discipline office's inspector (another phone)
// finds it, accepts it, investigates and concludes it, and closes it with a reply; the villager reads
// the reply by the receipt code; the village's bookkeeper sees no trace of any of it.
import { CASE_STATUS_LABELS } from '@mingbai/shared'
import { assert, assertEqual, containsText, count, hasText, until } from '../lib/expect.mjs'
import { receiptPng } from '../lib/png.mjs'
import { BOOKKEEPER, BOOKKEEPER_PAGE, LOGIN_PAGE, openDesk, signIn } from './bookkeeping.mjs'

export const INSPECTOR = 'demo_inspector'
const FORM_PAGE = 'packages/report/pages/form/index'
const RECEIPT_PAGE = 'packages/report/pages/receipt/index'
const FOLLOW_PAGE = 'packages/report/pages/follow/index'
export const INBOX_PAGE = 'packages/inspector/pages/inbox/index'
export const DETAIL_PAGE = 'packages/inspector/pages/detail/index'
export const DASHBOARD_PAGE = 'packages/inspector/pages/dashboard/index'
const CATEGORY = '账目不实'

// What Chromium logs for each request that fails while the phone is offline (and nothing else).
const OFFLINE_ERRORS = [/^console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED\b/]

const LABEL = CASE_STATUS_LABELS
const visibleText = (phone) => phone.view.innerText()

/** The text of every page of the phone's app, the hidden ones of the stack included. */
const allText = (phone) => phone.page.evaluate(() => document.body.innerText + document.body.textContent)

export async function reportJourney({ r, api, villager: v, inspector: ins, bookkeeper: bk, villageId }) {
  const mark = String(Date.now() % 1_000_000).padStart(6, '0')
  const tag = `JB${mark}`
  const text = `${tag} 今年三月村里的误餐费报了两次，账上只有一张发票，请核查。`
  const acceptNote = `已安排核查组（内部${mark}）`
  const findings = `经核查，误餐费重复报销属实，已追回多报款项（核查${mark}）`
  const reply = `您反映的问题属实，多报的320元已追回，相关人员已作检讨（答复${mark}）`
  const recoveredFen = 32_000
  let entry
  let categoryCode
  let receiptCode
  let reportId

  const inbox = (query = {}) => api.inspectorReports({ q: tag, ...query }, INSPECTOR)

  await r.step('a villager opens a published entry, taps 我要举报 and fills in the form with a photo', async () => {
    const list = await api.entries(villageId, { limit: 20 })
    entry = list.items.find((e) => e.reversesId === null && e.reversedById === null)
    assert(entry, 'the demo village has a published entry that is neither a reversal nor reversed')
    categoryCode = (await api.reportCategories()).find((c) => c.label === CATEGORY)?.code
    assert(categoryCode, `the category ${CATEGORY} is offered`)
    assertEqual((await inbox()).total, 0, `reports with ${tag} before the journey`)

    await v.go(`/?v=${villageId}#/pages/ledger/index`)
    await v.onPage('pages/ledger/index', '.entry-row')
    const row = v.view.locator('.entry-row').filter({ has: v.page.locator('.entry-row__serial', { hasText: new RegExp(`^第${entry.serial}号$`) }) })
    await row.first().click()
    await v.onPage(`pages/entry/index?id=${entry.id}`, '.entry-detail__amount')
    const button = v.view.locator('.entry-report__btn', { hasText: '我要举报' })
    await button.scrollIntoViewIfNeeded()
    await r.shot(v, 'entry-report-button')
    await button.click()

    await v.onPage(`${FORM_PAGE}?villageId=${villageId}&subjectType=entry&subjectId=${entry.id}`, '.rp-form__submit')
    await containsText(v.view.locator('.rp-context'), `第${entry.serial}号`, 'what the report is about')
    await containsText(v.view.locator('.rp-form__h5-anonymous'), '匿名', 'H5 reports are anonymous')
    await v.view.locator('.rp-category', { hasText: CATEGORY }).click()
    await count(v.view.locator('.rp-category.rp-choice--on', { hasText: CATEGORY }), (n) => n === 1, 'chosen category')
    await v.fill('请写清楚：什么时间、谁、做了什么事、涉及多少钱', text)

    // Taro's H5 chooseMedia opens a file input; the photo is uploaded at once, while online.
    const [chooser] = await Promise.all([v.page.waitForEvent('filechooser'), v.view.locator('.rp-thumb__add').click()])
    await chooser.setFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: receiptPng() })
    await count(v.view.locator('.rp-thumb--done'), (n) => n === 1, 'uploaded photos')
    await until('photo thumbnail shown', () => v.view.locator('.rp-thumb--done img').first().evaluate((img) => img.complete && img.naturalWidth > 0), Boolean)
    await r.shot(v, 'report-form')
  })

  await r.step(
    'offline at 提交举报: 已保存，待发送 and nothing on the server; back online it is sent by itself and the receipt code shown',
    async () => {
      await v.page.context().setOffline(true)
      await v.view.locator('.rp-form__submit').click()
      await containsText(v.view.locator('.rp-queued'), '已保存，待发送', 'queued notice')
      assert((await v.view.locator('.rp-form__submit').count()) === 0, 'no 提交举报 button while it waits')
      await v.view.locator('.rp-queued').scrollIntoViewIfNeeded()
      await r.shot(v, 'report-queued-offline')
      // It stays on the phone while there is no network.
      await v.page.waitForTimeout(1000)
      assertEqual((await inbox()).total, 0, `reports with ${tag} on the server while offline`)
      const queued = await v.page.evaluate(() => localStorage.getItem('mingbai.reportQueue') ?? '')
      assert(queued.includes(tag), 'the report is saved on the phone (mingbai.reportQueue)')
      await containsText(v.view.locator('.rp-queued'), '已保存，待发送', 'still queued')

      // Back online: the app resends on the browser's `online` event (well before its 15-s retry timer).
      await v.page.evaluate(() => {
        window.__e2eOnline = false
        window.addEventListener('online', () => (window.__e2eOnline = true), { once: true })
      })
      const back = Date.now()
      await v.page.context().setOffline(false)
      const code = await v.onPage(`${RECEIPT_PAGE}?id=`, '.rp-receipt__code')
      const waited = Date.now() - back
      assert(await v.page.evaluate(() => window.__e2eOnline), 'the page got the `online` event')
      assert(waited < 10_000, `the receipt came ${waited} ms after the network returned (the retry timer would take 15 s)`)
      receiptCode = await until('a 16-digit receipt code', async () => (await code.innerText()).replace(/\s/g, ''), (c) => /^\d{16}$/.test(c))
      await containsText(v.view.locator('.rp-receipt'), '举报已送达', 'receipt page title')
      const left = await v.page.evaluate(() => localStorage.getItem('mingbai.reportQueue') ?? '')
      assert(!left.includes(tag) && !left.includes(receiptCode), 'nothing of the report (nor its code) is left in the phone storage')
      await r.shot(v, 'report-receipt')
    },
    { tolerate: OFFLINE_ERRORS },
  )

  await r.step('exactly one report with the tag reached the office, with its photo, and the receipt code opens it', async () => {
    // Give a second (duplicate) send every chance to show up before counting.
    await v.page.waitForTimeout(1000)
    const page = await inbox()
    assertEqual(page.total, 1, `reports with ${tag}`)
    assertEqual(page.items.length, 1, `rows with ${tag}`)
    reportId = page.items[0].id
    const d = await api.inspectorReport(reportId, INSPECTOR)
    assertEqual(
      [d.text, d.villageId, d.categoryCode, d.subject.type, d.subject.id, d.status, d.named, d.photos.length, d.duplicates.length, d.duplicateOfId],
      [text, villageId, categoryCode, 'entry', entry.id, 'submitted', false, 1, 0, null],
      'the report as the office sees it',
    )
    const photo = await api.fetchUrl(d.photos[0].url)
    assert(photo.ok && /^image\//.test(photo.headers.get('content-type') ?? ''), `the photo is served (${photo.status} ${photo.headers.get('content-type')})`)
    assert((await photo.arrayBuffer()).byteLength > 100, 'the photo has content')
    const view = await api.lookupReceipt(receiptCode)
    assertEqual([view.text, view.status, view.photos.length, view.anonymous], [text, 'submitted', 1, true], 'the report by its receipt code')
  })

  await r.step('the inspector signs in at 我的 → 工作人员登录, lands on 监督看板 and taps 举报受理', async () => {
    await ins.go('/#/pages/me/index')
    await ins.onPage('pages/me/index', '.elderly-switch')
    await ins.view.getByText('工作人员登录', { exact: true }).click()
    await ins.onPage(LOGIN_PAGE, 'input[placeholder="请输入用户名"]')
    await signIn(ins, INSPECTOR, DASHBOARD_PAGE)
    await ins.view.locator('.ip-dash__fig--reports').waitFor()
    await r.shot(ins, 'inspector-dashboard')
    await ins.view.locator('.ip-dash__tile--reports').click()
    await ins.onPage(`${INBOX_PAGE}?kind=report`, '.ip-inbox__total')
    await hasText(ins.view.locator('.ip-title-row .t-title'), '举报受理', 'inbox title')
    await ins.view.locator('.ip-kinds__item--report.sf-tabs__item--on').waitFor()
    await r.shot(ins, 'inspector-inbox')
  })

  await r.step('searches the tag, finds the one report (待受理, 1 photo) and opens it', async () => {
    await ins.fill('搜索举报内容和往来消息', tag)
    await ins.view.locator('.search-bar__go').click()
    await hasText(ins.view.locator('.ip-inbox__total'), '共 1 件', 'total after the search')
    const rows = ins.view.locator('.ip-row')
    await count(rows, (n) => n === 1, 'rows after the search')
    await containsText(rows.first().locator('.ip-row__excerpt'), tag, 'excerpt')
    await hasText(rows.first().locator('.ip-status').first(), LABEL.submitted, 'status in the inbox')
    await containsText(rows.first(), CATEGORY, 'category in the inbox')
    await containsText(rows.first(), '照片1', 'photo count in the inbox')
    await r.shot(ins, 'inspector-search')
    await rows.first().click()

    await ins.onPage(`${DETAIL_PAGE}?id=${reportId}`, '.ip-buttons')
    await hasText(ins.view.locator('.ip-text').first(), text, 'report text')
    await hasText(ins.view.locator('.ip-status').first(), LABEL.submitted, 'status on the detail page')
    await containsText(ins.view, '匿名举报', 'anonymous')
    await until('report photo shown', () => ins.view.locator('.sf-thumb__img img').first().evaluate((img) => img.complete && img.naturalWidth > 0), Boolean)
    await r.shot(ins, 'inspector-detail')
  })

  /** Taps an action, fills its form (`fill`) and confirms; waits for the new status on screen and in the API. */
  const act = async (label, status, fill, shot) => {
    await ins.view.locator('.ip-buttons').getByText(label, { exact: true }).click()
    const form = ins.view.locator('.ip-form')
    await form.waitFor()
    await hasText(form.locator('.ip-form__title'), label, 'form title')
    if (fill) await fill(form)
    await r.shot(ins, `inspector-${shot}-form`)
    await form.getByText(`确认${label}`, { exact: true }).click()
    await form.waitFor({ state: 'detached' })
    await hasText(ins.view.locator('.ip-status').first(), LABEL[status], `status after ${label}`)
    const d = await api.inspectorReport(reportId, INSPECTOR)
    assertEqual(d.status, status, `status in the API after ${label}`)
    await r.shot(ins, `inspector-${shot}`)
    return d
  }

  await r.step(`受理 (with an internal note) → ${LABEL.accepted}, 开始核查 → ${LABEL.investigating}`, async () => {
    const accepted = await act('受理', 'accepted', () => ins.fill('请填写受理说明', acceptNote), 'accepted')
    assertEqual(accepted.events.at(-1)?.note, acceptNote, 'the accept note in the case trail')
    await act('开始核查', 'investigating', null, 'investigating')
  })

  await r.step(`办结: 属实, findings and ¥320.00 recovered → ${LABEL.concluded}; 结案 with a reply → ${LABEL.closed}`, async () => {
    const concluded = await act(
      '办结',
      'concluded',
      async (form) => {
        await form.locator('.sf-seg__item').filter({ hasText: /^\s*属实\s*$/ }).click()
        await count(form.locator('.sf-seg__item--on'), (n) => n === 1, 'chosen outcome')
        await hasText(form.locator('.sf-seg__item--on'), '属实', 'outcome 属实')
        await ins.fill('没有追回可不填，如 1200.50', '320')
        await ins.fill('请填写办结意见（核查结果）', findings)
      },
      'concluded',
    )
    assertEqual([concluded.outcome, concluded.amountRecoveredFen], ['substantiated', recoveredFen], 'outcome and amount recovered')

    const closed = await act('结案', 'closed', () => ins.fill('请填写给举报人的答复', reply), 'closed')
    assertEqual(
      closed.events.map((e) => e.action),
      ['submitted', 'accept', 'investigate', 'conclude', 'close'],
      'the case trail',
    )
    assert(closed.messages.some((m) => m.from === 'office' && m.text === reply), 'the reply is an office message in the thread')
    await containsText(ins.view, '这件举报已结案', 'closed notice')
    assertEqual(await ins.view.locator('.ip-buttons').innerText().then((t) => t.trim()), '', 'no actions left on a closed case')
    await containsText(ins.view, reply, 'the reply in the thread')
    assertEqual((await inbox({ status: 'closed' })).total, 1, 'the report among the closed ones')
  })

  await r.step(`the villager types the receipt code at 我的 → 查询举报进度 and reads ${LABEL.closed} and the reply`, async () => {
    await v.go('/#/pages/me/index')
    await v.onPage('pages/me/index', '.me-report')
    await v.view.getByText('查询举报进度（回执码）', { exact: true }).click()
    await v.onPage(FOLLOW_PAGE, 'input[placeholder="请输入16位回执码"]')
    await v.fill('请输入16位回执码', receiptCode)
    await r.shot(v, 'follow-code')
    await v.view.locator('.rp-follow__submit').click()
    await hasText(v.view.locator('.rp-status'), LABEL.closed, 'status by receipt code')
    await containsText(v.view.locator('.rp-case__status'), '核查结论：属实', 'outcome')
    await hasText(v.view.locator('.rp-msg--office .rp-text'), reply, 'the reply')
    await containsText(v.view.locator('.rp-timeline'), findings, 'the findings in the timeline')
    await containsText(v.view.locator('.rp-case'), text, 'the report itself')
    await containsText(v.view.locator('.rp-notice'), '已经结案', 'no more follow-ups')
    const shown = await visibleText(v)
    assert(!shown.includes(acceptNote), 'the internal accept note is not shown to the reporter')
    await r.shot(v, 'follow-closed')
    await v.view.locator('.rp-msg--office').scrollIntoViewIfNeeded()
    await r.shot(v, 'follow-reply')
  })

  await r.step('the bookkeeper sees no trace of it: the bookkeeper pages and the public entry page', async () => {
    const secrets = { tag, reply, findings, receiptCode }
    const noSecret = (where, s) => {
      for (const [name, value] of Object.entries(secrets)) assert(!s.includes(value), `${where} contains the report's ${name}`)
    }

    await openDesk(bk, BOOKKEEPER, '报账员', BOOKKEEPER_PAGE, '.sf-tabs')
    for (const tab of ['草稿', '待审核', '被退回', '已公开']) {
      await bk.view.locator('.sf-tabs__item', { hasText: tab }).click()
      await bk.view.locator('.sf-tabs__item--on', { hasText: tab }).waitFor()
      await until(
        `the ${tab} tab loaded`,
        async () => ({ rows: await bk.view.locator('.sf-row').count(), text: await visibleText(bk) }),
        (x) => !x.text.includes('正在加载') && (x.rows > 0 || x.text.includes('这里还没有记录')),
      )
      noSecret(`the bookkeeper's ${tab} tab`, await allText(bk))
      if (tab === '已公开') await r.shot(bk, 'bookkeeper-published')
    }

    await bk.go(`/#/pages/entry/index?id=${entry.id}`)
    await bk.onPage(`pages/entry/index?id=${entry.id}`, '.entry-detail__amount')
    await bk.view.locator('.entry-report').waitFor()
    noSecret('the public entry page', await allText(bk))
    await r.shot(bk, 'bookkeeper-entry')
    await bk.go('/#/pages/me/index')
    await bk.onPage('pages/me/index', '.me-report')
    noSecret("the bookkeeper's 我的", await allText(bk))
    assert((await bk.view.locator('.me-report__pending').count()) === 0, 'nothing waiting to be sent on the bookkeeper phone')
    noSecret("the bookkeeper phone's storage", await bk.page.evaluate(() => JSON.stringify({ ...localStorage })))
  })

  await r.step('through the API the bookkeeper gets 403 from every inspector route and the report in no answer', async () => {
    const secrets = [tag, reply, findings, receiptCode]
    const forbidden = [
      '/inspector/reports',
      `/inspector/reports?q=${tag}`,
      `/inspector/reports?villageId=${villageId}`,
      `/inspector/reports/${reportId}`,
      `/inspector/reports/${reportId}/reveals`,
      '/inspector/colleagues',
      '/inspector/offices',
      '/inspector/report-stats',
      `/inspector/report-stats?villageId=${villageId}`,
      '/inspector/report-digest',
    ]
    for (const path of forbidden) {
      const res = await api.raw('GET', path, { as: BOOKKEEPER })
      assertEqual(res.status, 403, `GET ${path} as ${BOOKKEEPER}`)
      assert(!secrets.some((s) => res.text.includes(s)), `GET ${path} as ${BOOKKEEPER} mentions the report`)
    }
    // A staff token opens no villager route either.
    const mine = await api.raw('GET', '/villager/reports', { as: BOOKKEEPER })
    assert(mine.status === 401 || mine.status === 403, `GET /villager/reports as ${BOOKKEEPER}: ${mine.status}`)

    const usual = [
      '/staff/entries?limit=50',
      ...['draft', 'submitted', 'rejected', 'published'].map((s) => `/staff/entries?status=${s}&limit=50`),
      `/staff/entries/${entry.id}`,
      `/entries/${entry.id}`,
      `/villages/${villageId}`,
      `/villages/${villageId}/summary?year=${entry.occurredOn.slice(0, 4)}`,
      `/villages/${villageId}/entries?limit=50`,
    ]
    for (const path of usual) {
      const res = await api.raw('GET', path, { as: BOOKKEEPER })
      assertEqual(res.status, 200, `GET ${path} as ${BOOKKEEPER}`)
      assert(!secrets.some((s) => res.text.includes(s)), `GET ${path} as ${BOOKKEEPER} mentions the report`)
    }
  })
}
