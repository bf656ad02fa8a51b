import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { AppDeps } from '@tandem/server'
import type { Measure } from '@tandem/shared'
import type { TestAccount, TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore, TEST_PASSWORD } from '../support/test-server.js'
import './tandem-window.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CLIENT_DIR = join(ROOT, 'client')
export const CLIENT_DIST = join(CLIENT_DIR, 'dist')

/** The e2e browser: Debian's Chromium, since browser downloads are not available here. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path))
    else newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

/** Builds the client unless client/dist is newer than every client and shared source file. */
export function ensureClientBuilt(): void {
  const index = join(CLIENT_DIST, 'index.html')
  const sources = Math.max(
    newestMtime(join(CLIENT_DIR, 'src')),
    newestMtime(join(ROOT, 'shared', 'src')),
    statSync(join(CLIENT_DIR, 'index.html')).mtimeMs,
  )
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return
  execFileSync(
    process.execPath,
    [join(CLIENT_DIR, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    {
      cwd: CLIENT_DIR,
      stdio: 'pipe',
      // vitest sets NODE_ENV=test, which would give a development build of React.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
}

/** A real server on a free port with a real SQLite store, seeded with one account per role. */
export type E2EServer = TestServer & { close(): Promise<void> }

export async function startServer(options: Partial<AppDeps> = {}): Promise<E2EServer> {
  const { store, cleanup } = await tempSqliteStore()
  const server = await startTestServer(store, {
    clientDir: CLIENT_DIST,
    roomGraceMs: 500,
    loginRateLimit: 1_000,
    restRateLimit: 100_000,
    ...options,
  })
  return {
    ...server,
    async close() {
      await server.close(true)
      await cleanup()
    },
  }
}

/** A plan created over REST by the planner, as from the landing page. */
export async function createPlan(
  server: E2EServer,
  generator: { skuCount: number; periodCount: number; periodKind?: 'week' | 'month' },
  name = 'E2E plan',
): Promise<{ id: string; name: string }> {
  const response = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers('planner') },
    body: JSON.stringify({ name, generator }),
  })
  if (response.status !== 201) {
    throw new Error(`create plan: ${response.status} ${await response.text()}`)
  }
  return ((await response.json()) as { plan: { id: string; name: string } }).plan
}

/** One of the seeded test accounts, and the UI language they use. */
export interface Person {
  account: TestAccount
  language?: 'en' | 'zh-CN'
}

/** The display name of a seeded test account ("Sales Tester"). */
export function nameOf(account: TestAccount): string {
  return `${account[0].toUpperCase()}${account.slice(1)} Tester`
}

/** A browser context for one person, signed in (session cookie) and with a language set. */
export async function personContext(
  browser: Browser,
  server: E2EServer,
  person: Person,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: person.language ?? 'en-US',
    timezoneId: 'UTC',
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  const response = await context.request.post(`${server.url}/api/login`, {
    data: { email: `${person.account}@test.tandem`, password: TEST_PASSWORD },
  })
  if (!response.ok()) throw new Error(`sign-in ${person.account}: ${response.status()}`)
  await context.addInitScript((language) => {
    if (!localStorage.getItem('tandem:language')) localStorage.setItem('tandem:language', language)
  }, person.language ?? 'en')
  return context
}

/** Opens a plan's board with the debug handle and waits until the grid has painted data. */
export async function openBoard(
  context: BrowserContext,
  url: string,
  planId: string,
): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  await page.goto(`${url}/plans/${encodeURIComponent(planId)}?debug=1`)
  await waitForGrid(page)
  return page
}

export async function waitForGrid(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('tandem:grid-painted').length > 0 &&
      window.__tandem !== undefined,
    undefined,
    { timeout: 30_000 },
  )
  await page.waitForSelector('[data-testid="connection-status"][data-status="online"]', {
    timeout: 30_000,
  })
}

