// Waiting assertions on what the page shows (playwright-core has no `expect`).
const DEFAULT_TIMEOUT = 15_000
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Polls `probe` until `ok(value)` or the timeout; throws with the last value seen. */
export async function until(what, probe, ok, timeout = DEFAULT_TIMEOUT) {
  const end = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await probe()
      if (ok(last)) return last
    } catch (e) {
      last = `(${e.message.split('\n')[0]})`
    }
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeout / 1000} s`)
    await sleep(150)
  }
}

const clean = (s) => s.replace(/\s+/g, ' ').trim()

/** The first element of the locator shows exactly `expected` (whitespace collapsed). */
export function hasText(locator, expected, what = `text of ${locator}`) {
  return until(what, async () => clean(await locator.first().innerText({ timeout: 2000 })), (t) => t === expected)
}

/** The first element of the locator shows text containing `part`. */
export function containsText(locator, part, what = `text of ${locator}`) {
  return until(what, async () => clean(await locator.first().innerText({ timeout: 2000 })), (t) => t.includes(part))
}

export function count(locator, ok, what = `number of ${locator}`) {
  return until(what, () => locator.count(), ok)
}

export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

export function assertEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}
