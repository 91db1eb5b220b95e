// H5 first-load benchmark: `npm run bench:h5 -w @mingbai/miniapp [-- --runs N]`.
// Starts the real server (demo data) with the production H5 build, opens /?v=6 in Chromium on an
// emulated slow phone network (400 ms latency, 400 kbit/s each way, cache disabled) and measures
// the time from navigation start until the year's income total shows an amount — first in the
// first-paint block of index.html (.mb-shell__income, drawn from the early API answers before the
// bundles arrive), then on the app's own home page (.totals__income) — and the JS and CSS
// loaded for it: gzip -9 of each file on disk, and the bytes actually transferred (the server
// sends precompressed copies when it has them). Prints median/min/max against the targets.
// A missed target is reported, not an error; the exit code is non-zero only when the run fails.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { H5_DIR, startServer } from '../e2e/server.mjs'
import { launchChromium, PHONE } from '../e2e/lib/phone.mjs'

const VILLAGE_ID = 6
const NETWORK = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 }
const TARGETS = { totalsMs: 3000, jsGzipBytes: 250 * 1000 }
const TIMEOUT_MS = 90_000

const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('usage: bench-h5.mjs [--runs N]   (N ≥ 1, default 3)')
  process.exit(64)
}

// Runs in the page before any of its scripts: notes when an income total first shows an amount,
// in the first-paint block and on the app's home page.
function watchTotals() {
  const shows = (selector) => {
    const el = document.querySelector(selector)
    return !!el && el.offsetParent !== null && /¥\d/.test(el.textContent ?? '')
  }
  const check = () => {
    if (window.__firstPaintAt === undefined && shows('.mb-shell__income')) window.__firstPaintAt = performance.now()
    if (shows('.totals__income')) {
      window.__totalsShownAt = performance.now()
      observer.disconnect()
    }
  }
  const observer = new MutationObserver(check)
  observer.observe(document, { subtree: true, childList: true, characterData: true })
}

const gzipCache = new Map()
/** gzip -9 size of the built file behind a URL of the H5 app, or null when it is not a file of the build. */
function gzipSizeOf(url) {
  const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '')
  const file = path.join(H5_DIR, rel || 'index.html')
  if (!file.startsWith(H5_DIR) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null
  if (!gzipCache.has(file)) {
    const buf = fs.readFileSync(file)
    gzipCache.set(file, { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length })
  }
  return gzipCache.get(file)
}

