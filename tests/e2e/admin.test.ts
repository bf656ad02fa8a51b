import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../support/test-server.js'
import type { E2EServer } from './harness.js'
import {
  clickCell,
  createPlan,
  personContext,
  readCell,
  useE2ESuite,
  waitForGrid,
  waitUntil,
} from './harness.js'

const NEWCOMER = { email: 'newcomer@test.tandem', name: 'Nina Newcomer', password: 'first-pass-1' }

let server: E2EServer
let browser: Browser
const { track } = useE2ESuite((started, launched) => {
  server = started
  browser = launched
})

async function openAdmin(): Promise<Page> {
  const context = await track(await personContext(browser, server, { account: 'admin' }))
  const page = await context.newPage()
  await page.goto(server.url)
  await page.click('[data-testid="admin-link"]')
  await page.waitForSelector('[data-testid="users-table"]')
  return page
}

const userRow = (page: Page, email: string) =>
  page.locator(`[data-testid="user-row"][data-email="${email}"]`)

async function createNewcomer(admin: Page): Promise<void> {
  await admin.fill('[data-testid="new-user-email"]', NEWCOMER.email)
  await admin.fill('[data-testid="new-user-name"]', NEWCOMER.name)
  await admin.fill('[data-testid="new-user-password"]', 'short')
  await admin.click('[data-testid="new-user-submit"]')
  expect(await admin.textContent('[data-testid="new-user-error-password"]')).toBe(
    'The password needs at least 8 characters.',
  )
  await admin.fill('[data-testid="new-user-password"]', NEWCOMER.password)
  await admin.click('[data-testid="new-user-submit"]')
  await userRow(admin, NEWCOMER.email).waitFor()

  await admin.fill('[data-testid="new-user-email"]', NEWCOMER.email.toUpperCase())
  await admin.fill('[data-testid="new-user-name"]', 'Someone Else')
  await admin.fill('[data-testid="new-user-password"]', 'another-pass-2')
  await admin.click('[data-testid="new-user-submit"]')
  const taken = admin.locator('[data-testid="new-user-error-email"]')
  await taken.waitFor()
  expect(await taken.textContent()).toBe('A user with this email already exists.')
}

async function giveSalesRole(admin: Page, planId: string): Promise<void> {
  await admin.selectOption('[data-testid="plan-roles-plan"]', planId)
  const row = admin.locator(`[data-testid="plan-role-row"][data-email="${NEWCOMER.email}"]`)
  const effective = row.locator('[data-testid="effective-role"]')
  await expect.poll(() => effective.textContent()).toBe('no access')
  await row.locator('[data-testid="plan-role-select"]').selectOption('sales')
  await expect.poll(() => effective.textContent()).toBe('Sales')
  const planner = admin.locator('[data-testid="plan-role-row"][data-email="planner@test.tandem"]')
  expect(await planner.locator('[data-testid="effective-role"]').textContent()).toBe(
    'default: Planner',
  )
}

