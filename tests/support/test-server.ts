import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import type { Accounts, AppDeps, FastifyInstance, Stores, UserRecord } from '@tandem/server'
import { buildApp, hashPassword, openSqliteStores } from '@tandem/server'
import type { Role } from '@tandem/shared'

/** The accounts every test server has: an admin and one user per role. */
export type TestAccount = 'admin' | Role

/** The password of every test account. */
export const TEST_PASSWORD = 'test-password-1'
let passwordHash: Promise<string> | undefined

/** A real Tandem server on a random port, with its own stores. */
export interface TestServer {
  app: FastifyInstance
  store: Stores
  /** http://127.0.0.1:port */
  url: string
  /** ws://127.0.0.1:port/sync, the base a WebsocketProvider takes. */
  syncUrl: string
  /** The seeded accounts, and an API token for each. */
  users: Record<TestAccount, UserRecord>
  tokens: Record<TestAccount, string>
  /** `Authorization` headers for an account. */
  headers(account: TestAccount): Record<string, string>
  /** Closes the app (flushing rooms); the store stays open unless `closeStore` is true. */
  close(closeStore?: boolean): Promise<void>
}

/** Creates the test accounts unless they exist. */
export async function seedTestUsers(store: Accounts): Promise<Record<TestAccount, UserRecord>> {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const hash = await passwordHash
  const accounts: TestAccount[] = ['admin', 'planner', 'sales', 'production', 'viewer']
  const users = {} as Record<TestAccount, UserRecord>
  for (const account of accounts) {
    const email = `${account}@test.tandem`
    const existing = await store.getUserByEmail(email)
    const user: UserRecord = existing ?? {
      id: randomUUID(),
      email,
      name: `${account[0].toUpperCase()}${account.slice(1)} Tester`,
      passwordHash: hash,
      isAdmin: account === 'admin',
      defaultRole: account === 'admin' ? 'planner' : account,
      disabled: false,
      createdAt: new Date().toISOString(),
      sessionVersion: 0,
    }
    if (!existing) await store.createUser(user)
    users[account] = user
  }
  return users
}

/** Asks the server for an API token with an account's credentials. */
export async function requestToken(
  url: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const response = await fetch(`${url}/api/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (response.status !== 201)
    throw new Error(`token for ${email}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

/** Fresh SQLite stores in a temp dir, removed by `cleanup`. */
export async function tempSqliteStore(): Promise<{
  store: Stores
  file: string
  cleanup: () => Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-test-'))
  const file = join(dir, 'tandem.db')
  const store = openSqliteStores(file)
  return {
    store,
    file,
    cleanup: async () => {
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Builds the app on `store` and listens on port 0 (a free port). */
export async function startTestServer(
  store: Stores,
  options: Partial<AppDeps> = {},
): Promise<TestServer> {
  const app = await buildApp({ stores: store, roomGraceMs: 50, ...options })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  const url = `http://127.0.0.1:${address.port}`
  const users = await seedTestUsers(store.accounts)
  const tokens = {} as Record<TestAccount, string>
  for (const [account, user] of Object.entries(users) as [TestAccount, UserRecord][]) {
    // Signed directly to keep set-up fast; tests/security covers POST /api/tokens itself.
    tokens[account] = app.auth.issue(user, 'token').token
  }
  return {
    app,
    store,
    url,
    users,
    tokens,
    headers: (account) => ({ authorization: `Bearer ${tokens[account]}` }),
    syncUrl: `ws://127.0.0.1:${address.port}/sync`,
    close: async (closeStore = false) => {
      await app.close()
      if (closeStore) await store.close()
    },
  }
}

/** Creates a generated plan over REST and returns its id. */
export async function createPlan(
  server: Pick<TestServer, 'url' | 'headers'>,
  generator: { skuCount?: number; periodCount?: number; seed?: number; history?: boolean } = {
    skuCount: 10,
    periodCount: 8,
  },
  id?: string,
): Promise<string> {
  const response = await fetch(`${server.url}/api/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...server.headers('planner') },
    body: JSON.stringify({ id, name: 'Test plan', generator }),
  })
  if (response.status !== 201)
    throw new Error(`create plan: ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { plan: { id: string } }
  return body.plan.id
}
