// What a first visit downloads before a page shows: the entry's chunks and styles, then the page's own, as the
// browser gets them (brotli, gzip or raw). Reads the manifest that `vite build` writes in dist/.vite.
// Usage: node scripts/first-load.mjs [page source, e.g. src/pages/HomePage.tsx]...
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = new URL('../dist/', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)

/** A chunk's files and those of the chunks it imports statically: what loads with it. */
function closure(key, files = new Set(), seen = new Set()) {
  if (seen.has(key)) return files
  seen.add(key)
  const chunk = manifest[key]
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imported of chunk.imports ?? []) closure(imported, files, seen)
  return files
}

function sizes(files) {
  const total = { raw: 0, gzip: 0, brotli: 0 }
  for (const file of files) {
    const bytes = readFileSync(join(dist, file))
    total.raw += bytes.length
    total.gzip += gzipSync(bytes, { level: 9 }).length
    total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
  return total
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`
const pages = process.argv.slice(2)
for (const page of pages.length > 0 ? pages : [undefined]) {
  const files = closure(entry)
  if (page) {
    // A page the entry imports statically has no chunk of its own: it comes with the entry.
    if (manifest[page]) closure(page, files)
  }
  const total = sizes([...files])
  console.log(`${page ?? entry}: ${files.size} files, raw ${kB(total.raw)}, gzip ${kB(total.gzip)}, brotli ${kB(total.brotli)}`)
}
