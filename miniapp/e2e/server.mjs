// Starts the real Mingbai server (server/dist/main.js) on a fresh SQLite database with the demo seed,
// serving (a copy of) the H5 build miniapp/dist/h5, for the end-to-end journeys and the H5 benchmark.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO = path.resolve(here, '../..')
/** The H5 build to serve; E2E_H5_DIR points elsewhere (e.g. a saved build while dist/h5 is being rebuilt). */
export const H5_DIR = process.env.E2E_H5_DIR ? path.resolve(process.env.E2E_H5_DIR) : path.join(REPO, 'miniapp/dist/h5')
const SERVER_MAIN = path.join(REPO, 'server/dist/main.js')
const START_TIMEOUT_MS = 240_000

/** The builds the journeys need, with the command that makes each; throws naming what is missing. */
export function checkBuilds() {
  const missing = []
  if (!fs.existsSync(path.join(REPO, 'shared/dist/index.js'))) missing.push('shared/dist (npm run build -w @mingbai/shared)')
  if (!fs.existsSync(SERVER_MAIN)) missing.push('server/dist/main.js (npm run build -w @mingbai/server)')
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) missing.push(`${path.relative(REPO, H5_DIR)}/index.html (npm run build:h5 -w @mingbai/miniapp)`)
  if (missing.length) throw new Error(`missing build output:\n  ${missing.join('\n  ')}\nBuild first, e.g. npm run build -w @mingbai/shared && npm run build -w @mingbai/server && npm run build:h5 -w @mingbai/miniapp`)
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.unref()
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/**
 * A free port below Linux's ephemeral range (32768+): a port the OS hands out for "any port"
 * could be taken by another test's server while ours is still seeding.
 */
async function freePort() {
  for (let i = 0; i < 200; i++) {
    const port = 20000 + Math.floor(Math.random() * 12000)
    if (await portIsFree(port)) return port
  }
  throw new Error('no free port found between 20000 and 32000')
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Ctrl-C or a CI timeout: exit normally so the 'exit' handlers below kill the server.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130))

/**
 * Starts the server and resolves once /api/healthz answers 200.
 * Returns { base, api, dir, logFile, stop() }; stop() kills it and removes the temporary folder.
 * The process is also killed when this Node process exits, whatever the reason.
 */
export async function startServer({ env = {}, keepDir = false } = {}) {
  checkBuilds()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mingbai-e2e-'))
  const port = await freePort()
  // Serve a copy of the build: a rebuild of dist/h5 while the journeys run cannot pull files away.
  const h5Copy = path.join(dir, 'h5')
  fs.cpSync(H5_DIR, h5Copy, { recursive: true })
  if (!fs.existsSync(path.join(h5Copy, 'index.html'))) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`${H5_DIR} changed while being copied (a build running?); try again`)
  }
  const logFile = path.join(dir, 'server.log')
  const log = fs.openSync(logFile, 'a')
  const started = Date.now()
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: `sqlite:${path.join(dir, 'e2e.sqlite')}`,
      UPLOAD_DIR: path.join(dir, 'uploads'),
      SEED_DEMO: 'true',
      H5_DIR: h5Copy,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)

  let exited = null
  child.on('exit', (code, signal) => (exited = { code, signal }))
  const killOnExit = () => {
    if (exited === null) child.kill('SIGKILL')
  }
  process.on('exit', killOnExit)

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    process.off('exit', killOnExit)
    if (exited === null) {
      child.kill('SIGTERM')
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100)
      if (exited === null) child.kill('SIGKILL')
    }
    if (!keepDir) fs.rmSync(dir, { recursive: true, force: true })
  }

  const base = `http://127.0.0.1:${port}`
  const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')
  try {
    for (;;) {
      if (exited !== null) throw new Error(`server exited (${exited.code ?? exited.signal}) before it was ready:\n${tail()}`)
      if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`server not ready after ${START_TIMEOUT_MS / 1000} s:\n${tail()}`)
      // Ours is listening once it has printed its address; only then ask it whether it is healthy.
      try {
        const listening = fs.readFileSync(logFile, 'utf8').includes(`Mingbai is running: http://localhost:${port}`)
        const res = listening ? await fetch(`${base}/api/healthz`) : null
        if (res?.ok) break
      } catch {
        // not listening yet (the demo seed runs before the server listens)
      }
      await sleep(250)
    }
  } catch (e) {
    await stop()
    throw e
  }
  return { base, api: `${base}/api`, dir, logFile, logTail: tail, startedInMs: Date.now() - started, stop }
}
