import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AppDeps, FastifyInstance, Stores } from '@tandem/server'
import { buildApp, connectRedisStores, openSqliteStores, PlanExistsError } from '@tandem/server'
import type { BenchPlan } from './bench-plan.js'
import { benchToken } from './bench-token.js'
import type { RunningServer } from './running-server.js'

/** The bench signs in as an admin through an API token, as scripts do. */
const BENCH_USER = 'bench-admin'

/** Per-socket message limit high enough that it never caps one writer's offered rate. */
const UNLIMITED_SOCKET_RATE = { perSecond: 1_000_000, burst: 1_000_000 }

/** Several instances share one Redis prefix, and sign tokens with one secret. */
export interface SharedInstance {
  prefix: string
  jwtSecret: string
}

/**
 * A Tandem app serving one plan, with validation and durable append on, as in production.
 * Only the rate limits are lifted (messages per socket, update cost per user); the bench
 * measures the server, not the policy.
 * With `shared` (Redis only), it joins the other instances of the same prefix: the first one
 * creates the plan and the bench user.
 */
export async function startTandem(
  plan: BenchPlan,
  backend: { kind: 'sqlite' } | { kind: 'redis'; url: string; shared?: SharedInstance },
  extra: Partial<AppDeps> = {},
): Promise<RunningServer & { app: FastifyInstance; store: Stores; token: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-bench-'))
  const shared = backend.kind === 'redis' ? backend.shared : undefined
  const store: Stores =
    backend.kind === 'sqlite'
      ? openSqliteStores(join(dir, 'tandem.db'))
      : await connectRedisStores(backend.url, {
          prefix: shared?.prefix ?? `bench-${process.pid}-${Date.now()}`,
        })
  try {
    await store.log.createPlan(plan.record, plan.snapshot)
  } catch (error) {
    if (!(shared && error instanceof PlanExistsError)) throw error
  }
  if (!shared || !(await store.accounts.getUser(BENCH_USER)))
    await store.accounts.createUser({
      id: BENCH_USER,
      email: `${BENCH_USER}@bench.local`,
      name: 'Bench',
      passwordHash: 'unused',
      isAdmin: true,
      defaultRole: 'planner',
      disabled: false,
      createdAt: new Date().toISOString(),
      sessionVersion: 0,
    })
  const jwtSecret = shared?.jwtSecret ?? randomBytes(32).toString('base64url')
  const app = await buildApp({
    stores: store,
    jwtSecret,
    socketRate: UNLIMITED_SOCKET_RATE,
    // Every bench writer is the one bench user: its per-user update budget would cap them all.
    updateBudget: { cellsPerSecond: 0, bytesPerSecond: 0 },
    // Every bench client is one user on one address, unlike the peers' real load.
    socketCaps: { perUser: 0, perUserPlan: 0 },
    maxPendingPerAddress: 0,
    ...extra,
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    app,
    store,
    token: benchToken(jwtSecret, BENCH_USER),
    port: address.port,
    rooms: () => app.rooms.size,
    stop: async () => {
      await app.close()
      await store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
