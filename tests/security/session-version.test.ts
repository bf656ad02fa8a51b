import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLOSE_CODES } from '@tandem/shared'
import { connectRedisStores } from '@tandem/server'
import { startRedisServer } from '../support/redis-server.js'
import type { TestServer } from '../support/test-server.js'
import { createPlan, startTestServer, tempSqliteStore } from '../support/test-server.js'
import { callApi, createUserWithToken } from './support/http.js'
import { RawSyncClient, withTimeout } from './support/raw-sync-client.js'
import { attemptUpgrade } from './support/upgrade-attempt.js'

/** Signs in over REST and returns the `name=value` of the session cookie. */
async function signIn(url: string, email: string, password: string): Promise<string> {
  const login = await callApi(url, 'POST', '/api/login', { body: { email, password } })
  if (login.status !== 200) throw new Error(`login ${email}: ${login.status}`)
  return login.cookies[0].split(';')[0]
}

describe('tokens carry a session version that logout and password changes bump', () => {
  let server: TestServer
  let cleanup: () => Promise<void>
  let planId: string
  let users = 0

  beforeAll(async () => {
    const temp = await tempSqliteStore()
    cleanup = temp.cleanup
    server = await startTestServer(temp.store)
    planId = await createPlan(server, { skuCount: 2, periodCount: 4 })
  })
  afterAll(async () => {
    await server.close()
    await cleanup()
  })

  const newUser = () =>
    createUserWithToken(server.url, server.headers('admin'), {
      email: `session-${++users}@test.tandem`,
      defaultRole: 'sales',
    })
  const me = (headers: Record<string, string>) => callApi(server.url, 'GET', '/api/me', { headers })
  const upgrade = (token: string) => attemptUpgrade(`${server.syncUrl}/${planId}?token=${token}`)

  it('refuses every older cookie and API token after a logout, on REST and the socket', async () => {
    const user = await newUser()
    const email = `session-${users}@test.tandem`
    const browserA = await signIn(server.url, email, user.password)
    const browserB = await signIn(server.url, email, user.password)
    const socket = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
    const cookieSocket = await RawSyncClient.connect(server.syncUrl, planId, {
      headers: { cookie: browserB, origin: server.url },
    })
    expect((await me({ cookie: browserA })).status).toBe(200)

    const logout = await callApi(server.url, 'POST', '/api/logout', {
      headers: { cookie: browserA },
    })
    expect(logout.status).toBe(204)
    const closes = await withTimeout(
      Promise.all([socket.closed, cookieSocket.closed]),
      5000,
      'the sockets of the ended sessions to close',
    )
    expect(closes.map((close) => close.code)).toEqual([
      CLOSE_CODES.unauthorized,
      CLOSE_CODES.unauthorized,
    ])
    for (const headers of <Record<string, string>[]>[
      { cookie: browserA },
      { cookie: browserB },
      { authorization: `Bearer ${user.token}` },
    ]) {
      const answer = await me(headers)
      expect([answer.status, answer.body.code]).toEqual([401, 'sessionExpired'])
      expect(answer.body.message).toMatch(/sign-out or a password change/)
    }
    expect(await upgrade(user.token)).toMatchObject({ opened: false, status: 401 })
    const cookieUpgrade = await attemptUpgrade(`${server.syncUrl}/${planId}`, {
      cookie: browserB,
      origin: server.url,
    })
    expect(cookieUpgrade).toMatchObject({ opened: false, status: 401 })

    // Signing in again gives a session of the new version, which works.
    const fresh = await signIn(server.url, email, user.password)
    expect((await me({ cookie: fresh })).status).toBe(200)
    expect(await attemptUpgrade(`${server.syncUrl}/${planId}`, { cookie: fresh })).toMatchObject({
      opened: true,
    })
  })

  it('changes the password with clear refusals, keeps this browser signed in and ends the rest', async () => {
    const user = await newUser()
    const email = `session-${users}@test.tandem`
    const here = await signIn(server.url, email, user.password)
    const elsewhere = await signIn(server.url, email, user.password)
    const socket = await RawSyncClient.connect(server.syncUrl, planId, { token: user.token })
    const change = (body: unknown, headers: Record<string, string> = { cookie: here }) =>
      callApi(server.url, 'POST', '/api/me/password', { headers, body })

    const wrong = await change({
      currentPassword: 'not-it-at-all',
      newPassword: 'a-new-password-2',
    })
    expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([
      401,
      'invalidCredentials',
      'currentPassword',
    ])
    expect(wrong.body.message).toBe('The current password is wrong')
    const short = await change({ currentPassword: user.password, newPassword: 'short' })
    expect([short.status, short.body.code]).toEqual([400, 'badRequest'])
    expect(short.body.message).toMatch(/newPassword must NOT have fewer than 8 characters/)
    const same = await change({ currentPassword: user.password, newPassword: user.password })
    expect([same.status, same.body.field]).toEqual([400, 'newPassword'])
    expect(same.body.message).toBe('The new password must differ from the current one')
    // The refusals ended nothing.
    expect((await me({ cookie: elsewhere })).status).toBe(200)
    expect(socket.closeEvent).toBeUndefined()

    const changed = await change({
      currentPassword: user.password,
      newPassword: 'a-new-password-2',
    })
    expect(changed.status).toBe(200)
    expect(changed.body.token).toBeUndefined()
    const reissued = changed.cookies[0].split(';')[0]
    expect(reissued).toMatch(/^tandem_session=[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(reissued).not.toBe(here)
    expect((await me({ cookie: reissued })).status).toBe(200)
    for (const headers of <Record<string, string>[]>[
      { cookie: here },
      { cookie: elsewhere },
      { authorization: `Bearer ${user.token}` },
    ]) {
      expect((await me(headers)).status).toBe(401)
    }
    const close = await withTimeout(socket.closed, 5000, 'the token socket to close')
    expect(close.code).toBe(CLOSE_CODES.unauthorized)
    expect(await upgrade(user.token)).toMatchObject({ opened: false, status: 401 })

    const oldLogin = await callApi(server.url, 'POST', '/api/login', {
      body: { email, password: user.password },
    })
    expect(oldLogin.status).toBe(401)
    expect(await signIn(server.url, email, 'a-new-password-2')).toMatch(/^tandem_session=/)
  })

  it('gives a token caller a new token, and an admin reset ends the user’s tokens', async () => {
    const user = await newUser()
    const changed = await callApi(server.url, 'POST', '/api/me/password', {
      headers: { authorization: `Bearer ${user.token}` },
      body: { currentPassword: user.password, newPassword: 'token-new-password' },
    })
    expect(changed.status).toBe(200)
    expect(changed.cookies).toEqual([])
    const token = changed.body.token as string
    expect((await me({ authorization: `Bearer ${user.token}` })).status).toBe(401)
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200)
    expect(await upgrade(token)).toMatchObject({ opened: true })

    const reset = await callApi(server.url, 'PATCH', `/api/users/${user.id}`, {
      headers: server.headers('admin'),
      body: { password: 'admin-chosen-password' },
    })
    expect(reset.status).toBe(200)
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401)
    // Other users' tokens are untouched.
    expect((await me(server.headers('sales'))).status).toBe(200)
  })
})

