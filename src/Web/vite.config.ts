/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development the gateway (backend-for-frontend) keeps the session cookie, so the SPA talks to it
// through this proxy and stays same-origin, exactly as in production where the gateway serves dist/.
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080'

const chartLibraries = /node_modules\/(recharts|@mantine\/charts|d3-[^/]+|victory-vendor)\//

export default defineConfig({
  plugins: [react()],
  build: {
    rolldownOptions: {
      // Libraries change less often than the application: a separate chunk stays cached across releases.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules\/(react|react-dom|scheduler)\//, priority: 3 },
            { name: 'vendor', test: (id: string) => id.includes('node_modules') && !chartLibraries.test(id), priority: 2 },
            // Only the budget's chart needs these: their chunk loads with it, not with the application.
            { name: 'charts', test: chartLibraries, priority: 1 },
          ],
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
    ...(process.env.VITEST ? { fs: { allow: ['.', '../BuildingBlocks/Documents'] } } : {}),
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: './test-results/junit.xml' },
    restoreMocks: true,
    // CI machines are small and shared: a slow render is not a failure, a wrong one is.
    testTimeout: 30_000,
  },
})
