// Size of the WeChat build (dist/weapp): the main package, each subpackage and the total, against our limits.
// `npm run size -w @mingbai/miniapp` after `npm run build:weapp -w @mingbai/miniapp`. Exits 1 over a limit.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const KiB = 1024
const MiB = 1024 * KiB
// Our main-package budget is half of WeChat's hard limit (2 MB), so the villagers' first open stays quick.
const LIMITS = { main: 1 * MiB, subpackage: 2 * MiB, total: 20 * MiB }
// DevTools project settings, written by Taro next to the code; not part of any uploaded package.
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json'])

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(process.argv[2] ?? path.join(here, '../dist/weapp'))
const appJson = path.join(root, 'app.json')

if (!fs.existsSync(appJson)) {
  console.error(`package-size: ${path.relative(process.cwd(), appJson) || appJson} not found.`)
  console.error('Build the mini-program first: npm run build:weapp -w @mingbai/miniapp')
  process.exit(1)
}

const app = JSON.parse(fs.readFileSync(appJson, 'utf8'))
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, ''))

/** Every file under dir, as paths relative to root with '/' separators. */
function listFiles(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(full))
    else if (entry.isFile()) out.push({ rel: path.relative(root, full).split(path.sep).join('/'), size: fs.statSync(full).size })
  }
  return out
}

const files = listFiles(root).filter((f) => !NOT_PACKAGED.has(f.rel))
const packageOf = (rel) => subRoots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? null

const main = { name: 'main package', files: [] }
const subs = new Map(subRoots.map((r) => [r, { name: `subpackage ${r}`, files: [] }]))
for (const f of files) {
  const sub = packageOf(f.rel)
  ;(sub === null ? main : subs.get(sub)).files.push(f)
}

const sum = (list) => list.reduce((n, f) => n + f.size, 0)
const fmt = (bytes) => `${bytes.toLocaleString('en-US').padStart(11)} B ${(bytes / KiB).toFixed(1).padStart(8)} KiB`
const rows = [main, ...subs.values()].map((p) => ({ ...p, bytes: sum(p.files) }))
const total = sum(files)

console.log(`WeChat package sizes (${path.relative(process.cwd(), root) || root})`)
const width = Math.max(...rows.map((r) => r.name.length), 'total'.length) + 2
for (const r of rows) console.log(`  ${r.name.padEnd(width)}${fmt(r.bytes)}  ${String(r.files.length).padStart(4)} files`)
console.log(`  ${'total'.padEnd(width)}${fmt(total)}  ${String(files.length).padStart(4)} files`)

console.log('\nBiggest files of the main package:')
for (const f of [...main.files].sort((a, b) => b.size - a.size || a.rel.localeCompare(b.rel)).slice(0, 10))
  console.log(`  ${fmt(f.size)}  ${f.rel}`)

const problems = []
const mib = (n) => `${(n / MiB).toFixed(2)} MiB`
if (rows[0].bytes > LIMITS.main) problems.push(`main package is ${mib(rows[0].bytes)}, over our limit of ${mib(LIMITS.main)} (WeChat's hard limit is 2 MB)`)
for (const r of rows.slice(1))
  if (r.bytes > LIMITS.subpackage) problems.push(`${r.name} is ${mib(r.bytes)}, over WeChat's limit of ${mib(LIMITS.subpackage)}`)
if (total > LIMITS.total) problems.push(`all packages together are ${mib(total)}, over WeChat's limit of ${mib(LIMITS.total)}`)

console.log(`\nLimits: main ≤ ${mib(LIMITS.main)}, each subpackage ≤ ${mib(LIMITS.subpackage)}, total ≤ ${mib(LIMITS.total)}`)
if (problems.length) {
  for (const p of problems) console.error(`TOO BIG: ${p}`)
  process.exit(1)
}
console.log('OK: every package is within its limit')
