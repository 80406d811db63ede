// What a first visit downloads before a page shows: the entry's chunks and styles, then the page's own, as the
// browser gets them (brotli, gzip or raw). Reads the manifest that `vite build` writes in dist/.vite.
// Usage: node scripts/first-load.mjs [page source, e.g. src/pages/HomePage.tsx]...
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

export const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist')
const manifestFile = join(dist, '.vite/manifest.json')

/** The first screen's budget, in bytes sent (brotli): the sign-in page and the home page, each with the entry. */
export const firstScreenBudget = 250_000
export const firstScreenPages = ['src/pages/LoginPage.tsx', 'src/pages/HomePage.tsx']

/** Every lazy page loads it with its own chunk (App.tsx): the styles of the components the first screen does not draw. */
const pageStyles = 'src/mantinePages.ts'

export const isBuilt = () => existsSync(manifestFile)

/** A chunk's files and those of the chunks it imports statically: what loads with it. */
function closure(manifest, key, files = new Set(), seen = new Set()) {
  if (seen.has(key)) return files
  seen.add(key)
  const chunk = manifest[key]
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imported of chunk.imports ?? []) closure(manifest, imported, files, seen)
  return files
}

function sizes(files) {
  const total = { files: files.length, raw: 0, gzip: 0, brotli: 0 }
  for (const file of files) {
    const bytes = readFileSync(join(dist, file))
    total.raw += bytes.length
    total.gzip += gzipSync(bytes, { level: 9 }).length
    total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length
  }
  return total
}

/** The bytes a first visit to the page downloads (or the entry alone, without a page), raw and as gzip and brotli send them. */
export function firstLoad(page) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)
  const files = closure(manifest, entry)
  // A page the entry imports statically has no chunk of its own: it comes with the entry.
  if (page && manifest[page]) {
    closure(manifest, page, files)
    if (manifest[pageStyles]) closure(manifest, pageStyles, files)
  }
  return sizes([...files])
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const kB = (n) => `${(n / 1000).toFixed(1)} kB`
  const pages = process.argv.slice(2)
  for (const page of pages.length > 0 ? pages : [undefined]) {
    const total = firstLoad(page)
    console.log(`${page ?? 'entry'}: ${total.files} files, raw ${kB(total.raw)}, gzip ${kB(total.gzip)}, brotli ${kB(total.brotli)}`)
  }
}
