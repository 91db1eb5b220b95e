// End-to-end journeys on the H5 build against a real server with the demo data:
//   npm run e2e -w @mingbai/miniapp
// Needs: npm run build -w @mingbai/shared, npm run build -w @mingbai/server, npm run build:h5 -w @mingbai/miniapp,
// and Debian's chromium + fonts-noto-cjk (or CHROMIUM_PATH). Screenshots of every page visited go to e2e/artifacts/.
// E2E_JOURNEYS=supervision (comma-separated names) runs only some journeys.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { todayInChina } from '@mingbai/shared'
import { startServer } from './server.mjs'
import { Runner } from './lib/runner.mjs'
import { Api } from './lib/api.mjs'
import { launchChromium, Phone } from './lib/phone.mjs'
import { chooseVillageJourney, villagerJourney } from './journeys/villager.mjs'
import { bookkeepingJourney } from './journeys/bookkeeping.mjs'
import { reversalJourney } from './journeys/reversal.mjs'
import { elderlyJourney } from './journeys/elderly.mjs'
import { reportJourney } from './journeys/report.mjs'
import { supervisionJourney } from './journeys/supervision.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
/** 石桥村, the demo village the demo staff accounts belong to. */
const VILLAGE_ID = 6

const JOURNEYS = [
  ['villager', 'a villager opens the village link, reads totals and chart, scrolls the ledger, opens an entry with vouchers', villagerJourney],
  ['choose', 'a villager chooses another village by name; the choice survives a reload', chooseVillageJourney],
  ['bookkeeping', 'post with a photo, sent back, fixed, approved, seen by villagers', bookkeepingJourney],
  ['reversal', 'a published entry is reversed (红字冲销), approved, both linked, totals net to zero', reversalJourney],
  ['elderly', '长辈模式 enlarges the text and survives a reload', elderlyJourney],
  ['report', 'a report filed offline is sent once on reconnect, handled by the inspector, read by receipt code, unseen by the bookkeeper', reportJourney],
  [
    'supervision',
    "an inspector opens the dashboard, accepts the rent-arrears warning of the demo village and concludes it with the amount to recover; the villager's contract page shows the installment paid once the bookkeeper records the receipt",
    supervisionJourney,
  ],
]

/** E2E_JOURNEYS=report,supervision runs only those, in the usual order ('reversal' needs 'bookkeeping' before it). */
function chosenJourneys() {
  const only = (process.env.E2E_JOURNEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const unknown = only.filter((n) => !JOURNEYS.some(([name]) => name === n))
  if (unknown.length) throw new Error(`unknown journeys in E2E_JOURNEYS: ${unknown.join(', ')} (known: ${JOURNEYS.map(([n]) => n).join(', ')})`)
  return only.length ? JOURNEYS.filter(([name]) => only.includes(name)) : JOURNEYS
}

async function main() {
  const started = Date.now()
  const r = new Runner(path.join(here, 'artifacts'))
  let server = null
  let browser = null
  try {
    const journeys = chosenJourneys()
    server = await startServer()
    console.log(`# server on ${server.base} (fresh database, demo seed) ready in ${(server.startedInMs / 1000).toFixed(1)} s`)
    const api = new Api(server.api)
    const village = await api.village(VILLAGE_ID)
    if (village.name !== '石桥村') throw new Error(`village ${VILLAGE_ID} is ${village.name}, not the demo village 石桥村`)

    browser = await launchChromium()
    console.log(`# ${browser.version()}`)
    // Five people, five phones: each context has its own storage (session, chosen village, settings).
    const ctx = {
      r,
      api,
      villageId: VILLAGE_ID,
      year: Number(todayInChina().slice(0, 4)),
      state: {},
      villager: await Phone.open(browser, 'villager', server.base),
      bookkeeper: await Phone.open(browser, 'bookkeeper', server.base),
      approver: await Phone.open(browser, 'approver', server.base),
      inspector: await Phone.open(browser, 'inspector', server.base),
      townInspector: await Phone.open(browser, 'town-inspector', server.base),
    }
    for (const p of [ctx.villager, ctx.bookkeeper, ctx.approver, ctx.inspector, ctx.townInspector]) r.watch(p)

    for (const [name, title, journey] of journeys) await r.journey(name, title, () => journey(ctx))
  } catch (e) {
    r.fail('setup', e)
    if (server) console.log(`# server log (last lines):\n${server.logTail()}`)
  } finally {
    await browser?.close().catch(() => undefined)
    await server?.stop()
  }
  const ok = r.summary()
  console.log(`# ${((Date.now() - started) / 1000).toFixed(0)} s`)
  process.exit(ok ? 0 : 1)
}

await main()
