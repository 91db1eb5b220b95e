// H5 smoke test: serve dist/h5, open it in Debian's chromium through playwright-core, check text, screenshot.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serve } from './serve.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../dist/h5')
const outDir = path.resolve(here, '../e2e-output')
fs.mkdirSync(outDir, { recursive: true })

const server = await serve(root)
const base = `http://127.0.0.1:${server.address().port}`
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mingbai-chromium-'))

let failed = 0
let passed = 0
const check = (ok, name) => { console.log(`${ok ? 'ok' : 'FAIL'} - ${name}`); if (ok) passed++; else failed++ }

const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'
  ],
  viewport: { width: 375, height: 812 }
})
try {
  const page = browser.pages()[0] ?? (await browser.newPage())
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  const js = new Map()
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) js.set(r.url(), (await r.body()).length)
  })

  await page.goto(`${base}/#/pages/index/index`)
  await page.getByText('村集体账目公开').waitFor({ timeout: 20000 })
  await page.getByText('合计收入').waitFor()
  check(true, 'home page shows its title and the chart')
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: path.join(outDir, 'home.png') })

  // Initial JS for the home route: raw and gzip sizes of what the browser fetched.
  let raw = 0, gz = 0
  for (const url of js.keys()) {
    const buf = fs.readFileSync(path.join(root, new URL(url).pathname))
    raw += buf.length
    gz += zlib.gzipSync(buf, { level: 9 }).length
  }
  console.log(`# home route JS: ${js.size} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip`)

  // Tab bar navigation to 我的, which lists the Taro APIs present on H5.
  await page.getByText('我的', { exact: true }).last().click()
  await page.getByText('storage: {"at":1}').waitFor({ timeout: 10000 })
  const rows = await page.locator('.api-row').allInnerTexts()
  console.log('# ' + rows.join(' | '))
  check(rows.length === 7 && rows.every((r) => r.endsWith('function')), 'all 7 Taro APIs are functions on H5')
  await page.screenshot({ path: path.join(outDir, 'me.png') })

  // Subpackage page.
  await page.getByText('工作人员登录').click()
  // H5 components are web components: <taro-input-core> wraps the real <input>.
  const phone = page.locator('input[placeholder="请输入手机号"]')
  await phone.waitFor({ timeout: 10000 })
  check(page.url().includes('#/packages/staff/pages/login/index'), 'subpackage route opens')
  await phone.fill('123')
  await page.getByText('登录', { exact: true }).click()
  await page.getByText('手机号格式不对').waitFor({ timeout: 5000 })
  check(true, 'login form validates input')
  await page.screenshot({ path: path.join(outDir, 'login.png') })

  check(errors.length === 0, `no page errors ${errors.join('; ')}`)
} finally {
  await browser.close()
  server.close()
  fs.rmSync(userDataDir, { recursive: true, force: true })
}
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
