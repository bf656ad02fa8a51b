import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bootstrapUsers, DEMO_PASSWORD, firstRunInfo } from '@tandem/server'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'
import type { E2EServer } from './harness.js'
import { CLIENT_DIST, SCREENSHOTS, useE2ESuite } from './harness.js'

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

/** A server started the way main.ts starts one in demo mode, on a fresh store. */
let demo: TestServer
let cleanup: () => Promise<void>
let adminEmail: string
beforeAll(async () => {
  const temp = await tempSqliteStore()
  cleanup = temp.cleanup
  const firstRun = await bootstrapUsers(temp.store.accounts, { demo: true })
  adminEmail = firstRun.generatedAdmin!.email
  demo = await startTestServer(temp.store, {
    clientDir: CLIENT_DIST,
    loginRateLimit: 1_000,
    restRateLimit: 100_000,
    firstRun: await firstRunInfo(temp.store.accounts, true),
  })
})
afterAll(async () => {
  await demo.close()
  await cleanup()
})

describe('first run: the sign-in page in demo mode', () => {
  it('lists the demo accounts with their roles, signs in with one, and says where the admin password went', async () => {
    const context = track(
      await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' }),
    )
    const page = await context.newPage()
    await page.goto(`${demo.url}/`)
    await page.locator('[data-testid="demo-accounts"]').waitFor()
    const accounts = await page.locator('[data-testid="demo-account"]').allTextContents()
    expect(accounts).toEqual([
      'planner@demo.tandemPaula Planner · Planner',
      'sales@demo.tandemSam Sales · Sales',
      'production@demo.tandemPat Production · Production',
      'viewer@demo.tandemVic Viewer · Viewer',
      'production.hamburg@demo.tandemHanna Hamburg · Production',
    ])
    expect(await page.textContent('[data-testid="demo-accounts"]')).toContain(
      `password "${DEMO_PASSWORD}"`,
    )
    const admin = await page.textContent('[data-testid="generated-admin"]')
    expect(admin).toContain(`The admin account ${adminEmail} got a one-time password`)
    expect(admin).toContain('printed in the server log at first start')
    expect(await page.textContent('[data-testid="reset-admin"]')).toContain(
      `pnpm tandem user reset-password ${adminEmail}`,
    )
    await page.screenshot({ path: join(SCREENSHOTS, 'first-run-sign-in.png') })

    await page.click('[data-testid="demo-account"][data-email="sales@demo.tandem"] button')
    expect(await page.inputValue('[data-testid="sign-in-password"]')).toBe(DEMO_PASSWORD)
    await page.click('[data-testid="sign-in-submit"]')
    await page.waitForSelector('text=Sam Sales')

    await page.goto(`${demo.url}/`)
    const zh = track(await browser.newContext({ locale: 'zh-CN' }))
    const zhPage = await zh.newPage()
    await zhPage.addInitScript(() => localStorage.setItem('tandem:language', 'zh-CN'))
    await zhPage.goto(`${demo.url}/`)
    await zhPage.locator('[data-testid="demo-accounts"]').waitFor()
    expect(await zhPage.textContent('[data-testid="demo-accounts"]')).toContain('演示账户')
    expect(
      await zhPage.textContent('[data-testid="demo-account"][data-email="planner@demo.tandem"]'),
    ).toContain('计划员')
    expect(await zhPage.textContent('[data-testid="reset-admin"]')).toContain(`重置`)
  })

  it('shows no demo accounts, and the route answers 404, outside demo mode', async () => {
    const response = await fetch(`${server.url}/api/first-run`)
    expect(response.status).toBe(404)
    const page = await track(await browser.newContext()).newPage()
    await page.goto(`${server.url}/`)
    await page.locator('[data-testid="sign-in"]').waitFor()
    expect(await page.locator('[data-testid="demo-accounts"]').count()).toBe(0)
    const answer = (await (await fetch(`${demo.url}/api/first-run`)).json()) as object
    expect(JSON.stringify(answer)).not.toMatch(/passwordHash|\$scrypt/)
  })
})
