/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'

// In development the gateway (backend-for-frontend) keeps the session cookie, so the SPA talks to it
// through this proxy and stays same-origin, exactly as in production where the gateway serves dist/.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080'

/**
 * Writes a brotli (.br) and a gzip (.gz) copy of each hashed script and stylesheet, which the gateway serves as is:
 * compressed once at the highest level here rather than on every request there. Node's zlib does it, no plugin needed.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress)
  const gzipped = promisify(gzip)
  let assets = ''
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      assets = join(config.root, config.build.outDir, config.build.assetsDir)
    },
    async closeBundle() {
      const files = (await readdir(assets)).filter((name) => /\.(js|css)$/.test(name))
      await Promise.all(
        files.map(async (name) => {
          const content = await readFile(join(assets, name))
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
            gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
          ])
          await Promise.all([writeFile(join(assets, `${name}.br`), br), writeFile(join(assets, `${name}.gz`), gz)])
        }),
      )
    },
  }
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    // scripts/first-load.mjs reads it to measure what the first screen downloads.
    manifest: true,
    // The first screen is one chunk of 900 kB raw by design; what it costs to send is scripts/first-load.test.mjs's
    // budget, in brotli.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What the entry imports statically (the first screen) in one file rather than the dozen chunks Rolldown
          // cuts it into by which lazy pages share each module: they are all downloaded first anyway, and brotli
          // compresses them better together.
          groups: [{ name: 'first-screen', tags: ['$initial'] }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: gateway },
      '/bff': { target: gateway },
    },
    // The tests read the server's list of accepted documents, to check the SPA offers the same; the dev server reads
    // nothing outside the SPA.
    ...(process.env.VITEST ? { fs: { allow: ['.', '../BuildingBlocks/Documents', '../Incidents/Api'] } } : {}),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: './test-results/junit.xml' },
    restoreMocks: true,
    // Stylesheets are empty in tests but for ours, whose text a test reads.
    css: { include: [/src\/styles\.css/] },
    // CI machines are small and shared: a slow render is not a failure, a wrong one is.
    testTimeout: 30_000,
  },
})
