// One person's phone: an isolated browser context (own storage) with one page on the H5 app,
// collecting the page's errors, with helpers for Taro's H5 DOM.
import { chromium } from 'playwright-core'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Debian's Chromium (or CHROMIUM_PATH); Playwright gives each launch a fresh temporary profile. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
}

/** A 375×812 phone screen with touch. */
export const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }

// The H5 build has no favicon; Chromium asks for one anyway and logs the 404 as a console error.
const IGNORED_CONSOLE = [/\/favicon\.ico$/]

export class Phone {
  /** @param {import('playwright-core').Browser} browser */
  static async open(browser, who, base) {
    const context = await browser.newContext(PHONE)
    context.setDefaultTimeout(15_000)
    const page = await context.newPage()
    return new Phone(who, base, context, page)
  }

  constructor(who, base, context, page) {
    this.who = who
    this.base = base
    this.context = context
    this.page = page
    this.errors = []
    this.closed = false
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() !== 'error') return
      const at = m.location()?.url ?? ''
      if (IGNORED_CONSOLE.some((re) => re.test(at))) return
      this.errors.push(`console error: ${m.text()}${at ? ` (${at})` : ''}`)
    })
  }

  takeErrors() {
    const e = this.errors
    this.errors = []
    return e
  }

  isOpen() {
    return !this.closed
  }

  async close() {
    this.closed = true
    await this.context.close()
  }

  /**
   * Opens an address of the app, e.g. '/#/pages/me/index' or '/?v=6', as a fresh page load
   * (going from one hash route to another would otherwise stay in the same document).
   */
  async go(route) {
    await this.page.goto('about:blank')
    await this.page.goto(this.base + route)
  }

  /** Scrolls the page on screen down until `done()` or `tries` scrolls. */
  async scrollUntil(done, tries = 30) {
    const box = await this.view.boundingBox()
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    for (let i = 0; i < tries; i++) {
      if (await done()) return
      await this.page.mouse.wheel(0, 1500)
      await this.page.waitForTimeout(250)
    }
    if (!(await done())) throw new Error(`still not there after scrolling ${tries} times`)
  }

  /** The Taro page on screen (earlier pages stay in the DOM, hidden). */
  get view() {
    return this.page.locator('.taro_page:visible').last()
  }

  /** Waits until the page on screen is `route` (e.g. 'pages/ledger/index') and shows `selector`. */
  async onPage(route, selector) {
    await this.page.waitForURL((u) => u.hash.startsWith(`#/${route}`))
    const el = this.view.locator(selector).first()
    await el.waitFor()
    return el
  }

  /** Waits until the page on screen has finished sliding in (its left edge at 0, twice in a row). */
  async settle() {
    let still = 0
    for (let i = 0; i < 40 && still < 2; i++) {
      const box = await this.view.boundingBox().catch(() => null)
      still = box && Math.abs(box.x) < 0.5 ? still + 1 : 0
      await this.page.waitForTimeout(100)
    }
  }

  /** Taro's H5 <Input>/<Textarea> are web components around a real element: fill that. */
  async fill(placeholder, value) {
    const input = this.view.locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
    await input.fill(value)
  }

  /** Taps the element of the page on screen whose whole text is `text`. */
  async tap(text, selector = '*') {
    await this.view.locator(selector).filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) }).last().click()
  }

  /** Confirms Taro's H5 showModal dialog with its confirm button. */
  async confirmModal(confirmText) {
    const button = this.page.locator('.taro__modal .taro-model__confirm:visible')
    await button.waitFor()
    if (confirmText) await button.filter({ hasText: confirmText }).waitFor()
    await button.click()
  }

  /**
   * In Taro's H5 picker (a wheel) that is opening: a tap on a row turns the wheel to it (the
   * wheel's translucent mask lies over the rows and passes the tap to the wheel), then 确定.
   */
  async pickInWheel(label) {
    const picker = this.page.locator('.weui-picker:visible')
    await picker.waitFor()
    // Wait for the slide-up to finish: a trial click waits until the button is still and on screen.
    await picker.locator('.weui-picker__action', { hasText: '确定' }).click({ trial: true })
    await picker.locator('.weui-picker__item', { hasText: label }).first().click({ force: true })
    await this.page.waitForTimeout(400) // the wheel settles (0.3 s transition)
    await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
    await picker.waitFor({ state: 'hidden' })
  }

  /** The computed font size, in CSS px, of the first element matching selector on the page on screen. */
  async fontSize(selector) {
    return this.view.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  }
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
