// Journey 6: from a data anomaly to a rectified problem. The demo village's pond contract has a rent
// installment unpaid for months; the rules engine raised a 租金逾期未收 warning for the town's
// discipline office. The town inspector opens the supervision dashboard, finds the warning in
// 预警处置, accepts it, investigates and concludes it (属实, the outstanding rent to be recovered).
// A villager sees the installment overdue on the contract's public page; the bookkeeper records the
// rent (a published income entry, 登记收租); the villager then sees it paid with the receipt linked
// to the ledger, and the warning's condition has cleared by itself (已消除).
import { CASE_STATUS_LABELS, formatFen, todayInChina } from '@mingbai/shared'
import { assert, assertEqual, containsText, count, hasText, until } from '../lib/expect.mjs'
import { signedAmount } from '../lib/format.mjs'
import { APPROVER, BOOKKEEPER, BOOKKEEPER_PAGE, LOGIN_PAGE, openDesk, signIn } from './bookkeeping.mjs'
import { DASHBOARD_PAGE, DETAIL_PAGE, INBOX_PAGE } from './report.mjs'

/** The discipline office of 青石镇, whose villages include the demo village. */
export const TOWN_INSPECTOR = 'demo_town_inspector'
const RULE_ID = 'rent-arrears'
const RULE_TITLE = '租金逾期未收'
const REGISTERS_PAGE = 'packages/village/pages/registers/index'
const CONTRACT_PAGE = 'packages/village/pages/contract/index'
const STAFF_CONTRACTS_PAGE = 'packages/staff/pages/contracts/index'
const STAFF_CONTRACT_PAGE = 'packages/staff/pages/contract/index'

const LABEL = CASE_STATUS_LABELS

