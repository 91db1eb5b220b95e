// Journey 4: 长辈模式 (elderly mode) in 我的 makes the text at least 1.25× larger, everywhere,
// and stays on after the page is reloaded.
import { assert, until } from '../lib/expect.mjs'

const MIN_RATIO = 1.25
// Text on the home page and on 我的, measured before and after (a title and a body text each).
const HOME = ['.village-name', '.entry-row__summary']
const ME = ['.me__label .t-body', '.card__title']

async function sizes(phone, selectors) {
  const out = {}
  for (const s of selectors) out[s] = await phone.fontSize(s)
  return out
}

function assertLarger(normal, large) {
  for (const [sel, px] of Object.entries(normal)) {
    const ratio = large[sel] / px
    assert(ratio >= MIN_RATIO, `${sel}: ${px}px → ${large[sel]}px is ×${ratio.toFixed(2)}, less than ×${MIN_RATIO}`)
  }
}

export async function elderlyJourney({ r, villager: v }) {
  const normal = {}

  await r.step('measures the text on the home page and on 我的 in normal mode', async () => {
    await v.go('/#/pages/index/index')
    await v.onPage('pages/index/index', '.entry-row__summary')
    normal.home = await sizes(v, HOME)
    await r.shot(v, 'home-normal')
    await v.go('/#/pages/me/index')
    await v.onPage('pages/me/index', '.elderly-switch')
    assert((await v.view.locator('.page.elderly').count()) === 0, 'elderly mode is off to start with')
    normal.me = await sizes(v, ME)
    await r.shot(v, 'me-normal')
  })

  await r.step('switching 长辈模式 on makes the text at least 1.25× larger', async () => {
    await v.view.locator('.elderly-switch').click()
    await v.view.locator('.page.elderly').waitFor()
    const me = await until('larger text on 我的', () => sizes(v, ME), (s) => Object.keys(s).every((k) => s[k] >= normal.me[k] * MIN_RATIO))
    assertLarger(normal.me, me)
    await r.shot(v, 'me-elderly')
    // The 首页 tab, without reloading: the setting applies to every page.
    await v.page.locator('.weui-tabbar__item', { hasText: '首页' }).click()
    await v.onPage('pages/index/index', '.page.elderly .entry-row__summary')
    assertLarger(normal.home, await sizes(v, HOME))
    await r.shot(v, 'home-elderly')
  })

  await r.step('elderly mode survives a reload', async () => {
    await v.page.reload()
    await v.onPage('pages/index/index', '.page.elderly .entry-row__summary')
    assertLarger(normal.home, await sizes(v, HOME))
    await r.shot(v, 'home-elderly-reloaded')
    await v.go('/#/pages/me/index')
    await v.onPage('pages/me/index', '.page.elderly .elderly-switch')
    assert(await v.view.locator('.elderly-switch input').isChecked(), 'the switch shows on')
    assertLarger(normal.me, await sizes(v, ME))
    await r.shot(v, 'me-elderly-reloaded')
  })
}