describe('a logout on one instance ends the session on another (shared Redis store)', () => {
  it('closes the socket on the other instance with 4401 and refuses the token there', async () => {
    const redis = await startRedisServer()
    const prefix = `session-${Date.now()}`
    const storeA = await connectRedisStores(redis.url, { prefix })
    const storeB = await connectRedisStores(redis.url, { prefix })
    const a = await startTestServer(storeA)
    const b = await startTestServer(storeB)
    try {
      const planId = await createPlan(a, { skuCount: 2, periodCount: 4 })
      const user = await createUserWithToken(a.url, a.headers('admin'), {
        email: 'instances@test.tandem',
        defaultRole: 'sales',
      })
      const client = await RawSyncClient.connect(b.syncUrl, planId, { token: user.token })
      const logout = await callApi(a.url, 'POST', '/api/logout', {
        headers: { authorization: `Bearer ${user.token}` },
      })
      expect(logout.status).toBe(204)
      const close = await withTimeout(client.closed, 5000, 'the close on the other instance')
      expect(close.code).toBe(CLOSE_CODES.unauthorized)
      const onB = await callApi(b.url, 'GET', '/api/me', {
        headers: { authorization: `Bearer ${user.token}` },
      })
      expect(onB.status).toBe(401)
    } finally {
      await a.close(true)
      await b.close(true)
      await redis.stop()
    }
  })
})
