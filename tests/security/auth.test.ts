import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebSocketServer } from 'ws'
import { CLOSE_CODES, PlanDoc } from '@tandem/shared'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { waitUntil } from './support/wait-until.js'
import { signHs256, unsignedToken } from './support/hs256.js'
import { callApi, createUserWithToken } from './support/http.js'
import { RawSyncClient } from './support/raw-sync-client.js'
import { materializeStoredPlan, visibleState } from './support/stored-plan.js'
import { attemptUpgrade } from './support/upgrade-attempt.js'

const JWT_SECRET = 'security-test-secret-that-only-this-file-knows'
const ALLOWED_ORIGIN = 'https://board.example.com'

describe('authentication before the upgrade, and who may write', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  const socketUrl = (query = '') => `${server.syncUrl}/${planId}${query}`
  let upgrades = 0

  /** Asserts an upgrade is refused with `status` and `code`, and that no socket opened. */
  async function expectRefused(
    url: string,
    headers: Record<string, string>,
    status: number,
    code: string,
  ) {
    const before = upgrades
    const attempt = await attemptUpgrade(url, headers)
    expect(attempt).toEqual({ status, code, opened: false })
    expect(upgrades, 'sockets the server opened').toBe(before)
  }

  async function expectOpens(url: string, headers: Record<string, string> = {}) {
    const before = upgrades
    const attempt = await attemptUpgrade(url, headers)
    expect(attempt.status).toBe(101)
    expect(attempt.opened).toBe(true)
    expect(upgrades).toBe(before + 1)
  }

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store, {
      jwtSecret: JWT_SECRET,
      allowedOrigins: [ALLOWED_ORIGIN],
    })
    planId = await createPlan(server, { skuCount: 3, periodCount: 4 })
    const app = server.app as unknown as { websocketServer: WebSocketServer }
    app.websocketServer.on('connection', () => upgrades++)
  })

  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  it('refuses a socket without a credential with 401', async () => {
    await expectRefused(socketUrl(), {}, 401, 'unauthorized')
    await expectRefused(socketUrl('?token='), {}, 401, 'unauthorized')
    await expectOpens(socketUrl(`?token=${server.tokens.viewer}`))
  })

  it('refuses forged, tampered, unsigned and garbage tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000)
    const claims = { sub: server.users.sales.id, kind: 'token', iat: now, exp: now + 3600 }
    const forged = signHs256(claims, 'some-other-secret')
    const [header, , signature] = server.tokens.sales.split('.')
    const adminClaims = { ...claims, sub: server.users.admin.id }
    const tampered = `${header}.${Buffer.from(JSON.stringify(adminClaims)).toString('base64url')}.${signature}`
    for (const token of [
      forged,
      tampered,
      unsignedToken(adminClaims),
      'not-a-token',
      `${server.tokens.sales}x`,
    ]) {
      await expectRefused(socketUrl(`?token=${encodeURIComponent(token)}`), {}, 401, 'unauthorized')
      await expectRefused(socketUrl(), { authorization: `Bearer ${token}` }, 401, 'unauthorized')
      await expectRefused(socketUrl(), { cookie: `tandem_session=${token}` }, 401, 'unauthorized')
    }
    // The same signer with the server's secret is accepted: the refusals are about the secret.
    await expectOpens(socketUrl(`?token=${signHs256(claims, JWT_SECRET)}`))
  })

  it('refuses an expired token with 401 sessionExpired', async () => {
    const now = Math.floor(Date.now() / 1000)
    const sub = server.users.sales.id
    const expired = signHs256({ sub, kind: 'token', iat: now - 7200, exp: now - 3600 }, JWT_SECRET)
    await expectRefused(socketUrl(`?token=${expired}`), {}, 401, 'sessionExpired')
    await expectRefused(socketUrl(), { cookie: `tandem_session=${expired}` }, 401, 'sessionExpired')
    const fresh = signHs256({ sub, kind: 'token', iat: now, exp: now + 60 }, JWT_SECRET)
    await expectOpens(socketUrl(`?token=${fresh}`))
  })

  it('checks the Origin: 403 for another site, the own origin and ALLOWED_ORIGINS pass', async () => {
    const url = socketUrl(`?token=${server.tokens.viewer}`)
    for (const origin of ['https://evil.example', 'null', `${server.url}.evil.example`]) {
      await expectRefused(url, { origin }, 403, 'originNotAllowed')
    }
    await expectOpens(url, { origin: server.url })
    await expectOpens(url, { origin: ALLOWED_ORIGIN })
  })

  it('refuses a disabled user with 403, on the socket and over REST', async () => {
    const user = await createUserWithToken(server.url, server.headers('admin'), {
      email: 'disabled@test.tandem',
      defaultRole: 'sales',
    })
    await expectOpens(socketUrl(`?token=${user.token}`))
    const patched = await callApi(server.url, 'PATCH', `/api/users/${user.id}`, {
      headers: server.headers('admin'),
      body: { disabled: true },
    })
    expect(patched.status).toBe(200)
    await expectRefused(socketUrl(`?token=${user.token}`), {}, 403, 'userDisabled')
    const me = await callApi(server.url, 'GET', '/api/me', {
      headers: { authorization: `Bearer ${user.token}` },
    })
    expect([me.status, me.body.code]).toEqual([403, 'userDisabled'])
    const login = await callApi(server.url, 'POST', '/api/tokens', {
      body: { email: 'disabled@test.tandem', password: user.password },
    })
    expect([login.status, login.body.code]).toEqual([403, 'userDisabled'])
  })

  it('refuses a user without access to the plan with 403, and hides the plan over REST', async () => {
    const user = await createUserWithToken(server.url, server.headers('admin'), {
      email: 'outsider@test.tandem',
      defaultRole: null,
    })
    await expectRefused(socketUrl(`?token=${user.token}`), {}, 403, 'noPlanAccess')
    const auth = { authorization: `Bearer ${user.token}` }
    const list = await callApi(server.url, 'GET', '/api/plans', { headers: auth })
    expect(list.body.plans).toEqual([])
    const one = await callApi(server.url, 'GET', `/api/plans/${planId}`, { headers: auth })
    expect(one.status).toBe(404)
    const roles = await callApi(server.url, 'GET', `/api/plans/${planId}/roles`, { headers: auth })
    expect(roles.status).toBe(403)
    const granted = await callApi(server.url, 'PUT', `/api/plans/${planId}/roles/${user.id}`, {
      headers: server.headers('planner'),
      body: { role: 'viewer' },
    })
    expect(granted.status).toBe(200)
    await expectOpens(socketUrl(`?token=${user.token}`))
  })

  it("rejects a viewer's write and keeps it out of the store", async () => {
    const before = visibleState(await materializeStoredPlan(server.store.log, planId))
    const viewer = await RawSyncClient.connect(server.syncUrl, planId, {
      token: server.tokens.viewer,
    })
    const sku = viewer.plan.listSkus()[0]
    viewer.sendUpdate(viewer.edit((plan) => plan.writeCell('demand', sku, 3, 999)))
    const verdict = await viewer.verdict(0)
    expect(verdict).toEqual({
      kind: 'rejected',
      code: 'forbiddenRole',
      closeCode: CLOSE_CODES.updateRejected,
    })
    expect(visibleState(await materializeStoredPlan(server.store.log, planId))).toBe(before)
  })

  it('answers REST without a credential with 401, and a wrong password with invalidCredentials', async () => {
    const plans = await callApi(server.url, 'GET', '/api/plans')
    expect([plans.status, plans.body.code]).toEqual([401, 'unauthorized'])
    const users = await callApi(server.url, 'GET', '/api/users', {
      headers: server.headers('planner'),
    })
    expect(users.status).toBe(403)
    for (const email of ['sales@test.tandem', 'nobody@test.tandem']) {
      const login = await callApi(server.url, 'POST', '/api/login', {
        body: { email, password: 'wrong-password' },
      })
      expect([login.status, login.body.code]).toEqual([401, 'invalidCredentials'])
      expect(login.cookies).toEqual([])
    }
  })

  it('takes JSON bodies only, so a cross-site form cannot post to the API', async () => {
    const login = await callApi(server.url, 'POST', '/api/login', {
      body: { email: 'planner@test.tandem', password: 'test-password-1' },
    })
    const session = login.cookies[0].split(';')[0]
    const body = JSON.stringify({ name: 'Forged', generator: { skuCount: 1, periodCount: 1 } })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const response = await fetch(`${server.url}/api/plans`, {
        method: 'POST',
        headers: { cookie: session, 'content-type': type, origin: 'https://evil.example' },
        body,
      })
      expect([400, 415], `${type} answered ${response.status}`).toContain(response.status)
    }
    const plans = await callApi(server.url, 'GET', '/api/plans', { headers: { cookie: session } })
    expect((plans.body.plans as { name: string }[]).map((p) => p.name)).not.toContain('Forged')
  })

  it('signs in with an httpOnly SameSite cookie that works for REST and the socket, until logout', async () => {
    const login = await callApi(server.url, 'POST', '/api/login', {
      body: { email: 'Sales@Test.Tandem ', password: 'test-password-1' },
    })
    expect(login.status).toBe(200)
    expect(login.cookies).toHaveLength(1)
    const cookie = login.cookies[0]
    expect(cookie).toMatch(/^tandem_session=[\w-]+\.[\w-]+\.[\w-]+;/)
    expect(cookie).toMatch(/; HttpOnly/i)
    expect(cookie).toMatch(/; SameSite=Lax/i)
    expect(cookie).toMatch(/; Path=\//i)
    expect(cookie).toMatch(/; Max-Age=43200/i)
    expect(JSON.stringify(login.body)).not.toMatch(/passwordHash|scrypt/)
    const session = cookie.split(';')[0]

    const me = await callApi(server.url, 'GET', '/api/me', { headers: { cookie: session } })
    expect(me.status).toBe(200)
    expect((me.body.user as { email: string }).email).toBe('sales@test.tandem')
    await expectOpens(socketUrl(), { cookie: session, origin: server.url })

    const logout = await callApi(server.url, 'POST', '/api/logout', {
      headers: { cookie: session },
    })
    expect(logout.status).toBe(204)
    expect(logout.cookies).toHaveLength(1)
    expect(logout.cookies[0]).toMatch(/^tandem_session=;/)
    expect(logout.cookies[0]).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i)
    const after = await callApi(server.url, 'GET', '/api/me')
    expect(after.status).toBe(401)
  })
})

