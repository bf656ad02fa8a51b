import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRoleMap } from '@tandem/server'
import type { OidcTestProvider } from '../support/oidc-test-provider.js'
import { startOidcTestProvider } from '../support/oidc-test-provider.js'
import type { E2EServer } from './harness.js'
import { ensureClientBuilt, launchBrowser, startServer } from './harness.js'

// Signing in through a real OpenID Connect provider from the sign-in page, in Chromium: the
// button the server offers, the provider's own login page, the way back signed in, and a
// refusal shown in the person's language.

let provider: OidcTestProvider
let server: E2EServer
let browser: Browser
beforeAll(async () => {
  ensureClientBuilt()
  provider = await startOidcTestProvider()
  server = await startServer({
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: undefined,
      scopes: 'openid email profile',
      roleClaim: 'roles',
      roleMap: parseRoleMap('sop-planners=planner'),
      label: 'Corp SSO',
    },
  })
  provider.register(`${server.url}/api/auth/oidc/callback`)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await provider?.close()
})

async function newPage(language: 'en' | 'zh-CN') {
  const context = await browser.newContext({ locale: language === 'en' ? 'en-US' : 'zh-CN' })
  await context.addInitScript((chosen) => localStorage.setItem('tandem:language', chosen), language)
  return { context, page: await context.newPage() }
}

describe('single sign-on from the sign-in page', () => {
  it('signs a new person in through the provider and lands them signed in, with their role', async () => {
    provider.accounts.set('ana', {
      email: 'ana.li@corp.example',
      email_verified: true,
      name: 'Ana Li',
      roles: ['sop-planners'],
    })
    const { context, page } = await newPage('en')
    try {
      await page.goto(server.url)
      const button = page.getByTestId('sign-in-sso')
      await expect.poll(() => button.textContent()).toBe('Sign in with Corp SSO')
      await button.click()
      // The provider's page, on the provider's origin.
      await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`))
      await page.fill('input[name="login"]', 'ana')
      await page.click('button')
      await page.waitForURL((url) => url.href.startsWith(server.url))
      await expect.poll(() => page.getByTestId('identity-chip').textContent()).toContain('Ana Li')
      // A planner by the role claim: the landing page lets them create plans.
      await page.getByTestId('create-plan').waitFor()
    } finally {
      await context.close()
    }
  })

  it('shows a refusal in Chinese and takes the code off the address', async () => {
    provider.accounts.set('eve', { email: 'eve@corp.example', email_verified: false })
    const { context, page } = await newPage('zh-CN')
    try {
      await page.goto(server.url)
      await page.getByTestId('sign-in-sso').click()
      await page.waitForURL((url) => url.href.startsWith(`${provider.issuer}/interaction/`))
      await page.fill('input[name="login"]', 'eve')
      await page.click('button')
      const alert = page.locator('[data-testid="sign-in"] [role="alert"]')
      await expect
        .poll(() => alert.textContent())
        .toBe('身份提供方没有提供已验证的邮箱地址，Tandem 需要它来找到你的账户。')
      expect(new URL(page.url()).search).toBe('')
      await expect
        .poll(() => page.getByTestId('sign-in-sso').textContent())
        .toBe('使用Corp SSO登录')
    } finally {
      await context.close()
    }
  })
})
