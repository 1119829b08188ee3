// End-to-end journeys (tests/e2e) against `dojo serve` on a fresh temporary database,
// serving the built SPA (run `npm run build` first), in Debian's Chromium.
import { defineConfig } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

// The config is evaluated again in every worker: the first evaluation picks the port and
// the database, and the workers inherit them through the environment.
if (!process.env.DOJO_E2E_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-e2e-'))
  process.env.DOJO_E2E_DIR = dir
  process.env.DOJO_E2E_PORT = String(await freePort())
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
}
const dir = process.env.DOJO_E2E_DIR!
const port = process.env.DOJO_E2E_PORT!
const baseURL = `http://127.0.0.1:${port}`
const STORAGE = join(dir, 'signed-in.json')

export default defineConfig({
  testDir: '../tests/e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ],
    },
  },
  projects: [
    // Journey 1 of issue-journeys.spec.ts is the first run: it creates the user (and the
    // budget journeys 2 to 7 continue) and saves the session every other journey starts with.
    { name: 'first-run', testMatch: /issue-journeys\.spec\.ts/, grep: /@first-run/ },
    {
      name: 'journeys',
      testMatch: /.*\.spec\.ts/,
      grepInvert: /@first-run/,
      dependencies: ['first-run'],
      use: { storageState: STORAGE },
    },
  ],
  webServer: {
    // The server's request log goes to a file (kept after the run) rather than the test output.
    command: `../.venv/bin/dojo serve --db ${join(dir, 'e2e.duckdb')} --host 127.0.0.1 --port ${port} 2> e2e-server.log`,
    url: `${baseURL}/readyz`,
    env: { DOJO_STATIC: fileURLToPath(new URL('./dist', import.meta.url)) },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
