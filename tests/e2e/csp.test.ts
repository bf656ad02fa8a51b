import type { Browser, BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { E2EServer } from './harness.js'
import { clickCell, createPlan, personContext, useE2ESuite, waitForGrid } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** Every CSP violation a page reports, from the console and from `securitypolicyviolation`. */
interface Watched {
  page: Page
  violations(): Promise<string[]>
}

async function watch(context: BrowserContext): Promise<Watched> {
  await context.addInitScript(() => {
    const seen: string[] = []
    ;(window as unknown as { __csp: string[] }).__csp = seen
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`),
    )
  })
  const page = await context.newPage()
  const console: string[] = []
  page.on('console', (message) => {
    const text = message.text()
    if (/Content Security Policy|Refused to/i.test(text)) console.push(text)
  })
  return {
    page,
    violations: async () => [
      ...console,
      ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
    ],
  }
}

async function visit(watched: Watched, path: string, ready: string): Promise<void> {
  const response = await watched.page.goto(`${server.url}${path}`)
  const policy = response?.headers()['content-security-policy'] ?? ''
  expect(policy, path).toContain("script-src 'self'")
  expect(policy, path).toContain("style-src 'self'")
  expect(policy, path).not.toContain('unsafe-inline')
  await watched.page.waitForSelector(ready, { timeout: 30_000 })
}

/** What opens each part of the board, and what shows it is open. */
const PANELS: [button: string, panel: string][] = [
  ['chart', '[data-testid="chart-panel"] canvas'],
  ['open-comments', '[data-testid="comments-panel"]'],
  ['open-flags', '[data-testid="flags-panel"]'],
  ['settings-button', '[data-testid="settings-panel"]'],
  ['versions-button', '[data-testid="versions-panel"]'],
]

describe('the Content Security Policy in real Chromium', () => {
  it('sign-in, plans list, board with its panels, admin and the API docs run without one violation', async () => {
    const plan = await createPlan(server, { skuCount: 12, periodCount: 8 })
    const report: Record<string, string[]> = {}

    const anonymous = await watch(track(await browser.newContext()))
    await visit(anonymous, '/', '[data-testid="sign-in"]')
    report['sign-in'] = await anonymous.violations()

    for (const language of ['en', 'zh-CN'] as const) {
      const planner = await watch(
        track(await personContext(browser, server, { account: 'planner', language })),
      )
      await visit(planner, '/', '[data-testid="plans-table"]')
      report[`plans list (${language})`] = await planner.violations()

      // Side panels lie over the toolbar: each opens on a fresh load of the board.
      const seen: string[] = []
      for (const [button, panel] of PANELS) {
        await visit(planner, `/plans/${plan.id}?debug=1`, '[data-testid="plan-grid"]')
        await waitForGrid(planner.page)
        if (button === 'chart') {
          const rows = await planner.page.evaluate(() => window.__tandem!.rowKeys())
          await clickCell(planner.page, rows.find((row) => row.includes('demand')) ?? rows[0], 2)
        } else {
          await planner.page.click(`[data-testid="${button}"]`)
        }
        await planner.page.waitForSelector(panel, { timeout: 30_000 })
        seen.push(
          ...(await planner.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)),
        )
      }
      report[`board (${language})`] = [...(await planner.violations()), ...seen]
    }

    const admin = await watch(track(await personContext(browser, server, { account: 'admin' })))
    await visit(admin, '/admin', '[data-testid="users-table"]')
    report.admin = await admin.violations()

    const reader = await watch(track(await browser.newContext()))
    await visit(reader, '/api/docs', '.swagger-ui .opblock-tag')
    report['API docs'] = await reader.violations()

    expect(report).toEqual({
      'API docs': [],
      'sign-in': [],
      'plans list (en)': [],
      'board (en)': [],
      'plans list (zh-CN)': [],
      'board (zh-CN)': [],
      admin: [],
    })
  })
})
