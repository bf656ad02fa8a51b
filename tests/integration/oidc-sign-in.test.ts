import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseRoleMap } from '@tandem/server'
import type { OidcTestProvider } from '../support/oidc-test-provider.js'
import { startOidcTestProvider } from '../support/oidc-test-provider.js'
import { RedirectWalker } from '../support/redirect-walker.js'
import type { TestServer } from '../support/test-server.js'
import { startTestServer, tempSqliteStore } from '../support/test-server.js'

// Single sign-on against a real OpenID Connect provider (oidc-provider) on loopback: the
// authorisation code flow with PKCE, the ID token checked, claims from userinfo, accounts
// created and linked by email, roles from a claim, and every refusal landing on the sign-in
// page with a code it can translate.

let provider: OidcTestProvider
let tandem: TestServer
let cleanup: () => Promise<void>
beforeAll(async () => {
  provider = await startOidcTestProvider()
  const temp = await tempSqliteStore()
  cleanup = temp.cleanup
  tandem = await startTestServer(temp.store, {
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: undefined,
      scopes: 'openid email profile',
      roleClaim: 'roles',
      roleMap: parseRoleMap('sop-planners=planner,field-sales=sales,it-admins=admin'),
      label: 'Corp SSO',
    },
  })
  provider.register(`${tandem.url}/api/auth/oidc/callback`)
})
afterAll(async () => {
  await tandem?.close()
  await cleanup?.()
  await provider?.close()
})

