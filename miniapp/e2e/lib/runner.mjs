// A tiny step runner: journeys run in order, each a list of steps; the first failing step of a
// journey skips the rest of it. Prints `ok` / `FAIL` / `skip` per step and a summary.
import fs from 'node:fs'
import path from 'node:path'

export class Runner {
  constructor(artifactsDir) {
    this.artifactsDir = artifactsDir
    this.counts = { ok: 0, fail: 0, skip: 0 }
    this.phones = []
    this.journeyName = ''
    this.shotNo = 0
    this.aborted = false
    this.stepNo = 0
    fs.rmSync(artifactsDir, { recursive: true, force: true })
    fs.mkdirSync(artifactsDir, { recursive: true })
  }

  /** Phones whose page errors fail the current step, and who are photographed on failure. */
  watch(phone) {
    this.phones.push(phone)
  }

  async journey(name, title, run) {
    this.journeyName = name
    this.shotNo = 0
    this.aborted = false
    console.log(`\n# ${name}: ${title}`)
    for (const p of this.phones) p.takeErrors() // whatever happened between journeys is not this journey's
    try {
      await run()
    } catch (e) {
      // Code between steps should not throw; count it as a failure of the journey.
      this.fail(`${name}: outside any step`, e)
    }
  }

  /**
   * One step; `tolerate`: patterns of page errors expected during this step only (e.g. the failed
   * requests Chromium logs while a phone is offline). Any other error fails the step.
   */
  async step(title, fn, { tolerate = [] } = {}) {
    const label = `${this.journeyName}: ${title}`
    if (this.aborted) {
      this.counts.skip++
      console.log(`skip ${++this.stepNo} - ${label}`)
      return
    }
    const started = Date.now()
    try {
      await fn()
      let tolerated = 0
      const errors = this.phones.flatMap((p) =>
        p
          .takeErrors()
          .filter((e) => !(tolerate.some((re) => re.test(e)) && ++tolerated))
          .map((e) => `[${p.who}] ${e}`),
      )
      if (errors.length) throw new Error(`errors in the page:\n${errors.join('\n')}`)
      this.counts.ok++
      const note = tolerated ? `, ${tolerated} expected page error${tolerated > 1 ? 's' : ''}` : ''
      console.log(`ok ${++this.stepNo} - ${label} (${((Date.now() - started) / 1000).toFixed(1)} s${note})`)
    } catch (e) {
      this.fail(label, e)
      this.aborted = true
      for (const p of this.phones) if (p.isOpen()) await this.shot(p, `FAILED-${p.who}`, { settle: false }).catch(() => undefined)
    }
  }

  fail(label, e) {
    this.counts.fail++
    console.log(`FAIL ${++this.stepNo} - ${label}`)
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e)
    console.log(
      text
        .split('\n')
        .slice(0, 25)
        .map((l) => `    ${l}`)
        .join('\n'),
    )
  }

  /** A screenshot of the phone's screen, once the page has slid in: artifacts/<journey>-<nn>-<name>.png */
  async shot(phone, name, { settle = true } = {}) {
    if (settle) await phone.settle()
    const file = path.join(this.artifactsDir, `${this.journeyName}-${String(++this.shotNo).padStart(2, '0')}-${name}.png`)
    await phone.page.screenshot({ path: file })
    return file
  }

  summary() {
    const { ok, fail, skip } = this.counts
    console.log(`\n${ok} passed, ${fail} failed, ${skip} skipped (screenshots in ${this.artifactsDir})`)
    return fail === 0 && skip === 0
  }
}