describe('sign-in rate limit', () => {
  it('answers 429 once the configured number of attempts per minute is used', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, { loginRateLimit: 3 })
    try {
      const attempt = (password: string) =>
        callApi(server.url, 'POST', '/api/login', {
          body: { email: 'sales@test.tandem', password },
        })
      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password')).status).toBe(401)
      const limited = await attempt('test-password-1')
      expect([limited.status, limited.body.code]).toEqual([429, 'rateLimited'])
      const tokens = await callApi(server.url, 'POST', '/api/tokens', {
        body: { email: 'sales@test.tandem', password: 'test-password-1' },
      })
      expect(tokens.status).toBe(201)
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})

describe('sign-in timing', () => {
  it('takes as long for an unknown email as for a wrong password, so it does not reveal accounts', async () => {
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, { loginRateLimit: 1000 })
    const median = async (email: string) => {
      const times: number[] = []
      for (let i = 0; i < 7; i++) {
        const started = performance.now()
        const answer = await callApi(server.url, 'POST', '/api/login', {
          body: { email, password: 'wrong-password' },
        })
        times.push(performance.now() - started)
        expect(answer.body.code).toBe('invalidCredentials')
      }
      return times.sort((a, b) => a - b)[3]
    }
    try {
      const known = await median('sales@test.tandem')
      const unknown = await median('nobody-here@test.tandem')
      console.log(
        `[security] sign-in: wrong password ${known.toFixed(0)} ms, unknown email ${unknown.toFixed(0)} ms (medians)`,
      )
      // scrypt costs tens of ms: without it an unknown email answers several times faster.
      expect(unknown).toBeGreaterThan(known * 0.5)
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})

describe('clientID spoofing', () => {
  it('binds a clientID to the user who first wrote with it, across compaction and restarts', async () => {
    const temp = await tempSqliteStore()
    let server = await startTestServer(temp.store, { compactAfter: 1 })
    const planId = await createPlan(server, { skuCount: 3, periodCount: 6 })
    const compacted = 1_000_001
    const logged = 1_000_002
    const connect = (account: 'sales' | 'planner', clientId: number | undefined) =>
      RawSyncClient.connect(server.syncUrl, planId, { token: server.tokens[account], clientId })
    const writeOn = async (client: RawSyncClient, period: number, value: number) => {
      const sku = client.plan.listSkus()[0]
      const saved = client.savedCount
      client.sendUpdate(client.edit((plan) => plan.writeCell('demand', sku, period, value)))
      return client.verdict(saved)
    }
    const write = async (
      account: 'sales' | 'planner',
      clientId: number | undefined,
      period: number,
      value: number,
    ) => {
      const client = await connect(account, clientId)
      const verdict = await writeOn(client, period, value)
      client.close()
      return verdict
    }
    const stored = async () => new PlanDoc(await materializeStoredPlan(temp.store.log, planId))
    try {
      // Enough entries to force a compaction, so the binding must survive in the snapshot.
      const owner = await connect('sales', compacted)
      for (let i = 0; i < 12; i++)
        expect((await writeOn(owner, i % 4, 10 + i)).kind).toBe('accepted')
      let owners: Record<string, string> = {}
      await waitUntil(
        async () => {
          owners = (await temp.store.log.loadPlan(planId))?.clientOwners ?? {}
          return owners[String(compacted)] !== undefined
        },
        5000,
        'the compaction that records clientID owners',
      )
      owner.close()
      expect(owners[String(compacted)]).toBe(server.users.sales.id)
      expect((await write('sales', logged, 4, 20)).kind).toBe('accepted')

      const spoofs = async () => {
        for (const clientId of [compacted, logged]) {
          const verdict = await write('planner', clientId, 5, 666)
          expect(verdict).toEqual({
            kind: 'rejected',
            code: 'foreignClient',
            closeCode: CLOSE_CODES.updateRejected,
          })
        }
        const sku = (await stored()).listSkus()[0]
        expect((await stored()).readCell('demand', sku, 5)).not.toBe(666)
        // The honest owner reconnecting with its clientID still writes, and so does the
        // planner with a clientID of its own.
        expect((await write('sales', compacted, 5, 30)).kind).toBe('accepted')
        expect((await write('planner', undefined, 5, 31)).kind).toBe('accepted')
      }
      await spoofs()
      await server.close()
      server = await startTestServer(temp.store, { compactAfter: 1 })
      await spoofs()
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})

describe('secrets in logs', () => {
  it('never writes an API token to the request log, though sockets carry it as ?token=', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const temp = await tempSqliteStore()
    const server = await startTestServer(temp.store, { logger: { level: 'info', stream } })
    try {
      const planId = await createPlan(server, { skuCount: 2, periodCount: 2 })
      const token = server.tokens.viewer
      await attemptUpgrade(`${server.syncUrl}/${planId}?ext=1&token=${token}`)
      await attemptUpgrade(`${server.syncUrl}/${planId}?token=${token}&ext=1`)
      await fetch(`${server.url}/api/plans?token=${token}`)
      const log = lines.join('')
      expect(log).toContain('incoming request')
      expect(log).toContain(`/sync/${planId}`)
      expect(log).not.toContain(token)
      expect(log).not.toContain(token.split('.')[2])
    } finally {
      await server.close()
      await temp.cleanup()
    }
  })
})
