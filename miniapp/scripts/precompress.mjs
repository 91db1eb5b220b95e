// Writes .br and .gz next to every text asset of the H5 build. The server sends them as they are
// (@fastify/static preCompressed), so a phone on a weak network downloads a quarter of the bytes
// and the server spends no CPU compressing per request.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/h5')
if (!fs.existsSync(root)) {
  console.error(`precompress: ${root} does not exist; run the H5 build first`)
  process.exit(1)
}

const TEXT = /\.(js|css|html|json|svg|txt)$/
let raw = 0
let br = 0
let gz = 0
let files = 0
for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !TEXT.test(entry.name)) continue
  const file = path.join(entry.parentPath ?? entry.path, entry.name)
  const data = fs.readFileSync(file)
  const brotli = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
  const gzip = zlib.gzipSync(data, { level: 9 })
  fs.writeFileSync(`${file}.br`, brotli)
  fs.writeFileSync(`${file}.gz`, gzip)
  raw += data.length
  br += brotli.length
  gz += gzip.length
  files++
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
console.log(`precompress: ${files} files, ${kib(raw)} raw → ${kib(gz)} gzip, ${kib(br)} brotli`)
