// Journey 1: a villager opens the village from its ?v= link, reads the totals and the chart,
// scrolls the ledger past its first page and opens an entry with its voucher photos.
import { formatFen } from '@mingbai/shared'
import { assert, assertEqual, containsText, count, hasText, until } from '../lib/expect.mjs'
import { signedAmount } from '../lib/format.mjs'

const PAGE_SIZE = 20

export async function villagerJourney({ r, api, villager: v, villageId, year }) {
  let village
  let firstPages = []

  await r.step(`opens the village by its link /?v=${villageId} and sees its name and the year`, async () => {
    village = await api.village(villageId)
    await v.go(`/?v=${villageId}`)
    await hasText(await v.onPage('pages/index/index', '.village-name'), village.name, 'village name')
    await hasText(v.view.locator('.year-switch__label'), `${year}年`, 'year')
  })

  await r.step("sees the year's totals as published, the monthly chart and the verified badge", async () => {
    const summary = await api.summary(villageId, year)
    await hasText(v.view.locator('.totals__income'), formatFen(summary.incomeFen), 'income')
    await hasText(v.view.locator('.totals__expense'), formatFen(summary.expenseFen), 'expense')
    await hasText(v.view.locator('.totals__balance'), formatFen(summary.closingBalanceFen), 'balance')
    await count(v.view.locator('.bars .bars__month'), (n) => n === 12, 'months in the chart')
    const heights = await v.view.locator('.bars .bars__bar').evaluateAll((bars) => bars.map((b) => b.getBoundingClientRect().height))
    assert(heights.some((h) => h > 10), `the chart draws bars (heights ${heights.map(Math.round).join(',')})`)
    await containsText(v.view.locator('.verify-badge--ok'), '账本已校验', 'verify badge')
    await count(v.view.locator('.entry-row'), (n) => n > 0, 'latest entries')
    await r.shot(v, 'home')
  })

  await r.step('scrolls the ledger past the first page: more than 20 rows, in the order the API gives', async () => {
    const first = await api.entries(villageId, { limit: PAGE_SIZE })
    const second = await api.entries(villageId, { limit: PAGE_SIZE, cursor: first.nextCursor })
    firstPages = [...first.items, ...second.items]

    await v.view.getByText('查看全部收支').click()
    const rows = () => v.view.locator('.entry-row')
    await v.onPage('pages/ledger/index', '.entry-row')
    await count(rows(), (n) => n === PAGE_SIZE, 'rows of the first page')
    await r.shot(v, 'ledger')
    await v.scrollUntil(async () => (await rows().count()) > PAGE_SIZE)
    await count(rows(), (n) => n >= 2 * PAGE_SIZE, 'rows after scrolling')
    const serials = await v.view.locator('.entry-row__serial').allInnerTexts()
    assertEqual(serials.slice(0, 2 * PAGE_SIZE).map((s) => s.trim()), firstPages.map((e) => `第${e.serial}号`), 'serials of the first two pages')
    await r.shot(v, 'ledger-scrolled')
  })

  await r.step('opens an entry and sees its voucher photos, its amount, its hash and the verified badge', async () => {
    const target = firstPages.find((e) => e.attachmentCount > 0)
    assert(target, 'none of the 40 newest entries has vouchers (the demo seed attaches photos to recent entries)')
    const detail = await api.entry(target.id)
    const row = v.view.locator('.entry-row').filter({ has: v.page.locator('.entry-row__serial', { hasText: new RegExp(`^第${target.serial}号$`) }) })
    await containsText(row, `凭证${target.attachmentCount}张`, 'voucher tag on the row')
    await row.scrollIntoViewIfNeeded()
    await row.click()

    await hasText(await v.onPage(`pages/entry/index?id=${target.id}`, '.entry-detail__amount'), signedAmount(detail), 'amount')
    const thumbs = v.view.locator('.voucher-thumb')
    await count(thumbs, (n) => n === detail.attachments.length, 'voucher thumbnails')
    for (let i = 0; i < detail.attachments.length; i++)
      await until(`voucher photo ${i + 1} loaded`, () => thumbs.nth(i).locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), Boolean)
    await containsText(v.view.locator('.verify-badge--ok'), '本条已校验', 'entry verify badge')
    await hasText(v.view.locator('.entry-detail__hash'), detail.hash, 'hash')
    await r.shot(v, 'entry')
  })
}

/** Journey 1b: choosing another village by name; the choice survives a reload (H5 keeps it in ?v=). */
export async function chooseVillageJourney({ r, api, villager: v, villageId }) {
  await r.step('chooses another village by searching its name, and it stays chosen after a reload', async () => {
    const hits = await api.get(`/villages?q=${encodeURIComponent('村')}&limit=50`)
    const other = hits.find((h) => h.id !== villageId)
    assert(other, 'the demo county has a second village')

    await v.go(`/?v=${villageId}`)
    await v.onPage('pages/index/index', '.village-name')
    await v.view.getByText('切换村庄').click()
    await v.onPage('pages/choose/index', 'input[placeholder="输入村名搜索"]')
    await v.fill('输入村名搜索', other.name)
    await v.tap('搜索')
    await v.view.locator('.choose__item').filter({ hasText: other.name }).first().click()
    await hasText(await v.onPage('pages/index/index', '.village-name'), other.name, 'chosen village on the home page')
    assert(new URL(v.page.url()).searchParams.get('v') === String(other.id), `the address names the chosen village: ${v.page.url()}`)
    await r.shot(v, 'chosen-village')

    await v.page.reload()
    await hasText(await v.onPage('pages/index/index', '.village-name'), other.name, 'chosen village after a reload')

    await v.go(`/?v=${villageId}`)
    await hasText(await v.onPage('pages/index/index', '.village-name'), (await api.village(villageId)).name, 'back to the first village by its link')
  })
}