export async function supervisionJourney({ r, api, villager: v, bookkeeper: bk, townInspector: ins, villageId }) {
  const mark = String(Date.now() % 1_000_000).padStart(6, '0')
  const acceptNote = `转镇农经站调取收租台账（内部${mark}）`
  const findings = `经核查，承包方拖欠第二期承包费属实，已责令村委会限期追缴（核查${mark}）`
  let dashBefore
  let ruleBefore
  let caseId
  let facts // the warning's facts: contractId, installmentId, seq, dueOn, amountFen, outstandingFen …
  let contract // the public contract
  let entry // the income entry that records the rent

  const inboxFor = (query) => api.inspectorReports({ kind: 'warning', ruleId: RULE_ID, villageId, ...query }, TOWN_INSPECTOR)
  const detail = () => api.inspectorReport(caseId, TOWN_INSPECTOR)
  const dashboard = () => api.get('/inspector/dashboard', TOWN_INSPECTOR)
  const installmentRow = (phone) =>
    phone.view.locator('.vg-contract__installment').filter({ has: phone.page.locator('.rent-schedule__seq', { hasText: new RegExp(`^\\s*第${facts.seq}期 `) }) })

  await r.step('the demo village has a rent-arrears warning waiting (待受理), its installment overdue and unpaid', async () => {
    const waiting = await inboxFor({ status: 'submitted' })
    assertEqual(waiting.total, 1, `submitted ${RULE_ID} warnings of village ${villageId}`)
    caseId = waiting.items[0].id
    const d = await detail()
    assertEqual([d.kind, d.status, d.warning?.ruleId, d.warning?.state, d.subject.type], ['warning', 'submitted', RULE_ID, 'open', 'contract'], 'the warning')
    facts = d.warning.facts
    assert(facts.outstandingFen > 0 && facts.receivedFen === 0, `the installment is unpaid (${JSON.stringify(facts)})`)
    assertEqual(d.warning.amountFen, facts.outstandingFen, 'amount at stake = outstanding rent')
    contract = await api.get(`/contracts/${facts.contractId}`)
    const inst = contract.installments.find((i) => i.id === facts.installmentId)
    assertEqual([contract.villageId, inst?.state, inst?.receivedFen], [villageId, 'overdue', 0], 'the installment in the public register')
    dashBefore = await dashboard()
    ruleBefore = dashBefore.rules.find((x) => x.ruleId === RULE_ID)
    assert(dashBefore.openWarnings > 0 && ruleBefore, 'the dashboard has open warnings and the rule')
  })

  await r.step('the town inspector signs in and lands on 监督看板: open warnings, the demo village, the rule', async () => {
    await ins.go('/#/pages/me/index')
    await ins.onPage('pages/me/index', '.elderly-switch')
    await ins.view.getByText('工作人员登录', { exact: true }).click()
    await ins.onPage(LOGIN_PAGE, 'input[placeholder="请输入用户名"]')
    await signIn(ins, TOWN_INSPECTOR, DASHBOARD_PAGE)
    await hasText(ins.view.locator('.ip-dash__fig--warnings .ip-figure__value'), `${dashBefore.openWarnings} 件`, 'open warnings')
    await hasText(ins.view.locator('.ip-dash__fig--recovered .ip-figure__value'), formatFen(dashBefore.amountRecoveredFen), 'amount recovered')
    await containsText(ins.view.locator('.ip-dash__region'), dashBefore.regionName, 'region')
    await containsText(ins.view.locator(`.ip-dash__village--${villageId}`), contract.villageName, 'the demo village among the top villages')
    await containsText(ins.view.locator(`.ip-dash__rule--${RULE_ID}`), RULE_TITLE, 'the rule in the precision ranking')
    await r.shot(ins, 'dashboard')
  })

  await r.step(`opens 预警处置, filters by the rule ${RULE_TITLE} and opens the demo village's warning`, async () => {
    await ins.view.locator('.ip-dash__tile--warnings').click()
    await ins.onPage(`${INBOX_PAGE}?kind=warning`, '.ip-inbox__total')
    await hasText(ins.view.locator('.ip-title-row .t-title'), '预警处置', 'inbox title')
    await ins.view.locator('.ip-picker--rule').click()
    await ins.pickInWheel(RULE_TITLE)
    await containsText(ins.view.locator('.ip-picker--rule'), RULE_TITLE, 'chosen rule')
    const all = await api.inspectorReports({ kind: 'warning', ruleId: RULE_ID }, TOWN_INSPECTOR)
    const unfiltered = await api.inspectorReports({ kind: 'warning' }, TOWN_INSPECTOR)
    assert(unfiltered.total > all.total, `the rule filter narrows the town's warnings (${unfiltered.total} → ${all.total})`)
    await hasText(ins.view.locator('.ip-inbox__total'), `共 ${all.total} 件`, 'total with the rule filter')
    const rows = ins.view.locator('.ip-row--warning')
    await count(rows, (n) => n === Math.min(all.total, 20), 'rows with the rule filter')
    const texts = await rows.allInnerTexts()
    assert(texts.every((t) => t.includes(RULE_TITLE)), 'every row is a rent-arrears warning')
    const row = ins.view.locator(`.ip-row--${caseId}`)
    await containsText(row, contract.villageName, 'village of the row')
    await containsText(row.locator('.ip-status').first(), LABEL.submitted, 'status of the row')
    await r.shot(ins, 'warnings-inbox')
    await row.click()

    await ins.onPage(`${DETAIL_PAGE}?id=${caseId}`, '.ip-finding')
    const finding = ins.view.locator('.ip-finding')
    await hasText(finding.locator('.ip-finding__rule'), RULE_TITLE, 'rule title')
    await hasText(finding.locator('.ip-finding__amount'), `涉及金额：${formatFen(facts.outstandingFen)}`, 'amount at stake')
    await containsText(finding.locator('.ip-finding__summary'), contract.code, 'the summary names the contract')
    await containsText(finding.locator('.ip-finding__state--open'), '存在', 'the condition still holds')
    await containsText(finding.locator('.ip-evidence--contract'), contract.code, 'the contract as evidence')
    await containsText(finding.locator('.ip-evidence--installment'), `第 ${facts.seq} 期`, 'the installment as evidence')
    await hasText(ins.view.locator('.ip-status').first(), LABEL.submitted, 'status on the detail page')
    await r.shot(ins, 'warning-detail')
  })

  /** Taps an action, fills its form (`fill`) and confirms; waits for the new status on screen and in the API. */
  const act = async (label, status, fill, shot) => {
    await ins.view.locator('.ip-buttons').getByText(label, { exact: true }).click()
    const form = ins.view.locator('.ip-form')
    await form.waitFor()
    await hasText(form.locator('.ip-form__title'), label, 'form title')
    if (fill) await fill(form)
    await r.shot(ins, `${shot}-form`)
    await form.getByText(`确认${label}`, { exact: true }).click()
    await form.waitFor({ state: 'detached' })
    await hasText(ins.view.locator('.ip-status').first(), LABEL[status], `status after ${label}`)
    const d = await detail()
    assertEqual(d.status, status, `status in the API after ${label}`)
    await r.shot(ins, shot)
    return d
  }

  await r.step(`受理 → ${LABEL.accepted}, 开始核查 → ${LABEL.investigating}, 办结 属实 with the outstanding rent to recover → ${LABEL.concluded}`, async () => {
    const accepted = await act('受理', 'accepted', () => ins.fill('请填写受理说明', acceptNote), 'accepted')
    assertEqual(accepted.events.at(-1)?.note, acceptNote, 'the accept note in the case trail')
    await act('开始核查', 'investigating', null, 'investigating')
    const concluded = await act(
      '办结',
      'concluded',
      async (form) => {
        await form.locator('.sf-seg__item').filter({ hasText: /^\s*属实\s*$/ }).click()
        await hasText(form.locator('.sf-seg__item--on'), '属实', 'outcome 属实')
        await ins.fill('没有追回可不填，如 1200.50', (facts.outstandingFen / 100).toFixed(2))
        await ins.fill('请填写办结意见（核查结果）', findings)
      },
      'concluded',
    )
    assertEqual(
      [concluded.outcome, concluded.amountRecoveredFen, concluded.events.map((e) => e.action)],
      ['substantiated', facts.outstandingFen, ['submitted', 'accept', 'investigate', 'conclude']],
      'outcome, amount recovered and the case trail',
    )
    await containsText(ins.view, `追回金额：${formatFen(facts.outstandingFen)}`, 'amount recovered on the detail page')
    await containsText(ins.view.locator('.ip-finding__state--open'), '存在', 'the rent is still unpaid: the condition holds')
  })

  await r.step('a villager opens 集体资产 → 合同 → the contract: the installment is 逾期未收', async () => {
    await v.go(`/?v=${villageId}`)
    await hasText(await v.onPage('pages/index/index', '.village-name'), contract.villageName, 'village name')
    await v.view.locator('.home-registers').click()
    await v.onPage(REGISTERS_PAGE, '.vg-tabs')
    await containsText(v.view.locator('.vg-head__name'), contract.villageName, 'registers of the village')
    await v.view.locator('.vg-tabs__item--contracts').click()
    const row = v.view.locator('.vg-contract-row').filter({ hasText: `合同号 ${contract.code}` })
    await v.scrollUntil(async () => (await row.count()) > 0)
    await containsText(row, '逾期1期', 'overdue tag on the contract row')
    await r.shot(v, 'contracts')
    await row.click()

    await v.onPage(`${CONTRACT_PAGE}?id=${contract.id}`, '.vg-contract__schedule')
    await containsText(v.view.locator('.vg-contract__title'), contract.assetName, 'contract title')
    await hasText(v.view.locator('.vg-contract__overdue'), '逾期1期', 'overdue tag')
    await containsText(v.view.locator('.vg-contract__unpaid'), formatFen(facts.outstandingFen), 'rent due and unpaid')
    const inst = installmentRow(v)
    await count(inst, (n) => n === 1, `installment ${facts.seq} on the schedule`)
    assert((await inst.getAttribute('class')).includes('vg-contract__installment--overdue'), 'the installment is marked overdue')
    await containsText(inst.locator('.rent-schedule__state'), '逾期', 'installment state')
    await containsText(inst.locator('.rent-schedule__owed'), formatFen(facts.outstandingFen), 'outstanding on the installment')
    await inst.scrollIntoViewIfNeeded()
    await r.shot(v, 'contract-overdue')
  })

  await r.step('the rent reaches the ledger: the bookkeeper posts the income, the approver approves it (API)', async () => {
    const staff = await api.get(`/staff/contracts/${contract.id}`, BOOKKEEPER)
    const created = await api.request('POST', '/staff/entries', {
      as: BOOKKEEPER,
      body: {
        direction: 'income',
        subjectCode: '501',
        amountFen: facts.outstandingFen,
        occurredOn: todayInChina(),
        counterpartyName: staff.counterpartyName,
        counterpartyKind: staff.counterpartyKind,
        summary: `收到${contract.assetName}第${facts.seq}期承包费（补缴，E2E${mark}）`,
        paymentMethod: 'transfer',
      },
    })
    await api.request('POST', `/staff/entries/${created.id}/submit`, { as: BOOKKEEPER })
    await api.request('POST', `/staff/entries/${created.id}/approve`, { as: APPROVER })
    entry = await until('the income published', () => api.staffEntry(created.id, BOOKKEEPER), (e) => e.status === 'published')
    // Published but not yet counted as rent: the warning still holds.
    assertEqual((await detail()).warning.state, 'open', 'warning state before 登记收租')
  })

  await r.step('the bookkeeper opens 合同台账 → the contract → 登记收租, picks the income and confirms', async () => {
    await openDesk(bk, BOOKKEEPER, '报账员', BOOKKEEPER_PAGE, '.sf-tabs')
    await bk.view.locator('.sf-bk__links').getByText('合同台账', { exact: true }).click()
    await bk.onPage(STAFF_CONTRACTS_PAGE, '.sf-tabs__item--on')
    const item = bk.view.locator('.sf-contract-item').filter({ hasText: `合同号 ${contract.code}` })
    await bk.scrollUntil(async () => (await item.count()) > 0)
    await containsText(item, `逾期未收1期，共${formatFen(facts.outstandingFen)}`, 'overdue on the staff list')
    await r.shot(bk, 'staff-contracts')
    await item.click()

    await bk.onPage(`${STAFF_CONTRACT_PAGE}?id=${contract.id}`, '.sf-contract__money')
    await containsText(bk.view.locator('.sf-contract__unpaid'), formatFen(facts.outstandingFen), 'unpaid on the staff page')
    await bk.view.getByText('登记收租', { exact: true }).click()
    const form = bk.view.locator('.sf-receipt-form')
    await form.waitFor()
    const cand = form.locator('.sf-cand').filter({ hasText: `第${entry.serial}号` })
    await containsText(cand, formatFen(facts.outstandingFen), 'the income among the candidates')
    await cand.click()
    await form.locator('.sf-cand--on').filter({ hasText: `第${entry.serial}号` }).waitFor()
    const plan = form.locator('.sf-receipt-form__auto .sf-preview__row')
    await count(plan, (n) => n === 1, 'installments the income pays')
    await containsText(plan, `第${facts.seq}期`, 'the overdue installment first')
    await containsText(plan, formatFen(facts.outstandingFen), 'all of it')
    await form.scrollIntoViewIfNeeded()
    await r.shot(bk, 'receipt-form')
    await form.getByText('确认登记', { exact: true }).click()
    await containsText(bk.view.locator('.sf-notice'), '租金已登记', 'done notice')
    const inst = installmentRow(bk)
    await until('installment paid on the staff page', async () => (await inst.getAttribute('class')) ?? '', (c) => c.includes('--paid'))
    await containsText(bk.view.locator('.sf-contract__receipts'), `账本第${entry.serial}号`, 'the receipt on the staff page')
    await r.shot(bk, 'receipt-recorded')
  })

  await r.step('the villager reloads the contract: the installment is 已收, its receipt links to the ledger entry', async () => {
    await v.page.reload()
    await v.onPage(`${CONTRACT_PAGE}?id=${contract.id}`, '.vg-contract__schedule')
    const inst = installmentRow(v)
    await until('installment paid on the public page', async () => (await inst.getAttribute('class')) ?? '', (c) => c.includes('vg-contract__installment--paid'))
    await hasText(inst.locator('.rent-schedule__state'), '已收', 'installment state')
    await containsText(inst.locator('.rent-schedule__received'), formatFen(facts.amountFen), 'received on the installment')
    assertEqual(await v.view.locator('.vg-contract__overdue').count(), 0, 'no overdue tag left')
    await containsText(v.view.locator('.vg-contract__unpaid'), formatFen(0), 'nothing due and unpaid')
    const receipt = v.view.locator('.vg-receipt').filter({ hasText: `· 第${facts.seq}期` })
    await count(receipt, (n) => n === 1, 'receipts of the installment')
    await containsText(receipt, formatFen(facts.outstandingFen), 'receipt amount')
    const link = receipt.locator('.vg-receipt__entry')
    await hasText(link, `查看账本第${entry.serial}号收入记录 ›`, 'link to the ledger')
    await inst.scrollIntoViewIfNeeded()
    await r.shot(v, 'contract-paid')
    await receipt.scrollIntoViewIfNeeded()
    await r.shot(v, 'contract-receipt')
    await link.click()
    const published = await api.entry(entry.id)
    await hasText(await v.onPage(`pages/entry/index?id=${entry.id}`, '.entry-detail__amount'), signedAmount(published), 'the income entry')
    await r.shot(v, 'receipt-entry')
  })

  await r.step('the warning resolved by itself (已消除, today); the dashboard counts the case and the amount recovered', async () => {
    // The engine re-runs the village's contract rules on contracts.changed, after the receipt's commit.
    const d = await until('warning resolved', detail, (x) => x.warning?.state === 'resolved')
    assertEqual([d.warning.resolvedOn, d.status, d.outcome], [todayInChina(), 'concluded', 'substantiated'], 'resolved today, the case stays concluded')
    await ins.page.reload()
    await ins.onPage(`${DETAIL_PAGE}?id=${caseId}`, '.ip-finding')
    await containsText(ins.view.locator('.ip-finding__state--resolved'), '已消除', 'resolved on the detail page')
    await hasText(ins.view.locator('.ip-status').first(), LABEL.concluded, 'status on the detail page')
    await r.shot(ins, 'warning-resolved')

    const after = await dashboard()
    const ruleAfter = after.rules.find((x) => x.ruleId === RULE_ID)
    const gained = [
      after.amountRecoveredFen - dashBefore.amountRecoveredFen,
      after.substantiated.warnings - dashBefore.substantiated.warnings,
      ruleAfter.concluded - ruleBefore.concluded,
      ruleAfter.substantiated - ruleBefore.substantiated,
    ]
    assertEqual(gained, [facts.outstandingFen, 1, 1, 1], 'what the dashboard gained (amount recovered, substantiated warnings, the rule concluded and substantiated)')
    await ins.go(`/#/${DASHBOARD_PAGE}`)
    await ins.onPage(DASHBOARD_PAGE, '.ip-dash__fig--recovered')
    await hasText(ins.view.locator('.ip-dash__fig--recovered .ip-figure__value'), formatFen(after.amountRecoveredFen), 'amount recovered')
    await containsText(ins.view.locator('.ip-dash__fig--substantiated'), `预警 ${after.substantiated.warnings}`, 'substantiated warnings')
    const pct = Math.round((ruleAfter.precision ?? 0) * 100)
    await containsText(ins.view.locator(`.ip-dash__rule--${RULE_ID}`), `准确率 ${pct}%（${ruleAfter.substantiated}/${ruleAfter.concluded}）`, 'precision of the rule')
    await r.shot(ins, 'dashboard-after')
  })

  await r.step('the bookkeeper gets 403 from the warnings, the dashboard and the rules', async () => {
    for (const path of [`/inspector/reports?kind=warning&villageId=${villageId}`, `/inspector/reports/${caseId}`, '/inspector/dashboard', '/inspector/rules']) {
      const res = await api.raw('GET', path, { as: BOOKKEEPER })
      assertEqual(res.status, 403, `GET ${path} as ${BOOKKEEPER}`)
      assert(!res.text.includes(contract.code), `GET ${path} as ${BOOKKEEPER} mentions the contract`)
    }
  })
}