/** One cold load of /?v=6 in a fresh context. */
async function measure(browser, base) {
  const context = await browser.newContext(PHONE)
  try {
    await context.addInitScript(watchTotals)
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', NETWORK)

    const requests = new Map()
    const sentAt = new Map()
    cdp.on('Network.requestWillBeSent', ({ requestId, timestamp }) => sentAt.set(requestId, timestamp))
    cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]))
      requests.set(requestId, { url: response.url, type, status: response.status, encoding: headers['content-encoding'] ?? null, transferred: 0, done: false, start: sentAt.get(requestId), end: null })
    })
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => {
      const r = requests.get(requestId)
      if (r) Object.assign(r, { transferred: encodedDataLength, done: true, end: timestamp })
    })

    await page.goto(`${base}/?v=${VILLAGE_ID}`, { waitUntil: 'commit', timeout: TIMEOUT_MS })
    await page.waitForFunction(() => window.__totalsShownAt !== undefined, null, { timeout: TIMEOUT_MS, polling: 100 })
    const appMs = await page.evaluate(() => window.__totalsShownAt)
    const firstPaintMs = await page.evaluate(() => window.__firstPaintAt ?? null)
    const totalsMs = Math.min(appMs, firstPaintMs ?? Infinity)
    const shownText = (await page.locator('.totals__income').first().innerText()).trim()
    // What the first screen loads: everything requested until the network is quiet.
    await page.waitForLoadState('networkidle', { timeout: TIMEOUT_MS })
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`)

    const all = [...requests.values()].filter((r) => r.done)
    const failed = all.filter((r) => r.status >= 400 && !r.url.endsWith('/favicon.ico'))
    if (failed.length) throw new Error(`failed requests: ${failed.map((r) => `${r.status} ${r.url}`).join(', ')}`)
    const sum = (list, f) => list.reduce((n, r) => n + f(r), 0)
    const kind = (type) => {
      const list = all.filter((r) => r.type === type)
      const sizes = list.map((r) => gzipSizeOf(r.url))
      if (sizes.some((s) => s === null)) throw new Error(`a ${type} file is not in ${H5_DIR}: ${list.find((_, i) => sizes[i] === null).url}`)
      return {
        files: list.length,
        raw: sum(sizes, (s) => s.raw),
        gzip: sum(sizes, (s) => s.gzip),
        transferred: sum(list, (r) => r.transferred),
        encodings: [...new Set(list.map((r) => r.encoding ?? 'none'))],
      }
    }
    const api = all.filter((r) => new URL(r.url).pathname.startsWith('/api/'))
    // Request timeline in ms from the first request (the document), for the waterfall.
    const zero = Math.min(...all.map((r) => r.start ?? Infinity))
    const timeline = all
      .map((r) => ({ what: `${r.type} ${new URL(r.url).pathname}${new URL(r.url).search}`, start: (r.start - zero) * 1000, end: (r.end - zero) * 1000, bytes: r.transferred }))
      .sort((a, b) => a.start - b.start)
    return { totalsMs, appMs, firstPaintMs, shownText, js: kind('Script'), css: kind('Stylesheet'), requests: all.length, apiRequests: api.length, transferred: sum(all, (r) => r.transferred), timeline }
  } finally {
    await context.close()
  }
}

/** Does the server compress what it serves when the client accepts gzip? */
async function compressionOf(base, url) {
  const res = await fetch(base + url, { headers: { 'accept-encoding': 'gzip' } })
  await res.arrayBuffer()
  return res.headers.get('content-encoding') ?? 'none'
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const ms = (n) => `${(n / 1000).toFixed(2)} s`
const stats = (values) => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] }
}
const line = (label, values, fmt) => {
  const { median, min, max } = stats(values)
  return `  ${label.padEnd(34)} median ${fmt(median).padStart(9)}   min ${fmt(min).padStart(9)}   max ${fmt(max).padStart(9)}`
}

async function main() {
  const server = await startServer()
  let browser = null
  try {
    console.log(`bench:h5 — ${server.base}/?v=${VILLAGE_ID}, ${RUNS} cold loads, ${NETWORK.latency} ms latency, ${(NETWORK.downloadThroughput * 8) / 1024} kbit/s, cache disabled`)
    browser = await launchChromium()
    const results = []
    for (let i = 1; i <= RUNS; i++) {
      const r = await measure(browser, server.base)
      results.push(r)
      console.log(`  run ${i}: totals (${r.shownText}) visible after ${ms(r.totalsMs)} (first paint ${r.firstPaintMs === null ? 'not shown' : ms(r.firstPaintMs)}, app home ${ms(r.appMs)}); JS ${r.js.files} files ${kb(r.js.gzip)} gz; CSS ${r.css.files} files ${kb(r.css.gzip)} gz; ${r.requests} requests (${r.apiRequests} API), ${kb(r.transferred)} transferred`)
    }

    const first = results[0]
    console.log('\nRequests of run 1 (ms from the first request; the page clock starts a little earlier)')
    for (const t of first.timeline)
      console.log(`  ${String(Math.round(t.start)).padStart(6)} → ${String(Math.round(t.end)).padStart(6)}  ${kb(t.bytes).padStart(9)}  ${t.what.length > 70 ? `${t.what.slice(0, 67)}...` : t.what}`)

    console.log('\nResults')
    console.log(line('income total visible', results.map((r) => r.totalsMs), ms))
    console.log(line('… on the app home page', results.map((r) => r.appMs), ms))
    console.log(line('JS, gzip -9 of the files', results.map((r) => r.js.gzip), kb))
    console.log(line('JS, raw', results.map((r) => r.js.raw), kb))
    console.log(line('JS, transferred', results.map((r) => r.js.transferred), kb))
    console.log(line('CSS, gzip -9 of the files', results.map((r) => r.css.gzip), kb))
    console.log(line('CSS, transferred', results.map((r) => r.css.transferred), kb))
    console.log(line('everything transferred', results.map((r) => r.transferred), kb))
    console.log(`  JS files: ${first.js.files}, sent with content-encoding ${first.js.encodings.join('/')}; CSS files: ${first.css.files}, ${first.css.encodings.join('/')}`)

    const jsUrl = (await (await fetch(`${server.base}/`)).text()).match(/src="([^"]+\.js)"/)?.[1]
    const compression = { html: await compressionOf(server.base, '/'), js: jsUrl ? await compressionOf(server.base, jsUrl) : 'no script in index.html', api: await compressionOf(server.base, `/api/villages/${VILLAGE_ID}/entries`) }
    console.log(`  server compression with Accept-Encoding gzip: index.html ${compression.html}, JS ${compression.js}, API JSON ${compression.api}`)

    const totals = stats(results.map((r) => r.totalsMs)).median
    const js = stats(results.map((r) => r.js.gzip)).median
    console.log('\nTargets')
    const app = stats(results.map((r) => r.appMs)).median
    console.log(`  ${totals <= TARGETS.totalsMs ? 'PASS' : 'MISS'}  income total visible ≤ ${ms(TARGETS.totalsMs)} (median ${ms(totals)})`)
    console.log(`  ${app <= TARGETS.totalsMs ? 'PASS' : 'MISS'}  … and on the app's own home page ≤ ${ms(TARGETS.totalsMs)} (median ${ms(app)}; not the target, shown for honesty)`)
    console.log(`  ${js <= TARGETS.jsGzipBytes ? 'PASS' : 'MISS'}  initial JS ≤ ${kb(TARGETS.jsGzipBytes)} gzip (median ${kb(js)})`)
  } finally {
    await browser?.close().catch(() => undefined)
    await server.stop()
  }
}

main().catch((e) => {
  console.error(`bench:h5 failed: ${e instanceof Error ? (e.stack ?? e.message) : e}`)
  process.exit(1)
})