/** Clicks the middle of a cell, found by row key and period, like a person would. */
export async function clickCell(page: Page, row: string, period: number): Promise<void> {
  // A cell below the fold (under the chart) or past the right edge: scroll to it first, as a
  // person would.
  const hidden = await page.evaluate(
    ([r, p]) => {
      const bounds = window.__tandem?.cellBounds(r, p)
      const canvas = document.querySelector('canvas[data-testid="data-grid-canvas"]')
      if (!bounds || !canvas) return false
      const box = canvas.getBoundingClientRect()
      const x = bounds.x + bounds.width / 2
      const y = bounds.y + bounds.height / 2
      return x < box.left || x > box.right || y < box.top || y > box.bottom
    },
    [row, period] as const,
  )
  if (hidden) {
    await page.evaluate(([r, p]) => window.__tandem?.scrollToCell(r, p), [row, period] as const)
    await page.waitForTimeout(100)
  }
  // Under load the grid may still be laying out (a resync, a panel opening): wait for the cell
  // to be on screen, as a person would, before clicking it.
  const handle = await page
    .waitForFunction(([r, p]) => window.__tandem?.cellBounds(r, p), [row, period] as const, {
      timeout: 10_000,
    })
    .catch(() => undefined)
  const bounds = (await handle?.jsonValue()) as
    { x: number; y: number; width: number; height: number } | undefined
  if (!bounds) throw new Error(`no cell ${row} ${period}`)
  await page.mouse.click(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
  // The grid takes keyboard focus on the next frame; a person never types faster than that.
  await page
    .waitForFunction(
      () => document.querySelector('[data-testid="plan-grid"]')?.contains(document.activeElement),
      undefined,
      { timeout: 5_000 },
    )
    .catch(async (error: unknown) => {
      const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))
      throw new Error(
        `the grid did not take focus after a click on ${row} ${period}; focus is on ${active}`,
        {
          cause: error,
        },
      )
    })
}

/** The text the grid paints in a cell. */
export async function cellText(
  page: Page,
  row: string,
  period: number,
): Promise<string | undefined> {
  return page.evaluate(([r, p]) => window.__tandem?.cellText(r, p), [row, period] as const)
}

/** A cell's value in the page's live Y.Doc. */
export async function readCell(
  page: Page,
  measure: Measure,
  key: string,
  period: number,
): Promise<number> {
  return page.evaluate(([m, k, p]) => window.__tandem!.readCell(m as Measure, k, p), [
    measure,
    key,
    period,
  ] as const)
}

/** Waits until a predicate over the page's debug handle holds. */
export async function waitUntil(page: Page, predicate: () => boolean): Promise<void> {
  await page.waitForFunction(predicate, undefined, { timeout: 15_000, polling: 50 })
}

/** The background colour the grid painted for a cell, sampled from the canvas near its corner. */
export async function cellColour(page: Page, row: string, period: number): Promise<number[]> {
  return page.evaluate(
    ([r, p]) => {
      const bounds = window.__tandem!.cellBounds(r, p)!
      const canvas = document.querySelector<HTMLCanvasElement>(
        'canvas[data-testid="data-grid-canvas"]',
      )!
      const box = canvas.getBoundingClientRect()
      const scale = canvas.width / box.width
      const x = Math.round((bounds.x - box.left + 4) * scale)
      const y = Math.round((bounds.y - box.top + 4) * scale)
      const pixel = canvas.getContext('2d')!.getImageData(x, y, 1, 1).data
      return [pixel[0], pixel[1], pixel[2]]
    },
    [row, period] as const,
  )
}

/** How many updates the page's IndexedDB copy of a plan holds (y-indexeddb's `updates` store). */
export async function localUpdateCount(page: Page, planId: string): Promise<number> {
  return page.evaluate(async (prefix) => {
    const databases = await indexedDB.databases()
    const name = databases.find((db) => db.name?.startsWith(prefix))?.name
    if (!name) return 0
    return new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(name)
      open.onerror = () => reject(open.error)
      open.onsuccess = () => {
        const db = open.result
        const count = db.transaction('updates').objectStore('updates').count()
        count.onsuccess = () => {
          db.close()
          resolve(count.result)
        }
        count.onerror = () => reject(count.error)
      }
    })
  }, `tandem:plan:${planId}:`)
}

/** Where the e2e runs write the screenshots the README and the user guide show. */
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots')

/**
 * One test file's server and browser: started before its tests (the client built if stale),
 * every tracked context closed after each test, everything closed at the end. `ready` hands the
 * server and browser to the file.
 */
export function useE2ESuite(ready: (server: E2EServer, browser: Browser) => void): {
  track(context: BrowserContext): BrowserContext
} {
  const contexts: BrowserContext[] = []
  let server: E2EServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(SCREENSHOTS, { recursive: true })
    server = await startServer()
    browser = await launchBrowser()
    ready(server, browser)
  })
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    track(context) {
      contexts.push(context)
      return context
    },
  }
}

/** Types into a cell the way a person does: click it, type, Enter. */
export async function typeInto(
  page: Page,
  row: string,
  period: number,
  text: string,
): Promise<void> {
  await clickCell(page, row, period)
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}