async function signInOnBoard(planId: string): Promise<Page> {
  const context = await track(
    await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC' }),
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
  await page.goto(`${server.url}/plans/${planId}?debug=1`)
  await page.fill('[data-testid="sign-in-email"]', NEWCOMER.email)
  await page.fill('[data-testid="sign-in-password"]', NEWCOMER.password)
  await page.click('[data-testid="sign-in-submit"]')
  await waitForGrid(page)
  return page
}

describe('the admin page', () => {
  it('creates a user, gives them sales in a plan, and disconnects them when disabled', async () => {
    const plan = await createPlan(server, { skuCount: 5, periodCount: 8 }, 'Admin E2E plan')
    const admin = await openAdmin()
    await createNewcomer(admin)
    await giveSalesRole(admin, plan.id)

    const newcomer = await signInOnBoard(plan.id)
    expect(await newcomer.textContent('[data-testid="identity-chip"]')).toContain(
      `${NEWCOMER.name} (Sales)`,
    )
    await clickCell(newcomer, 'sku:SKU-00001:demand', 5)
    await newcomer.keyboard.type('777')
    await newcomer.keyboard.press('Enter')
    await waitUntil(newcomer, () => window.__tandem?.readCell('demand', 'SKU-00001', 5) === 777)
    await expect
      .poll(() => newcomer.textContent('[data-testid="save-state"]'))
      .toBe('All changes saved')

    const supplyBefore = await readCell(newcomer, 'supply', 'SKU-00001', 5)
    await clickCell(newcomer, 'sku:SKU-00001:supply', 5)
    await newcomer.keyboard.type('99')
    await newcomer.keyboard.press('Enter')
    const refusal = newcomer.locator('[data-testid="notice"][data-tone="error"]').first()
    await refusal.waitFor()
    expect(await refusal.textContent()).toBe('As Sales you may not change Supply plan.')
    expect(await readCell(newcomer, 'supply', 'SKU-00001', 5)).toBe(supplyBefore)

    const row = userRow(admin, NEWCOMER.email)
    await row.locator('[data-testid="user-toggle-disabled"]').click()
    await expect.poll(() => row.getAttribute('data-disabled')).toBe('true')
    const removed = newcomer.locator('[data-testid="board-failure"][data-failure="revoked"]')
    await removed.waitFor({ timeout: 5_000 })
    expect(await removed.textContent()).toBe('Your access to this plan was removed.')
    await newcomer.waitForTimeout(1_500)
    expect(await removed.isVisible()).toBe(true)
    expect(await newcomer.locator('[data-testid="connection-status"]').count()).toBe(0)
  })

  it('reopens an open board under the new role when an admin changes it', async () => {
    const plan = await createPlan(server, { skuCount: 5, periodCount: 8 }, 'Role change E2E plan')
    const context = await track(await personContext(browser, server, { account: 'sales' }))
    const sales = await context.newPage()
    await sales.goto(`${server.url}/plans/${plan.id}?debug=1`)
    await waitForGrid(sales)
    expect(await sales.textContent('[data-testid="identity-chip"]')).toContain('(Sales)')
    const changed = await fetch(
      `${server.url}/api/plans/${plan.id}/roles/${server.users.sales.id}`,
      {
        method: 'PUT',
        headers: { ...server.headers('admin'), 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'viewer' }),
      },
    )
    expect(changed.status).toBe(200)
    await expect
      .poll(() => sales.textContent('[data-testid="identity-chip"]'), { timeout: 10_000 })
      .toContain('(Viewer)')
    await waitForGrid(sales)
    const before = await readCell(sales, 'demand', 'SKU-00001', 5)
    await clickCell(sales, 'sku:SKU-00001:demand', 5)
    await sales.keyboard.type('555')
    await sales.keyboard.press('Enter')
    await sales.locator('[data-testid="notice"][data-tone="error"]').first().waitFor()
    expect(await readCell(sales, 'demand', 'SKU-00001', 5)).toBe(before)
  })

  it("shows the server's refusal beside the field when an admin disables themselves", async () => {
    const admin = await openAdmin()
    const self = userRow(admin, 'admin@test.tandem')
    await self.locator('[data-testid="user-toggle-disabled"]').click()
    const error = self.locator('[data-testid="error-disabled"]')
    await error.waitFor()
    expect(await error.textContent()).toBe(
      'You cannot disable yourself or remove your own admin right.',
    )
    expect(await self.getAttribute('data-disabled')).toBe('false')

    await self.locator('[data-testid="user-admin"]').click()
    const adminError = self.locator('[data-testid="error-isAdmin"]')
    await adminError.waitFor()
    expect(await adminError.textContent()).toBe(
      'You cannot disable yourself or remove your own admin right.',
    )
    expect(await self.locator('[data-testid="user-admin"]').isChecked()).toBe(true)
  })

  it('renames a user, changes their default role and resets their password', async () => {
    const admin = await openAdmin()
    const viewer = userRow(admin, 'viewer@test.tandem')
    await viewer.locator('[data-testid="user-name"]').fill('Vera Viewer')
    await viewer.locator('[data-testid="user-name"]').press('Enter')
    await viewer.locator('[data-testid="user-default-role"]').selectOption('production')
    await viewer.locator('[data-testid="user-password"]').fill('short')
    await viewer.getByRole('button', { name: 'Reset password' }).click()
    expect(await viewer.locator('[data-testid="error-password"]').textContent()).toBe(
      'The password needs at least 8 characters.',
    )
    await viewer.locator('[data-testid="user-password"]').fill('a-new-password')
    await viewer.getByRole('button', { name: 'Reset password' }).click()
    await viewer.locator('[data-testid="password-saved"]').waitFor()

    const users = (await (
      await fetch(`${server.url}/api/users`, { headers: server.headers('admin') })
    ).json()) as {
      users: { email: string; name: string; defaultRole: string | null }[]
    }
    expect(users.users.find((user) => user.email === 'viewer@test.tandem')).toMatchObject({
      name: 'Vera Viewer',
      defaultRole: 'production',
    })
    const login = (password: string) =>
      fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'viewer@test.tandem', password }),
      })
    expect((await login('a-new-password')).status).toBe(200)
    expect((await login(TEST_PASSWORD)).status).toBe(401)
  })

  it('denies a user one plan from the roles editor, closes their board, and restores the default', async () => {
    const plan = await createPlan(server, { skuCount: 3, periodCount: 6 }, 'Deny E2E plan')
    const context = await track(await personContext(browser, server, { account: 'production' }))
    const production = await context.newPage()
    await production.goto(`${server.url}/plans/${plan.id}?debug=1`)
    await waitForGrid(production)

    const admin = await openAdmin()
    await admin.selectOption('[data-testid="plan-roles-plan"]', plan.id)
    const row = admin.locator('[data-testid="plan-role-row"][data-email="production@test.tandem"]')
    const effective = row.locator('[data-testid="effective-role"]')
    await expect.poll(() => effective.textContent()).toBe('default: Production')
    await row.locator('[data-testid="plan-role-select"]').selectOption('none')
    await expect.poll(() => effective.textContent()).toBe('no access (denied in this plan)')
    const removed = production.locator('[data-testid="board-failure"][data-failure="revoked"]')
    await removed.waitFor({ timeout: 5_000 })

    await row.locator('[data-testid="plan-role-select"]').selectOption('')
    await expect.poll(() => effective.textContent()).toBe('default: Production')
    await production.reload()
    await waitForGrid(production)
    expect(await production.textContent('[data-testid="identity-chip"]')).toContain('(Production)')
  })

  it('tells a non-admin who opens /admin that it is for admins only', async () => {
    const context = await track(await personContext(browser, server, { account: 'sales' }))
    const page = await context.newPage()
    await page.goto(server.url)
    await page.waitForSelector('[data-testid="identity-chip"]')
    expect(await page.locator('[data-testid="admin-link"]').count()).toBe(0)
    await page.goto(`${server.url}/admin`)
    const message = page.locator('[data-testid="admins-only"]')
    await message.waitFor()
    expect(await message.textContent()).toContain('Admins only')
    expect(await page.locator('[data-testid="users-table"]').count()).toBe(0)
  })

  it('changes my own password: a clear refusal, then this browser stays in and the other is out', async () => {
    const here = await track(await personContext(browser, server, { account: 'production' }))
    const other = await track(await personContext(browser, server, { account: 'production' }))
    const page = await here.newPage()
    await page.goto(server.url)
    await page.waitForSelector('[data-testid="change-password"]')
    await page.fill('[data-testid="password-current"]', 'not-my-password')
    await page.fill('[data-testid="password-new"]', 'production-pass-2')
    await page.click('[data-testid="password-submit"]')
    const wrong = page.locator('[data-testid="password-error-currentPassword"]')
    await wrong.waitFor()
    expect(await wrong.textContent()).toBe('The current password is wrong.')
    await page.fill('[data-testid="password-current"]', TEST_PASSWORD)
    await page.click('[data-testid="password-submit"]')
    await page.locator('[data-testid="password-changed"]').waitFor()
    await page.reload()
    await page.waitForSelector('[data-testid="plans-table"]')

    const otherPage = await other.newPage()
    await otherPage.goto(server.url)
    await otherPage.waitForSelector('[data-testid="sign-in-email"]')
  })
})