/** Signs `accountId` in at the provider, starting from Tandem's SSO button. */
async function signInThroughProvider(
  accountId: string,
  returnTo = '/plans/demo',
): Promise<{ walker: RedirectWalker; landed: URL }> {
  const walker = new RedirectWalker()
  const start = await walker.go(
    `${tandem.url}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
  )
  // The provider's login page.
  expect(start.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true)
  expect(await start.response.text()).toContain('name="login"')
  const done = await walker.go(start.url, {
    method: 'POST',
    body: new URLSearchParams({ login: accountId }),
  })
  return { walker, landed: new URL(done.url) }
}

async function me(walker: RedirectWalker): Promise<Response> {
  return fetch(`${tandem.url}/api/me`, {
    headers: { cookie: `tandem_session=${walker.cookie(tandem.url, 'tandem_session') ?? ''}` },
  })
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the sign-in page that SSO is offered, with its label', async () => {
    const methods = await (await fetch(`${tandem.url}/api/auth/methods`)).json()
    expect(methods).toEqual({ password: true, sso: { label: 'Corp SSO' } })
  })

  it('creates the account on a first sign-in, with the role the claim maps to, and lands on returnTo', async () => {
    provider.accounts.set('ana', {
      email: 'Ana.Li@Corp.Example',
      email_verified: true,
      name: 'Ana Li 李安娜',
      roles: ['sop-planners', 'some-other-group'],
    })
    const { walker, landed } = await signInThroughProvider('ana')
    expect(landed.origin + landed.pathname).toBe(`${tandem.url}/plans/demo`)
    // PKCE: the provider saw only the challenge.
    const authorize = walker.visited.find((url) => url.startsWith(`${provider.issuer}/auth?`))
    expect(new URL(authorize ?? provider.issuer).searchParams.get('code_challenge_method')).toBe(
      'S256',
    )
    const response = await me(walker)
    expect(response.status).toBe(200)
    const { user } = (await response.json()) as {
      user: { email: string; name: string; defaultRole: string; isAdmin: boolean }
    }
    expect(user).toMatchObject({
      email: 'ana.li@corp.example',
      name: 'Ana Li 李安娜',
      defaultRole: 'planner',
      isAdmin: false,
    })
    // The transaction cookie is spent.
    expect(walker.cookie(tandem.url, 'tandem_oidc')).toBeUndefined()
  })

  it("follows the provider's role claim at the next sign-in, and links an existing account by email", async () => {
    const existing = tandem.users.sales
    provider.accounts.set('sam', {
      email: existing.email,
      email_verified: true,
      name: 'Sam at Corp',
      roles: ['sop-planners', 'it-admins'],
    })
    const first = await signInThroughProvider('sam')
    const { user } = (await (await me(first.walker)).json()) as {
      user: { id: string; defaultRole: string; isAdmin: boolean }
    }
    expect(user).toMatchObject({ id: existing.id, defaultRole: 'planner', isAdmin: true })

    provider.accounts.set('sam', { ...provider.accounts.get('sam'), roles: ['field-sales'] })
    const second = await signInThroughProvider('sam')
    const again = (await (await me(second.walker)).json()) as {
      user: { id: string; defaultRole: string; isAdmin: boolean }
    }
    expect(again.user).toMatchObject({ id: existing.id, defaultRole: 'sales', isAdmin: false })
  })

  it('keeps the role an admin gave when the provider sends no role claim', async () => {
    const existing = tandem.users.production
    provider.accounts.set('pat', { email: existing.email, email_verified: true, name: 'Pat' })
    const { walker } = await signInThroughProvider('pat')
    const { user } = (await (await me(walker)).json()) as { user: { defaultRole: string } }
    expect(user.defaultRole).toBe('production')
  })

  it('refuses an email the provider has not verified, and a disabled account', async () => {
    provider.accounts.set('eve', { email: 'eve@corp.example', email_verified: false })
    const unverified = await signInThroughProvider('eve')
    expect(unverified.landed.pathname).toBe('/')
    expect(unverified.landed.searchParams.get('ssoError')).toBe('ssoNoEmail')
    expect(unverified.walker.cookie(tandem.url, 'tandem_session')).toBeUndefined()

    provider.accounts.set('noemail', { name: 'No Email' })
    const noEmail = await signInThroughProvider('noemail')
    expect(noEmail.landed.searchParams.get('ssoError')).toBe('ssoNoEmail')

    await tandem.store.accounts.updateUser(tandem.users.viewer.id, { disabled: true })
    provider.accounts.set('vic', { email: tandem.users.viewer.email, email_verified: true })
    const disabled = await signInThroughProvider('vic')
    expect(disabled.landed.searchParams.get('ssoError')).toBe('ssoDisabled')
    expect(disabled.walker.cookie(tandem.url, 'tandem_session')).toBeUndefined()
    await tandem.store.accounts.updateUser(tandem.users.viewer.id, { disabled: false })
  })

  it('refuses a callback without its transaction cookie, or with an altered one', async () => {
    provider.accounts.set('ana', { email: 'ana.li@corp.example', email_verified: true })
    const walker = new RedirectWalker()
    const start = await walker.go(`${tandem.url}/api/auth/oidc/start`)
    const sealed = walker.cookie(tandem.url, 'tandem_oidc')
    expect(sealed).toMatch(/^[\w-]+\.[\w-]+$/)
    // A forged transaction: the same cookie with another state in it.
    const [body, signature] = (sealed ?? '.').split('.')
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString()) as { state: string }
    forged.state = 'attacker-state'
    walker.setCookie(
      tandem.url,
      'tandem_oidc',
      `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
    )
    const altered = await walker.go(start.url, {
      method: 'POST',
      body: new URLSearchParams({ login: 'ana' }),
    })
    expect(new URL(altered.url).searchParams.get('ssoError')).toBe('ssoExpired')
    expect(walker.cookie(tandem.url, 'tandem_session')).toBeUndefined()

    const bare = await fetch(`${tandem.url}/api/auth/oidc/callback?code=x&state=y`, {
      redirect: 'manual',
    })
    expect(bare.status).toBe(302)
    expect(bare.headers.get('location')).toBe('/?ssoError=ssoExpired')
  })

  it('refuses a code replayed with a valid transaction, and a state that does not match', async () => {
    provider.accounts.set('ana', { email: 'ana.li@corp.example', email_verified: true })
    const { walker } = await signInThroughProvider('ana')
    const callback = walker.visited.find((url) =>
      url.startsWith(`${tandem.url}/api/auth/oidc/callback`),
    )
    expect(callback).toBeDefined()
    // A fresh transaction for a second attempt, then the first code again.
    const second = new RedirectWalker()
    await second.go(`${tandem.url}/api/auth/oidc/start`)
    const replay = await second.go(callback ?? '')
    expect(new URL(replay.url).searchParams.get('ssoError')).toBe('ssoFailed')
    expect(second.cookie(tandem.url, 'tandem_session')).toBeUndefined()
  })

  it('lands only on paths of this server', async () => {
    provider.accounts.set('ana', { email: 'ana.li@corp.example', email_verified: true })
    const { landed } = await signInThroughProvider('ana', '//evil.example/steal')
    expect(landed.href).toBe(`${tandem.url}/`)
  })

  it('reports a provider that refuses the sign-in', async () => {
    const walker = new RedirectWalker()
    const start = await walker.go(`${tandem.url}/api/auth/oidc/start`)
    const refused = await walker.go(start.url, {
      method: 'POST',
      body: new URLSearchParams({ login: 'nobody-at-the-provider' }),
    })
    expect(new URL(refused.url).searchParams.get('ssoError')).toBe('ssoFailed')
  })
})

describe('without single sign-on configured', () => {
  it('offers passwords only and serves no SSO routes', async () => {
    const temp = await tempSqliteStore()
    const plain = await startTestServer(temp.store)
    try {
      expect(await (await fetch(`${plain.url}/api/auth/methods`)).json()).toEqual({
        password: true,
        sso: null,
      })
      const start = await fetch(`${plain.url}/api/auth/oidc/start`, { redirect: 'manual' })
      expect(start.status).toBe(404)
    } finally {
      await plain.close()
      await temp.cleanup()
    }
  })
})
